import type { SpecWorkspace } from '../../core/agents/spec-workspace';
import type { OmniConfig } from '../../core/config/schema';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { loadProject } from '../project';

export interface SpecsProject {
  readonly root: string;
  readonly config: OmniConfig;
  readonly workspace: SpecWorkspace;
}

/** The project around the current folder and its `.omni/specs` folder; the agents' repository map skips what `omni check` skips. */
export async function openSpecsProject(configPath: string | undefined): Promise<SpecsProject> {
  const project = await loadProject(process.cwd(), configPath);
  return { root: project.root, config: project.config, workspace: nodeSpecWorkspace(project.root, { exclude: project.config.exclude }) };
}
