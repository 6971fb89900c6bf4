import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, languageForPath, type LanguageId } from '../../../src/core/rules/languages';
import { patternRoots } from '../../../src/core/rules/query-roots';
import { BUILTIN_RULES } from '../../../src/core/rules/registry';
import { anchorFor, ruleLanguages } from '../../../src/core/rules/rule';
import type { Finding } from '../../../src/core/rules/finding';
import { testEngine, wholeTreeEngine } from '../../support/wasm';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const fixtureFiles = filesUnder(FIXTURES).filter((path) => languageForPath(path) !== undefined);

function shown(findings: readonly Finding[], ruleId: string): string[] {
  return findings
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.range.start.line + 1}:${finding.range.start.column} ${finding.message}`);
}

describe('query roots', () => {
  it('reads the root node types of plain, grouped and alternative patterns', () => {
    const roots = patternRoots('; c\n(call function: (identifier) @f) @match\n((string) @s (#match? @s "x"))\n[(a) (b (c))] @m\n"return" @r\n');
    expect(roots).toEqual(new Set(['call', 'string', 'a', 'b', 'return']));
  });

  it('treats a wildcard root as any node, and refuses sibling sequences', () => {
    expect(patternRoots('(_ (identifier)) @x')).toBe('any');
    expect(() => patternRoots('((comment) . (function_definition))')).toThrow(/sibling/);
  });
});

// An anchor that misses where its rule matches loses findings silently: compare with the whole-tree
// run on every example and fixture of the rule's languages.
const anchored = BUILTIN_RULES.flatMap((rule) =>
  ruleLanguages(rule)
    .filter((language) => anchorFor(rule, language) !== undefined)
    .map((language) => [`${rule.id} (${language})`, rule, language] as const),
);

describe.each(anchored)('anchor of %s', (_name, rule, language: LanguageId) => {
  it('finds what the whole-tree query finds on the examples and fixtures', async () => {
    const [fast, whole] = await Promise.all([testEngine(), wholeTreeEngine()]);
    const sources = [
      ...rule.examples.filter((example) => example.language === language).map((example, index) => ({ path: example.path ?? `src/example-${index}${LANGUAGES[language].extensions[0]}`, text: example.code })),
      ...fixtureFiles.filter((path) => languageForPath(path) === language).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
    ];
    expect(sources.length).toBeGreaterThan(0);
    let total = 0;
    for (const source of sources) {
      const file = { ...source, language };
      const [a, b] = await Promise.all([fast.lintFile(file), whole.lintFile(file)]);
      expect(a.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
      expect({ path: source.path, findings: shown(a.findings, rule.id) }).toEqual({ path: source.path, findings: shown(b.findings, rule.id) });
      total += shown(b.findings, rule.id).length;
    }
    expect(total).toBeGreaterThan(0);
  });
});
