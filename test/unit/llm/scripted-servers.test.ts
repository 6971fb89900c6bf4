import { Ollama } from 'ollama/browser';
import { describe, expect, it } from 'vitest';
import { startOllamaServer } from '../../support/ollama-server';

describe('the scripted Ollama server, seen by the real client', () => {
  it('streams /api/generate as NDJSON and answers /api/tags, /api/show and /api/version', async () => {
    const server = await startOllamaServer({ models: [{ name: 'llama3.2', contextLength: 131072, architecture: 'llama' }], turns: [{ reply: 'Hello there', chunks: 2 }], version: '0.9.9' });
    try {
      const client = new Ollama({ host: server.url });
      const parts: string[] = [];
      for await (const part of await client.generate({ model: 'llama3.2', prompt: 'hi', stream: true })) parts.push(part.response ?? '');

      expect(parts).toEqual(['Hello ', 'there', '']);
      expect((await client.list()).models.map((model) => model.name)).toEqual(['llama3.2']);
      expect((await client.show({ model: 'llama3.2' })).model_info).toEqual({ 'general.architecture': 'llama', 'llama.context_length': 131072 });
      expect(await client.version()).toEqual({ version: '0.9.9' });
      expect(server.server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/generate', 'GET /api/tags', 'POST /api/show', 'GET /api/version']);
    } finally {
      await server.close();
    }
  });

  it('answers 500 naming the problem when a test sends more chat requests than its script has turns', async () => {
    const server = await startOllamaServer({ turns: [] });
    try {
      await expect(new Ollama({ host: server.url }).chat({ model: 'qwen2.5-coder:7b', messages: [] })).rejects.toThrow('the test script has no turn left for this request');
    } finally {
      await server.close();
    }
  });
});
