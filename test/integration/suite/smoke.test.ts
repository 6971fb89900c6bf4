import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, omniExtension, openFixture } from './helpers';
import { suite, teardown, test } from './tdd';

suite('extension smoke test', () => {
  teardown(closeAllEditors);

  test('stays inactive until a supported file opens', () => {
    assert.equal(omniExtension().isActive, false, 'active before any supported file opened: is an activation event too broad?');
  });

  test('opening a Python file activates it and registers its commands', async () => {
    const editor = await openFixture('python/orders.py');
    assert.equal(editor.document.languageId, 'python');
    // Joins the activation the file triggered (the host offers no event for it).
    await omniExtension().activate();
    assert.ok((await vscode.commands.getCommands(true)).includes('omni.showRuleDocumentation'));
  });

  test('Show Rule Documentation opens the rule as Markdown', async () => {
    const before = new Set(vscode.workspace.textDocuments);
    await vscode.commands.executeCommand('omni.showRuleDocumentation', 'py/bare-except');
    const opened = vscode.workspace.textDocuments.filter((document) => !before.has(document) && document.languageId === 'markdown');
    assert.equal(opened.length, 1);
    // Read-only: an untitled document would ask to be saved when its tab closes.
    assert.equal(opened[0]?.isUntitled, false);
    assert.equal(opened[0]?.uri.scheme, 'omni-rule');
    const text = opened[0]?.getText() ?? '';
    assert.match(text, /^# py\/bare-except: /);
    assert.match(text, /`omni-ignore py\/bare-except: <reason>`/);
  });

  test('Show Rule Documentation for an unknown id opens nothing', async () => {
    const before = vscode.workspace.textDocuments.length;
    await vscode.commands.executeCommand('omni.showRuleDocumentation', 'py/no-such-rule');
    assert.equal(vscode.workspace.textDocuments.length, before);
  });
});
