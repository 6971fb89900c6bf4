import type { FileResult, Finding } from '../rules/finding';
import type { Severity } from '../rules/rule';

export interface RunNotice {
  readonly path: string;
  readonly message: string;
  readonly severity: 'info' | 'error';
}

export interface CheckSummary {
  readonly files: number;
  readonly bytes: number;
  /** Unsuppressed findings. */
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly suppressed: number;
  /** Unsuppressed findings with a safe fix `--fix` would apply. */
  readonly fixable: number;
  readonly fixed: number;
  readonly skipped: number;
  readonly cached: number;
  readonly jobs: number;
  readonly durationMs: number;
}

/** Everything one `omni check` run found, with paths as they are shown (relative to the cwd). */
export interface CheckReport {
  readonly results: readonly FileResult[];
  readonly notices: readonly RunNotice[];
  readonly summary: CheckSummary;
}

export function isActive(finding: Finding): boolean {
  return finding.suppression === undefined;
}

export function summarize(
  results: readonly FileResult[],
  counters: { readonly skipped: number; readonly cached: number; readonly fixed: number; readonly jobs: number; readonly durationMs: number },
): CheckSummary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let findings = 0;
  let suppressed = 0;
  let fixable = 0;
  let bytes = 0;
  for (const result of results) {
    bytes += result.bytes;
    for (const finding of result.findings) {
      if (!isActive(finding)) {
        suppressed++;
        continue;
      }
      findings++;
      bySeverity[finding.severity]++;
      if (finding.fix?.safe) fixable++;
    }
  }
  return { files: results.length, bytes, findings, bySeverity, suppressed, fixable, ...counters };
}
