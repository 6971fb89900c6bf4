import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SpecWorkspace } from '../../core/agents/spec-workspace';
import { UsageError } from '../usage-error';

/**
 * The slug of a spec named on the command line: its slug, or a path to its folder or to a file in
 * it (`.omni/specs/rate-limit/spec.md`), relative to the current folder.
 */
export async function specSlug(workspace: SpecWorkspace, target: string, cwd: string): Promise<string> {
  const slugs = await workspace.list();
  const inside = relative(workspace.specsRoot, resolve(cwd, target));
  const first = inside.split(sep)[0];
  if (first && !inside.startsWith('..') && !isAbsolute(inside) && slugs.includes(first)) return first;
  if (slugs.includes(target)) return target;
  const known = slugs.length > 0 ? `specs: ${slugs.join(', ')}` : 'there are no specs yet; create one with `omni spec "<task>"`';
  throw new UsageError(`no spec "${target}" under ${relative(cwd, workspace.specsRoot) || '.'}; ${known}`);
}
