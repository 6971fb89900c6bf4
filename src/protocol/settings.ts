import { z } from 'zod';
import { SEVERITIES } from '../core/rules/rule';

/**
 * The levels `.omni/config.json` accepts (RULE_LEVELS in src/core/config/schema.ts, which a test
 * compares): spelled out here because that module builds the rule pack, which the extension host
 * must not load at start-up.
 */
export const RULE_LEVELS = ['off', ...SEVERITIES] as const;

/**
 * The `omni.*` settings, as package.json declares them (a unit test keeps the two in step). Keys
 * are the setting names after `omni.`; descriptions live in package.json, where users read them.
 */
export const SettingsSchema = z
  .object({
    enable: z.boolean().default(true),
    run: z.enum(['onType', 'onSave']).default('onType'),
    maxFileSizeKb: z.number().int().positive().default(1024),
    rules: z.record(z.string(), z.enum(RULE_LEVELS)).default({}),
    'trace.server': z.enum(['off', 'messages', 'verbose']).default('off'),
    // The model per role over `.omni/config.json` (src/core/llm/model-settings.ts lays them over it); empty = not set.
    'models.default': z.string().default(''),
    'models.architect': z.string().default(''),
    'models.reviewer': z.string().default(''),
    'models.threatModeler': z.string().default(''),
    'models.developer': z.string().default(''),
    'models.tester': z.string().default(''),
    'models.optimizer': z.string().default(''),
    'models.embed': z.string().default(''),
    'models.chain': z.array(z.string()).default([]),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

/** What the language server needs of the settings (tracing and models are the extension's business). */
export const ServerSettingsSchema = SettingsSchema.pick({ enable: true, run: true, maxFileSizeKb: true, rules: true });
export type ServerSettings = z.infer<typeof ServerSettingsSchema>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = ServerSettingsSchema.parse({});
