import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { PipelineLlm } from '../../../src/core/agents/pipeline-llm';
import type { SpecWorkspace } from '../../../src/core/agents/spec-workspace';
import { ConfigSchema } from '../../../src/core/config/schema';
import type { AskToContinue, Budget } from '../../../src/core/llm/budget';
import { loadPromptLibrary, type PromptLibrary } from '../../../src/core/prompts/library';
import { nodeSpecWorkspace } from '../../../src/node/specs/node-spec-workspace';
import { pipelineLlmFromConfig } from '../../../src/node/specs/pipeline-llm';
import { startOllamaServer, type ScriptedOllama, type Turn } from '../../support/ollama-server';
import { nodeModulesWasm } from '../../support/wasm';

export const MODEL = 'qwen2.5-coder:7b';

/** A model answer from test/fixtures/agents/<name>.json, as the scripted server streams it. */
export async function answer(name: string): Promise<Turn> {
  return { reply: await readFile(join('test/fixtures/agents', `${name}.json`), 'utf8') };
}

export async function answers(...names: string[]): Promise<Turn[]> {
  return Promise.all(names.map(answer));
}

let prompts: Promise<PromptLibrary> | undefined;

/** Every prompt file of the repository, as the build bundles them. */
export function promptFiles(): Promise<PromptLibrary> {
  prompts ??= (async () => {
    const sources = [];
    for (const role of await readdir('prompts', { withFileTypes: true })) {
      if (!role.isDirectory()) continue;
      for (const name of await readdir(join('prompts', role.name))) {
        if (name.endsWith('.md')) sources.push({ path: `prompts/${role.name}/${name}`, text: await readFile(join('prompts', role.name, name), 'utf8') });
      }
    }
    return loadPromptLibrary(sources);
  })();
  return prompts;
}

/**
 * For a test file: `project()` makes a temp project, and `closers` (handed to `harness` too) are
 * run after each test, last opened first.
 */
export function tempProjects(): { closers: Array<() => Promise<void>>; project(): Promise<string> } {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  return {
    closers,
    async project() {
      const made = await tempProject();
      closers.push(made.cleanup);
      return made.root;
    },
  };
}

/** A small project on disk: a README, steering rules and source files in two languages. */
export async function tempProject(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'omni-pipeline-'));
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(join(root, '.omni', 'steering'), { recursive: true });
  await writeFile(join(root, 'README.md'), '# Shop API\n\nAn HTTP API for the shop, served by `src/server.ts`.\n');
  await writeFile(join(root, '.omni', 'steering', 'errors.md'), 'Every error the API returns is JSON with an `error` code.\n');
  await writeFile(join(root, 'src', 'server.ts'), 'export function startServer(port: number) {}\nexport class RequestRouter {}\nconst internal = 1;\n');
  await writeFile(join(root, 'src', 'billing.py'), 'class Invoice:\n    pass\n\ndef charge(invoice):\n    return invoice\n');
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface Harness {
  readonly server: ScriptedOllama;
  readonly llm: PipelineLlm;
  readonly workspace: SpecWorkspace;
}

/** The real clients against a scripted Ollama, with the repository's prompts and a clock that moves a second per reading. */
export async function harness(root: string, turns: readonly Turn[], closers: Array<() => Promise<void>>, extra: { budget?: Budget; askToContinue?: AskToContinue; roleModels?: Record<string, string> } = {}): Promise<Harness> {
  const names = [MODEL, ...Object.values(extra.roleModels ?? {})];
  const server = await startOllamaServer({ models: names.map((name) => ({ name, contextLength: 32768, architecture: 'qwen2' })), turns: [...turns] });
  // A test may have closed it already, to play a server that died.
  closers.push(() => server.close().catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_SERVER_NOT_RUNNING') throw error;
  }));
  const config = ConfigSchema.parse({
    providers: { ollama: { type: 'ollama', host: server.url, retries: 0 } },
    models: { default: MODEL, repairRounds: 1, ...extra.roleModels },
    ...(extra.budget ? { budget: extra.budget } : {}),
  });
  let clock = Date.parse('2026-12-06T21:00:00Z');
  const llm = await pipelineLlmFromConfig(config, { fetch: globalThis.fetch, env: {} }, {
    prompts: await promptFiles(),
    now: () => (clock += 1000),
    ...(extra.askToContinue ? { askToContinue: extra.askToContinue } : {}),
  });
  return { server, llm, workspace: nodeSpecWorkspace(root, { wasm: nodeModulesWasm }) };
}

/** Which prompt each chat request was rendered from, read from its system message. */
export function promptsAsked(server: ScriptedOllama): string[] {
  return server.chatBodies().map((body) => {
    const system = body.messages?.find((message) => message.role === 'system')?.content ?? '';
    if (system.startsWith('You are the Architect of a small engineering team, revising')) return 'architect/revise';
    if (system.startsWith('You are the Architect')) return 'architect/spec';
    if (system.startsWith('You are the Reviewer')) return 'reviewer/design-review';
    if (system.startsWith('You are the Threat Modeler')) return 'threatModeler/threats';
    return 'unknown';
  });
}
