import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, ruleId } from './helpers';
import { activeOmni, has, lacks, waitForOmni } from './omni-helpers';
import { suite, teardown, test } from './tdd';

suite('language server: live diagnostics', () => {
  teardown(closeAllEditors);

  test('opening a file shows the expected findings with ids, ranges, severities and links', async () => {
    const { activationMs } = await activeOmni();
    console.log(`    activate() took ${activationMs.toFixed(1)} ms`);
    const editor = await openFixture('python/orders.py');
    const diagnostics = await waitForOmni(editor.document.uri, (ids) => ids.length >= 5);
    const seen = diagnostics
      .map((d) => `${ruleId(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${vscode.DiagnosticSeverity[d.severity]}`)
      .sort();
    assert.deepEqual(seen, [
      'py/bare-except 7:4-7:10 Warning',
      'py/broad-except 17:11-17:20 Warning',
      'py/mutable-default-arg 3:27-3:29 Warning',
      'py/open-without-with 4:13-4:23 Warning',
      'py/swallowed-exception 17:4-17:10 Warning',
    ]);
    const code = diagnostics[0]?.code;
    assert.ok(typeof code === 'object' && code.target.scheme === 'file' && code.target.path.endsWith(`/rules/${String(code.value)}.md`), 'code carries a link to the rule page');
  });

  test('typing a bare except adds a finding and fixing it removes it, without saving', async () => {
    const editor = await openFixture('python/typing.py');
    const uri = editor.document.uri;
    await waitForOmni(uri, (ids) => ids.length === 0);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\ndef retry(job):\n    try:\n        job.run()\n    except:\n        job.fail()\n'));
    const added = await waitForOmni(uri, has('py/bare-except'));
    assert.equal(added.find((d) => ruleId(d) === 'py/bare-except')?.range.start.line, 7);
    const colon = editor.document.lineAt(7).text.indexOf(':');
    await editor.edit((edit) => edit.insert(new vscode.Position(7, colon), ' RuntimeError'));
    await waitForOmni(uri, lacks('py/bare-except'));
    assert.equal(editor.document.lineAt(7).text, '    except RuntimeError:');
    assert.equal(editor.document.isDirty, true, 'the finding went away without a save');
  });

  test('a file with syntax errors is still checked in its valid parts', async () => {
    const editor = await openFixture('python/broken.py');
    const diagnostics = await waitForOmni(editor.document.uri, has('py/bare-except'));
    assert.equal(diagnostics.find((d) => ruleId(d) === 'py/bare-except')?.range.start.line, 7);
  });

  test('a 5 MB file gets one notice instead of a check, and editing goes on elsewhere', async () => {
    const huge = fixtureUri('python/huge_generated.py');
    await vscode.workspace.fs.writeFile(huge, Buffer.from(`${'value = compute(1, 2, 3)  # filler line\n'.repeat(128_000)}try:\n    x()\nexcept:\n    pass\n`));
    try {
      const editor = await openFixture('python/huge_generated.py');
      assert.ok(editor.document.getText().length > 5_000_000);
      const [notice, ...rest] = await waitForOmni(huge, (_ids, diagnostics) => diagnostics.length > 0);
      assert.deepEqual(rest, []);
      assert.equal(notice?.severity, vscode.DiagnosticSeverity.Information);
      assert.match(notice?.message ?? '', /over the 1024 KiB limit \(setting omni\.maxFileSizeKb\)/);

      const other = await openFixture('python/typing.py');
      await other.edit((edit) => edit.insert(new vscode.Position(0, 0), 'try:\n    x()\nexcept:\n    y()\n'));
      await waitForOmni(other.document.uri, has('py/bare-except'));
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(huge);
    }
  });
});
