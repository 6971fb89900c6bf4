import type { CheckReport } from './check-report';

/** Machine-readable output: stable field names, version-tagged so consumers can detect changes. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify({ version: 1, summary: report.summary, notices: report.notices, results: report.results }, null, 2)}\n`;
}
