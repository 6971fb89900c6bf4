import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

/** The rules server: the extension host's child process running dist/server.js (read from /proc, Linux). */
function serverPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('server.js')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

suite('language server: crash recovery', () => {
  teardown(closeAllEditors);

  test('a rules server process that dies is restarted and checking goes on', async () => {
    const editor = await openFixture('python/actions.py');
    const uri = editor.document.uri;
    await waitForOmni(uri, has('py/bare-except'));
    const pid = serverPid();
    assert.ok(pid !== undefined, 'the rules server runs as a child of the extension host');
    process.kill(pid, 'SIGKILL');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'def more(items=[]):\n    return items\n\n\n'));
    await waitForOmni(uri, has('py/mutable-default-arg'));
    const restarted = serverPid();
    assert.ok(restarted !== undefined && restarted !== pid, 'a new server process runs');
  });
});
