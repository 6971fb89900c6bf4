import { approvalState } from '../specs/approval';
import { setFrontmatter } from '../specs/edit-frontmatter';
import { readSpecFile } from './spec-files';
import { withLock } from './spec-workspace';
import type { SpecWorkspace } from './spec-workspace';

export interface ChangeRequest {
  readonly workspace: SpecWorkspace;
  readonly slug: string;
  readonly by: string;
  readonly at: Date;
  /** What the person wants changed, one entry per comment; blank ones are dropped. */
  readonly comments: readonly string[];
}

/** A change request with nothing to say: the Architect would have nothing to work from. */
export class EmptyChangeRequestError extends RangeError {
  override readonly name = 'EmptyChangeRequestError';
  constructor(readonly slug: string) {
    super(`spec "${slug}": say what should change (the comments are empty)`);
  }
}

/**
 * A person sends the spec back: its status becomes `changes_requested` and the log records who asked
 * and every comment, so the next Architect round (Refine) and the history read them from one place.
 * A spec.md that does not parse throws SpecParseError before anything is written; a valid approval
 * stops counting (its status went back) and the log says so.
 */
export async function requestChanges(input: ChangeRequest): Promise<{ comments: string[] }> {
  const comments = input.comments.map((comment) => comment.trim()).filter((comment) => comment !== '');
  if (comments.length === 0) throw new EmptyChangeRequestError(input.slug);
  const folder = input.workspace.open(input.slug);
  const at = input.at.toISOString();
  await withLock(folder, async () => {
    const spec = await readSpecFile(folder);
    const previous = await approvalState(spec);
    await folder.writeSpec(setFrontmatter(spec.text, { status: 'changes_requested' }, spec.path));
    if (previous.kind === 'valid') await folder.events.append({ type: 'approval-voided', at, by: previous.by, reason: `changes requested by ${input.by}` });
    await folder.events.append({ type: 'phase', at, phase: 'needs-human', reasons: comments.map((comment) => `changes requested by ${input.by}: ${comment}`) });
  });
  return { comments };
}
