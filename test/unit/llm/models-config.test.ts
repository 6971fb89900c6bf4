import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/core/config/json-schema';
import { ConfigError, parseConfig } from '../../../src/core/config/load';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import { modelFor, providersFromConfig, routeFor } from '../../../src/core/llm/providers-from-config';

const host = { fetch: globalThis.fetch, env: {} };

describe('models and providers in .omni/config.json', () => {
  it('defaults to the implicit Ollama provider and one model for every role', async () => {
    expect(DEFAULT_CONFIG.models).toMatchObject({ chain: ['ollama'], default: 'qwen2.5-coder:7b', embed: 'nomic-embed-text', repairRounds: 2 });
    const providers = await providersFromConfig(DEFAULT_CONFIG, host);
    expect(providers.map((entry) => [entry.id, entry.type, entry.endpoint])).toEqual([['ollama', 'ollama', 'http://127.0.0.1:11434']]);
    expect(modelFor(DEFAULT_CONFIG, 'reviewer', 'ollama')).toBe('qwen2.5-coder:7b');
  });

  it('builds the chain per role, with a model per provider, an API key from the named variable, and OLLAMA_HOST first', async () => {
    const config = parseConfig(
      'config.json',
      JSON.stringify({
        providers: { ollama: { type: 'ollama', host: 'gpu-box' }, lmstudio: { type: 'openai', baseURL: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMSTUDIO_KEY' } },
        models: { chain: ['lmstudio', 'ollama'], architect: { ollama: 'qwen2.5-coder:32b', lmstudio: 'qwen2.5-coder-32b-instruct' } },
      }),
    );
    const providers = await providersFromConfig(config, { ...host, env: { OLLAMA_HOST: ':9999', LMSTUDIO_KEY: 'k' } });
    expect(providers.find((entry) => entry.id === 'ollama')?.endpoint).toBe('http://127.0.0.1:9999');
    const chain = routeFor(config, providers, 'architect');
    expect(chain.candidates.map((candidate) => [candidate.provider.id, candidate.model])).toEqual([
      ['lmstudio', 'qwen2.5-coder-32b-instruct'],
      ['ollama', 'qwen2.5-coder:32b'],
    ]);
    expect(routeFor(config, providers, 'tester', { provider: 'ollama', model: 'llama3.2' }).candidates.map((candidate) => candidate.model)).toEqual(['llama3.2']);
    const fromFile = await providersFromConfig(config, host);
    expect(fromFile.find((entry) => entry.id === 'ollama')?.endpoint).toBe('http://gpu-box:11434');
  });

  it('takes a price table and a run budget, and points at a bad price', () => {
    const config = parseConfig(
      'config.json',
      JSON.stringify({ prices: { hosted: { 'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 } } }, budget: { maxCostUsd: 0.5 } }),
    );
    expect(config.prices.hosted?.['gpt-4o']?.outputPerMillion).toBe(10);
    expect(config.budget).toMatchObject({ maxCostUsd: 0.5, reserveOutputTokens: 1024 });
    expect(DEFAULT_CONFIG.prices).toEqual({});
    expect(() => parseConfig('config.json', '{\n  "prices": { "hosted": { "*": { "inputPerMillion": -1, "outputPerMillion": 0 } } }\n}')).toThrow(/config\.json:2.*inputPerMillion/s);
    const properties = (configJsonSchema() as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(['prices', 'budget']));
  });

  it('points at the exact key of a chain or model naming an unknown provider, and refuses an API key field', () => {
    const text = '{\n  "models": {\n    "chain": ["ollama", "lm-studio"],\n    "reviewer": { "vllm": "x" }\n  }\n}';
    let error: unknown;
    try {
      parseConfig('c.json', text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('c.json:3:25: models.chain.1: no provider "lm-studio" (declare it under "providers")\nc.json:4:27: models.reviewer.vllm: no provider "vllm" (declare it under "providers")');
    expect(() => parseConfig('c.json', '{"providers": {"x": {"type": "openai", "baseURL": "https://api.example.com/v1", "apiKey": "sk-1"}}}')).toThrow(/providers\.x\.apiKey: unknown key/);
  });

  it('ships the models section, with descriptions, in the generated JSON schema', () => {
    const schema = configJsonSchema() as { properties: { models: { properties: Record<string, { description?: string }> }; providers: { description?: string } } };
    expect(Object.keys(schema.properties.models.properties)).toEqual(expect.arrayContaining(['chain', 'default', 'architect', 'threatModeler', 'embed', 'repairRounds']));
    expect(schema.properties.models.properties.chain?.description).toMatch(/in order/);
    expect(schema.properties.providers.description).toMatch(/OLLAMA_HOST/);
  });
});
