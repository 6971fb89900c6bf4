import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config/load';
import { MODEL_SETTING_KEYS, withModelSettings } from '../../../src/core/llm/model-settings';
import { modelFor } from '../../../src/core/llm/providers-from-config';

describe('omni.models.* settings over .omni/config.json', () => {
  it('declares exactly the keys the code reads, in package.json', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const declared = Object.keys(manifest.contributes.configuration.properties).filter((key) => key.startsWith('omni.models.'));
    expect(declared.sort()).toEqual(MODEL_SETTING_KEYS.map((key) => `omni.models.${key}`).sort());
  });

  it('lays a role model and a chain over the project, dropping and reporting unknown providers', () => {
    const project = parseConfig('c.json', JSON.stringify({ providers: { lan: { type: 'ollama', host: 'box' } }, models: { default: { ollama: 'a', lan: 'b' } } }));
    const { config, problems } = withModelSettings(project, { reviewer: 'qwen2.5-coder:32b', tester: '  ', chain: ['lan', 'nope'] });

    expect(config.models.chain).toEqual(['lan']);
    expect(problems).toEqual(['omni.models.chain: no provider "nope" in .omni/config.json "providers"']);
    expect(modelFor(config, 'reviewer', 'lan')).toBe('qwen2.5-coder:32b');
    expect(modelFor(config, 'tester', 'lan')).toBe('b');
    expect(project.models.chain).toEqual(['ollama']);
  });
});
