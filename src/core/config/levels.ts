import type { OmniConfig, RuleLevel } from './schema';
import type { RuleSettings } from '../rules/engine';

/** Rule levels as plain data (they cross into worker threads) and back into the engine's lookup. */
export function levelsFromConfig(config: OmniConfig): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const [id, setting] of Object.entries(config.rules)) {
    if (setting !== undefined) levels[id] = typeof setting === 'string' ? setting : setting.severity;
  }
  return levels;
}

export function settingsFromLevels(levels: Readonly<Record<string, RuleLevel>>): RuleSettings {
  return (ruleId) => levels[ruleId];
}
