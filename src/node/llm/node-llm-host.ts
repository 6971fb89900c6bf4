import type { LlmHost } from '../../core/llm/providers-from-config';

/** The model layer's ports in a plain Node process (the CLI): Node's fetch and the process environment. */
export function nodeLlmHost(env: NodeJS.ProcessEnv = process.env): LlmHost {
  return { fetch: globalThis.fetch, env };
}
