import { z } from 'zod';
import { RULE_LEVELS } from '../core/config/schema';

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
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

/** What the language server needs of the settings (tracing is the client's business). */
export const ServerSettingsSchema = SettingsSchema.omit({ 'trace.server': true });
export type ServerSettings = z.infer<typeof ServerSettingsSchema>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = ServerSettingsSchema.parse({});
