import { approvalState } from '../specs/approval';
import { addComment, COMMENTS_FILE, readSpecComments, SpecComments, type SpecComment } from '../specs/comments';
import { setFrontmatter } from '../specs/edit-frontmatter';
import { specHash } from '../specs/spec-hash';
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
 * A person sends the spec back: its status becomes `changes_requested`, each comment is added to
 * comments.json (open, source `request-changes`, for Refine to send to the Architect) and the log
 * records who asked and what. A spec.md or comments.json that does not validate throws (naming the
 * file) before anything is written; a valid approval stops counting (its status went back) and the
 * log says so.
 */
export async function requestChanges(input: ChangeRequest): Promise<{ comments: SpecComment[] }> {
  const bodies = input.comments.map((comment) => comment.trim()).filter((comment) => comment !== '');
  if (bodies.length === 0) throw new EmptyChangeRequestError(input.slug);
  const folder = input.workspace.open(input.slug);
  const at = input.at.toISOString();
  return withLock(folder, async () => {
    const spec = await readSpecFile(folder);
    let file = await readSpecComments(folder);
    const specSha256 = await specHash(spec.text);
    const added: SpecComment[] = [];
    for (const body of bodies) {
      const next = addComment(file, { anchor: { kind: 'spec' }, body, author: input.by, at, source: 'request-changes', specSha256 });
      file = next.file;
      added.push(next.comment);
    }
    const previous = await approvalState(spec);
    await folder.writeSpec(setFrontmatter(spec.text, { status: 'changes_requested' }, spec.path));
    await folder.writeJson(COMMENTS_FILE, SpecComments.parse(file));
    if (previous.kind === 'valid') await folder.events.append({ type: 'approval-voided', at, by: previous.by, reason: `changes requested by ${input.by}` });
    await folder.events.append({ type: 'changes-requested', at, by: input.by, comments: added.map((comment) => ({ id: comment.id, body: comment.body })) });
    return { comments: added };
  });
}
