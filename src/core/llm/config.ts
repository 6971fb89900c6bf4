import { z } from 'zod';
import { STRUCTURED_OUTPUT_MODES } from './openai/structured-output-mode';
import { ROLES } from './provider';

export const DEFAULT_CHAT_MODEL = 'qwen2.5-coder:7b';
export const DEFAULT_EMBED_MODEL = 'nomic-embed-text';
/** Used without being declared: Ollama at OLLAMA_HOST or its default address. */
export const IMPLICIT_OLLAMA = 'ollama';

const reliability = {
  firstTokenTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(120_000)
    .describe('Milliseconds to wait for the first token; includes loading the model, which can take a minute on a cold start.'),
  answerTimeoutMs: z.number().int().positive().default(600_000).describe('Milliseconds for the whole answer.'),
  retries: z.number().int().min(0).max(5).default(2).describe('Further tries after a connection error, a 5xx or 429 status, or a dropped stream.'),
};

const OllamaProviderConfig = z
  .object({
    type: z.literal('ollama'),
    host: z.string().min(1).optional().describe('Ollama address (host, host:port or URL). OLLAMA_HOST, when set, wins. Default http://127.0.0.1:11434.'),
    keepAlive: z.union([z.string(), z.number()]).default('10m').describe('How long Ollama keeps the model loaded after a call ("10m", "1h", seconds; -1 keeps it).'),
    ...reliability,
  })
  .strict();

const OpenAiProviderConfig = z
  .object({
    type: z.literal('openai'),
    baseURL: z.url({ protocol: /^https?$/ }).describe('OpenAI-compatible endpoint, e.g. http://127.0.0.1:1234/v1 (LM Studio) or http://127.0.0.1:8000/v1 (vLLM).'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
      .optional()
      .describe('Environment variable holding the API key for the CLI. In VS Code run "Omni: Set API Key". Never put the key itself here.'),
    structuredOutput: z.enum(STRUCTURED_OUTPUT_MODES).default('json_schema').describe('How the server takes the answer schema: json_schema, json_object, or none (schema in the prompt only).'),
    local: z.boolean().optional().describe('Whether prompts stay on this machine (default: true for a loopback address). Secrets are redacted before prompts go to non-local providers.'),
    ...reliability,
  })
  .strict();

const VsCodeLmProviderConfig = z
  .object({
    type: z.literal('vscode-lm'),
    vendor: z.string().optional().describe('Model vendor for vscode.lm.selectChatModels, e.g. "copilot".'),
    family: z.string().optional().describe('Model family, e.g. "gpt-4o".'),
    ...reliability,
  })
  .strict();

/** The `ollama` provider's settings when the config does not declare it. */
export function implicitOllama(): ProviderConfig {
  return OllamaProviderConfig.parse({ type: 'ollama' });
}

export const ProviderConfig = z.discriminatedUnion('type', [OllamaProviderConfig, OpenAiProviderConfig, VsCodeLmProviderConfig]);
export type ProviderConfig = z.output<typeof ProviderConfig>;

/** One model name for every provider in the chain, or one per provider id. */
const ModelChoice = z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]);
export type ModelChoice = z.output<typeof ModelChoice>;

const roleModels = Object.fromEntries(
  ROLES.filter((role) => role !== 'embed').map((role) => [role, ModelChoice.optional().describe(`Model for the ${role} (default: "default").`)]),
) as Record<Exclude<(typeof ROLES)[number], 'embed'>, z.ZodOptional<typeof ModelChoice>>;

export const ProvidersSection = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as "lmstudio"'), ProviderConfig)
  .default({})
  .describe(`Model providers by id. "${IMPLICIT_OLLAMA}" (Ollama at OLLAMA_HOST or http://127.0.0.1:11434) exists without being declared.`);

export const ModelsSection = z
  .object({
    chain: z.array(z.string().min(1)).min(1).default([IMPLICIT_OLLAMA]).describe('Provider ids to try in order; when one is down or times out, the next answers.'),
    default: ModelChoice.default(DEFAULT_CHAT_MODEL).describe('Model for every role without its own; a name, or { "<provider id>": "<model>" }.'),
    ...roleModels,
    embed: ModelChoice.default(DEFAULT_EMBED_MODEL).describe('Embedding model for retrieval.'),
    repairRounds: z.number().int().min(0).max(5).default(2).describe('Times an answer that fails its schema is sent back with the errors.'),
    healthTtlSeconds: z.number().int().min(0).default(30).describe('How long a provider found down is skipped before it is asked again.'),
  })
  .strict()
  .prefault({})
  .describe('Models per role and the provider fallback chain.');
export type ModelsSection = z.output<typeof ModelsSection>;

/** The chain and per-provider model names may only name providers that exist. */
export function checkModelReferences(config: { providers: Record<string, ProviderConfig>; models: ModelsSection }, context: z.RefinementCtx): void {
  const known = (id: string) => id === IMPLICIT_OLLAMA || id in config.providers;
  config.models.chain.forEach((id, index) => {
    if (!known(id)) context.addIssue({ code: 'custom', path: ['models', 'chain', index], message: `no provider "${id}" (declare it under "providers")` });
  });
  for (const [role, choice] of Object.entries(config.models)) {
    if (!choice || typeof choice !== 'object' || Array.isArray(choice)) continue;
    for (const id of Object.keys(choice)) {
      if (!known(id)) context.addIssue({ code: 'custom', path: ['models', role, id], message: `no provider "${id}" (declare it under "providers")` });
    }
  }
}
