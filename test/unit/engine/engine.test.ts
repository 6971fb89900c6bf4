import { describe, expect, it } from 'vitest';
import { Query } from 'web-tree-sitter';
import { RulesEngine } from '../../../src/core/rules/engine';
import { BUILTIN_RULES } from '../../../src/core/rules/registry';
import type { RuleDefinition } from '../../../src/core/rules/rule';
import { nodeModulesWasm, testEngine } from '../../support/wasm';

const bareExcept = 'try:\n    x()\nexcept:\n    handle()\n';

/** A rule made for one test: a Python query and whatever the test is about. */
function testRule(id: string, query: string, extra: Partial<RuleDefinition> = {}): RuleDefinition {
  return { id, title: id, severity: 'info', category: 'correctness', message: id, rationale: 'test', queries: { python: query }, equivalents: [], examples: [], ...extra };
}

describe('rules engine', () => {
  it('reports positions as zero-based lines and UTF-16 columns, after a BOM and with CRLF', async () => {
    const engine = await testEngine();
    const text = '\ufeffs = "é😀"\r\ntry:\r\n    x()\r\nexcept:\r\n    handle()\r\n';
    const { findings } = await engine.lintFile({ path: 'a.py', text });
    const finding = findings.find((f) => f.ruleId === 'py/bare-except');
    expect(finding?.range.start).toEqual({ line: 3, column: 0 });
    expect(finding?.startOffset).toBe(text.slice(1).indexOf('except'));
  });

  it('still reports findings in the valid parts of a file with syntax errors', async () => {
    const engine = await testEngine();
    const result = await engine.lintFile({ path: 'a.py', text: `def broken(:\n    pass\n\n${bareExcept}` });
    expect(result.syntaxErrors).toBeGreaterThan(0);
    expect(result.findings.map((f) => f.ruleId)).toContain('py/bare-except');
  });

  it('keeps fingerprints when lines shift and tells identical lines apart', async () => {
    const engine = await testEngine();
    const before = (await engine.lintFile({ path: 'a.py', text: bareExcept + bareExcept })).findings.map((f) => f.fingerprint);
    const after = (await engine.lintFile({ path: 'a.py', text: `import os\n\n\n${bareExcept}${bareExcept}` })).findings.map((f) => f.fingerprint);
    expect(before).toHaveLength(2);
    expect(new Set(before).size).toBe(2);
    expect(after).toEqual(before);
  });

  it('contains a crashing predicate: the crash becomes a notice and other rules still report', async () => {
    const crashing = testRule('test/crashes', '(identifier) @match', {
      predicate: () => {
        throw new Error('boom');
      },
    });
    const engine = await RulesEngine.create(nodeModulesWasm, [...BUILTIN_RULES, crashing]);
    const result = await engine.lintFile({ path: 'a.py', text: bareExcept });
    expect(result.notices).toContainEqual(expect.objectContaining({ kind: 'rule-crash', ruleId: 'test/crashes' }));
    expect(result.findings.map((f) => f.ruleId)).toContain('py/bare-except');
    engine.dispose();
  });

  it('drops a rule whose query does not compile and runs the rest', async () => {
    const broken = testRule('test/broken-query', '(no_such_node) @match');
    const engine = await RulesEngine.create(nodeModulesWasm, [broken, ...BUILTIN_RULES]);
    const result = await engine.lintFile({ path: 'a.py', text: bareExcept });
    expect(result.notices).toContainEqual(expect.objectContaining({ kind: 'rule-crash', ruleId: 'test/broken-query' }));
    expect(result.findings.map((f) => f.ruleId)).toContain('py/bare-except');
    engine.dispose();
  });

  it('runs a start anchor only at the node of a root type that starts at its hit group', async () => {
    // The line break is context; the hit starts at the statement.
    const calls = testRule('test/call-statement', '(expression_statement (call)) @match', { anchor: /\n[ \t]*(?<hit>\w+\()/, anchorAtStart: true });
    const engine = await RulesEngine.create(nodeModulesWasm, [calls]);
    try {
      const text = 'import os\nf()\nx = g()\na = 1; h(\n    g())\nwhile True:\n    k()\n';
      const { findings, notices } = await engine.lintFile({ path: 'a.py', text });
      expect(notices).toEqual([]);
      // Not `x = g()` (it starts at `x`), nor `h(\n g())`: a hit at `g(` is inside it, not at its start.
      expect(findings.map((finding) => text.slice(finding.startOffset, finding.endOffset))).toEqual(['f()', 'k()']);
    } finally {
      engine.dispose();
    }
  });

  it('refuses a start anchor on a pattern that starts with a wildcard', async () => {
    const wildcard = testRule('test/wildcard-start', '(_ (call)) @match', { anchor: /\w+\(/, anchorAtStart: true });
    const engine = await RulesEngine.create(nodeModulesWasm, [wildcard]);
    try {
      const { notices } = await engine.lintFile({ path: 'a.py', text: 'f()\n' });
      expect(notices).toContainEqual(expect.objectContaining({ kind: 'rule-crash', ruleId: 'test/wildcard-start' }));
    } finally {
      engine.dispose();
    }
  });

  it('reads #nth? positions without counting comments, from the end when negative', async () => {
    const rule = (id: string, index: string): RuleDefinition => testRule(id, `(call arguments: (argument_list (string) @match) (#nth? @match ${index}))`);
    const engine = await RulesEngine.create(nodeModulesWasm, [rule('test/first', '0'), rule('test/last', '-1'), rule('test/second', '1')]);
    try {
      const text = 'f("a")\nf(  # why\n  "b", x)\nf(x, "c")\nf(x, "d", y)\nf(x, "e"  # end\n)\n';
      const { findings, notices } = await engine.lintFile({ path: 'a.py', text });
      expect(notices).toEqual([]);
      const shown = findings.map((finding) => `${finding.ruleId}:${text.slice(finding.startOffset, finding.endOffset)}`).sort();
      expect(shown).toEqual([
        'test/first:"a"',
        'test/first:"b"',
        'test/last:"a"',
        'test/last:"c"',
        'test/last:"e"',
        'test/second:"c"',
        'test/second:"d"',
        'test/second:"e"',
      ]);
    } finally {
      engine.dispose();
    }
  });

  it('drops a rule whose query uses a predicate the engine does not know, with a notice naming it', async () => {
    const typo = testRule('test/typo', '(call arguments: (argument_list (string) @match) (#frist? @match))');
    const engine = await RulesEngine.create(nodeModulesWasm, [typo, ...BUILTIN_RULES]);
    try {
      const result = await engine.lintFile({ path: 'a.py', text: `f("a")\n${bareExcept}` });
      expect(result.notices).toContainEqual(expect.objectContaining({ kind: 'rule-crash', ruleId: 'test/typo', message: expect.stringContaining('#frist?') }));
      expect(result.findings.map((f) => f.ruleId)).not.toContain('test/typo');
      expect(result.findings.map((f) => f.ruleId)).toContain('py/bare-except');
    } finally {
      engine.dispose();
    }
  });

  it('honours severity overrides and turning a rule off', async () => {
    const engine = await testEngine();
    const asError = await engine.lintFile({ path: 'a.py', text: bareExcept }, (id) => (id === 'py/bare-except' ? 'error' : undefined));
    expect(asError.findings.find((f) => f.ruleId === 'py/bare-except')?.severity).toBe('error');
    const off = await engine.lintFile({ path: 'a.py', text: bareExcept }, (id) => (id === 'py/bare-except' ? 'off' : undefined));
    expect(off.findings.map((f) => f.ruleId)).not.toContain('py/bare-except');
  });

  it('every built-in query compiles for every language it names', async () => {
    const engine = await testEngine();
    for (const rule of BUILTIN_RULES) {
      for (const [language, source] of Object.entries(rule.queries)) {
        const grammar = await engine.runtime.language(language as Parameters<typeof engine.runtime.language>[0]);
        expect(() => new Query(grammar, source ?? '').delete(), `${rule.id} (${language})`).not.toThrow();
      }
    }
  });

  it('prepare compiles a language ahead, so its first file compiles nothing more', async () => {
    const engine = await RulesEngine.create(nodeModulesWasm, BUILTIN_RULES);
    try {
      expect(engine.compileStats().queries).toBe(0);
      await engine.prepare('python');
      const prepared = engine.compileStats().queries;
      expect(prepared).toBeGreaterThan(0);
      const result = await engine.lintFile({ path: 'src/app.py', text: bareExcept });
      expect(result.findings.map((finding) => finding.ruleId)).toContain('py/bare-except');
      expect(engine.compileStats().queries).toBe(prepared);
    } finally {
      engine.dispose();
    }
  });

  it('skips a file whose parse runs past its time budget instead of hanging', async () => {
    // Found by the fuzz test: TypeScript error recovery on this 24 KB input takes about 27 s unbounded.
    const engine = await testEngine();
    const result = await engine.lintFile({ path: 'a.ts', text: `${'[]'.repeat(8000)}${' '.repeat(8000)}}` });
    expect(result.notices).toContainEqual(expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/^skipped: parsing took over \d+ ms$/) }));
    expect(result.findings).toEqual([]);
    const after = await engine.lintFile({ path: 'b.py', text: bareExcept });
    expect(after.findings.map((f) => f.ruleId)).toContain('py/bare-except');
  });

  it('stops checking candidates past the time budget and says so, keeping what it found', async () => {
    // On pathological input (3,000 chained `.unwrap()`: every step up the tree is a walk down from the
    // root) each predicate costs more than the last. Here each one takes 1.5 s of the engine's clock,
    // so the budget of a small file (2 s) runs out on the third of five candidates, whatever the host's load.
    let now = 0;
    const slow = testRule('test/slow', '(identifier) @match', {
      predicate: () => {
        now += 1_500;
        return true;
      },
    });
    const engine = await RulesEngine.create(nodeModulesWasm, [slow], { clock: () => now });
    try {
      const result = await engine.lintFile({ path: 'a.py', text: 'a = b + c + d + e\n' });
      expect(result.notices).toContainEqual(expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/^rule checks stopped after \d+ ms with 3 of 5 candidates left/) }));
      expect(result.findings.map((finding) => finding.ruleId)).toEqual(['test/slow', 'test/slow']);
    } finally {
      engine.dispose();
    }
  });

  it('survives a parser crash: the file is skipped with a notice, and the next file is checked', async () => {
    // 800 nested blocks make tree-sitter-python's scanner run out of room: a WebAssembly trap, after
    // which that parser object traps on every input. The runtime replaces it.
    const deep = `def f():\n${Array.from({ length: 800 }, (_, i) => `${' '.repeat(i + 1)}if x:\n`).join('')}${' '.repeat(801)}print("x")\n`;
    const engine = await RulesEngine.create(nodeModulesWasm, BUILTIN_RULES);
    try {
      const crashed = await engine.lintFile({ path: 'deep.py', text: deep });
      expect(crashed.notices).toContainEqual(expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/^skipped: the parser crashed on this file/) }));
      const next = await engine.lintFile({ path: 'b.py', text: bareExcept });
      expect(next.findings.map((f) => f.ruleId)).toContain('py/bare-except');
    } finally {
      engine.dispose();
    }
  });

  it('every rule id is unique and well formed', () => {
    const ids = BUILTIN_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
  });
});
