import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/core/config/schema';
import { providerProblem } from '../../../src/core/llm/provider-problem';
import { startOllamaServer, type ScriptedOllama } from '../../support/ollama-server';

let server: ScriptedOllama | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function problemFor(model: string): Promise<string | undefined> {
  server ??= await startOllamaServer({ models: [{ name: 'llama3.1:latest' }, { name: 'qwen2.5-coder:7b' }] });
  const config = ConfigSchema.parse({ providers: { ollama: { type: 'ollama', host: server.url, retries: 0 } }, models: { default: model } });
  return providerProblem(config, { fetch: globalThis.fetch, env: {} }, new AbortController().signal);
}

describe('whether a spec can be drafted before the pipeline starts', () => {
  it('is fine when Ollama has the model, "latest" being the tag a bare name means', async () => {
    expect(await problemFor('qwen2.5-coder:7b')).toBeUndefined();
    expect(await problemFor('llama3.1')).toBeUndefined();
  });

  it('names a model Ollama does not have, with the pull command and the models it has', async () => {
    const problem = await problemFor('qwen2.5-coder:14b');
    expect(problem).toBe(
      'No model can draft the spec yet:\n  - ollama (qwen2.5-coder:14b): the server is up, but model "qwen2.5-coder:14b" is not installed: pull it with `ollama pull qwen2.5-coder:14b`; or use one it has (llama3.1:latest, qwen2.5-coder:7b) as "models.default" in .omni/config.json, or the omni.models.default setting',
    );
  });
});
