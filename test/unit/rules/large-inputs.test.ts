import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../../src/core/rules/languages';
import { testEngine } from '../../support/wasm';

// Generated code and embedded data make inputs no fixture of ours has: a regular expression that
// scans to the end of the text from every candidate start, or a predicate that walks the whole
// function for each statement in it, is quadratic there. Each case lints such a file and expects it
// checked whole, with the findings it holds reported.
//
// A regular expression that scans to the end of the text from every candidate start is quadratic:
// a 300 KB literal of base64, of `eyJ` (base64url JSON), of `a:` or of `select ` took from seconds to
// minutes in the anchors and the rules' text checks. Each case lints such a file and expects it checked
// whole, with the finding that follows the literal still reported.
const BLOB = 300_000;
const repeat = (unit: string): string => unit.repeat(Math.ceil(BLOB / unit.length)).slice(0, BLOB);

const cases: readonly { name: string; language: LanguageId; path: string; text: string; rule: string }[] = [
  {
    name: 'Go: a base64 blob (a `/` every few characters)',
    language: 'go',
    path: 'assets/blob.go',
    text: `package assets\n\nimport "os"\n\nvar blob = "${repeat('ab/cd')}"\n\nfunc clean() {\n\tos.Remove("x")\n}\n`,
    rule: 'go/unchecked-error',
  },
  {
    name: 'Go: a long line of returns',
    language: 'go',
    path: 'assets/returns.go',
    text: `package assets\n\nimport "os"\n\nvar words = "${repeat('return x ')}"\n\nfunc clean() {\n\tos.Remove("x")\n}\n`,
    rule: 'go/unchecked-error',
  },
  {
    name: 'TypeScript: base64url JSON (`eyJ` over and over)',
    language: 'typescript',
    path: 'src/token.ts',
    text: `export const blob = "${repeat('eyJ')}";\nexport function f(): void {\n  console.log("done");\n}\n`,
    rule: 'js/console',
  },
  {
    name: 'TypeScript: a query template with `select` and no `from`',
    language: 'typescript',
    path: 'src/report.ts',
    text: `export function run(db: Db, id: string) {\n  return db.query(\`${repeat('select ')} \${id}\`);\n}\nconsole.log("done");\n`,
    rule: 'js/console',
  },
  {
    name: 'Rust: `a:` over and over',
    language: 'rust',
    path: 'src/lib.rs',
    text: `pub const TABLE: &str = "${repeat('a:')}";\npub fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n`,
    rule: 'rs/unwrap-used',
  },
  {
    name: 'Python: hostnames and hyphens',
    language: 'python',
    path: 'app/data.py',
    text: `TABLE = "${repeat('ab-')}"\nURLS = "${repeat('http://a:b@')}"\n\n\ndef f():\n    try:\n        g()\n    except:\n        pass\n`,
    rule: 'py/bare-except',
  },
];

describe.each(cases)('$name', ({ language, path, text, rule }) => {
  it('is checked whole, and the finding after the literal is reported', async () => {
    const engine = await testEngine();
    const result = await engine.lintFile({ path, text, language });
    expect(result.notices.filter((notice) => notice.kind !== 'syntax')).toEqual([]);
    expect(result.findings.map((finding) => finding.ruleId)).toContain(rule);
  });
});

// Functions of thousands of statements, as code generators write them.
const generated = (count: number, line: (index: number) => string): string => Array.from({ length: count }, (_, index) => line(index)).join('');

describe('generated Python', () => {
  it('follows each query variable of a function of 2,000 queries without walking the function per query', async () => {
    const engine = await testEngine();
    const text = `def load(cur, uid):\n${generated(2000, (i) => `    sql${i} = "SELECT * FROM t${i} WHERE id = %s" % uid\n    cur.execute(sql${i})\n`)}`;
    const result = await engine.lintFile({ path: 'app/load.py', text });
    expect(result.findings.filter((finding) => finding.ruleId === 'py/sql-string-format')).toHaveLength(2000);
  });

  it('reads each enclosing function once for a local `open`, with 6,000 nested functions', async () => {
    const engine = await testEngine();
    const text = `def outer():\n${generated(6000, (i) => `    def f${i}():\n        return open("a").read()\n`)}`;
    const result = await engine.lintFile({ path: 'app/files.py', text });
    expect(result.findings.filter((finding) => finding.ruleId === 'py/open-without-with')).toHaveLength(6000);
  });
});

// Expressions nested thousands deep: predicates that recursed over them ran out of stack.
describe('deeply nested expressions', () => {
  it('follows a 60,000-operand `+` chain into a Python query', async () => {
    const engine = await testEngine();
    const text = `def find(cur, a):\n    cur.execute("SELECT * FROM t WHERE " + ${Array.from({ length: 60000 }, () => 'a').join(' + ')})\n`;
    const result = await engine.lintFile({ path: 'app/find.py', text });
    expect(result.notices).toEqual([]);
    expect(result.findings.map((finding) => finding.ruleId)).toContain('py/sql-string-format');
  });

  it('looks through 40,000 nested ternaries in a throw', async () => {
    const engine = await testEngine();
    const text = `export function fail(a: boolean): never {\n  throw ${Array.from({ length: 40000 }, () => 'a ? "x" : ').join('')}"y";\n}\n`;
    const result = await engine.lintFile({ path: 'src/fail.ts', text });
    expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
    expect(result.findings.map((finding) => finding.ruleId)).toContain('js/throw-literal');
  });
});
