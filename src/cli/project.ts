import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseConfig } from '../core/config/load';
import { DEFAULT_CONFIG, type OmniConfig } from '../core/config/schema';

export interface Project {
  /** Folder holding `.omni/` (or the nearest git root, or the current folder when neither exists). */
  readonly root: string;
  readonly config: OmniConfig;
  /** The config file read, if any. */
  readonly configFile?: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the project around `start`: the nearest `.omni/config.json` up to the enclosing git root,
 * else the git root, else `start` itself. Throws ConfigError for a config that does not validate.
 */
export async function loadProject(start: string, configPath?: string): Promise<Project> {
  if (configPath) {
    const file = resolve(configPath);
    const root = basename(dirname(file)) === '.omni' ? dirname(dirname(file)) : resolve(start);
    return { root, config: parseConfig(file, await readFile(file, 'utf8')), configFile: file };
  }
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    const file = join(directory, '.omni', 'config.json');
    if (await exists(file)) return { root: directory, config: parseConfig(file, await readFile(file, 'utf8')), configFile: file };
    if (await exists(join(directory, '.git'))) return { root: directory, config: DEFAULT_CONFIG };
    if (dirname(directory) === directory) return { root: resolve(start), config: DEFAULT_CONFIG };
  }
}
