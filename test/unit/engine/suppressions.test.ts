import { describe, expect, it } from 'vitest';
import { testEngine } from '../../support/wasm';

const lint = async (path: string, text: string) => (await (await testEngine()).lintFile({ path, text })).findings;

describe('omni-ignore suppressions', () => {
  it('suppresses a finding on its own line and keeps the reason', async () => {
    const findings = await lint('a.py', 'try:\n    x()\nexcept:  # omni-ignore py/bare-except: plugin code raises anything\n    handle()\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'py/bare-except', suppression: { kind: 'inline', reason: 'plugin code raises anything' } });
  });

  it('a comment alone on its line covers the next code line', async () => {
    const findings = await lint('a.py', 'try:\n    x()\n# omni-ignore py/bare-except: legacy\nexcept:\n    handle()\n');
    expect(findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['py/bare-except', 'inline']]);
  });

  it('does not reach two lines down', async () => {
    const findings = await lint('a.py', '# omni-ignore py/bare-except: too far\nx = 1\ntry:\n    x()\nexcept:\n    handle()\n');
    const ids = findings.map((f) => [f.ruleId, f.suppression?.kind ?? 'active']);
    expect(ids).toContainEqual(['py/bare-except', 'active']);
    expect(ids).toContainEqual(['omni/unused-suppression', 'active']);
  });

  it('works in every comment syntax: //, /* */ and Rust comments', async () => {
    const engine = await testEngine();
    for (const [path, text] of [
      ['a.ts', 'x(); // omni-ignore py/bare-except: wrong language on purpose\n'],
      ['a.go', 'package a\n/* omni-ignore py/bare-except: block */\nvar x = 1\n'],
      ['a.rs', 'fn f() {} // omni-ignore py/bare-except: rust\n'],
    ] as const) {
      const { findings } = await engine.lintFile({ path, text });
      expect(findings.filter((f) => f.ruleId === 'omni/unused-suppression'), path).toHaveLength(1);
    }
  });

  it('ignores the directive inside a string', async () => {
    const findings = await lint('a.py', 's = "omni-ignore py/bare-except: not a comment"\ntry:\n    x()\nexcept:\n    handle()\n');
    expect(findings.map((f) => f.ruleId)).toEqual(['py/bare-except']);
  });

  it('omni-ignore-file covers the whole file', async () => {
    const findings = await lint('a.py', '# omni-ignore-file py/bare-except: generated code\ntry:\n    x()\nexcept:\n    handle()\ntry:\n    y()\nexcept:\n    handle()\n');
    expect(findings.map((f) => f.suppression?.kind)).toEqual(['file', 'file']);
  });

  it('reports a suppression without a reason but still applies it', async () => {
    const findings = await lint('a.py', 'try:\n    x()\nexcept:  # omni-ignore py/bare-except\n    handle()\n');
    expect(findings.map((f) => [f.ruleId, f.suppression?.kind ?? 'active'])).toEqual([
      ['py/bare-except', 'inline'],
      ['omni/suppression-missing-reason', 'active'],
    ]);
  });

  it('reports unused and unknown-rule suppressions with a fix that removes them', async () => {
    const text = 'x = 1  # omni-ignore py/no-such-rule: typo\n';
    const findings = await lint('a.py', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('unknown rule py/no-such-rule');
    expect(findings[0]?.fix?.edits).toEqual([{ start: 5, end: text.length - 1, newText: '' }]);
  });

  it('says when the suppressed rule is turned off', async () => {
    const engine = await testEngine();
    const { findings } = await engine.lintFile({ path: 'a.py', text: 'try:\n    x()\nexcept:  # omni-ignore py/bare-except: old\n    handle()\n' }, (id) => (id === 'py/bare-except' ? 'off' : undefined));
    expect(findings.map((f) => f.message)).toEqual(['Unused suppression: it names disabled rule py/bare-except']);
  });
});
