import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult, Range } from '../../src/core/rules/finding';
import { LANGUAGE_IDS, LANGUAGES, languageForPath, type LanguageId } from '../../src/core/rules/languages';
import { BUILTIN_RULES } from '../../src/core/rules/registry';
import { testEngine } from '../support/wasm';

// Random and mutated sources through the real engine with every built-in rule: no exception, no
// rule crash, valid ranges, and always an end (inputs and iteration counts are bounded).
// A failure prints its seed; rerun one with `FUZZ_SEED=<seed> npx vitest run test/unit/fuzz.test.ts`.
// FUZZ_CASES=<n> raises the number of mutated cases per language for a longer local run.

const BASE_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : 0x0e1173;
const CASES = Number(process.env.FUZZ_CASES ?? 120);
const MAX_LENGTH = 100_000;
const LONG_LINE = 20_000;

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same cases on every machine. */
function prng(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return { int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T, chance: (p: number) => next() < p };
}

interface Random {
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function seedFor(language: LanguageId): number {
  let hash = BASE_SEED;
  for (const char of language) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

const COMMON_TOKENS = ['(', ')', '[', ']', '{', '}', '"', "'", '`', ',', ';', ':', '.', '=', '\n', '\t', ' ', '\\', '/*', '*/', '\0', '\uFEFF', '\uD800', '\uDC00', '😀', 'é', '\r'];

const TOKENS: Record<'python' | 'js' | 'go' | 'rust', readonly string[]> = {
  python: [
    'def f(x):', 'class C(Base):', 'try:', 'except:', 'except Exception as e:', 'except (A, B):', 'finally:', 'raise', 'raise X from e',
    'import os', 'from . import x', 'if x:', 'elif y:', 'else:', 'while True:', 'for i in range(3):', 'lambda: 0', 'yield', 'async def g():',
    'await x', 'with open(p) as f:', 'pass', 'return', 'print(', 'log.info("%s" % x)', '"""', "'''", '#', '# omni-ignore py/bare-except: legacy',
    '# omni-ignore', '# omni-ignore-file *', '@lru_cache', 'def h(a=[]):', 'f"{x!r}"', 'b"\\x00"', '**kw', '->', '\n    ', '\n        ', ':=',
    'match x:', 'case _:', 'global g', 'nonlocal n', 'del x', 'assert x, "m"', '...', 'print(1)', 'cursor.execute("SELECT " + q)',
  ],
  js: [
    'function f(a) {', '=>', 'async', 'await', 'try {', '} catch (e) {', 'catch {', '} finally {', 'throw', "throw 'x'", 'new Error("x")',
    'console.log(', 'const', 'let', 'var', 'class A extends B {', 'interface I {', 'type T =', 'enum E {', ': any', 'as any', '<T>', '</div>',
    '<div>', '<>', '</>', '${', '/re/g', '?.', '??', 'import x from "y";', 'export default', 'return', 'yield*', '@dec', 'satisfies',
    '// omni-ignore js/console: debugging', '// omni-ignore', '/* omni-ignore-file * */', 'db.query(`SELECT ${x}`)', 'password = "p4ssw0rd-xyz"',
    '#private', 'static {', 'get x() {', 'new.target', 'import.meta', 'label:', 'debugger;', '...rest', 'void 0', 'delete o[k]', '!', '=>{}',
  ],
  go: [
    'func f() error {', 'package main', 'import "fmt"', 'err', 'if err != nil {', 'return err', 'return nil, err', 'go func() {', 'defer', 'chan int',
    'select {', 'case <-ch:', ':=', '_ =', '_, _ =', 'panic(', 'recover()', 'type T struct {', 'interface{}', 'any', '[T any]', 'fmt.Println(',
    'os.Exit(1)', 'log.Fatal(', 'f.Close()', 'json.Unmarshal(b, &v)', '// omni-ignore go/unchecked-error: best effort', '// omni-ignore', '//go:build',
    'switch x {', 'default:', 'goto L', 'L:', 'range', '...', '0x1p-2', "'\\n'", '`raw`', 'map[string]int{', '&T{}', 'x.(type)', 'func main() {',
  ],
  rust: [
    'fn f() -> Result<(), E> {', 'let', 'mut', 'match x {', '=>', '.unwrap()', '.expect("x")', '?', 'panic!(', 'todo!()', 'unimplemented!()',
    'unsafe {', 'impl T for S {', 'trait T {', 'pub', "'a", 'r#"', '"#', '#[cfg(test)]', '#[test]', 'mod tests {', '::', '<', '>', '|x|', '&mut',
    'Result<', 'Ok(', 'Err(', 'Some(', 'None', 'let _ = f();', 'macro_rules! m {', '($x:expr) =>', 'async move {', '.await', 'dyn', 'where',
    '// omni-ignore rs/unwrap-used: checked above', '// omni-ignore', '/* omni-ignore rs/* */', 'b"\\xff"', "b'x'", '1u8', '..=', 'loop {', 'fn main() {',
  ],
};

function tokensFor(language: LanguageId): readonly string[] {
  const family = language === 'python' ? 'python' : language === 'go' ? 'go' : language === 'rust' ? 'rust' : 'js';
  return [...TOKENS[family], ...COMMON_TOKENS];
}

/** Deeply nested input in the language's syntax: brackets and blocks 2,000 deep. */
function deepNesting(language: LanguageId, depth: number, random: Random): string {
  const kind = random.int(3);
  if (kind === 0) return `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;
  if (kind === 1) return `${language === 'python' ? 'x = ' : 'let x = '}${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  switch (language) {
    case 'python':
      return Array.from({ length: Math.min(depth, 90) }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(90)}pass\n`;
    case 'go':
      return `package p\nfunc f() {\n${'{'.repeat(depth)}\n${'}'.repeat(depth)}\n}\n`;
    case 'rust':
      return `fn f() {\n${'{'.repeat(depth)}\n${'}'.repeat(depth)}\n}\n`;
    default:
      return `function f() {\n${'{'.repeat(depth)}\n${'}'.repeat(depth)}\n}\n`;
  }
}

type Mutation = (text: string, random: Random, language: LanguageId) => string;

const at = (text: string, random: Random): number => random.int(text.length + 1);

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  flipChars: (text, random) => {
    const chars = text.split('');
    for (let i = 0, n = 1 + random.int(8); i < n && chars.length; i++) chars[random.int(chars.length)] = String.fromCharCode(random.int(0x3000));
    return chars.join('');
  },
  // Bit flips in the UTF-8 bytes, decoded back with replacement characters, as a reader would.
  flipBits: (text, random) => {
    const bytes = new TextEncoder().encode(text);
    for (let i = 0, n = 1 + random.int(8); i < n && bytes.length; i++) {
      const index = random.int(bytes.length);
      bytes[index] = (bytes[index] ?? 0) ^ (1 << random.int(8));
    }
    return new TextDecoder().decode(bytes);
  },
  truncate: (text, random) => text.slice(0, at(text, random)),
  insertToken: (text, random, language) => {
    let out = text;
    for (let i = 0, n = 1 + random.int(6); i < n; i++) {
      const where = at(out, random);
      out = out.slice(0, where) + random.pick(tokensFor(language)) + out.slice(where);
    }
    return out;
  },
  deleteToken: (text, random, language) => {
    let out = text;
    for (let i = 0, n = 1 + random.int(6); i < n; i++) {
      const token = random.pick(tokensFor(language));
      const first = out.indexOf(token);
      if (first < 0) continue;
      const where = out.indexOf(token, random.int(first + 1 + random.int(Math.max(1, out.length - first))));
      const start = where < 0 ? first : where;
      out = out.slice(0, start) + out.slice(start + token.length);
    }
    return out;
  },
  deleteSpan: (text, random) => {
    const start = at(text, random);
    return text.slice(0, start) + text.slice(Math.min(text.length, start + 1 + random.int(40)));
  },
  duplicateLines: (text, random) => {
    const lines = text.split('\n');
    const from = random.int(lines.length);
    const span = lines.slice(from, from + 1 + random.int(5));
    lines.splice(random.int(lines.length + 1), 0, ...span);
    return lines.join('\n');
  },
  removeLines: (text, random) => {
    const lines = text.split('\n');
    lines.splice(random.int(lines.length), 1 + random.int(4));
    return lines.join('\n');
  },
  unbalance: (text, random) => {
    const opener = random.pick(['(', '[', '{', '"', "'", '`', '"""', '/*', '<', '${', 'r#"', ')', ']', '}']);
    const where = at(text, random);
    return text.slice(0, where) + opener.repeat(1 + random.int(3)) + text.slice(where);
  },
  deepNesting: (text, random, language) => {
    const where = text.lastIndexOf('\n', at(text, random)) + 1;
    return text.slice(0, where) + deepNesting(language, 2000, random) + text.slice(where);
  },
  // 20,000 characters on one line. No brackets: thousands of them in a row hit two super-linear
  // paths of tree-sitter (reported with repros: every query over an ERROR node with thousands of
  // `(` children, and the JS/TS parsers' error recovery on `[][]...[]   }`) and would take minutes;
  // `unbalance` and `deepNesting` cover brackets within bounds.
  longLine: (text, random) => {
    const where = at(text, random);
    const unit = random.pick(['a + ', 'x', '"s" ', '// ', '\t', 'é😀', '0, ']);
    return text.slice(0, where) + unit.repeat(Math.floor(LONG_LINE / unit.length)) + text.slice(where);
  },
  nulAndSurrogates: (text, random) => {
    let out = text;
    for (let i = 0, n = 1 + random.int(5); i < n; i++) {
      const where = at(out, random);
      out = out.slice(0, where) + random.pick(['\0', '\uD800', '\uDFFF', '\uDBFF\u0041', '\uFFFE', '\uFFFF', '\u2028', '\u0085']) + out.slice(where);
    }
    return out;
  },
  bom: (text) => `\uFEFF${text}`,
  crlf: (text) => text.replace(/\n/g, '\r\n'),
  mixedLineEnds: (text, random) => text.replace(/\n/g, () => random.pick(['\n', '\r\n', '\r', '\n\r'])),
  splitSurrogate: (text, random) => {
    const pair = '😀';
    const where = at(text, random);
    return text.slice(0, where) + pair + text.slice(where, where + 5) + pair.slice(0, 1);
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Realistic seeds: the fuzz fixtures plus every rule example of the language. */
function seedsFor(language: LanguageId): string[] {
  const dir = join(__dirname, '..', 'fixtures', 'fuzz');
  const fixtures = readdirSync(dir)
    .filter((name) => languageForPath(name) === language)
    .map((name) => readFileSync(join(dir, name), 'utf8'));
  const examples = BUILTIN_RULES.flatMap((rule) => rule.examples.filter((example) => example.language === language).map((example) => example.code));
  return [...fixtures, ...examples];
}

/** Random text built only from the language's tokens: nothing realistic, everything reachable. */
function tokenSoup(language: LanguageId, random: Random): string {
  return Array.from({ length: 20 + random.int(300) }, () => random.pick(tokensFor(language)) + (random.chance(0.5) ? ' ' : '')).join('');
}

interface Case {
  readonly label: string;
  readonly text: string;
  readonly path: string;
}

function* casesFor(language: LanguageId): Generator<Case> {
  const seed = seedFor(language);
  const random = prng(seed);
  const ext = LANGUAGES[language].extensions[0] ?? '';
  const paths = [`src/fuzz${ext}`, `tests/fuzz${ext}`, `examples/fuzz${ext}`, `src/main${ext}`, language === 'go' ? 'pkg/fuzz_test.go' : `bench/fuzz${ext}`];
  const seeds = seedsFor(language);
  // Fixed edge cases first, then seeded random ones.
  const fixed = ['', '\n', '\uFEFF', '\0', '\uD800', '\r\n\r\n', ' '.repeat(10_000), '\n'.repeat(5_000), deepNesting(language, 2000, prng(seed + 1))];
  for (const [index, text] of fixed.entries()) yield { label: `fixed #${index}`, text, path: paths[0] ?? '' };
  for (let index = 0; index < 10; index++) yield { label: `token soup #${index}`, text: tokenSoup(language, random), path: random.pick(paths) };
  for (let index = 0; index < CASES; index++) {
    let text = random.pick(seeds);
    const chain: string[] = [];
    for (let step = 0, steps = 1 + random.int(4); step < steps; step++) {
      const name = random.pick(MUTATION_NAMES);
      chain.push(name);
      text = (MUTATIONS[name] as Mutation)(text, random, language);
      if (text.length > MAX_LENGTH) text = text.slice(0, MAX_LENGTH);
    }
    yield { label: `case #${index} [${chain.join(' > ')}]`, text, path: random.pick(paths) };
  }
}

function rangeProblems(range: Range, lineLengths: readonly number[], what: string): string[] {
  const problems: string[] = [];
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.column > end.column)) problems.push(`${what}: start after end ${JSON.stringify(range)}`);
  for (const position of [start, end]) {
    const length = lineLengths[position.line];
    if (position.line < 0 || length === undefined) problems.push(`${what}: line ${position.line} outside ${lineLengths.length} lines`);
    else if (position.column < 0 || position.column > length) problems.push(`${what}: column ${position.column} outside line of ${length}`);
  }
  return problems;
}

/** Everything that must hold for any input: no crash notice, offsets and ranges inside the text. */
function problemsIn(result: FileResult, text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineLengths = body.split('\n').map((line) => line.length);
  const lineStarts = [0];
  for (const length of lineLengths) lineStarts.push((lineStarts[lineStarts.length - 1] ?? 0) + length + 1);
  const offsetOf = (line: number, column: number): number => (lineStarts[line] ?? Number.NaN) + column;
  const problems = result.notices.filter((notice) => notice.kind === 'rule-crash').map((notice) => `rule-crash ${notice.ruleId ?? ''}: ${notice.message}`);
  for (const finding of result.findings) {
    const what = `${finding.ruleId} at ${finding.startOffset}-${finding.endOffset}`;
    if (!(finding.startOffset >= 0 && finding.startOffset <= finding.endOffset && finding.endOffset <= body.length)) problems.push(`${what}: offsets outside 0..${body.length}`);
    problems.push(...rangeProblems(finding.range, lineLengths, what));
    const { start, end } = finding.range;
    if (offsetOf(start.line, start.column) !== finding.startOffset || offsetOf(end.line, end.column) !== finding.endOffset) {
      problems.push(`${what}: range ${JSON.stringify(finding.range)} does not match the offsets`);
    }
    for (const edit of finding.fix?.edits ?? []) {
      if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= body.length)) problems.push(`${what}: fix edit ${edit.start}-${edit.end} outside 0..${body.length}`);
    }
    for (const related of finding.related ?? []) problems.push(...rangeProblems(related.range, lineLengths, `${what} related`));
    if (!finding.message) problems.push(`${what}: empty message`);
  }
  return problems;
}

describe('fuzz: random and mutated sources through the engine with every built-in rule', () => {
  it.each(LANGUAGE_IDS.map((language) => [language]))('%s', async (language) => {
    const engine = await testEngine();
    const failures: string[] = [];
    let count = 0;
    for (const item of casesFor(language)) {
      count++;
      let problems: string[];
      try {
        const result = await engine.lintFile({ path: item.path, text: item.text, language });
        problems = problemsIn(result, item.text);
      } catch (error) {
        problems = [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
      }
      if (problems.length > 0) {
        failures.push(`FUZZ_SEED=${BASE_SEED} ${language} ${item.label} path=${item.path} length=${item.text.length}\n  input starts ${JSON.stringify(item.text.slice(0, 160))}\n  ${problems.slice(0, 5).join('\n  ')}`);
        if (failures.length >= 10) break;
      }
    }
    expect(count).toBeGreaterThan(CASES);
    expect(failures, `seed ${BASE_SEED}: rerun with FUZZ_SEED=${BASE_SEED}`).toEqual([]);
  });
});
