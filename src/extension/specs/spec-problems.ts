import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidReviewRecordError, parseReviewRecord, type ReviewRecord, reviewState } from '../../core/review/review-record';
import { approvalState } from '../../core/specs/approval';
import { checkCompleteness } from '../../core/specs/completeness';
import { parseSpec, SpecParseError, type SpecFile } from '../../core/specs/spec-file';
import { specHash } from '../../core/specs/spec-hash';

/** One problem of a spec, on a 1-based line, before it becomes an editor diagnostic. */
export interface SpecProblem {
  readonly line: number;
  readonly column?: number;
  readonly severity: 'error' | 'warning' | 'information';
  /** Checklist item id, `parse`, `approval` or `review/<dimension>`. */
  readonly code: string;
  readonly message: string;
}

/**
 * What is wrong with a spec's text as the editor holds it: a parse error on its line, else the
 * completeness checklist's problems, a void approval, and the findings of a review of this very
 * text (a review of an older version says nothing about these lines).
 */
export async function specProblems(text: string, path: string): Promise<SpecProblem[]> {
  let spec: SpecFile;
  try {
    spec = parseSpec(text, path);
  } catch (error) {
    if (!(error instanceof SpecParseError)) throw error;
    return error.problems.map((problem) => ({ line: problem.line, ...(problem.column !== undefined ? { column: problem.column } : {}), severity: 'error', code: 'parse', message: problem.message }));
  }
  const problems: SpecProblem[] = [];
  for (const item of checkCompleteness(spec).items) {
    for (const problem of item.problems) problems.push({ line: problem.line, severity: 'warning', code: item.id, message: `${item.title}: ${problem.message}` });
  }
  const approval = await approvalState(spec);
  if (approval.kind === 'void') problems.push({ line: approvalLine(text), severity: 'information', code: 'approval', message: `approval void: ${approval.reason}` });
  problems.push(...(await reviewFindings(spec, text, path)));
  return problems;
}

/** The frontmatter's `approval:` key, where the void approval is written; the opening `---` when not found. */
function approvalLine(text: string): number {
  const lines = text.split(/\r?\n/);
  for (let index = 1; index < lines.length && !/^---\s*$/.test(lines[index] ?? ''); index++) if (/^approval\s*:/.test(lines[index] ?? '')) return index + 1;
  return 1;
}

async function reviewFindings(spec: SpecFile, text: string, path: string): Promise<SpecProblem[]> {
  const file = join(dirname(path), 'review.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  let record: ReviewRecord;
  try {
    record = parseReviewRecord(JSON.parse(raw), file);
  } catch (error) {
    if (!(error instanceof SyntaxError) && !(error instanceof InvalidReviewRecordError)) throw error;
    const why = error instanceof SyntaxError ? `${file}: not JSON: ${error.message}` : error.message.replace(/\n\s*/g, ' ');
    return [{ line: 1, severity: 'warning', code: 'review', message: `${why}; its findings are not shown` }];
  }
  if (reviewState(record, await specHash(text)).kind !== 'current') return [];
  const last = record.rounds.at(-1);
  return (last?.findings ?? []).map((finding) => ({
    line: spec.lineOf(finding.location) ?? 1,
    severity: finding.severity === 'high' || finding.severity === 'critical' ? 'warning' : 'information',
    code: `review/${finding.dimension}`,
    message: `Review (${finding.severity}): ${finding.title}. ${finding.detail} Suggestion: ${finding.suggestion}`,
  }));
}
