import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../../src/core/rules/languages';
import { testEngine } from '../../support/wasm';

// Tree-sitter's `.` anchor counts comments as children: a comment before a first argument (prettier
// and black put one on its own line) hid the call from every rule that wanted "the first argument".
// The rules say `#nth?` instead, which skips comments. Each case: the finding without a comment, and
// the same finding with comments around the argument.
const cases: readonly { rule: string; language: LanguageId; path: string; plain: string; commented: string }[] = [
  {
    rule: 'js/sql-injection',
    language: 'typescript',
    path: 'src/users.ts',
    plain: 'export async function find(db: Db, id: string) {\n  return db.query(`SELECT * FROM users WHERE id = ${id}`);\n}\n',
    commented: 'export async function find(db: Db, id: string) {\n  return db.query(\n    // by primary key\n    `SELECT * FROM users WHERE id = ${id}`,\n  );\n}\n',
  },
  {
    rule: 'js/empty-catch',
    language: 'javascript',
    path: 'src/jobs.js',
    plain: 'export function start(job) {\n  job.run().catch(() => {});\n}\n',
    commented: 'export function start(job) {\n  job.run().catch(/* fire and forget */ () => {});\n}\n',
  },
  {
    rule: 'js/catch-any',
    language: 'typescript',
    path: 'src/jobs.ts',
    plain: 'export function start(job: Job) {\n  job.run().catch((error: any) => report(error.code));\n}\n',
    commented: 'export function start(job: Job) {\n  job.run().catch(\n    // the job library rejects with plain objects\n    (/* rejection */ error: any) => report(error.code),\n  );\n}\n',
  },
  {
    rule: 'py/logging-eager-format',
    language: 'python',
    path: 'app/users.py',
    plain: 'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef greet(name):\n    log.info(f"hello {name}")\n',
    commented: 'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef greet(name):\n    log.info(\n        # shown on the welcome screen\n        f"hello {name}",\n    )\n',
  },
  {
    rule: 'py/sql-string-format',
    language: 'python',
    path: 'app/users.py',
    plain: 'def find(cursor, uid):\n    cursor.execute(f"SELECT * FROM users WHERE id = {uid}")\n',
    commented: 'def find(cursor, uid):\n    cursor.execute(  # by primary key\n        f"SELECT * FROM users WHERE id = {uid}"\n    )\n',
  },
  {
    rule: 'go/errorf-without-wrap',
    language: 'go',
    path: 'store/load.go',
    plain: 'package store\n\nimport "fmt"\n\nfunc wrap(err error) error {\n\treturn fmt.Errorf("load: %v", err)\n}\n',
    commented: 'package store\n\nimport "fmt"\n\nfunc wrap(err error) error {\n\treturn fmt.Errorf(\n\t\t// the caller adds the path\n\t\t"load: %v", /* cause */ err)\n}\n',
  },
  {
    rule: 'go/blank-error',
    language: 'go',
    path: 'store/remove.go',
    plain: 'package store\n\nimport "os"\n\nfunc clean(p string) {\n\t_ = os.Remove(p)\n}\n',
    commented: 'package store\n\nimport "os"\n\nfunc clean(p string) {\n\t_ = /* best effort */ os.Remove(p)\n}\n',
  },
  {
    rule: 'go/panic-in-library',
    language: 'go',
    path: 'store/open.go',
    plain: 'package store\n\nimport "os"\n\nfunc open(p string) *os.File {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn f\n}\n',
    commented: 'package store\n\nimport "os"\n\nfunc open(p string) *os.File {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\tpanic(/* cannot go on */ err)\n\t}\n\treturn f\n}\n',
  },
  {
    rule: 'rs/expect-used',
    language: 'rust',
    path: 'src/config.rs',
    plain: 'pub fn port(raw: &str) -> u16 {\n    raw.parse().expect("a port number")\n}\n',
    commented: 'pub fn port(raw: &str) -> u16 {\n    raw.parse().expect(\n        // checked by the CLI parser already\n        "a port number",\n    )\n}\n',
  },
];

describe.each(cases)('$rule', ({ rule, language, path, plain, commented }) => {
  it('reports the call with comments around its argument as it does without', async () => {
    const engine = await testEngine();
    const ids = async (text: string): Promise<string[]> => {
      const result = await engine.lintFile({ path, text, language });
      expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
      return result.findings.filter((finding) => finding.ruleId === rule).map((finding) => finding.ruleId);
    };
    expect(await ids(plain)).toEqual([rule]);
    expect(await ids(commented)).toEqual([rule]);
  });
});
