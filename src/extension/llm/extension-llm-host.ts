import * as vscode from 'vscode';
import { MODEL_SETTING_KEYS, type ModelSettings } from '../../core/llm/model-settings';
import type { LlmHost } from '../../core/llm/providers-from-config';
import { storedApiKey } from './api-key';
import type { Settings } from '../../protocol/settings';
import { readSettings } from '../settings';
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

/** `omni.models.*`, read through the one settings accessor, to lay over `.omni/config.json` (see `withModelSettings`). */
export function modelSettings(settings: Settings = readSettings().settings): ModelSettings {
  const chosen: ModelSettings = {};
  for (const key of MODEL_SETTING_KEYS) {
    if (key === 'chain') {
      if (settings['models.chain'].length > 0) chosen.chain = settings['models.chain'];
      continue;
    }
    const value = settings[`models.${key}`].trim();
    if (value !== '') chosen[key] = value;
  }
  return chosen;
}
