import { relative } from 'node:path';
import { replay } from '../../core/store/replay';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject } from '../specs/specs-project';

/** `omni replay <spec>`: the spec's state rebuilt from its events.jsonl alone, and its history. */
export async function replaySpec(target: string, options: { json: boolean; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  const { workspace } = await openSpecsProject(options.config);
  const cwd = process.cwd();
  const folder = workspace.open(await specSlug(workspace, target, cwd));
  const state = replay(await folder.readEvents());
  if (options.json) {
    out.write(`${JSON.stringify({ path: relative(cwd, folder.specPath) || folder.specPath, ...state }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${state.slug}: ${state.phase} (review round ${state.round} of ${state.maxReviewRounds})`,
    `task: ${state.task}`,
    `next: ${state.nextStep === 'none' ? 'nothing until a person acts' : state.nextStep}`,
    ...state.reasons.map((reason) => `  - ${reason}`),
    '',
    'history:',
    ...state.history.map((entry) => `${entry.at}  ${entry.text}`),
  ];
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
