import type { RuleDefinition } from '../../rule';
import query from './expect-used.scm';
import { panickingCallPredicate, questionMarkFix } from './panicking-call';

export const expectUsed: RuleDefinition = {
  id: 'rs/expect-used',
  title: '`.expect(..)` outside tests',
  severity: 'info',
  category: 'error-handling',
  cwe: 703,
  message: '`.{match}(..)` panics on `None`/`Err`: return the error with `?` or handle it, unless this truly cannot fail',
  rationale:
    '`.expect("msg")` panics like `.unwrap()`, with a better message. It is the accepted way to state an invariant ' +
    '("the regex literal is valid"), so this rule is separate from rs/unwrap-used and reports at `info`: turn it off ' +
    'or up on its own, like clippy\'s separate `expect_used` lint. Same findings as clippy\'s `expect_used` ' +
    '(`.expect(..)` and `.expect_err(..)`, also inside macro arguments), with the same differences on purpose as ' +
    'rs/unwrap-used: quiet in tests, benches, examples, `build.rs`, `fn main`, `const`/`static` initializers and ' +
    '`macro_rules!` bodies. Without types, a call counts when its one argument can be a message (a string, ' +
    '`&format!(..)`, a constant or variable), so a parser\'s `self.expect(Token::Comma)` is not reported. The fix ' +
    '(editor only, never safe) is the one of ' +
    'rs/unwrap-used; it keeps the message as `.context("msg")?` when the file already imports anyhow\'s (or eyre\'s) ' +
    '`Context` trait, and otherwise replaces `.expect("msg")` with `?`, which drops the message.',
  queries: { rust: query },
  anchor: /\bexpect(?:_err)?\b/,
  predicate: panickingCallPredicate(1),
  fix: questionMarkFix,
  spare: ['test', 'bench', 'example', 'main'],
  equivalents: ['clippy:expect_used'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code:
        'use anyhow::{Context, Result};\n\n' +
        'pub fn read_manifest(dir: &Path) -> Result<Manifest> {\n' +
        '    let text = fs::read_to_string(dir.join("Cargo.toml")).expect("no Cargo.toml");\n' +
        '    Ok(toml::from_str(&text)?)\n' +
        '}\n',
      fixed:
        'use anyhow::{Context, Result};\n\n' +
        'pub fn read_manifest(dir: &Path) -> Result<Manifest> {\n' +
        '    let text = fs::read_to_string(dir.join("Cargo.toml")).context("no Cargo.toml")?;\n' +
        '    Ok(toml::from_str(&text)?)\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'bad',
      code:
        'pub async fn next_job(queue: &Queue) -> Result<Job, QueueError> {\n' +
        '    let raw = queue.pop().await?;\n' +
        '    let job = serde_json::from_slice(&raw).expect("queue holds valid jobs");\n' +
        '    Ok(job)\n' +
        '}\n',
      fixed:
        'pub async fn next_job(queue: &Queue) -> Result<Job, QueueError> {\n' +
        '    let raw = queue.pop().await?;\n' +
        '    let job = serde_json::from_slice(&raw)?;\n' +
        '    Ok(job)\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'pub fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {\n' +
        '    let text = fs::read_to_string(dir.join("Cargo.toml")).context("no Cargo.toml")?;\n' +
        '    Ok(toml::from_str(&text)?)\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      path: 'build.rs',
      code: 'fn main() {\n    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");\n    generate(Path::new(&out));\n}\n',
    },
  ],
};
