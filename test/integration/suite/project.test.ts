import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, ruleId, waitForDiagnostics } from './helpers';
import { has, lacks, omniDiagnostics, waitForOmni } from './omni-helpers';
import { suite, teardown, test } from './tdd';

const CONFIG = '.omni/config.json';

async function writeConfig(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixtureUri(CONFIG), Buffer.from(text));
}

suite('language server: project config and Scan Workspace', () => {
  let original = '';
  teardown(async () => {
    await closeAllEditors();
    if (original) await writeConfig(original);
  });

  test('turning a rule off in .omni/config.json removes its diagnostics', async () => {
    original = Buffer.from(await vscode.workspace.fs.readFile(fixtureUri(CONFIG))).toString('utf8');
    const editor = await openFixture('python/orders.py');
    await waitForOmni(editor.document.uri, has('py/bare-except'));
    await writeConfig('{ "rules": { "py/print-call": "off", "py/bare-except": "off" } }\n');
    const after = await waitForOmni(editor.document.uri, lacks('py/bare-except'));
    assert.ok(after.some((d) => ruleId(d) === 'py/mutable-default-arg'), 'the other rules still report');
  });

  test('an invalid config shows one diagnostic at the bad key, and checking goes on with the last good config', async () => {
    original = Buffer.from(await vscode.workspace.fs.readFile(fixtureUri(CONFIG))).toString('utf8');
    const editor = await openFixture('python/orders.py');
    await waitForOmni(editor.document.uri, has('py/bare-except'));
    await writeConfig('{\n  "rules": {\n    "py/bare-exept": "off"\n  }\n}\n');
    const [problem, ...rest] = await waitForDiagnostics(fixtureUri(CONFIG), (list) => list.some((d) => d.source === 'omni'));
    assert.deepEqual(rest.filter((d) => d.source === 'omni'), []);
    assert.equal(problem?.range.start.line, 2);
    assert.match(problem?.message ?? '', /unknown key.*did you mean "py\/bare-except"/);

    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'def more(items=[]):\n    return items\n\n'));
    await waitForOmni(editor.document.uri, (ids, diagnostics) => ids.includes('py/bare-except') && diagnostics.some((d) => ruleId(d) === 'py/mutable-default-arg' && d.range.start.line === 0));
    await writeConfig(original);
    await waitForDiagnostics(fixtureUri(CONFIG), (list) => !list.some((d) => d.source === 'omni'));
  });

  test('Scan Workspace reports findings for files that are not open', async () => {
    const service = fixtureUri('typescript/service.ts');
    assert.equal(vscode.workspace.textDocuments.some((document) => document.uri.toString() === service.toString()), false);
    const outcome = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('omni.scanWorkspace');
    assert.equal(outcome.cancelled, false);
    // Documents VS Code still holds open stay live and are not scanned, so only a lower bound holds.
    assert.ok(outcome.files > 0 && outcome.findings >= 2, `scanned ${outcome.files} files, ${outcome.findings} findings`);
    const ids = omniDiagnostics(service).map((d) => ruleId(d));
    assert.deepEqual(ids.sort(), ['js/empty-catch', 'js/throw-literal']);
    assert.ok(omniDiagnostics(fixtureUri('go/store.go')).some((d) => ruleId(d) === 'go/unchecked-error'));
  });
});
