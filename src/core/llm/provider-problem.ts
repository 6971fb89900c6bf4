import type { OmniConfig } from '../config/schema';
import { NoProviderError } from './fallback';
import { OllamaHostError } from './ollama/host';
import { OllamaProvider } from './ollama/ollama-provider';
import { type Attempt, LlmError } from './provider';
import { type LlmHost, providersFromConfig, routeFor } from './providers-from-config';

/**
 * Why no spec can be drafted right now (no provider configured, or none of the Architect's answers
 * its health check), with the setup steps; undefined when one answers. Asked before a spec folder
 * exists, so a missing Ollama never leaves a failed spec behind.
 */
export async function providerProblem(config: OmniConfig, host: LlmHost, signal: AbortSignal): Promise<string | undefined> {
  let route;
  try {
    route = routeFor(config, await providersFromConfig(config, host), 'architect');
  } catch (error) {
    if (error instanceof OllamaHostError) return error.message;
    throw error;
  }
  const attempts: Attempt[] = [];
  const lines: string[] = [];
  let modelMissing = false;
  for (const { provider, model } of route.candidates) {
    const health = await provider.health(signal);
    if (!health.ok) {
      attempts.push({ provider: provider.id, model, outcome: 'skipped', error: new LlmError('unreachable', health.reason, provider.id) });
      lines.push(`  - ${provider.id} (${model}): down: ${health.reason}`);
      continue;
    }
    const missing = provider instanceof OllamaProvider ? await missingModel(provider, model, signal) : undefined;
    if (missing === undefined) return undefined;
    modelMissing = true;
    lines.push(`  - ${provider.id} (${model}): the server is up, but ${missing}`);
  }
  // With a server up, installing Ollama is not the advice: the model is what is missing.
  return modelMissing ? ['No model can draft the spec yet:', ...lines].join('\n') : new NoProviderError(attempts).message;
}

/**
 * Ollama answers a chat for a model it does not have with a 404 only once the pipeline has begun;
 * its model list says so up front, with the models it does have. Undefined when the model is there
 * or the list cannot be read (the chat will then say what is wrong).
 */
async function missingModel(provider: OllamaProvider, model: string, signal: AbortSignal): Promise<string | undefined> {
  const installed = await provider.installedModels(signal).catch(() => undefined);
  if (installed === undefined || installed.some((name) => sameModel(name, model))) return undefined;
  const others = installed.length > 0 ? `; or use one it has (${installed.slice(0, 5).join(', ')}${installed.length > 5 ? ', ...' : ''}) as "models.default" in .omni/config.json, or the omni.models.default setting` : '';
  return `model "${model}" is not installed: pull it with \`ollama pull ${model}\`${others}`;
}

/** Ollama's names: "llama3.1" is "llama3.1:latest". */
function sameModel(installed: string, wanted: string): boolean {
  const tagged = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return tagged(installed) === tagged(wanted);
}
