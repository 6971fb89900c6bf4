import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, omniExtension, waitForDiagnostics } from './helpers';
import { suite, teardown, test } from './tdd';

/** Copies a sample from spec-samples/ to `.omni/specs/<slug>/spec.md` and opens it. */
async function openSample(sample: string, slug: string): Promise<vscode.TextDocument> {
  // A workspace without .omni/specs at start-up activates the extension on its first command or file.
  await omniExtension().activate();
  const target = fixtureUri(`.omni/specs/${slug}/spec.md`);
  await vscode.workspace.fs.copy(fixtureUri(`spec-samples/${sample}`), target, { overwrite: true });
  return (await vscode.window.showTextDocument(target)).document;
}

function specDiagnostics(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.source === 'omni-spec');
}

function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  for (let line = 0; line < document.lineCount; line++) if (pattern.test(document.lineAt(line).text)) return line;
  throw new Error(`no line matches ${pattern} in ${document.uri.fsPath}`);
}

suite('spec diagnostics', () => {
  teardown(closeAllEditors);

  test('an incomplete spec shows the checklist problems on their lines, each coded with its checklist item', async () => {
    const document = await openSample('incomplete.md', 'export-orders-sample');
    const found = specDiagnostics(await waitForDiagnostics(document.uri, (all) => specDiagnostics(all).length >= 4));
    for (const diagnostic of found) assert.ok(typeof diagnostic.code === 'string' && diagnostic.code !== '', `a checklist id on "${diagnostic.message}"`);
    const at = (line: number) => found.filter((diagnostic) => diagnostic.range.start.line === line);
    // R2 has no acceptance criterion; NFR1 states no number; the rollback plan is a placeholder.
    const coded = (code: string, line: number) => found.some((diagnostic) => diagnostic.code === code && diagnostic.range.start.line === line);
    assert.ok(coded('acceptance-criteria', lineOf(document, /^#### R2:/)), `R2: ${describe(found)}`);
    assert.ok(coded('measurable-nfrs', lineOf(document, /^- NFR1:/)), `NFR1: ${describe(found)}`);
    const rollback = lineOf(document, /^## Rollback Plan/);
    assert.ok(found.some((diagnostic) => diagnostic.code === 'rollback-plan' && diagnostic.range.start.line >= rollback), `Rollback Plan: ${describe(found)}`);
    // Sections the sample writes out in full draw nothing.
    const security = lineOf(document, /^## Security Considerations/);
    assert.equal(at(security + 2).length, 0, describe(at(security + 2)));
  });

  test('completing the spec in the editor clears the problem without a save', async () => {
    const document = await openSample('incomplete.md', 'export-orders-edited');
    const onRollback = (all: vscode.Diagnostic[]) => specDiagnostics(all).some((diagnostic) => diagnostic.range.start.line >= lineOf(document, /^## Rollback Plan/));
    await waitForDiagnostics(document.uri, onRollback);
    const placeholder = lineOf(document, /^TBD$/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(placeholder).range, 'Turn the feature flag orders.export off; the button disappears and the endpoint answers 404. Nothing is stored, so nothing needs undoing.');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (all) => !onRollback(all));
    assert.equal(document.isDirty, true);
  });

  test('a review.json that does not validate is named in a warning, written after the spec opened', async () => {
    const document = await openSample('incomplete.md', 'export-orders-reviewed');
    await waitForDiagnostics(document.uri, (all) => specDiagnostics(all).length > 0);
    const review = fixtureUri('.omni/specs/export-orders-reviewed/review.json');
    await vscode.workspace.fs.writeFile(review, new TextEncoder().encode('{ "version": 1, "decision": "ship it" }\n'));
    const diagnostics = await waitForDiagnostics(document.uri, (all) => specDiagnostics(all).some((diagnostic) => diagnostic.code === 'review'));
    const warning = diagnostics.find((diagnostic) => diagnostic.code === 'review');
    assert.equal(warning?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning?.message ?? '', /review\.json: not a valid review record: .*decision.*; its findings are not shown$/);
  });

  test('a spec whose frontmatter does not validate gets one error on the exact line of the bad key', async () => {
    const document = await openSample('broken-frontmatter.md', 'import-orders-sample');
    const [error] = specDiagnostics(await waitForDiagnostics(document.uri, (all) => specDiagnostics(all).some((diagnostic) => diagnostic.code === 'parse')));
    assert.equal(error?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(error?.range.start.line, lineOf(document, /^complexity: enormous$/), error?.message);
    assert.match(error?.message ?? '', /complexity/);
    // Nothing else is checked in a spec that cannot be read.
    assert.equal(specDiagnostics(vscode.languages.getDiagnostics(document.uri)).length, 1);
  });
});

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${String(diagnostic.code)}: ${diagnostic.message}`).join(' | ');
}
