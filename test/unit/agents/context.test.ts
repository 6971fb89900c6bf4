import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_LIMITS, gatherProjectContext } from '../../../src/core/agents/context';
import { nodeSpecWorkspace } from '../../../src/node/specs/node-spec-workspace';
import { nodeModulesWasm } from '../../support/wasm';
import { tempProject } from './pipeline-harness';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function project(): Promise<string> {
  const { root, cleanup } = await tempProject();
  cleanups.push(cleanup);
  await writeFile(join(root, 'src', 'store.go'), 'package store\n\ntype Store struct{}\n\nfunc (s *Store) Get(key string) (string, error) { return "", nil }\n\nfunc Open() *Store { return nil }\n');
  await writeFile(join(root, 'src', 'lib.rs'), 'pub struct Limiter;\nimpl Limiter {}\npub fn check() -> bool { true }\nmod inner {}\n');
  await mkdir(join(root, 'node_modules', 'dep'), { recursive: true });
  await writeFile(join(root, 'node_modules', 'dep', 'index.js'), 'function hidden() {}\n');
  return root;
}

const specs = [{ slug: 'login', text: '---\ntitle: Log in with a passkey\nstatus: draft\n---\n# Log in\n' }];

describe('project context', () => {
  it('puts the steering rules first, then the README, other specs and a repository map with top-level symbols in four languages', async () => {
    const root = await project();
    const context = await gatherProjectContext(nodeSpecWorkspace(root, { wasm: nodeModulesWasm }).context, specs);

    const order = ['## Steering rules', '## README.md', '## Existing specs', '## Repository map'].map((heading) => context.text.indexOf(heading));
    expect(order.every((position, index) => position >= 0 && (index === 0 || position > (order[index - 1] ?? 0)))).toBe(true);
    expect(context.text).toContain('- login: Log in with a passkey');
    expect(context.text).toContain('- src/billing.py: Invoice, charge');
    expect(context.text).toContain('- src/lib.rs: Limiter, check, inner');
    expect(context.text).toContain('- src/server.ts: startServer, RequestRouter, internal');
    expect(context.text).toContain('- src/store.go: Store, (*Store).Get, Open');
    expect(context.text).not.toContain('hidden');
    expect(context.truncated).toEqual([]);
    expect(context.refs).toEqual(['.omni/steering/errors.md', 'README.md']);
  });

  it('stays within its limits and says what it cut', async () => {
    const root = await project();
    const limits = { ...DEFAULT_CONTEXT_LIMITS, maxChars: 420, maxReadmeChars: 20 };
    const context = await gatherProjectContext(nodeSpecWorkspace(root, { wasm: nodeModulesWasm }).context, [], limits);

    expect(context.text.length).toBeLessThanOrEqual(limits.maxChars);
    expect(context.text).toContain('[README truncated at 20 characters]');
    expect(context.text).toMatch(/\[repository map truncated: \d+ more source files not shown\]/);
    expect(context.truncated).toEqual(['README.md', 'repository map (files)']);
  });

  it('lists the files without symbols when the grammars cannot be loaded', async () => {
    const root = await project();
    const broken = { load: async () => Promise.reject(new Error('no wasm here')) };
    const context = await gatherProjectContext(nodeSpecWorkspace(root, { wasm: broken }).context, []);
    expect(context.text).toContain('- src/server.ts\n');
  });
});
