import type { Severity } from '../rules/rule';
import { isActive, type CheckReport } from './check-report';

export interface TextStyle {
  readonly path: (text: string) => string;
  readonly severity: (severity: Severity, text: string) => string;
  readonly dim: (text: string) => string;
}

export const PLAIN: TextStyle = { path: (t) => t, severity: (_s, t) => t, dim: (t) => t };

/** `path:line:col: severity rule-id message`, one line per finding, the form editors and terminals link. */
export function formatText(report: CheckReport, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  for (const result of report.results) {
    for (const finding of result.findings) {
      if (!isActive(finding)) continue;
      const where = `${result.path}:${finding.range.start.line + 1}:${finding.range.start.column + 1}`;
      const fixable = finding.fix?.safe ? style.dim(' [fixable]') : '';
      lines.push(`${style.path(where)}: ${style.severity(finding.severity, finding.severity)} ${style.dim(finding.ruleId)} ${finding.message}${fixable}`);
    }
    for (const notice of result.notices) {
      if (notice.kind === 'syntax') continue;
      lines.push(`${style.path(result.path)}: ${style.dim('note')} ${notice.message}`);
    }
  }
  for (const notice of report.notices) lines.push(`${style.path(notice.path)}: ${notice.severity === 'error' ? style.severity('error', 'error') : style.dim('note')} ${notice.message}`);
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: CheckReport): string {
  const s = report.summary;
  const counts = (['error', 'warning', 'info', 'hint'] as const)
    .filter((severity) => s.bySeverity[severity] > 0)
    .map((severity) => `${s.bySeverity[severity]} ${severity}${s.bySeverity[severity] === 1 ? '' : 's'}`);
  const parts = [
    s.findings === 0 ? 'No findings' : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts.join(', ')})`,
    `${s.files} file${s.files === 1 ? '' : 's'} checked (${formatBytes(s.bytes)}) in ${Math.round(s.durationMs)} ms`,
  ];
  if (s.fixable > 0) parts.push(`${s.fixable} fixable with --fix`);
  if (s.fixed > 0) parts.push(`${s.fixed} fixed`);
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  if (s.cached > 0) parts.push(`${s.cached} from cache`);
  return `${parts.join('; ')}.`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
