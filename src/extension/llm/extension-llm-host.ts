import * as vscode from 'vscode';
import { MODEL_SETTING_KEYS, type ModelSettings } from '../../core/llm/model-settings';
import type { LlmHost } from '../../core/llm/providers-from-config';
import { registerSetApiKey, storedApiKey } from './api-key';
import { VsCodeLmProvider } from './vscode-lm-provider';

/** The model layer's ports in the extension host: Node's fetch, the environment, secret storage and `vscode.lm`. */
export function extensionLlmHost(secrets: vscode.SecretStorage): LlmHost {
  return {
    fetch: globalThis.fetch,
    env: process.env,
    secretKey: (providerId) => storedApiKey(secrets, providerId),
    vscodeLm: (id, config) => new VsCodeLmProvider(id, config, { firstTokenMs: config.firstTokenTimeoutMs, totalMs: config.answerTimeoutMs }),
  };
}

/** `omni.models.*` from the user's and workspace's settings, to lay over `.omni/config.json` (see `withModelSettings`). */
export function modelSettings(scope?: vscode.ConfigurationScope): ModelSettings {
  const section = vscode.workspace.getConfiguration('omni.models', scope);
  const settings: ModelSettings = {};
  for (const key of MODEL_SETTING_KEYS) {
    if (key === 'chain') {
      const chain = section.get<unknown>('chain');
      if (Array.isArray(chain)) settings.chain = chain.filter((id): id is string => typeof id === 'string');
      continue;
    }
    const value = section.get<unknown>(key);
    if (typeof value === 'string' && value.trim() !== '') settings[key] = value;
  }
  return settings;
}

/** The model layer's commands; call from `activate`. */
export function registerLlmCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerSetApiKey(context));
}
