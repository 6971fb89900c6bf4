import { cp, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { specRows, type ListedFolder } from '../../../src/extension/webviews/specs-panel/spec-rows';
import { SpecList } from '../../../src/protocol/webview/specs-panel';

const FIXTURE = new URL('../../fixtures/workspace-specs', import.meta.url).pathname;
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

function folder(root: string, name: string): ListedFolder {
  return { name, uri: { fsPath: root, toString: () => pathToFileURL(root).href } };
}

async function copyOfFixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'omni-rows-'));
  roots.push(root);
  await cp(FIXTURE, root, { recursive: true });
  return root;
}

describe('specRows', () => {
  it('lists the specs of every workspace folder, in the protocol’s shape, with the newest file time', async () => {
    const shop = await copyOfFixture();
    const billing = await copyOfFixture();
    const events = join(billing, '.omni/specs/export-audit-log/events.jsonl');
    const touched = new Date('2026-12-06T09:30:00.000Z');
    await utimes(events, touched, touched);
    for (const name of ['spec.md', 'review.json', 'threats.json']) {
      const old = new Date('2026-12-01T00:00:00.000Z');
      await utimes(join(billing, '.omni/specs/export-audit-log', name), old, old);
    }
    const list = await specRows([folder(shop, 'shop'), folder(billing, 'billing')]);
    expect(SpecList.parse(list)).toEqual(list);
    expect(list.folders).toBe(2);
    expect(list.specs.map((row) => [row.folderName, row.slug, row.phase, row.blockingThreats])).toEqual([
      ['shop', 'export-audit-log', 'awaiting-approval', 2],
      ['shop', 'rate-limit-search', 'awaiting-approval', 0],
      ['billing', 'export-audit-log', 'awaiting-approval', 2],
      ['billing', 'rate-limit-search', 'awaiting-approval', 0],
    ]);
    expect(list.specs[2]).toMatchObject({ folder: pathToFileURL(billing).href, title: 'Export the audit log as CSV', overall: 8.9, decision: 'proceed', updated: touched.toISOString() });
  });

  it('keeps a spec whose files do not read as a row with its problem', async () => {
    const root = await copyOfFixture();
    await writeFile(join(root, '.omni/specs/rate-limit-search/review.json'), '{ "version": 1,');
    const list = await specRows([folder(root, 'shop')]);
    const broken = list.specs.find((row) => row.slug === 'rate-limit-search');
    expect(broken?.problem).toMatch(/rate-limit-search\/review\.json: not valid JSON/);
    expect(list.specs.find((row) => row.slug === 'export-audit-log')?.problem).toBeUndefined();
  });
});
