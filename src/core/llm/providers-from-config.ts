import type { OmniConfig } from '../config/schema';
import { IMPLICIT_OLLAMA, implicitOllama, type ModelChoice, type ProviderConfig } from './config';
import { FallbackChain, type Candidate } from './fallback';
import type { HealthCache } from './health-cache';
import { parseOllamaHost } from './ollama/host';
import { OllamaProvider } from './ollama/ollama-provider';
import { OpenAiProvider } from './openai/openai-provider';
import type { ChatProvider, Role } from './provider';
import type { FetchPort } from './provider/fetch-port';
import { DEFAULT_RETRY } from './retry';
import { UnavailableProvider } from './unavailable-provider';

/** What a host (CLI, extension) lends the model layer. */
export interface LlmHost {
  fetch: FetchPort;
  /** Environment variables: OLLAMA_HOST and the API keys named by `apiKeyEnv`. */
  env: Readonly<Record<string, string | undefined>>;
  /** The editor's stored key for a provider (SecretStorage); consulted before `apiKeyEnv`. */
  secretKey?: (providerId: string) => Promise<string | undefined>;
  /** Builds a `vscode-lm` provider; only the extension can. */
  vscodeLm?: (id: string, config: Extract<ProviderConfig, { type: 'vscode-lm' }>) => ChatProvider;
}

export interface ConfiguredProvider {
  id: string;
  type: ProviderConfig['type'];
  /** Where it is reached, for listings and messages. */
  endpoint: string;
  provider: ChatProvider;
}

/** The declared providers plus the implicit `ollama`, each ready to call. Throws OllamaHostError for a bad host. */
export async function providersFromConfig(config: OmniConfig, host: LlmHost): Promise<ConfiguredProvider[]> {
  const declared: Array<[string, ProviderConfig]> = Object.entries(config.providers);
  if (!(IMPLICIT_OLLAMA in config.providers)) declared.unshift([IMPLICIT_OLLAMA, implicitOllama()]);
  return Promise.all(declared.map(([id, settings]) => build(id, settings, host)));
}

async function build(id: string, settings: ProviderConfig, host: LlmHost): Promise<ConfiguredProvider> {
  switch (settings.type) {
    case 'ollama': {
      // OLLAMA_HOST wins over the project file: it is this machine's setting, as for Ollama's own tools.
      const fromEnv = host.env.OLLAMA_HOST?.trim();
      const url = fromEnv ? parseOllamaHost(fromEnv) : parseOllamaHost(settings.host, `providers.${id}.host`);
      const timeouts = { firstTokenMs: settings.firstTokenTimeoutMs, totalMs: settings.answerTimeoutMs };
      return { id, type: 'ollama', endpoint: url, provider: new OllamaProvider({ id, url, fetch: host.fetch, timeouts, keepAlive: settings.keepAlive }) };
    }
    case 'openai': {
      const apiKey = (await host.secretKey?.(id)) ?? (settings.apiKeyEnv ? host.env[settings.apiKeyEnv] : undefined);
      const provider = new OpenAiProvider({
        id,
        baseURL: settings.baseURL,
        fetch: host.fetch,
        timeouts: { firstTokenMs: settings.firstTokenTimeoutMs, totalMs: settings.answerTimeoutMs },
        structuredOutput: settings.structuredOutput,
        ...(apiKey ? { apiKey } : {}),
        ...(settings.local !== undefined ? { local: settings.local } : {}),
      });
      return { id, type: 'openai', endpoint: settings.baseURL, provider };
    }
    case 'vscode-lm': {
      const provider = host.vscodeLm?.(id, settings) ?? new UnavailableProvider(id, "VS Code's language models can only be used inside VS Code");
      return { id, type: 'vscode-lm', endpoint: 'vscode.lm', provider };
    }
  }
}

/** The model `role` uses on `providerId`: the role's own choice, else `default`; undefined when neither names one for it. */
export function modelFor(config: OmniConfig, role: Role, providerId: string): string | undefined {
  const pick = (choice: ModelChoice | undefined) => (typeof choice === 'string' ? choice : choice?.[providerId]);
  const models = config.models;
  return role === 'embed' ? pick(models.embed) : (pick(models[role]) ?? pick(models.default));
}

export interface RouteOverrides {
  /** Use only this provider (`--provider`). */
  provider?: string;
  /** Use this model on every provider (`--model`). */
  model?: string;
}

/** The fallback chain for `role`: the configured chain (or the one provider asked for), each with its model. */
export function routeFor(config: OmniConfig, providers: readonly ConfiguredProvider[], role: Role, overrides: RouteOverrides = {}, health?: HealthCache): FallbackChain {
  const ids = overrides.provider ? [overrides.provider] : config.models.chain;
  const candidates: Candidate[] = ids.flatMap((id) => {
    const configured = providers.find((entry) => entry.id === id);
    const model = overrides.model ?? modelFor(config, role, id);
    if (!configured || !model) return [];
    const { retries } = config.providers[id] ?? implicitOllama();
    return [{ provider: configured.provider, model, retry: { ...DEFAULT_RETRY, retries } }];
  });
  return new FallbackChain(candidates, { healthTtlMs: config.models.healthTtlSeconds * 1000, ...(health ? { health } : {}) });
}
