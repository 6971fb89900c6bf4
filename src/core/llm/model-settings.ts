import type { OmniConfig } from '../config/schema';
import { IMPLICIT_OLLAMA } from './config';
import { ROLES } from './provider';

/** The editor's `omni.models.*` settings: a model name per role (empty = not set) and a chain. */
export const MODEL_SETTING_KEYS = ['default', ...ROLES, 'chain'] as const;
export type ModelSettingKey = (typeof MODEL_SETTING_KEYS)[number];
export type ModelSettings = Partial<Record<Exclude<ModelSettingKey, 'chain'>, string>> & { chain?: readonly string[] };

/**
 * The user's settings over the project's `.omni/config.json`: a model named in settings is used on
 * every provider of the chain. Chain entries naming no provider are dropped and reported.
 */
export function withModelSettings(config: OmniConfig, settings: ModelSettings): { config: OmniConfig; problems: string[] } {
  const problems: string[] = [];
  const models = { ...config.models };
  for (const key of ['default', ...ROLES] as const) {
    const value = settings[key]?.trim();
    if (value) models[key] = value;
  }
  if (settings.chain && settings.chain.length > 0) {
    const known = settings.chain.filter((id) => id === IMPLICIT_OLLAMA || id in config.providers);
    for (const id of settings.chain) if (!known.includes(id)) problems.push(`omni.models.chain: no provider "${id}" in .omni/config.json "providers"`);
    if (known.length > 0) models.chain = known;
  }
  return { config: { ...config, models }, problems };
}
