import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ProviderConfig } from '../../../src/core/llm/config';
import { LlmError } from '../../../src/core/llm/provider';
import { VsCodeLmProvider } from '../../../src/extension/llm/vscode-lm-provider';
import { omniExtension } from './helpers';
import { suite, test } from './tdd';

// The harness turns VS Code's AI features off and reaches no network: no language model exists, the
// case of every user without Copilot. The adapter must say so, never hang or throw something else.
suite('VS Code language models as a provider', () => {
  const config = ProviderConfig.parse({ type: 'vscode-lm', vendor: 'copilot' });
  if (config.type !== 'vscode-lm') throw new Error('expected a vscode-lm provider config');
  const provider = new VsCodeLmProvider('copilot', config, { firstTokenMs: 30_000, totalMs: 60_000 });

  test('health says which model is missing and why', async () => {
    const health = await provider.health();
    assert.equal(health.ok, false);
    assert.match(health.ok ? '' : health.reason, /no VS Code language model matches vendor "copilot"/);
    assert.deepEqual(await provider.listModels(), []);
  });

  test('a chat is refused as unreachable, so the fallback chain moves on', async () => {
    await assert.rejects(
      provider.chat({ model: '', messages: [{ role: 'user', content: 'hello' }] }),
      (error: unknown) => error instanceof LlmError && error.kind === 'unreachable' && error.provider === 'copilot',
    );
  });

  test('Set API Key is registered once the extension is active', async () => {
    await omniExtension().activate();
    assert.ok((await vscode.commands.getCommands(true)).includes('omni.setApiKey'));
  });
});
