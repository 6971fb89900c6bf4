import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, ruleId } from './helpers';
import { has, lacks, waitForOmni } from './omni-helpers';
import { suite, teardown, test } from './tdd';

suite('language server: settings and restart', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('omni').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('omni.rules overrides the project config: off removes a rule, a level changes its severity', async () => {
    const editor = await openFixture('python/orders.py');
    const uri = editor.document.uri;
    await waitForOmni(uri, has('py/bare-except'));
    await vscode.workspace.getConfiguration('omni').update('rules', { 'py/bare-except': 'off', 'py/open-without-with': 'error' }, vscode.ConfigurationTarget.Workspace);
    const after = await waitForOmni(uri, lacks('py/bare-except'));
    assert.equal(after.find((d) => ruleId(d) === 'py/open-without-with')?.severity, vscode.DiagnosticSeverity.Error);
  });

  test('Restart Rules Server brings the diagnostics back and keeps checking edits', async () => {
    const editor = await openFixture('python/typing.py');
    const uri = editor.document.uri;
    await waitForOmni(uri, (ids) => ids.length === 0);
    await vscode.commands.executeCommand('omni.restartServer');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'try:\n    x()\nexcept:\n    y()\n'));
    await waitForOmni(uri, has('py/bare-except'));
  });
});
