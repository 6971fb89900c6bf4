import type { RuleDefinition } from '../../rule';
import { panicsAtRunTime } from './context';
import query from './panic.scm';

export const panicUsed: RuleDefinition = {
  id: 'rs/panic',
  title: '`panic!` outside tests',
  severity: 'info',
  category: 'error-handling',
  cwe: 248,
  message: '`panic!` stops the thread: return an error the caller can handle, unless this is a broken invariant',
  rationale:
    'A panic cannot be handled by the caller short of `catch_unwind`, and with `panic = "abort"` it ends the process. ' +
    'Code that others call should return `Result` for anything a caller could cause or recover from. Reported at ' +
    '`info` because a documented panic on a broken invariant is legitimate. Same findings as clippy\'s `panic` lint ' +
    '(`panic!`, `std::panic!`, `core::panic!`), quiet in tests, benches, examples, `build.rs` and `fn main` (clippy ' +
    'reports those unless configured otherwise), and in `const` evaluation, where a panic is a compile error (as in ' +
    'clippy). A `panic!` written inside a `macro_rules!` body or inside another macro\'s arguments is not reported; ' +
    'clippy does not report the former either. `unreachable!` is not reported (clippy has a separate `unreachable` ' +
    'lint): it marks code the author proved dead, and flagging it pushes people to worse `_ => {}` arms. ' +
    '`assert!` is not reported either: a checked precondition is the point of an assertion.',
  queries: { rust: query },
  anchor: /\bpanic\s*!/,
  predicate: panicsAtRunTime,
  spare: ['test', 'bench', 'example', 'main'],
  equivalents: ['clippy:panic'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code:
        'pub fn parse_level(name: &str) -> Level {\n' +
        '    match name {\n' +
        '        "debug" => Level::Debug,\n' +
        '        "info" => Level::Info,\n' +
        '        other => panic!("unknown log level {other}"),\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'pub fn parse_level(name: &str) -> Result<Level, UnknownLevel> {\n' +
        '    match name {\n' +
        '        "debug" => Ok(Level::Debug),\n' +
        '        "info" => Ok(Level::Info),\n' +
        '        other => Err(UnknownLevel(other.to_owned())),\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code: 'const PAGE: usize = match usize::checked_pow(2, 12) {\n    Some(size) => size,\n    None => panic!("page size overflows"),\n};\n',
    },
  ],
};
