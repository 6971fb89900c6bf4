// Shared by the comparison scripts: runs our engine over files and returns findings by rule.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { RulesEngine } from '../../src/core/rules/engine';
import type { Finding } from '../../src/core/rules/finding';
import { BUILTIN_RULES } from '../../src/core/rules/registry';

const require = createRequire(resolve('package.json'));

export async function ourEngine(): Promise<RulesEngine> {
  return RulesEngine.create(
    {
      load: (fileName) =>
        readFile(
          fileName === 'web-tree-sitter.wasm'
            ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
            : require.resolve(`@vscode/tree-sitter-wasm/wasm/${fileName}`),
        ),
    },
    BUILTIN_RULES,
  );
}

/** Lints each file alone, or a Go package (all files of a directory) together. */
export async function ourFindings(paths: readonly string[]): Promise<Finding[]> {
  const engine = await ourEngine();
  const byDir = new Map<string, string[]>();
  for (const path of paths) {
    const key = path.endsWith('.go') ? path.slice(0, path.lastIndexOf('/')) : path;
    byDir.set(key, [...(byDir.get(key) ?? []), path]);
  }
  const findings: Finding[] = [];
  for (const group of byDir.values()) {
    const files = await Promise.all(group.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
    for (const result of await engine.lintBatch(files)) findings.push(...result.findings.filter((f) => !f.suppression));
  }
  engine.dispose();
  return findings;
}
