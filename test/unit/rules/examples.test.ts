import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src/core/rules/apply-edits';
import { LANGUAGES } from '../../../src/core/rules/languages';
import { BUILTIN_RULES } from '../../../src/core/rules/registry';
import { testEngine } from '../../support/wasm';

// Every rule's examples are its contract: bad ones are flagged, good ones are not, fixes give `fixed`.
describe.each(BUILTIN_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('has at least one bad and one good example', () => {
    expect(rule.examples.some((example) => example.kind === 'bad')).toBe(true);
    expect(rule.examples.some((example) => example.kind === 'good')).toBe(true);
  });

  it.each(rule.examples.map((example, index) => [`${example.kind} #${index + 1} (${example.language})`, example] as const))(
    '%s',
    async (_name, example) => {
      const engine = await testEngine();
      const path = example.path ?? `src/example${LANGUAGES[example.language].extensions[0]}`;
      const result = await engine.lintFile({ path, text: example.code, language: example.language });
      expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
      const own = result.findings.filter((finding) => finding.ruleId === rule.id);
      if (example.kind === 'good') {
        expect(own.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`)).toEqual([]);
        return;
      }
      expect(own.length).toBeGreaterThan(0);
      if (example.fixed !== undefined) {
        const edits = own.flatMap((finding) => finding.fix?.edits ?? []);
        expect(applyEdits(example.code, edits).text).toBe(example.fixed);
      }
    },
  );
});
