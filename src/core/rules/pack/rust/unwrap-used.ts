import type { RuleDefinition } from '../../rule';
import { panickingCallPredicate, questionMarkFix } from './panicking-call';
import query from './unwrap-used.scm';

export const unwrapUsed: RuleDefinition = {
  id: 'rs/unwrap-used',
  title: '`.unwrap()` outside tests',
  severity: 'warning',
  category: 'error-handling',
  cwe: 703,
  message: '`.{match}()` panics on `None`/`Err`: return the error with `?`, handle it, or state the invariant with `.expect(..)`',
  rationale:
    '`.unwrap()` turns a `None` or an `Err` into a panic that stops the thread (the process, in `main` or with ' +
    '`panic = "abort"`) with a message that says nothing about what was expected. Library and service code should ' +
    'hand the error to its caller with `?` or handle it; where failure truly cannot happen, `.expect("why")` says so. ' +
    'Same findings as clippy\'s `unwrap_used` (`.unwrap()` and `.unwrap_err()`, also inside macro arguments such as ' +
    '`println!`), with these differences on purpose: it stays quiet in tests ' +
    '(`#[cfg(test)]` items, `#[test]` functions, `tests/`, test module files such as `src/tests.rs`), benches, ' +
    'examples, `build.rs` and `fn main`, where a panic is the expected way to fail; clippy reports those unless ' +
    'configured otherwise. Like clippy\'s default, `const` and `static` initializers are left alone (a panic there ' +
    'fails the build), and so are `macro_rules!` bodies and quoted code (`quote!`). Without type information, an ' +
    '`unwrap()` method of another type is reported too, unless the file declares its own `fn unwrap` (then only ' +
    'calls on a receiver known to be an `Option` or `Result`, such as `.pop().unwrap()`, are). The path form ' +
    '`Option::unwrap(x)` is not matched: it costs a candidate per path call and does not occur in real crates. ' +
    'The fix, offered in the editor and never applied by `--fix`, replaces `.unwrap()` with `?` when the enclosing ' +
    'function, or closure with a declared return type, returns `Result` or `Option` (an `async fn` counts by its ' +
    'declared output; a `?` in a closure or an `async` block returns from that, so those get no fix). A receiver known ' +
    'to be a `Result` in an `Option` function becomes `.ok()?`; a receiver known to be an `Option` in a `Result` ' +
    'function, `.lock()`/`.join()` results and `.unwrap_err()` get no fix. It is not safe: the panic becomes an early ' +
    'return, and the error type may not convert into the function\'s, which the compiler then reports.',
  queries: { rust: query },
  anchor: /\bunwrap(?:_err)?\b/,
  predicate: panickingCallPredicate(0),
  fix: questionMarkFix,
  spare: ['test', 'bench', 'example', 'main'],
  equivalents: ['clippy:unwrap_used'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code:
        'pub fn load_config(path: &Path) -> io::Result<Config> {\n' +
        '    let text = fs::read_to_string(path).unwrap();\n' +
        '    Ok(Config::parse(&text))\n' +
        '}\n',
      fixed:
        'pub fn load_config(path: &Path) -> io::Result<Config> {\n' +
        '    let text = fs::read_to_string(path)?;\n' +
        '    Ok(Config::parse(&text))\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'bad',
      code:
        'pub fn port_of(addr: &str) -> Option<u16> {\n' +
        "    let (_, port) = addr.rsplit_once(':')?;\n" +
        '    Some(port.parse().unwrap())\n' +
        '}\n',
      fixed:
        'pub fn port_of(addr: &str) -> Option<u16> {\n' +
        "    let (_, port) = addr.rsplit_once(':')?;\n" +
        '    Some(port.parse().ok()?)\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'bad',
      code: 'pub fn ports(args: &[String]) -> Vec<u16> {\n    args.iter().map(|arg| arg.parse().unwrap()).collect()\n}\n',
    },
    {
      language: 'rust',
      kind: 'bad',
      code: 'pub fn report(stats: &Stats) {\n    println!("p99: {} ms", stats.percentile(99).unwrap());\n}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'pub fn load_config(path: &Path) -> io::Result<Config> {\n' +
        '    let text = fs::read_to_string(path)?;\n' +
        '    Ok(Config::parse(&text))\n' +
        '}\n\n' +
        '#[cfg(test)]\n' +
        'mod tests {\n' +
        '    #[test]\n' +
        '    fn parses_the_sample() {\n' +
        '        let config = load_config(Path::new("sample.toml")).unwrap();\n' +
        '        assert_eq!(config.port, 8080);\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      path: 'src/main.rs',
      code: 'fn main() {\n    let config = load_config(Path::new("omni.toml")).unwrap();\n    serve(config);\n}\n',
    },
  ],
};
