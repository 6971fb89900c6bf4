import type { StoredThreat, ThreatsFile } from '../../core/threats/threats-file';
import { blockingThreats, openThreatsByRisk } from '../../core/threats/threats-file';
import { escapeMarkdown, fileLink } from './markdown';

const RISKS = ['critical', 'high', 'medium', 'low'] as const;

/** A threat model in a few lines: open threats by risk, the ones blocking approval listed, a link to threats.json. */
export function renderThreats(slug: string, threatsPath: string, file: ThreatsFile): string {
  const open = openThreatsByRisk(file);
  const closed = file.threats.length - RISKS.reduce((sum, risk) => sum + open[risk], 0);
  const counts = RISKS.map((risk) => `${open[risk]} ${risk}`).join(', ');
  const blocking = blockingThreats(file);
  const lines = [
    `Threat model of **${escapeMarkdown(slug)}**: ${file.threats.length} threat(s) on ${file.elements.length} element(s) and ${file.flows.length} flow(s).`,
    '',
    `Open by risk: ${counts}; ${closed} mitigated, accepted or ruled out.`,
    '',
  ];
  if (blocking.length === 0) lines.push('Nothing blocks approval: no high or critical threat is open.');
  else lines.push(`**${blocking.length} threat(s) block approval** until mitigated, accepted with a reason, or ruled out:`, '', ...blocking.map(threatLine));
  lines.push('', `Edit verdicts in ${fileLink('threats.json', threatsPath)}.`);
  return lines.join('\n');
}

function threatLine(threat: StoredThreat): string {
  const mitigation = threat.mitigations.length > 0 ? ` Suggested: ${escapeMarkdown(threat.mitigations.join('; '))}` : ' No mitigation proposed.';
  return `- **${escapeMarkdown(threat.id)}** (${threat.risk}, ${threat.framework} ${escapeMarkdown(threat.category)}, on \`${threat.target.replace(/`/g, '')}\`): ${escapeMarkdown(threat.title)}.${mitigation}`;
}
