import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../src/core/rules/apply-edits';
import type { Finding } from '../../../../src/core/rules/finding';
import { testEngine } from '../../../support/wasm';

const FIXTURES = join(__dirname, '../../../fixtures/rust');

/** Lints a fixture as if it lived at `path` (the fixture folder itself is a test path). */
async function lint(fixture: string, path: string): Promise<Finding[]> {
  const engine = await testEngine();
  const text = await readFile(join(FIXTURES, fixture), 'utf8');
  const result = await engine.lintFile({ path, text });
  expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
  return result.findings.filter((finding) => finding.ruleId.startsWith('rs/'));
}

async function lintText(text: string, path = 'src/lib.rs'): Promise<Finding[]> {
  const result = await (await testEngine()).lintFile({ path, text });
  return result.findings.filter((finding) => finding.ruleId.startsWith('rs/'));
}

/** `rule:line` (one-based), in file order. */
function where(findings: readonly Finding[], rule?: string): string[] {
  return findings.filter((finding) => !rule || finding.ruleId === rule).map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`);
}

function fixAt(findings: readonly Finding[], rule: string, line: number): Finding['fix'] {
  return findings.find((finding) => finding.ruleId === rule && finding.range.start.line + 1 === line)?.fix;
}

describe('rust rules on a library module (store.rs)', () => {
  it('reports unwrap, expect and the panicking macros outside tests, consts, macro bodies and quoted code', async () => {
    const findings = await lint('store.rs', 'src/store.rs');
    expect(where(findings)).toEqual([
      'rs/unwrap-used:21',
      'rs/unwrap-used:22',
      'rs/unwrap-used:27',
      'rs/unwrap-used:29',
      'rs/expect-used:34',
      'rs/unwrap-used:35',
      'rs/unwrap-used:39',
      'rs/expect-used:43',
      'rs/unwrap-used:44',
      'rs/unwrap-used:50',
      'rs/unwrap-used:57',
      'rs/unwrap-used:59',
      'rs/panic:65',
      'rs/todo:66',
      'rs/unimplemented:67',
      'rs/unimplemented:72',
    ]);
  });

  it('reports on the method name, so a chain split over lines points at the `.expect`', async () => {
    const findings = await lint('store.rs', 'src/store.rs');
    const expectCall = findings.find((finding) => finding.ruleId === 'rs/expect-used' && finding.range.start.line + 1 === 43);
    expect(expectCall?.range).toEqual({ start: { line: 42, column: 13 }, end: { line: 42, column: 19 } });
    expect(expectCall?.message).toContain('`.expect(..)` panics');
  });

  it('offers `?` only where the enclosing fn decides and the receiver fits, never as a safe fix', async () => {
    const findings = await lint('store.rs', 'src/store.rs');
    const text = await readFile(join(FIXTURES, 'store.rs'), 'utf8');
    const fixedLine = (line: number, rule = 'rs/unwrap-used'): string | undefined => {
      const fix = fixAt(findings, rule, line);
      if (!fix) return undefined;
      expect(fix.safe).toBe(false);
      return applyEdits(text, fix.edits).text.split('\n')[line - 1]?.trim();
    };
    expect(fixedLine(21)).toBe('let text = fs::read_to_string(path)?;');
    expect(fixedLine(22)).toBeUndefined(); // in a closure without a declared return type
    expect(fixedLine(27)).toBeUndefined(); // `.lock()`: PoisonError borrows the guard
    expect(fixedLine(29)).toBe('let port: u16 = value.parse().ok()?;'); // Result receiver, Option fn
    expect(fixedLine(34, 'rs/expect-used')).toBeUndefined();
    expect(fixedLine(35)).toBe('Some(entries.keys().next()?.clone())');
    expect(fixedLine(39)).toBe('let body = remote.fetch().await?;'); // async fn: its declared output
    expect(fixedLine(43, 'rs/expect-used')).toBeUndefined(); // `checked_mul` gives an Option, the fn a Result
    expect(fixedLine(44)).toBeUndefined(); // inside macro tokens
    expect(fixedLine(57)).toBeUndefined(); // thread join error is `Box<dyn Any>`
    expect(fixedLine(59)).toBe('writeln!(out, "compacted")?;');
  });

  it('joins a receiver split over lines', async () => {
    const text = 'fn load(path: &Path) -> io::Result<String> {\n    let text = fs::read_to_string(path)\n        .unwrap();\n    Ok(text)\n}\n';
    const [finding] = await lintText(text);
    expect(finding?.fix && applyEdits(text, finding.fix.edits).text).toBe(
      'fn load(path: &Path) -> io::Result<String> {\n    let text = fs::read_to_string(path)?;\n    Ok(text)\n}\n',
    );
  });

  it('applies a `?` inside a closure to the closure when it declares its return type', async () => {
    const text = 'fn ports(args: &[String]) -> Vec<u16> {\n    args.iter().filter_map(|arg| -> Option<u16> { Some(arg.parse().unwrap()) }).collect()\n}\n';
    const [finding] = await lintText(text);
    expect(finding?.fix && applyEdits(text, finding.fix.edits).text).toContain('Some(arg.parse().ok()?)');
  });
});

describe('rust rules on a binary (src/main.rs)', () => {
  it('spares `fn main` for unwrap, expect and panic, but not its helpers, and still reports `todo!`', async () => {
    expect(where(await lint('main.rs', 'src/main.rs'))).toEqual(['rs/expect-used:5', 'rs/todo:17']);
  });

  it('spares examples, benches and integration tests by path, and a build script like `main`', async () => {
    for (const path of ['examples/demo.rs', 'benches/parse.rs', 'tests/cli.rs']) {
      expect(where(await lint('main.rs', path)), path).toEqual([]);
    }
    expect(where(await lint('main.rs', 'build.rs'))).toEqual(['rs/todo:17']);
  });
});

describe('test-only code that the shared role detection misses', () => {
  it('treats test module files by name as tests', async () => {
    expect(await lint('tests.rs', 'src/tests.rs')).toEqual([]);
    expect(await lint('tests.rs', 'src/parser/hash_quality_test.rs')).toEqual([]);
    // Not a test file by name: the helper is reported, the `#[test]` fn is spared as anywhere.
    expect(where(await lint('tests.rs', 'src/testsuite.rs'))).toEqual(['rs/unwrap-used:5']);
  });

  it('treats a file that starts with `#![cfg(test)]` as tests', async () => {
    expect(await lint('inner_cfg.rs', 'src/helpers.rs')).toEqual([]);
  });

  it('does not take `cfg(any(test, ..))` or `cfg(not(test))` for test-only code', async () => {
    const text =
      '#[cfg(any(test, feature = "testing"))]\npub fn a(x: Option<u8>) -> u8 { x.unwrap() }\n' +
      '#[cfg(not(test))]\npub fn b(x: Option<u8>) -> u8 { x.unwrap() }\n' +
      '#[cfg(all(feature = "std", test))]\npub fn c(x: Option<u8>) -> u8 { x.unwrap() }\n';
    expect(where(await lintText(text))).toEqual(['rs/unwrap-used:2', 'rs/unwrap-used:4']);
  });
});

describe('rust rules, look-alikes', () => {
  it('leaves `unwrap` alone in a file that declares its own `fn unwrap`, but reports its panic', async () => {
    expect(where(await lint('wrapper.rs', 'src/wrapper.rs'))).toEqual(['rs/panic:11']);
  });

  it('needs the right arity and a message: `unwrap(x)`, `expect()` and `expect(Token::Comma)` are other methods', async () => {
    const text =
      'pub fn f(p: &mut Parser) {\n    p.unwrap(1);\n    p.expect();\n    p.expect(Token::Comma);\n    p.expect(\'=\');\n' +
      '    p.next().expect(INTERNAL_ERROR_MSG);\n    p.next().expect(&format!("at {}", p.pos));\n}\n';
    expect(where(await lintText(text))).toEqual(['rs/expect-used:6', 'rs/expect-used:7']);
  });

  it('in a file with its own `fn unwrap`, still reports receivers known to be an Option or a Result', async () => {
    const text = 'impl Inst { fn unwrap(self) -> Op { self.0 } }\nfn f(stack: &mut Vec<Inst>) -> Op {\n    let top = stack.pop().unwrap();\n    top.unwrap()\n}\n';
    expect(where(await lintText(text))).toEqual(['rs/unwrap-used:3']);
  });

  it('does not report `unreachable!`, `assert!` or a panic in a `const` block', async () => {
    const text = 'pub fn f(x: u8) {\n    const { assert!(true) };\n    if x > 1 { unreachable!() }\n    assert!(x < 2, "small");\n    const LIMIT: u8 = { if false { panic!() } 2 };\n}\n';
    expect(await lintText(text)).toEqual([]);
  });

  it('reports a `panic!` inside another macro call\'s arguments, not inside a `macro_rules!` body', async () => {
    const text =
      'thread_local!(static ID: usize = {\n    let next = COUNTER.fetch_add(1, Relaxed);\n    if next == 0 { panic!("ids exhausted") }\n    next\n});\n' +
      'macro_rules! bail { ($msg:expr) => { panic!($msg) }; }\n';
    expect(where(await lintText(text))).toEqual(['rs/panic:3']);
  });

  it('reports `std::panic!` and `core::todo!` but not a crate macro that happens to be called `panic`', async () => {
    const text = 'pub fn f() {\n    std::panic!("a");\n    core::todo!();\n    my_crate::panic!("b");\n}\n';
    expect(where(await lintText(text))).toEqual(['rs/panic:2', 'rs/todo:3']);
  });
});

describe('rs/let-underscore-result (events.rs)', () => {
  it('reports discarded Results known by the callee, and not the look-alikes', async () => {
    const findings = await lint('events.rs', 'src/events.rs');
    expect(where(findings)).toEqual([
      'rs/let-underscore-result:15',
      'rs/let-underscore-result:17',
      'rs/let-underscore-result:18',
      'rs/let-underscore-result:19',
      'rs/let-underscore-result:20',
      'rs/let-underscore-result:21',
      'rs/let-underscore-result:22',
      'rs/let-underscore-result:27',
      'rs/let-underscore-result:28',
      'rs/let-underscore-result:61',
    ]);
    expect(findings[0]?.message).toBe('`let _ =` drops the error of `.send` unseen: handle it, log it, or say why it does not matter');
    expect(findings[5]?.message).toContain('`fs::remove_file`');
  });

  it('knows `try_*` and sink sends as fallible, and leaves atomics\' `compare_exchange` alone', async () => {
    const text =
      'fn pump(&mut self, job: Job) {\n    let _ = self.queue.try_send(job);\n    let _ = self.sink.start_send(Item::Tick);\n' +
      '    let _ = self.state.compare_exchange(IDLE, BUSY, SeqCst, Relaxed);\n    let _ = self.queue.len();\n}\n';
    expect(where(await lintText(text))).toEqual(['rs/let-underscore-result:2', 'rs/let-underscore-result:3']);
  });

  it('trusts a same-file declaration over the name list', async () => {
    const text = 'impl Remote {\n    fn send(&self, event: Event) {}\n\n    fn relay(&self, event: Event) {\n        let _ = self.send(event);\n    }\n}\n';
    expect(await lintText(text)).toEqual([]);
  });
});
