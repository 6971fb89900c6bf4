import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RULE_LEVELS as CONFIG_LEVELS } from '../../../src/core/config/schema';
import { RULE_LEVELS, SettingsSchema } from '../../../src/protocol/settings';

interface DeclaredSetting {
  readonly type: string;
  readonly default: unknown;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly additionalProperties?: { readonly enum?: readonly string[] };
  readonly description?: string;
  readonly markdownDescription?: string;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, DeclaredSetting> } } };
const declared = manifest.contributes.configuration.properties;
const keys = Object.keys(SettingsSchema.shape) as (keyof typeof SettingsSchema.shape)[];

/** package.json is where users read settings; the zod schema is what the code reads. They must agree. */
describe('settings: package.json and the zod schema', () => {
  it('offer the rule levels .omni/config.json accepts', () => {
    expect(RULE_LEVELS).toEqual(CONFIG_LEVELS);
  });

  it('declare the same settings', () => {
    expect(Object.keys(declared).sort()).toEqual(keys.map((key) => `omni.${key}`).sort());
  });

  it.each(keys)('omni.%s has the same type, default and values, and a description', (key) => {
    const setting = declared[`omni.${key}`];
    const field = SettingsSchema.shape[key];
    const schema = z.toJSONSchema(field, { io: 'input' }) as { type?: string; enum?: string[]; additionalProperties?: { enum?: string[] } };
    expect(setting?.type).toBe(schema.type);
    expect(setting?.default).toEqual(field.parse(undefined));
    expect(setting?.enum).toEqual(schema.enum);
    expect(setting?.additionalProperties?.enum).toEqual(schema.additionalProperties?.enum);
    expect(setting?.description ?? setting?.markdownDescription ?? '').not.toBe('');
    if (setting?.minimum !== undefined) {
      expect(field.safeParse(setting.minimum).success).toBe(true);
      expect(field.safeParse(setting.minimum - 1).success).toBe(false);
    }
  });
});

describe('settings: the model roles', () => {
  it('has one omni.models.<role> setting per role of the model layer', async () => {
    const { MODEL_SETTING_KEYS } = await import('../../../src/core/llm/model-settings');
    expect(keys.filter((key) => key.startsWith('models.')).sort()).toEqual(MODEL_SETTING_KEYS.map((key) => `models.${key}`).sort());
  });
});
