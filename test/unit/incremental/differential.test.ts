import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../../src/core/rules/finding';
import { IncrementalLinter } from '../../../src/core/rules/incremental/incremental-linter';
import { languageForPath, type LanguageId } from '../../../src/core/rules/languages';
import { testEngine } from '../../support/wasm';
import { applyChange, Random, randomEdit } from './edits';

// Random and realistic edits (typing, deleting lines, pasting blocks, opening strings and brackets,
// suppression comments) to every fixture file: after each change the incremental findings must
// equal a full `lintFile` of the same text when the text parses cleanly, and after `settle` always.
// A failure prints its seed; rerun with `INCR_SEED=<seed> npx vitest run test/unit/incremental`.
// INCR_EDITS=<n> raises the number of edits per file for a longer local run.

const BASE_SEED = process.env.INCR_SEED ? Number(process.env.INCR_SEED) >>> 0 : 0x1c4e7;
const EDITS = Number(process.env.INCR_EDITS ?? 30);
const FIXTURES = join(__dirname, '../../fixtures');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return languageForPath(path) ? [path] : [];
  });
}

/** What must agree: every finding with all its fields, the syntax error count, the notices. */
function comparable(result: FileResult): unknown {
  return { findings: result.findings, syntaxErrors: result.syntaxErrors, notices: result.notices };
}

function seedOf(name: string): number {
  let hash = BASE_SEED;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

const files = fixtureFiles(FIXTURES).map((path) => relative(FIXTURES, path));
/** One real 5,000-line file (zod is a dependency): long functions, classes, nested callbacks. */
const LARGE = join(__dirname, '../../../node_modules/zod/src/v3/types.ts');
/** How the changes were linted: the region path must be exercised, not just the fallback. */
const scopes = { region: 0, file: 0 };

async function checkEdits(name: string, language: LanguageId, original: string, edits: number): Promise<void> {
  const engine = await testEngine();
  const seed = seedOf(name);
  const random = new Random(seed);
  const linter = new IncrementalLinter(engine);
  let text = original;
  const settings = (): undefined => undefined;
  const uri = `file:///${name}`;
  try {
    const opened = await linter.open(uri, name, language, text, settings);
    expect(comparable(opened)).toEqual(comparable(await engine.lintFile({ path: name, text, language }, settings)));
    for (let step = 0; step < edits; step++) {
      const { kind, change } = randomEdit(text, language, random);
      text = applyChange(text, change);
      const incremental = await linter.change(uri, [change], settings);
      scopes[linter.lastScope ?? 'file']++;
      const context = `seed ${seed}, step ${step} (${kind}: ${JSON.stringify(change)})`;
      expect(linter.text(uri), context).toBe(text);
      const full = await engine.lintFile({ path: name, text, language }, settings);
      if (full.syntaxErrors === 0) expect(comparable(incremental), context).toEqual(comparable(full));
      if (step % 5 === 4 || full.syntaxErrors !== incremental.syntaxErrors) {
        expect(comparable(await linter.settle(uri, settings)), `${context}, settled`).toEqual(comparable(full));
      }
    }
    expect(comparable(await linter.settle(uri, settings))).toEqual(comparable(await engine.lintFile({ path: name, text, language }, settings)));
  } finally {
    linter.dispose();
  }
}

describe('incremental linting equals a full lint', () => {
  afterAll(() => {
    // Most random edits land in function bodies; a handful must have gone by region.
    expect(scopes.region).toBeGreaterThan(files.length);
  });

  it.each(files)('%s', async (name) => {
    const language = languageForPath(name);
    if (!language) throw new Error(`no language for ${name}`);
    await checkEdits(name, language, readFileSync(join(FIXTURES, name), 'utf8'), EDITS);
  });

  it('zod/src/v3/types.ts', async () => {
    await checkEdits('types.ts', 'typescript', readFileSync(LARGE, 'utf8'), EDITS);
  });
});
