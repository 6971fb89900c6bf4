import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DesignReview } from '../../../src/core/schemas/design-review';
import type { SpecDraft } from '../../../src/core/schemas/spec-draft';
import type { ThreatModel } from '../../../src/core/schemas/threat-model';
import { startOllamaServer } from '../../support/ollama-server';
import { closeAllEditors, fixtureUri } from './helpers';
import draft from '../../fixtures/agents/draft.json';
import reviewPass from '../../fixtures/agents/review-pass.json';
import threatsClear from '../../fixtures/agents/threats.json';
import { suite, teardown, test } from './tdd';

suite('spec and review views', () => {
  teardown(closeAllEditors);
  test('Open Spec View and Open Design Review open one panel each for a generated spec, by file or by slug', async () => {
    const server = await startOllamaServer({ turns: [{ reply: JSON.stringify(draft as SpecDraft) }, { reply: JSON.stringify(reviewPass as DesignReview) }, { reply: JSON.stringify(threatsClear as ThreatModel) }] });
    const config = fixtureUri('.omni/config.json');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify({ ...(JSON.parse(original) as object), providers: { scripted: { type: 'ollama', host: server.url, retries: 0 } }, models: { chain: ['scripted'] } })));
    try {
      const run = await vscode.commands.executeCommand<{ kind: string; outcome: { slug: string; specPath: string } }>('omni.generateSpec', 'Rate-limit the public API');
      assert.equal(run.kind, 'outcome');
      const spec = vscode.Uri.file(run.outcome.specPath);
      const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('omni.openSpecView', spec);
      assert.equal(panel.viewType, 'omni.specView');
      assert.equal(panel.title, `Spec: ${run.outcome.slug}`);
      assert.match(panel.webview.html, /spec-view\.js/);
      assert.match(panel.webview.html, /Content-Security-Policy/);
      const again = await vscode.commands.executeCommand<vscode.WebviewPanel>('omni.openSpecView', spec);
      assert.equal(again, panel);
      const review = await vscode.commands.executeCommand<vscode.WebviewPanel>('omni.openReviewView', spec);
      assert.equal(review.viewType, 'omni.reviewView');
      assert.match(review.webview.html, /review-view\.js/);
      const bySlug = await vscode.commands.executeCommand<vscode.WebviewPanel>('omni.openReviewView', run.outcome.slug);
      assert.equal(bySlug, review);
    } finally {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(original));
      await server.close();
    }
  });
});
