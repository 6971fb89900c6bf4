import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BaselineError, parseBaseline, type BaselineEntry } from '../core/baseline/baseline';
import { levelsFromConfig, settingsFromLevels } from '../core/config/levels';
import { ConfigError, parseConfig } from '../core/config/load';
import { DEFAULT_CONFIG, type OmniConfig, type RuleLevel } from '../core/config/schema';
import type { RuleSettings } from '../core/rules/engine';
import picomatch from 'picomatch';
import { relativeInside } from '../node/relative-path';

/** A problem with a project file that the server shows as a diagnostic in that file. */
export interface ProjectFileProblem {
  readonly file: string;
  /** Zero-based start and UTF-16 length of what is wrong, where known. */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** The file's text, to turn offsets into positions. */
  readonly text: string;
}

/** A workspace folder with the `.omni/config.json` and `.omni/baseline.json` it holds. */
export class Project {
  /** The last config that validated: an invalid edit keeps the editor working on this one. */
  config: OmniConfig = DEFAULT_CONFIG;
  configProblem: ProjectFileProblem | undefined;
  baselineProblem: ProjectFileProblem | undefined;
  private baselineByPath = new Map<string, BaselineEntry[]>();
  private ruleSettings: RuleSettings | undefined;
  private fileFilter: ((projectPath: string) => boolean) | undefined;
  /** Size and modification time of each file when last read, to notice changes a watcher missed. */
  private readonly stamps = new Map<string, string>();
  private overrides: Readonly<Record<string, RuleLevel>> = {};

  constructor(readonly root: string) {}

  get configFile(): string {
    return join(this.root, '.omni', 'config.json');
  }

  get baselineFile(): string {
    return join(this.root, '.omni', 'baseline.json');
  }

  /** Re-reads the config; an invalid one is reported and the last good one kept. */
  async loadConfig(): Promise<void> {
    this.stamps.set(this.configFile, await stampOf(this.configFile));
    const text = await readOptional(this.configFile);
    try {
      this.config = text === undefined ? DEFAULT_CONFIG : parseConfig(this.configFile, text);
      this.configProblem = undefined;
    } catch (error) {
      if (!(error instanceof ConfigError) || text === undefined) throw error;
      // One diagnostic at the first bad key: the rest usually follow from it, and the message says how many there are.
      const [first, ...rest] = error.problems;
      this.configProblem = {
        file: this.configFile,
        offset: first?.offset ?? 0,
        length: first?.length ?? 0,
        message: `${first?.message ?? 'invalid config'}${rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : ''}. Omni keeps using the last valid config.`,
        text,
      };
      return;
    }
    this.ruleSettings = undefined;
    this.fileFilter = undefined;
  }

  /**
   * Whether the config's include and exclude globs leave this file out, as `omni check` would (a
   * folder glob like `generated/` or `generated/**` covers the files below it).
   */
  leavesOut(path: string): boolean {
    const projectPath = this.relative(path);
    if (projectPath === undefined) return false;
    if (!this.fileFilter) {
      const { include, exclude } = this.config;
      const included = include.length > 0 ? picomatch([...include], { dot: true }) : undefined;
      const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : undefined;
      this.fileFilter = (rel) => {
        if (included && !included(rel)) return true;
        if (!excluded) return false;
        if (excluded(rel)) return true;
        const parts = rel.split('/');
        return parts.slice(0, -1).some((_, index) => excluded(`${parts.slice(0, index + 1).join('/')}/`));
      };
    }
    return this.fileFilter(projectPath);
  }

  /** Re-reads the baseline; an invalid one is reported and the last good one kept. */
  async loadBaseline(): Promise<void> {
    this.stamps.set(this.baselineFile, await stampOf(this.baselineFile));
    const text = await readOptional(this.baselineFile);
    try {
      const entries = text === undefined ? [] : parseBaseline(this.baselineFile, text).findings;
      this.baselineByPath = new Map();
      for (const entry of entries) {
        const list = this.baselineByPath.get(entry.path);
        if (list) list.push(entry);
        else this.baselineByPath.set(entry.path, [entry]);
      }
      this.baselineProblem = undefined;
    } catch (error) {
      if (!(error instanceof BaselineError) || text === undefined) throw error;
      this.baselineProblem = { file: this.baselineFile, offset: 0, length: 0, message: `${error.message}. Omni keeps using the last valid baseline.`, text };
    }
  }

  /**
   * Reloads the config or the baseline when it changed on disk since it was read; returns whether
   * it did. File watchers can miss events (a busy machine, a network drive), and a document that
   * opens is the moment stale settings would show.
   */
  async refresh(): Promise<boolean> {
    const [config, baseline] = await Promise.all([stampOf(this.configFile), stampOf(this.baselineFile)]);
    const reloads: Promise<void>[] = [];
    if (config !== this.stamps.get(this.configFile)) reloads.push(this.loadConfig());
    if (baseline !== this.stamps.get(this.baselineFile)) reloads.push(this.loadBaseline());
    await Promise.all(reloads);
    return reloads.length > 0;
  }

  /** Baseline entries of one file, by its path relative to the root. */
  baselineFor(projectPath: string): readonly BaselineEntry[] {
    return this.baselineByPath.get(projectPath) ?? [];
  }

  /** The user's `omni.rules` overrides, on top of the project's config. */
  setOverrides(overrides: Readonly<Record<string, RuleLevel>>): void {
    this.overrides = overrides;
    this.ruleSettings = undefined;
  }

  /** One function object per config and overrides: the engine caches compiled rule sets by its identity. */
  settings(): RuleSettings {
    if (!this.ruleSettings) {
      this.ruleSettings = settingsFromLevels({ ...levelsFromConfig(this.config), ...this.overrides });
    }
    return this.ruleSettings;
  }

  /** `path` relative to the root, or undefined when the file lies outside. */
  relative(path: string): string | undefined {
    return relativeInside(this.root, path);
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

async function stampOf(file: string): Promise<string> {
  try {
    const info = await stat(file);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
