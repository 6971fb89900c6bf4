import { z } from 'zod';
import type { Finding } from '../rules/finding';

export const BaselineEntrySchema = z
  .object({
    ruleId: z.string(),
    /** Path relative to the project root, with forward slashes. */
    path: z.string(),
    fingerprint: z.string(),
    /** Where it was when the baseline was written: for people reading the file, not for matching. */
    line: z.number().int().positive().optional(),
    message: z.string().optional(),
  })
  .strict();

export const BaselineSchema = z
  .object({
    version: z.literal(1),
    findings: z.array(BaselineEntrySchema),
  })
  .strict();

export type Baseline = z.infer<typeof BaselineSchema>;
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

export class BaselineError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'BaselineError';
  }
}

export function parseBaseline(file: string, text: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(file, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = BaselineSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BaselineError(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid baseline'}`);
  }
  return result.data;
}

const key = (ruleId: string, path: string, fingerprint: string): string => `${ruleId}\u0000${path}\u0000${fingerprint}`;

/** Accepted findings: each entry absorbs one finding with the same rule, path and fingerprint. */
export class BaselineMatcher {
  private readonly counts = new Map<string, number>();

  constructor(baseline: Baseline) {
    for (const entry of baseline.findings) {
      const k = key(entry.ruleId, entry.path, entry.fingerprint);
      this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    }
  }

  /** Marks baselined findings as suppressed; `projectPath` is the file's path relative to the project root. */
  apply(findings: readonly Finding[], projectPath: string): Finding[] {
    return findings.map((finding) => {
      if (finding.suppression) return finding;
      const k = key(finding.ruleId, projectPath, finding.fingerprint);
      const left = this.counts.get(k) ?? 0;
      if (left === 0) return finding;
      this.counts.set(k, left - 1);
      return { ...finding, suppression: { kind: 'baseline' } };
    });
  }
}

/**
 * The findings a person still has to deal with in one file: neither suppressed inline nor accepted
 * by `entries` (the baseline's entries for that file). Fixes apply to these only, so `--fix` and
 * Fix All leave accepted legacy code as it is.
 */
export function openFindings(findings: readonly Finding[], projectPath: string, entries: readonly BaselineEntry[]): Finding[] {
  const marked = entries.length > 0 ? new BaselineMatcher({ version: 1, findings: [...entries] }).apply(findings, projectPath) : findings;
  return marked.filter((finding) => !finding.suppression);
}

/** A baseline of every unsuppressed finding, sorted so the file diffs well in review. */
export function buildBaseline(files: readonly { projectPath: string; findings: readonly Finding[] }[]): Baseline {
  const findings = files.flatMap(({ projectPath, findings }) =>
    findings
      .filter((finding) => !finding.suppression)
      .map((finding) => ({
        ruleId: finding.ruleId,
        path: projectPath,
        fingerprint: finding.fingerprint,
        line: finding.range.start.line + 1,
        message: finding.message,
      })),
  );
  findings.sort(compareBaselineEntries);
  return { version: 1, findings };
}

/** Baseline order: by path, line, then rule, so the file diffs well in review. */
export function compareBaselineEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId);
}
