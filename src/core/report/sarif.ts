import type * as Sarif from 'sarif';
import type { Finding } from '../rules/finding';
import type { RuleDefinition, Severity } from '../rules/rule';
import type { CheckReport } from './check-report';

export interface SarifOptions {
  readonly rules: readonly RuleDefinition[];
  readonly version: string;
  /** The report's path as a URI relative to the project root (`src/app.py`). */
  readonly uriFor: (path: string) => string;
  /** `file:///...` URI of the project root, given as `%SRCROOT%`. */
  readonly rootUri: string;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation', hint: 'recommendation' };
/** GitHub ranks security alerts by this number (CVSS-like scale); only security rules carry it. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '2.0' };

/** SARIF 2.1.0 as GitHub code scanning reads it: rule metadata, CWE tags, fingerprints, suppressions. */
export function formatSarif(report: CheckReport, options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const results: Sarif.Result[] = report.results.flatMap((file) =>
    file.findings.map((finding) => sarifResult(finding, options.uriFor(file.path), ruleIndex.get(finding.ruleId))),
  );
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'omni',
            fullName: 'Omni Elite rules engine',
            version: options.version,
            semanticVersion: options.version,
            rules: options.rules.map(sarifRule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: options.rootUri.endsWith('/') ? options.rootUri : `${options.rootUri}/` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices.map((notice) => ({
              level: notice.severity === 'error' ? 'error' : 'note',
              message: { text: notice.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: options.uriFor(notice.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: RuleDefinition): Sarif.ReportingDescriptor {
  const tags: string[] = [rule.category];
  if (rule.category === 'security' || rule.category === 'privacy') tags.push('security');
  if (rule.cwe !== undefined) tags.push(`external/cwe/cwe-${rule.cwe}`);
  const examples = rule.examples
    .map((example) => `**${example.kind === 'bad' ? 'Flagged' : 'Fine'}** (${example.language}):\n\n\`\`\`${example.language}\n${example.code.trimEnd()}\n\`\`\``)
    .join('\n\n');
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ? next.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: rule.rationale, markdown: `${rule.rationale}\n\n${examples}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      ...(tags.includes('security') ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
      equivalents: [...rule.equivalents],
    },
  };
}

function sarifResult(finding: Finding, uri: string, index: number | undefined): Sarif.Result {
  const region = (range: Finding['range']): Sarif.Region => ({
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  });
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
    partialFingerprints: { 'omniFingerprint/v1': finding.fingerprint },
    ...(finding.related?.length
      ? { relatedLocations: finding.related.map((related, id) => ({ id, message: { text: related.message }, physicalLocation: { artifactLocation, region: region(related.range) } })) }
      : {}),
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: finding.suppression.kind === 'baseline' ? 'external' : 'inSource',
              status: 'accepted',
              ...(finding.suppression.reason ? { justification: finding.suppression.reason } : finding.suppression.kind === 'baseline' ? { justification: 'accepted in .omni/baseline.json' } : {}),
            },
          ],
        }
      : {}),
  };
}
