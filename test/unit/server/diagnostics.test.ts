import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol/node';
import { project } from '../../support/cli';
import { LspSession } from './lsp-session';

const BARE = 'def run():\n    try:\n        work()\n    except:\n        log()\n';
const hasBareExcept = (list: readonly { code?: number | string }[]): boolean => list.some((d) => d.code === 'py/bare-except');

describe('language server: diagnostics', () => {
  let session: LspSession;

  beforeAll(async () => {
    session = await LspSession.start(await project({ 'src/app.py': BARE }));
  });
  afterAll(() => session.stop());

  it('publishes findings of an opened Python file with rule id, range, severity, link and source', async () => {
    const uri = await session.open('src/app.py', 'python', BARE);
    const [diagnostic, ...rest] = await session.diagnostics(uri, (list) => list.length > 0);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: 'py/bare-except',
      source: 'omni',
      severity: DiagnosticSeverity.Warning,
      range: { start: { line: 3, character: 4 } },
    });
    const href = diagnostic?.codeDescription?.href ?? '';
    expect(href).toMatch(/^file:.*\/rules\/py\/bare-except\.md$/);
    expect(existsSync(fileURLToPath(href))).toBe(true);
  });

  it('adds a finding when an edit types a new bare except, and drops it when the edit is fixed', async () => {
    const uri = await session.open('src/typed.py', 'python', 'def f():\n    pass\n');
    expect(await session.diagnostics(uri)).toEqual([]);
    await session.edit(uri, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'try:\n    f()\nexcept:\n    pass\n' });
    const added = await session.diagnostics(uri, (list) => list.some((d) => d.code === 'py/bare-except'));
    expect(added.find((d) => d.code === 'py/bare-except')?.range.start.line).toBe(4);
    await session.edit(uri, { range: { start: { line: 4, character: 6 }, end: { line: 4, character: 6 } }, newText: ' ValueError' });
    const fixed = await session.diagnostics(uri, (list) => !list.some((d) => d.code === 'py/bare-except'));
    expect(session.text(uri)).toContain('except ValueError:');
    expect(fixed.filter((d) => d.code === 'py/bare-except')).toEqual([]);
  });

  it('applies edits sent right after the open exactly once', async () => {
    const uri = await session.open('src/early.py', 'python', 'x = 0\n');
    void session.edit(uri, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'y = 1\n' });
    void session.edit(uri, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: BARE });
    const list = await session.diagnostics(uri, hasBareExcept);
    expect(list.filter((d) => d.code === 'py/bare-except').map((d) => d.range.start.line)).toEqual([5]);
  });

  it('publishes only results of the newest text when edits come faster than lints', async () => {
    const uri = await session.open('src/burst.py', 'python', 'x = 0\n');
    await session.diagnostics(uri);
    for (let line = 1; line <= 30; line++) {
      void session.edit(uri, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: line === 30 ? BARE : `x = ${line}\n` });
    }
    await session.diagnostics(uri, hasBareExcept);
    const versions = session.versionsPublished.filter((entry) => entry.uri === uri).map((entry) => entry.version ?? 0);
    expect(versions.at(-1)).toBe(31);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('points related information at the second location of a finding', async () => {
    const text = 'def search(cursor, term):\n    sql = "SELECT id FROM items WHERE name = \'%s\'" % term\n    cursor.execute(sql)\n';
    const uri = await session.open('src/sql.py', 'python', text);
    const list = await session.diagnostics(uri, (l) => l.some((d) => d.code === 'py/sql-string-format'));
    const finding = list.find((d) => d.code === 'py/sql-string-format');
    expect(finding?.range.start.line).toBe(2);
    expect(finding?.relatedInformation).toEqual([
      { location: { uri, range: { start: { line: 1, character: 4 }, end: { line: 1, character: 57 } } }, message: '`sql` is built by string formatting here' },
    ]);
  });

  it('tags an unused suppression as unnecessary and hides suppressed findings', async () => {
    const text = 'x = 1  # omni-ignore py/bare-except: nothing here\ntry:\n    x()\nexcept:  # omni-ignore py/bare-except: plugin API raises anything\n    recover()\n';
    const uri = await session.open('src/suppressed.py', 'python', text);
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list.map((d) => d.code)).toEqual(['omni/unused-suppression']);
    expect(list[0]?.tags).toEqual([DiagnosticTag.Unnecessary]);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = await session.open('src/closing.py', 'python', BARE);
    await session.diagnostics(uri, (list) => list.length > 0);
    await session.close(uri);
    expect(await session.nextDiagnostics(uri)).toEqual([]);
  });

  it('gives a file over the size limit one information diagnostic instead of checking it', async () => {
    const big = `${'x = 1\n'.repeat(200_000)}${BARE}`;
    const uri = await session.open('src/big.py', 'python', big);
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ severity: DiagnosticSeverity.Information, source: 'omni' });
    expect(list[0]?.message).toMatch(/over the 1024 KiB limit/);
  });

  it('still checks the valid parts of a file with syntax errors', async () => {
    const uri = await session.open('src/broken.py', 'python', `def broken(:\n    pass\n\n${BARE}`);
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list.map((d) => d.code)).toContain('py/bare-except');
  });
});
