import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../src/core/rules/apply-edits';
import type { Finding } from '../../../../src/core/rules/finding';
import type { LanguageId } from '../../../../src/core/rules/languages';
import { testEngine, wholeTreeEngine } from '../../../support/wasm';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'js');

/** Lints a fixture as if it lived at `path` (fixtures sit under test/, which would make every file a test). */
async function lintFixture(fixture: string, path = fixture): Promise<Finding[]> {
  const engine = await testEngine();
  const result = await engine.lintFile({ path, text: readFileSync(join(FIXTURES, fixture), 'utf8') });
  expect(result.notices).toEqual([]);
  return result.findings.filter((finding) => finding.ruleId.startsWith('js/'));
}

async function lintCode(code: string, language: LanguageId, path = 'src/example.ts'): Promise<Finding[]> {
  const engine = await testEngine();
  const result = await engine.lintFile({ path, text: code, language });
  return result.findings.filter((finding) => finding.ruleId.startsWith('js/'));
}

const at = (findings: readonly Finding[]): string[] => findings.map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`);

describe('js rules on realistic files', () => {
  it('flags the TypeScript service at the expected lines', async () => {
    expect(at(await lintFixture('src/orders-service.ts'))).toEqual([
      'js/sql-injection:17',
      'js/sql-injection:30',
      'js/catch-any:46',
      'js/catch-any:55',
      'js/console:56',
      'js/empty-catch:64',
      'js/catch-log-only:78',
      'js/throw-literal:84',
      'js/throw-literal:85',
    ]);
  });

  it('flags the JavaScript module, and not a local `console`, a parameterised query or a CSS selector', async () => {
    expect(at(await lintFixture('src/legacy-db.js'))).toEqual([
      'js/sql-injection:8',
      'js/console:17',
      'js/sql-injection:18',
      'js/empty-catch:30',
      'js/empty-catch:32',
      'js/throw-literal:37',
    ]);
  });

  it('flags the TSX component: an `any` rejection handler, an empty one, and console output', async () => {
    expect(at(await lintFixture('src/Profile.tsx'))).toEqual(['js/catch-any:8', 'js/empty-catch:9', 'js/console:11']);
  });

  it('flags the TSX server component: SQL built from a route parameter, and a thrown template', async () => {
    expect(at(await lintFixture('src/OrderPage.tsx'))).toEqual(['js/sql-injection:4', 'js/throw-literal:5']);
  });

  it('lets scripts print but still flags a script that logs a failure and exits 0', async () => {
    expect(at(await lintFixture('scripts/migrate.mjs'))).toEqual(['js/catch-log-only:7']);
  });

  it('is quiet about console and log-only catches in tests, but not about the rest', async () => {
    expect(at(await lintFixture('src/orders.test.ts'))).toEqual([]);
    expect(at(await lintFixture('src/orders-service.ts', 'test/orders-service.ts'))).toEqual([
      'js/sql-injection:17',
      'js/sql-injection:30',
      'js/catch-any:46',
      'js/catch-any:55',
      'js/empty-catch:64',
      'js/throw-literal:84',
      'js/throw-literal:85',
    ]);
  });

  it('spares console inside a top-level main() but not in its rejection handler', async () => {
    expect(at(await lintFixture('src/main.ts'))).toEqual(['js/console:7']);
  });
});

describe('js/catch-any fix', () => {
  const fixOf = async (code: string): Promise<{ safe: boolean; text: string }> => {
    const [finding] = (await lintCode(code, 'typescript')).filter((item) => item.ruleId === 'js/catch-any');
    if (!finding?.fix) throw new Error(`no catch-any fix for ${code}`);
    return { safe: finding.fix.safe, text: applyEdits(code, finding.fix.edits).text };
  };

  it('writes `unknown` in place of `any`', async () => {
    expect((await fixOf('try { run() } catch (e: any) { throw e }')).text).toBe('try { run() } catch (e: unknown) { throw e }');
  });

  it.each([
    ['no use at all', 'try { run() } catch (e: any) { retry() }'],
    ['a rethrow', 'try { run() } catch (e: any) { throw e }'],
    ['console, String() and a template', 'try { run() } catch (e: any) { console.warn(`failed: ${e}`, String(e)) }'],
    ['instanceof, typeof and equality', 'try { run() } catch (e: any) { if (e instanceof Error || typeof e === "string" || e === null) throw e }'],
  ])('is safe with %s', async (_name, code) => {
    expect((await fixOf(code)).safe).toBe(true);
  });

  it.each([
    ['a property read', 'try { run() } catch (e: any) { log(e.message) }'],
    ['a call that may want a narrower type', 'try { run() } catch (e: any) { report(e) }'],
    ['a return', 'function f() { try { run() } catch (e: any) { return e } }'],
    ['a destructured parameter', 'try { run() } catch ({ message }: any) { log(message) }'],
    ['a narrowing that would be needed anyway', 'try { run() } catch (e: any) { if (e instanceof Error) log(e.message) }'],
    ['a shorthand property', 'try { run() } catch (e: any) { emit({ e }) }'],
  ])('is offered but not safe with %s', async (_name, code) => {
    expect((await fixOf(code)).safe).toBe(false);
  });

  it('is TypeScript only: the JavaScript grammar has no annotations', async () => {
    expect(at(await lintCode('try { run() } catch (e) { throw e }', 'javascript', 'src/a.js'))).toEqual([]);
  });
});

describe('js/empty-catch', () => {
  it('treats a comment as intent, in a block and in a handler', async () => {
    const code = 'try { a() } catch { /* optional */ }\np.catch(() => {\n  // best effort\n});\n';
    expect(at(await lintCode(code, 'typescript'))).toEqual([]);
  });

  it('flags only a sole empty handler of .catch, not .then or a fallback value', async () => {
    const code = 'p.catch(() => {});\np.then(ok, () => {});\np.catch(() => undefined);\np.catch(() => {}, extra);\n';
    expect(at(await lintCode(code, 'javascript', 'src/a.js'))).toEqual(['js/empty-catch:1']);
  });
});

describe('js/throw-literal', () => {
  it('follows ESLint through logical, conditional, sequence and assignment expressions', async () => {
    const code = [
      'throw a || "fallback";',
      'throw a && "message";',
      'throw ok ? new Error("x") : "y";',
      'throw ok ? "x" : "y";',
      'throw (log(), "done");',
      'throw err = new Error("x");',
      'throw count += 1;',
      'throw "code " + code;',
      'throw undefined;',
      'throw null;',
      'throw -1;',
    ].join('\n');
    expect(at(await lintCode(code, 'javascript', 'src/a.js'))).toEqual([
      'js/throw-literal:2',
      'js/throw-literal:4',
      'js/throw-literal:5',
      'js/throw-literal:7',
      'js/throw-literal:8',
      'js/throw-literal:9',
      'js/throw-literal:10',
      'js/throw-literal:11',
    ]);
  });

  it('looks through TypeScript wrappers and trusts `this`', async () => {
    const code = 'throw err as Error;\nthrow err!;\nthrow this;\nthrow "x" as unknown;\n';
    expect(at(await lintCode(code, 'typescript'))).toEqual(['js/throw-literal:4']);
  });

  it('offers `new Error(...)` around a string, in the editor only', async () => {
    const [finding] = await lintCode("throw 'value required';", 'javascript', 'src/a.js');
    expect(finding?.fix?.safe).toBe(false);
    expect(applyEdits("throw 'value required';", finding?.fix?.edits ?? []).text).toBe("throw new Error('value required');");
  });
});

describe('js/console', () => {
  it('reports the member access, called or not, with the method in the message', async () => {
    const findings = await lintCode('const log = console.log;\nconsole["warn"]("x");\n', 'javascript', 'src/a.js');
    expect(at(findings)).toEqual(['js/console:1', 'js/console:2']);
    expect(findings[0]?.message).toContain('`console.log`');
    expect(findings[0]?.range).toEqual({ start: { line: 0, column: 12 }, end: { line: 0, column: 23 } });
  });

  it('is quiet for a parameter or import named console, a shebang file, and bin/ or cli files', async () => {
    expect(at(await lintCode('export const run = (console: Console) => console.log("x");\n', 'typescript'))).toEqual([]);
    expect(at(await lintCode("import { console } from './io';\nconsole.log('x');\n", 'typescript'))).toEqual([]);
    expect(at(await lintCode("#!/usr/bin/env node\nconsole.log('x');\n", 'javascript', 'src/tool.js'))).toEqual([]);
    expect(at(await lintCode("console.log('x');\n", 'javascript', 'packages/app/bin/app.js'))).toEqual([]);
    expect(at(await lintCode("console.log('x');\n", 'typescript', 'src/cli.ts'))).toEqual([]);
  });
});

describe('js/sql-injection', () => {
  it('points from the query call back to the value spliced into the variable', async () => {
    const [finding] = (await lintFixture('src/orders-service.ts')).filter((item) => item.ruleId === 'js/sql-injection' && item.related);
    expect(finding?.range.start.line).toBe(29);
    expect(finding?.related?.map((item) => [item.range.start.line + 1, item.message])).toEqual([[28, 'value spliced into `text`']]);
  });

  it('accepts constants, numeric casts, escapes, ternaries of literals, tags and placeholders', async () => {
    const code = [
      'db.query(`SELECT * FROM ${TABLE} WHERE id = ${Number(id)} ORDER BY x ${desc ? "DESC" : "ASC"}`);',
      'db.query(`SELECT * FROM t WHERE ${conn.escapeId(column)} = ?`, [value]);',
      'db.query(sql`SELECT * FROM t WHERE id = ${id}`);',
      "db.query('SELECT * FROM t WHERE id = $1', [id]);",
      'db.query("SELECT * FROM t " + "WHERE id = 1");',
    ].join('\n');
    expect(at(await lintCode(code, 'typescript'))).toEqual([]);
  });

  it('needs SQL text for generic method names, but not for raw-SQL methods', async () => {
    const code = [
      'cache.get(`Select a file from ${dir}`);',
      'db.get(`SELECT name FROM users WHERE id = ${id}`);',
      'knex.whereRaw(`id = ${id}`);',
      'prisma.$queryRawUnsafe(`SELECT * FROM users WHERE email = ${email}`);',
      'document.querySelector(`select[name="${name}"]`);',
      'pool.query(`select * from users where name = ${name}`);',
    ].join('\n');
    expect(at(await lintCode(code, 'typescript'))).toEqual(['js/sql-injection:2', 'js/sql-injection:3', 'js/sql-injection:4', 'js/sql-injection:6']);
  });

  it('takes raw and unsafe for raw SQL on a database handle only: html.raw is markup', async () => {
    const code = [
      'knex.raw(`${column} = ${value}`);',
      'this.db.raw(`${column} = ${value}`);',
      'sql.unsafe(`${column} = ${value}`);',
      'html.raw(`<style id="${id}">${css}</style>`);',
      'raw(`<template id="E:${index}"></template>`);',
      'raw(`select * from users where id = ${id}`);',
    ].join('\n');
    expect(at(await lintCode(code, 'typescript'))).toEqual(['js/sql-injection:1', 'js/sql-injection:2', 'js/sql-injection:3', 'js/sql-injection:6']);
  });

  it('does not follow a variable it cannot see being built (a parameter)', async () => {
    expect(at(await lintCode('export function run(db: Db, sql: string) {\n  return db.query(sql);\n}\n', 'typescript'))).toEqual([]);
  });
});

describe('js/sql-injection helpers', () => {
  it('does not take an unescape or an unquote for an escape', async () => {
    const code = 'db.query(`SELECT * FROM t WHERE a = ${unescape(a)} AND b = ${escape(b)}`);\n';
    expect(at(await lintCode(code, 'typescript'))).toEqual(['js/sql-injection:1']);
    expect(at(await lintCode(code.replace('unescape(a)', 'quoteLiteral(a)'), 'typescript'))).toEqual([]);
  });

  it('reads a variable built over several statements in order', async () => {
    const code = [
      'function search(db, name) {',
      "  let sql = 'SELECT * FROM t';",
      "  if (name) sql += ' WHERE name = ' + name;",
      "  sql += ' LIMIT 10';",
      '  return db.query(sql);',
      '}',
    ].join('\n');
    const [finding] = await lintCode(code, 'javascript', 'src/a.js');
    expect(finding?.range.start.line).toBe(4);
    expect(finding?.related?.map((item) => item.range.start.line + 1)).toEqual([3]);
  });
});

// Anchors look at the text, and code being typed is broken text: a digit glued to a name, stray
// characters around a call's first argument, `+=` where `+` was meant. The tree still holds the
// matches there, so the anchored run must find them as the whole-tree run does.
describe('js anchors in code being typed', () => {
  it('find what the whole-tree query finds', async () => {
    const code = [
      'const a = 1console.log(user);',
      'function deny() {',
      "  1throw 'denied';",
      '}',
      'async function find(db, id) {',
      "  const sql = 'SELECT * FROM users WHERE id = ' + id;",
      '  return 1db.all(sql);',
      '}',
      'function search(x, name) {',
      "  return x.get(, `SELECT * FROM products WHERE name = '${name}'`);",
      '}',
      'function remove(cache, id) {',
      '  return cache.get("SELECT * FROM sessions WHERE id = " +=id);',
      '}',
      '',
    ].join('\n');
    const file = { path: 'src/typing.js', text: code, language: 'javascript' as const };
    const [fast, whole] = await Promise.all([testEngine(), wholeTreeEngine()]);
    const own = (findings: readonly Finding[]): readonly Finding[] => findings.filter((finding) => finding.ruleId.startsWith('js/'));
    const expected = ['js/console:1', 'js/throw-literal:3', 'js/sql-injection:7', 'js/sql-injection:10', 'js/sql-injection:13'];
    expect(at(own((await whole.lintFile(file)).findings))).toEqual(expected);
    expect(at(own((await fast.lintFile(file)).findings))).toEqual(expected);
  });
});
