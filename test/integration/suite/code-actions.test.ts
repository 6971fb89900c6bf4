import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, ruleId } from './helpers';
import { applyCodeAction, codeActionsFor, has, lacks, waitForOmni } from './omni-helpers';
import { suite, teardown, test } from './tdd';

const BASELINE = '.omni/baseline.json';

async function bareExcept(file = 'python/actions.py'): Promise<{ editor: vscode.TextEditor; diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  const editor = await openFixture(file);
  const diagnostic = (await waitForOmni(editor.document.uri, has('py/bare-except'))).find((d) => ruleId(d) === 'py/bare-except');
  if (!diagnostic) throw new Error('no py/bare-except finding');
  return { editor, diagnostic, actions: await codeActionsFor(editor.document.uri, diagnostic.range) };
}

function action(actions: vscode.CodeAction[], title: RegExp): vscode.CodeAction {
  const found = actions.find((candidate) => title.test(candidate.title));
  if (!found) throw new Error(`no code action matching ${title}; offered: ${actions.map((candidate) => candidate.title).join(' | ')}`);
  return found;
}

suite('language server: code actions', () => {
  teardown(async () => {
    await closeAllEditors();
    // Emptied rather than deleted: a watcher can merge a quick create and delete into no event at all,
    // and the server would keep the entry the previous test added.
    await vscode.workspace.fs.writeFile(fixtureUri(BASELINE), Buffer.from('{ "version": 1, "findings": [] }\n'));
  });

  test("the rule's fix is preferred, edits the document and the finding goes away", async () => {
    const { editor, actions } = await bareExcept();
    const fix = action(actions, /Catch `Exception` instead/);
    assert.equal(fix.isPreferred, true);
    await applyCodeAction(fix);
    assert.equal(editor.document.lineAt(3).text, '    except Exception:');
    await waitForOmni(editor.document.uri, lacks('py/bare-except'));
  });

  test('suppress on this line writes omni-ignore with the reason on the line before, indented', async () => {
    const { editor, actions } = await bareExcept();
    await applyCodeAction(action(actions, /on this line/), 'jobs report their own failures');
    assert.equal(editor.document.lineAt(3).text, '    # omni-ignore py/bare-except: jobs report their own failures');
    assert.equal(editor.document.lineAt(4).text, '    except:');
    await waitForOmni(editor.document.uri, (ids) => ids.length === 0);
  });

  test('suppress in this file writes omni-ignore-file at the top', async () => {
    const { editor, actions } = await bareExcept();
    await applyCodeAction(action(actions, /in this file/), 'legacy job runner');
    assert.equal(editor.document.lineAt(0).text, '# omni-ignore-file py/bare-except: legacy job runner');
    await waitForOmni(editor.document.uri, (ids) => ids.length === 0);
  });

  test('add to baseline writes .omni/baseline.json and the finding goes away', async () => {
    // A file of its own: its baseline entry must not depend on the file watcher reporting the teardown's delete.
    const { editor, actions } = await bareExcept('python/baselined.py');
    await applyCodeAction(action(actions, /baseline/));
    const baseline = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(fixtureUri(BASELINE))).toString('utf8')) as { findings: { ruleId: string; path: string }[] };
    assert.deepEqual(baseline.findings.map((entry) => `${entry.ruleId} ${entry.path}`), ['py/bare-except python/baselined.py']);
    await waitForOmni(editor.document.uri, lacks('py/bare-except'));
  });

  test('show rule documentation opens the rule page', async () => {
    const { actions } = await bareExcept();
    const previews = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).filter((label) => /\bbare-except\.md\b/.test(label));
    assert.deepEqual(previews(), []);
    // The preview's tab arrives after the command returns.
    const previewOpened = new Promise<void>((resolve) => {
      const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (previews().length === 0) return;
        listener.dispose();
        resolve();
      });
    });
    await applyCodeAction(action(actions, /Show documentation/));
    await previewOpened;
    assert.equal(previews().length, 1);
    const page = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'omni-rule' && document.uri.path === '/py/bare-except.md');
    assert.match(page?.getText() ?? '', /^# py\/bare-except: Bare except/);
  });

  test('source.fixAll.omni applies every safe fix', async () => {
    const editor = await openFixture('python/unused.py');
    await waitForOmni(editor.document.uri, has('omni/unused-suppression'));
    const [fixAll] = await codeActionsFor(editor.document.uri, editor.document.lineAt(0).range, 'source.fixAll.omni');
    assert.ok(fixAll, 'a fix-all action is offered');
    await applyCodeAction(fixAll);
    assert.equal(editor.document.getText(), 'limit = 10\n');
    await waitForOmni(editor.document.uri, (ids) => ids.length === 0);
  });

  test('hovering a finding shows the rationale and examples', async () => {
    const { editor, diagnostic } = await bareExcept();
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, diagnostic.range.start)) ?? [];
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*py\/bare-except\*\*: Bare except/);
    assert.match(text, /#### Flagged \(python\)/);
  });
});
