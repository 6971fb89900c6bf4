import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDist } from '../../support/dist';
import { omni, project } from '../../support/cli';
import { refusedUrl, startOllamaServer, type ScriptedOllama } from '../../support/ollama-server';
import { startOpenAiServer, type ScriptedOpenAi } from '../../support/openai-server';

let ollama: ScriptedOllama;
let lmstudio: ScriptedOpenAi;
const savedHost = process.env.OLLAMA_HOST;

beforeAll(async () => {
  ollama = await startOllamaServer({ models: [{ name: 'qwen2.5-coder:7b', contextLength: 32768 }, { name: 'nomic-embed-text', contextLength: 2048, architecture: 'nomic-bert' }] });
  lmstudio = await startOpenAiServer({ models: [{ name: 'qwen2.5-coder-14b-instruct' }] });
});

afterAll(async () => {
  await Promise.all([ollama.close(), lmstudio.close()]);
});

afterEach(() => {
  if (savedHost === undefined) delete process.env.OLLAMA_HOST;
  else process.env.OLLAMA_HOST = savedHost;
});

function config(value: unknown): Promise<string> {
  return project({ '.omni/config.json': JSON.stringify(value, null, 2) });
}

describe('omni models', () => {
  it('lists each provider, whether it answers, its models and each role, reaching Ollama through OLLAMA_HOST', async () => {
    process.env.OLLAMA_HOST = ollama.url.replace('http://', '');
    const root = await config({
      providers: { lmstudio: { type: 'openai', baseURL: lmstudio.baseURL } },
      models: { chain: ['ollama', 'lmstudio'], default: { ollama: 'qwen2.5-coder:7b', lmstudio: 'qwen2.5-coder-14b-instruct' }, tester: 'llama3.2' },
    });
    const run = await omni(['models'], root);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ollama  ollama  ${ollama.url}  answers (version 0.12.0)\n  qwen2.5-coder:7b  context 32768\n  nomic-embed-text  context 2048\n`);
    expect(run.stdout).toContain(`lmstudio  openai  ${lmstudio.baseURL}  answers\n  qwen2.5-coder-14b-instruct\n`);
    expect(run.stdout).toContain('chain: ollama -> lmstudio');
    expect(run.stdout).toMatch(/ architect +ollama: qwen2\.5-coder:7b, lmstudio: qwen2\.5-coder-14b-instruct\n/);
    expect(run.stdout).toMatch(/ tester +ollama: llama3\.2 \(not installed: ollama pull llama3\.2\), lmstudio: llama3\.2 \(not installed\)\n/);
  });

  it('prints JSON for one provider with --provider and --format json', async () => {
    process.env.OLLAMA_HOST = ollama.url;
    const run = await omni(['models', '--provider', 'ollama', '--format', 'json'], await config({}));

    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { chain: string[]; providers: Array<{ id: string; health: { ok: boolean }; models: Array<{ name: string }> }>; roles: Record<string, Record<string, string>> };
    expect(parsed.chain).toEqual(['ollama']);
    expect(parsed.providers.map((entry) => [entry.id, entry.health.ok, entry.models.length])).toEqual([['ollama', true, 2]]);
    expect(parsed.roles.embed).toEqual({ ollama: 'nomic-embed-text' });
  });

  it('exits 1 with one message saying what was tried and how to start Ollama when nothing answers', async () => {
    process.env.OLLAMA_HOST = await refusedUrl();
    const run = await omni(['models'], await config({}));

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('does not answer: cannot reach ollama');
    expect(run.stderr).toMatch(/^omni: No model answered\. Tried:\n {2}- ollama \(qwen2\.5-coder:7b\): skipped, down: cannot reach ollama at http:\/\/127\.0\.0\.1:\d+ \(connection refused: is it running\?\)\n/);
    expect(run.stderr).toContain('`ollama serve`');
    expect(run.stderr).toContain('`ollama pull qwen2.5-coder:7b`');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('checks --model and says how to pull it', async () => {
    process.env.OLLAMA_HOST = ollama.url;
    const run = await omni(['models', '--model', 'deepseek-r1:8b'], await config({}));

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('omni: no provider that answers has "deepseek-r1:8b"; pull it with `ollama pull deepseek-r1:8b`\n');
  });

  it('rejects an unknown --provider, a bad OLLAMA_HOST and a chain naming no provider, with exit 2', async () => {
    process.env.OLLAMA_HOST = ollama.url;
    const unknown = await omni(['models', '--provider', 'lmstudio'], await config({}));
    expect(unknown).toMatchObject({ code: 2, stderr: 'omni: no provider "lmstudio"; configured: ollama\n' });

    process.env.OLLAMA_HOST = 'localhost:port';
    const badHost = await omni(['models'], await config({}));
    expect(badHost).toMatchObject({ code: 2, stderr: 'omni: OLLAMA_HOST="localhost:port": "port" is not a port number\n' });

    const badChain = await omni(['models'], await config({ models: { chain: ['ollama', 'lm-studio'] } }));
    expect(badChain.code).toBe(2);
    expect(badChain.stderr).toMatch(/config\.json:\d+:\d+: models\.chain\.1: no provider "lm-studio" \(declare it under "providers"\)/);
  });

  it('stops at once on Ctrl-C: the request in flight is dropped and the exit code is 130', async () => {
    // A host that accepts the connection and never answers: without the interrupt, the probe waits out its timeout.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const connected = once(silent, 'connection');
    try {
      const root = await config({});
      const child = spawn(process.execPath, [join(testDist(), 'cli.js'), 'models'], {
        cwd: root,
        env: { ...process.env, OLLAMA_HOST: `127.0.0.1:${(silent.address() as AddressInfo).port}`, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = once(child, 'exit');
      const [socket] = (await connected) as [Socket];
      // Flowing, so the client's close is seen.
      socket.resume();
      const dropped = once(socket, 'close');
      child.kill('SIGINT');
      const [code, signal] = (await exited) as [number | null, string | null];
      await dropped;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stderr).toBe('omni: interrupted\n');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
