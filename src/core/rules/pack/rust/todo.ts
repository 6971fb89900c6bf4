import type { RuleDefinition } from '../../rule';
import { panicsAtRunTime } from './context';
import query from './todo.scm';

export const todoUsed: RuleDefinition = {
  id: 'rs/todo',
  title: '`todo!` left in code',
  severity: 'warning',
  category: 'error-handling',
  cwe: 248,
  message: '`todo!` panics when reached: finish this code or return an error',
  rationale:
    '`todo!()` compiles anywhere and panics at run time, so unfinished code ships silently. Same findings as ' +
    'clippy\'s `todo` lint (`todo!`, `std::todo!`, `core::todo!`), quiet in tests, benches and examples (clippy ' +
    'reports those unless configured otherwise) and in `const` evaluation. Unlike rs/panic it does report in ' +
    '`fn main`: unfinished code is unfinished there too. A `todo!` inside another macro\'s arguments is not matched: ' +
    'it does not occur in real crates, and the pattern would cost a candidate per `name!(..)` in every macro call.',
  queries: { rust: query },
  anchor: /\btodo\s*!/,
  predicate: panicsAtRunTime,
  spare: ['test', 'bench', 'example'],
  equivalents: ['clippy:todo'],
  examples: [
    {
      language: 'rust',
      kind: 'bad',
      code: 'impl Storage for S3Storage {\n    fn delete(&self, key: &str) -> Result<(), StorageError> {\n        todo!()\n    }\n}\n',
    },
    {
      language: 'rust',
      kind: 'good',
      code:
        'impl Storage for S3Storage {\n' +
        '    fn delete(&self, key: &str) -> Result<(), StorageError> {\n' +
        '        self.client.delete_object(&self.bucket, key).map_err(StorageError::from)\n' +
        '    }\n' +
        '}\n',
    },
  ],
};
