import { readReview } from '../../../core/agents/spec-files';
import type { SpecFolder } from '../../../core/agents/spec-workspace';
import { reviewState } from '../../../core/review/review-record';
import { approvalState } from '../../../core/specs/approval';
import { anchorLabel, anchorLine, readSpecComments, type SpecComment } from '../../../core/specs/comments';
import { checkCompleteness } from '../../../core/specs/completeness';
import { listSpecRevisions } from '../../../core/specs/revisions';
import { parseSpec, SpecParseError, type SpecFile } from '../../../core/specs/spec-file';
import { specHash } from '../../../core/specs/spec-hash';
import type { CommentView, SpecSnapshot, SpecViewUpdate } from '../../../protocol/webview/spec-view';

/** Something the view could read only in part (the log, the review): shown without it, and said in the output. */
export type Warn = (message: string) => void;

/** What the spec view shows for the folder's spec.md now: the spec, or why it cannot be read. */
export async function specViewUpdate(folder: SpecFolder, specUri: string, warn: Warn): Promise<SpecViewUpdate> {
  const failed = (message: string, problems: { line: number; message: string }[] = []): SpecViewUpdate => ({ kind: 'error', slug: folder.slug, specUri, path: folder.specPath, message, problems });
  const text = await folder.readSpec();
  if (text === undefined) return failed(`${folder.specPath} does not exist`);
  let spec: SpecFile;
  try {
    spec = parseSpec(text, folder.specPath);
  } catch (error) {
    if (error instanceof SpecParseError) return failed(`${folder.specPath} cannot be read`, error.problems.map((problem) => ({ line: problem.line, message: problem.message })));
    throw error;
  }
  const [approval, comments, revisions, review] = await Promise.all([approvalState(spec), commentsOf(folder, spec), revisionsOf(folder, warn), reviewOf(folder, text, warn)]);
  const checklist = checkCompleteness(spec);
  const { frontmatter } = spec;
  const snapshot: SpecSnapshot = {
    slug: folder.slug,
    specUri,
    path: folder.specPath,
    title: spec.title,
    summary: spec.summary,
    frontmatter: {
      status: frontmatter.status,
      complexity: frontmatter.complexity,
      risk: frontmatter.risk_assessment,
      estimatedFiles: frontmatter.estimated_files,
      estimatedTestCoverage: frontmatter.estimated_test_coverage,
      requiresMigration: frontmatter.requires_migration,
      breakingChanges: frontmatter.breaking_changes,
    },
    approval,
    sections: spec.sections.map((section) => ({
      ...(section.key ? { key: section.key } : {}),
      title: section.title,
      line: section.line,
      bodyLine: section.bodyLine,
      body: section.body,
      requirementIds: spec.requirements.filter((requirement) => requirement.line >= section.line && requirement.line <= section.endLine).map((requirement) => requirement.id),
    })),
    checklist: { complete: checklist.complete, items: checklist.items },
    comments,
    revisions: revisions.map((revision) => ({ number: revision.number, label: revision.label, ...(revision.at ? { at: revision.at } : {}) })),
    ...(review ? { review } : {}),
  };
  return { kind: 'spec', spec: snapshot };
}

/** A comment as the view shows it; `specSha256` is the hash of the spec on disk now. */
export function commentView(comment: SpecComment, spec: SpecFile, specSha256: string): CommentView {
  const line = anchorLine(spec, comment.anchor);
  return {
    id: comment.id,
    anchor: comment.anchor,
    anchorLabel: anchorLabel(comment.anchor),
    ...(line ? { line } : {}),
    body: comment.body,
    author: comment.author,
    createdAt: comment.created_at,
    status: comment.status,
    ...(comment.resolved_by ? { resolvedBy: comment.resolved_by } : {}),
    source: comment.source,
    outdated: comment.spec_sha256 !== undefined && comment.spec_sha256 !== specSha256,
  };
}

/** A comments.json that does not read is named, and the view offers no way to write over it. */
async function commentsOf(folder: SpecFolder, spec: SpecFile): Promise<SpecSnapshot['comments']> {
  try {
    const sha = await specHash(spec.text);
    return { ok: true, items: (await readSpecComments(folder)).comments.map((comment) => commentView(comment, spec, sha)) };
  } catch (error) {
    const path = error instanceof Error && 'path' in error && typeof error.path === 'string' ? error.path : folder.specPath.replace(/spec\.md$/, 'comments.json');
    return { ok: false, path, message: error instanceof Error ? error.message : String(error) };
  }
}

async function revisionsOf(folder: SpecFolder, warn: Warn): Promise<Awaited<ReturnType<typeof listSpecRevisions>>> {
  try {
    return await listSpecRevisions(folder);
  } catch (error) {
    warn(`revisions of ${folder.slug}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

async function reviewOf(folder: SpecFolder, text: string, warn: Warn): Promise<SpecSnapshot['review']> {
  try {
    const record = await readReview(folder);
    const state = reviewState(record, await specHash(text));
    if (state.kind === 'none' || !record) return undefined;
    return { overall: record.overall, decision: record.decision, stale: state.kind === 'stale' };
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
