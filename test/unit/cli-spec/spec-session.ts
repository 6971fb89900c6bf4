import { afterEach, expect } from 'vitest';
import { omni, project } from '../../support/cli';
import { startOllamaServer, type ScriptedOllama, type Turn } from '../../support/ollama-server';

export const TASK = 'Rate-limit the public API per API key';

/** What `omni spec --json` and `omni review --json` print. */
export interface SpecJson {
  slug: string;
  path: string;
  phase: string;
  reasons: string[];
  overall: number | null;
  openThreats: number | null;
  blockingThreats: number | null;
  keptAnswers: string | null;
}

/** A small service repository, as the Architect's context sees it, with any `extra` files. */
export function shop(extra: Record<string, string> = {}): Promise<string> {
  return project({
    ...extra,
    'README.md': '# Shop API\n\nThe public REST API of the shop: Express 4 on Node 22, sessions in Redis.\n',
    'src/server.ts': "import express from 'express';\nexport function createServer() {\n  return express();\n}\n",
    'src/auth.ts': 'export function authMiddleware(): void {}\n',
  });
}

/**
 * Scripted Ollama servers for a test file: `models(script)` answers the pipeline's chat requests
 * with `script`, in order, and points omni at it through OLLAMA_HOST; each test's servers close after it.
 */
export function scriptedModels(): (script: Turn[]) => Promise<ScriptedOllama> {
  const savedHost = process.env.OLLAMA_HOST;
  const servers: ScriptedOllama[] = [];
  afterEach(async () => {
    if (savedHost === undefined) delete process.env.OLLAMA_HOST;
    else process.env.OLLAMA_HOST = savedHost;
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (script) => {
    const server = await startOllamaServer({ turns: script });
    servers.push(server);
    process.env.OLLAMA_HOST = server.url;
    return server;
  };
}

/** Runs `omni <command> ... --json`, expects exit 0 and returns the parsed outcome. */
export async function specJson(command: 'spec' | 'review', args: string[], root: string): Promise<SpecJson> {
  const run = await omni([command, ...args, '--json'], root);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SpecJson;
}

/** The agent behind each chat request, from its system message: Architect, Reviewer or Threat (Modeler). */
export function agents(server: ScriptedOllama): string[] {
  return server.chatBodies().map((body) => {
    const system = body.messages?.find((message) => message.role === 'system')?.content ?? '';
    return /You are the (\w+)/.exec(system)?.[1] ?? 'unknown';
  });
}
