import * as vscode from 'vscode';
import { SettingsSchema, type ServerSettings, type Settings } from '../protocol/settings';

export interface ReadSettings {
  readonly settings: Settings;
  /** One line per setting that failed validation (its default is used instead), naming the setting. */
  readonly problems: readonly string[];
}

type Key = keyof Settings;
const KEYS = Object.keys(SettingsSchema.shape) as Key[];

/** The one way the extension reads `omni.*`: each key validated on its own, so one bad value costs only itself. */
export function readSettings(): ReadSettings {
  const configuration = vscode.workspace.getConfiguration('omni');
  const problems: string[] = [];
  const raw: Partial<Record<Key, unknown>> = {};
  for (const key of KEYS) {
    const value = configuration.get<unknown>(key);
    const parsed = SettingsSchema.shape[key].safeParse(value);
    if (parsed.success) raw[key] = value;
    else problems.push(`omni.${key}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}; using the default`);
  }
  return { settings: SettingsSchema.parse(raw), problems };
}

export function serverSettings(settings: Settings): ServerSettings {
  const { enable, run, maxFileSizeKb, rules } = settings;
  return { enable, run, maxFileSizeKb, rules };
}
