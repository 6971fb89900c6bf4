import type { RuleDefinition } from '../../rule';
import { panicsAtRunTime } from './context';
import query from './unimplemented.scm';

export const unimplementedUsed: RuleDefinition = {
  id: 'rs/unimplemented',
  title: '`unimplemented!` outside tests',
  severity: 'warning',
  category: 'error-handling',
  cwe: 248,
  message: '`unimplemented!` panics when reached: implement it or return an error the caller can handle',
  rationale:
    '`unimplemented!()` is a panic that callers cannot see in the signature: a trait method that "is not supported" ' +
    'should say so with an error value. Same findings as clippy\'s `unimplemented` lint (`unimplemented!`, ' +
    '`std::unimplemented!`, `core::unimplemented!`), quiet in tests, benches and examples (clippy reports those ' +
    'unless configured otherwise) and in `const` evaluation. Unlike rs/panic it does report in `fn main`: a missing ' +
    'implementation is missing there too. An `unimplemented!` inside another macro\'s arguments is not matched: it ' +
    'does not occur in real crates, and the pattern would cost a candidate per `name!(..)` in every macro call.',
  queries: { rust: query },
  anchor: /\bunimplemented\s*!/,
  predicate: panicsAtRunTime,
  spare: ['test', 'bench', 'example'],
  equivalents: ['clippy:unimplemented'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code:
        'impl io::Seek for Pipe {\n' +
        '    fn seek(&mut self, _pos: io::SeekFrom) -> io::Result<u64> {\n' +
        '        unimplemented!("pipes cannot seek")\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'impl io::Seek for Pipe {\n' +
        '    fn seek(&mut self, _pos: io::SeekFrom) -> io::Result<u64> {\n' +
        '        Err(io::Error::new(io::ErrorKind::Unsupported, "pipes cannot seek"))\n' +
        '    }\n' +
        '}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      path: 'src/fake.rs',
      code:
        '#[cfg(test)]\n' +
        'impl Clock for FakeClock {\n' +
        '    fn sleep(&self, _for: Duration) {\n' +
        '        unimplemented!("tests never sleep")\n' +
        '    }\n' +
        '}\n',
    },
  ],
};
