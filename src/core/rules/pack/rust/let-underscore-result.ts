import type { RuleDefinition } from '../../rule';
import { inTestOnlyCode } from './context';
import query from './let-underscore-result.scm';
import { resultCall } from './result-calls';

export const letUnderscoreResult: RuleDefinition = {
  id: 'rs/let-underscore-result',
  title: '`Result` discarded with `let _ =`',
  severity: 'info',
  category: 'error-handling',
  cwe: 252,
  message: '`let _ =` drops the error of `{value}` unseen: handle it, log it, or say why it does not matter',
  rationale:
    '`let _ = fs::remove_file(tmp);` compiles without the `unused_must_use` warning, so a failed write, flush, send or ' +
    'delete leaves no trace. Sometimes that is intended (best-effort clean-up, a receiver that may be gone); the ' +
    'finding asks for a log line or a comment that says so. Reported at `info` because `let _ =` is an explicit choice. ' +
    'The closest clippy lint is `let_underscore_must_use`, which reports `let _ =` on every `#[must_use]` type or ' +
    'function (also iterators, futures, `String`s from `format!`); this rule is only about `Result`, and also covers ' +
    '`_ = expr;`, which clippy does not. Without types it recognizes a `Result` by the callee: `write!`/`writeln!`; ' +
    'methods whose name means a `Result` on std types and common crates (`flush`, `write_all`, `send`, `try_send`, ' +
    '`try_recv`, `shutdown`, `set_permissions`, `join`, `parse`, `try_init`...); `std::fs` functions; `io::copy`, ' +
    '`env::var`, `File::create`; and functions and methods declared in the same file with a `Result` return type ' +
    '(`async` ones when awaited). A same-file declaration wins over the name lists. Quiet in tests, benches and examples.',
  queries: { rust: query },
  // `let _ =`, `let _: T =`, `_ =`; not a match arm's `_ =>`. Short, so one match never swallows the next.
  anchor: /\b_\s*[:=](?![=>])/,
  predicate: (match) => {
    const value = match.capture('value');
    if (!value || inTestOnlyCode(match.node, match.file)) return false;
    const call = resultCall(value, match.file);
    return call ? { message: `\`let _ =\` drops the error of \`${call.callee}\` unseen: handle it, log it, or say why it does not matter` } : false;
  },
  spare: ['test', 'bench', 'example'],
  equivalents: ['clippy:let_underscore_must_use'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code:
        'pub fn save(&self, path: &Path) -> io::Result<()> {\n' +
        '    let tmp = path.with_extension("tmp");\n' +
        '    fs::write(&tmp, self.to_bytes())?;\n' +
        '    let _ = fs::rename(&tmp, path);\n' +
        '    Ok(())\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'bad',
      code:
        'fn notify(&self, event: Event) {\n' +
        '    for subscriber in &self.subscribers {\n' +
        '        let _ = subscriber.send(event.clone());\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'pub fn save(&self, path: &Path) -> io::Result<()> {\n' +
        '    let tmp = path.with_extension("tmp");\n' +
        '    fs::write(&tmp, self.to_bytes())?;\n' +
        '    fs::rename(&tmp, path)\n' +
        '}\n\n' +
        'fn notify(&self, event: Event) {\n' +
        '    for subscriber in &self.subscribers {\n' +
        '        if subscriber.send(event.clone()).is_err() {\n' +
        '            log::debug!("subscriber gone");\n' +
        '        }\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code: 'fn drain(rx: &Receiver<Job>) {\n    let _ = rx.iter().count();\n    let _ = std::mem::take(&mut *rx.buffer());\n}\n',
    },
  ],
};
