import { basename, dirname } from 'node:path';
import { settingsFromLevels } from '../core/config/levels';
import type { RuleLevel } from '../core/config/schema';
import type { RuleSettings } from '../core/rules/engine';
import { Project } from './projects';

/** The workspace folders as projects, and the user's rule overrides that apply to all of them. */
export class Workspace {
  private projects: Project[] = [];
  private overrides: Readonly<Record<string, RuleLevel>> = {};
  private loose: RuleSettings = () => undefined;

  async open(roots: readonly string[]): Promise<void> {
    await this.changeFolders(roots, []);
  }

  /** Folders added to or removed from the workspace; returns the new projects, loaded. */
  async changeFolders(added: readonly string[], removed: readonly string[]): Promise<Project[]> {
    const fresh = added.filter((root) => !this.projects.some((project) => project.root === root)).map((root) => new Project(root));
    for (const project of fresh) project.setOverrides(this.overrides);
    await Promise.all(fresh.map((project) => Promise.all([project.loadConfig(), project.loadBaseline()])));
    // Deepest first, so a nested folder wins over the one around it.
    this.projects = [...this.projects.filter((project) => !removed.includes(project.root)), ...fresh].sort((a, b) => b.root.length - a.root.length);
    return fresh;
  }

  all(): readonly Project[] {
    return this.projects;
  }

  projectFor(path: string): Project | undefined {
    return this.projects.find((project) => project.relative(path) !== undefined);
  }

  setOverrides(overrides: Readonly<Record<string, RuleLevel>>): void {
    this.overrides = overrides;
    for (const project of this.projects) project.setOverrides(overrides);
    this.loose = settingsFromLevels({ ...overrides });
  }

  looseSettings(): RuleSettings {
    return this.loose;
  }

  /** Reloads what a changed `.omni/config.json` or `.omni/baseline.json` belongs to; returns the projects touched. */
  async fileChanged(path: string): Promise<Project | undefined> {
    if (basename(dirname(path)) !== '.omni') return undefined;
    const project = this.projects.find((candidate) => candidate.root === dirname(dirname(path)));
    if (!project) return undefined;
    if (path === project.configFile) await project.loadConfig();
    else if (path === project.baselineFile) await project.loadBaseline();
    else return undefined;
    return project;
  }
}
