import { testableCriterion } from './criteria';
import { bodyLines, entries, hasContent, prose } from './section-text';
import { SPEC_SECTIONS, type SectionKey } from './sections';
import type { SpecFile, SpecSection } from './spec-file';

export interface ChecklistItem {
  id: string;
  title: string;
  passed: boolean;
  problems: { line: number; message: string }[];
}

export interface CompletenessReport {
  complete: boolean;
  /** Always the ten items, in the checklist's order. */
  items: ChecklistItem[];
}

type Problem = ChecklistItem['problems'][number];

interface Check {
  readonly id: string;
  readonly title: string;
  run(spec: SpecFile): Problem[];
}

/** The deterministic ten-point checklist a spec passes before a reviewer spends a token on it. */
export function checkCompleteness(spec: SpecFile): CompletenessReport {
  const items = CHECKS.map((check): ChecklistItem => {
    const problems = check.run(spec);
    return { id: check.id, title: check.title, passed: problems.length === 0, problems };
  });
  return { complete: items.every((item) => item.passed), items };
}

const CHECKS: readonly Check[] = [
  { id: 'sections', title: 'All ten sections are present', run: sectionsPresent },
  { id: 'no-placeholders', title: 'No section is empty or a placeholder', run: noPlaceholders },
  { id: 'requirement-ids', title: 'Functional requirements have ids R1..Rn', run: requirementIds },
  { id: 'acceptance-criteria', title: 'Each functional requirement has a testable acceptance criterion', run: acceptanceCriteria },
  { id: 'measurable-nfrs', title: 'Non-functional requirements and constraints state numbers with units', run: measurable },
  { id: 'error-taxonomy', title: 'The error taxonomy names errors and their handling', run: errorTaxonomy },
  { id: 'security', title: 'Security covers authentication, authorization, input validation and data protection', run: security },
  { id: 'testing-strategy', title: 'The testing strategy covers unit and integration tests', run: testingStrategy },
  { id: 'dependencies', title: 'Dependencies are justified', run: dependencies },
  { id: 'rollback-plan', title: 'The rollback plan is concrete', run: rollbackPlan },
];

function sectionsPresent(spec: SpecFile): Problem[] {
  const problems: Problem[] = [];
  for (const { key, title } of SPEC_SECTIONS) {
    const found = spec.sections.filter((section) => section.key === key);
    if (found.length === 0) problems.push({ line: whereMissing(spec, key), message: `missing section "## ${title}"` });
    for (const again of found.slice(1)) problems.push({ line: again.line, message: `section "${title}" appears twice (first on line ${found[0]?.line})` });
  }
  return problems;
}

/** Where a missing section belongs: at the next present section in the fixed order, else the file's end. */
function whereMissing(spec: SpecFile, key: SectionKey): number {
  const after = SPEC_SECTIONS.slice(SPEC_SECTIONS.findIndex((section) => section.key === key) + 1);
  for (const { key: next } of after) {
    const section = spec.section(next);
    if (section) return section.line;
  }
  return spec.text.replace(/\s+$/, '').split('\n').length;
}

/** A section the check needs, or the problem of its absence. */
function required(spec: SpecFile, key: SectionKey, run: (section: SpecSection) => Problem[]): Problem[] {
  const section = spec.section(key);
  if (!section) return [{ line: whereMissing(spec, key), message: `missing section "## ${SPEC_SECTIONS.find((known) => known.key === key)?.title}"` }];
  if (!hasContent(section)) return [{ line: section.line, message: `section "${section.title}" is empty` }];
  return run(section);
}

const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/\b(TODO|TBD|TBC|FIXME|XXX)\b/, 'placeholder "$1"'],
  [/\bto be (determined|decided|defined|confirmed|written)\b/i, 'placeholder "to be $1"'],
  [/\blorem ipsum\b/i, 'placeholder text "lorem ipsum"'],
  [/<\s*(fill[ -]?in|insert|placeholder|describe|add)\b[^>]*>/i, 'placeholder "<$1 ...>"'],
  [/\[\s*(fill[ -]?in|insert|placeholder|tbd)\b[^\]]*\]/i, 'placeholder "[$1 ...]"'],
];

function noPlaceholders(spec: SpecFile): Problem[] {
  const problems: Problem[] = [];
  for (const section of spec.sections) {
    if (!section.key) continue;
    if (!hasContent(section)) {
      problems.push({ line: section.line, message: `section "${section.title}" is empty` });
      continue;
    }
    for (const line of bodyLines(section)) {
      if (line.code) continue;
      const found = placeholderIn(line.text);
      if (found) problems.push({ line: line.line, message: `${found} in "${section.title}"` });
    }
  }
  return problems;
}

function placeholderIn(text: string): string | undefined {
  for (const [pattern, message] of PLACEHOLDERS) {
    const match = pattern.exec(text);
    if (match) return message.replace('$1', match[1] ?? '');
  }
  // What is left once list markers, table bars and a "Label:" are gone.
  const bare = text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/[|*_`]/g, ' ')
    .replace(/^\s*[\w\s/-]{1,40}:\s+(?=\S)/, '')
    .trim();
  if (/^(\.\.\.|…|etc\.?)$/i.test(bare)) return `placeholder "${bare}"`;
  if (/^(n\/?a|not applicable)\.?$/i.test(bare)) return `"${bare}" without a reason (say why it does not apply)`;
  return undefined;
}

function requirementIds(spec: SpecFile): Problem[] {
  const section = spec.section('requirements');
  const functional = spec.requirements.filter((requirement) => requirement.kind === 'functional');
  const problems: Problem[] = spec.unnumbered.map((item) => ({
    line: item.line,
    message: `functional requirement without an id: "${shorten(item.text)}" (number it R${functional.length + 1}, R${functional.length + 2}, ...)`,
  }));
  if (functional.length === 0) {
    problems.unshift({ line: section?.line ?? whereMissing(spec, 'requirements'), message: 'no functional requirement with an id (R1, R2, ...)' });
  }
  const seen = new Map<string, number>();
  for (const requirement of functional) {
    const first = seen.get(requirement.id);
    if (first !== undefined) problems.push({ line: requirement.line, message: `duplicate requirement id ${requirement.id} (first on line ${first})` });
    else seen.set(requirement.id, requirement.line);
  }
  return problems;
}

function acceptanceCriteria(spec: SpecFile): Problem[] {
  const problems: Problem[] = [];
  for (const requirement of spec.requirements) {
    if (requirement.kind !== 'functional') continue;
    if (requirement.acceptanceCriteria.length === 0) {
      problems.push({ line: requirement.line, message: `${requirement.id} has no acceptance criterion` });
    } else if (!requirement.acceptanceCriteria.some((criterion) => testableCriterion(criterion.text))) {
      problems.push({
        line: requirement.acceptanceCriteria[0]?.line ?? requirement.line,
        message: `${requirement.id} has no testable acceptance criterion: write one as "WHEN <event> THE SYSTEM SHALL <observable result>" or Given/When/Then`,
      });
    }
  }
  return problems;
}

const UNITS = [
  'ns', 'µs', 'us', 'ms', 's', 'secs?', 'seconds?', 'mins?', 'minutes?', 'h', 'hrs?', 'hours?', 'days?', 'weeks?', 'months?', 'years?',
  'b', 'bytes?', 'kb', 'kib', 'mb', 'mib', 'gb', 'gib', 'tb', 'tib', 'rps', 'qps', 'rpm', 'req/s', 'requests?', 'users?', 'files?', 'lines?',
  'items?', 'keys?', 'rows?', 'records?', 'entries', 'events?', 'tokens?', 'chars?', 'characters?', 'connections?', 'calls?', 'retries',
  'attempts?', 'times', 'x', 'ops', 'operations?', 'threads?', 'workers?', 'cores?', 'cpus?', 'instances?', 'nodes?', 'pages?', 'messages?',
  'percent', 'fps', 'kbps', 'mbps', 'gbps', 'sessions?', 'tenants?', 'clients?', 'objects?', 'documents?', 'invoices?', 'specs?', 'rules?',
];
const NUMBER_WITH_UNIT = new RegExp(`\\d[\\d,._]*\\s*[kKmM]?\\s*(?:%|(?:${UNITS.join('|')})(?![\\w]))`, 'i');

function statesNumberWithUnit(text: string): boolean {
  return NUMBER_WITH_UNIT.test(text);
}

function measurable(spec: SpecFile): Problem[] {
  const nonFunctional = spec.requirements.filter((requirement) => requirement.kind === 'nonFunctional');
  const problems: Problem[] = nonFunctional
    .filter((requirement) => !statesNumberWithUnit(requirement.statement))
    .map((requirement) => ({
      line: requirement.line,
      message: `${requirement.id} states no number with a unit (for example "p95 under 200 ms", "under 64 MB", "99.9 % availability")`,
    }));
  const constraints = spec.section('constraints');
  const anyNumber = nonFunctional.some((requirement) => statesNumberWithUnit(requirement.statement)) || (constraints !== undefined && statesNumberWithUnit(prose(constraints)));
  if (!anyNumber && problems.length === 0) {
    problems.push({
      line: constraints?.line ?? spec.section('requirements')?.line ?? 1,
      message: 'no non-functional requirement or constraint states a number with a unit (latency in ms, memory in MB, availability in %)',
    });
  }
  return problems;
}

const HANDLING =
  /\b(retr(y|ies|ied|ying)|returns?|returned|responds?|answer(s|ed)?|shows?|shown|displays?|logs?|logged|reports?|reported|surfaces?|propagat\w*|fall ?backs?|aborts?|rejects?|refuses?|refused|throws?|raises?|exits?|notif\w+|alerts?|skips?|ignored?|queued?|drops?|backoff|back off|circuit|wraps?|catch(es)?|recovers?|restarts?|prompts?|warns?|kept|keeps|stops?|fails? fast|cancels?|marks?|creates?|uses?|defaults?|continues?|waits?|tells?|asks?|blocks?|prints?|emits?|records?|sends?|mapped|translated|[45]\d\d)\b/i;

function errorTaxonomy(spec: SpecFile): Problem[] {
  return required(spec, 'errorTaxonomy', (section) => {
    const found = entries(section);
    const problems = found
      .filter((entry) => !HANDLING.test(entry.text))
      .map((entry) => ({ line: entry.line, message: `"${shorten(entry.text)}" does not say how the error is handled (retried, reported, shown, logged, returned as ...)` }));
    if (!found.some((entry) => namesError(entry.text))) {
      problems.unshift({ line: section.line, message: 'the error taxonomy names no error (for example `TimeoutError`, 404, "invalid month")' });
    }
    return problems;
  });
}

function namesError(text: string): boolean {
  return /\b[A-Z]\w*(Error|Exception|Failure|Fault)\b|`[^`]+`|\b[45]\d\d\b|\b(E[A-Z]{3,}|errors?|time[ds]? ?out|not found|invalid|unavailable|conflict|denied|forbidden|unauthori[sz]ed|refused|too (large|many|long)|exceeded|missing|malformed|corrupt\w*|fail\w*|crash\w*|offline|unreachable|lost)\b/i.test(text);
}

const SECURITY_TOPICS: readonly [string, RegExp][] = [
  ['authentication', /authenticat|\bauthn\b|\blog ?in\b|sign[- ]?in|credential|password|\bsessions?\b|identity|api[- ]?keys?|oauth|\bsso\b|\bjwt\b|\btokens?\b/i],
  ['authorization', /authori[sz]|\bauthz\b|permission|access control|\brbac\b|\broles?\b|privilege|\bacls?\b|allowed to|\bscopes?\b/i],
  ['input validation', /validat|sanitiz|untrusted|injection|escap|\binputs?\b/i],
  // Specific words only: "secret" or "https" also appear in authentication and validation lines.
  ['data protection', /data protection|encrypt|personal data|\bpii\b|privacy|at rest|in transit|\btls\b|redact|gdpr|confidential|retention|anonymi[sz]|pseudonymi[sz]/i],
];

function security(spec: SpecFile): Problem[] {
  return required(spec, 'securityConsiderations', (section) => {
    const text = prose(section);
    return SECURITY_TOPICS.filter(([, pattern]) => !pattern.test(text)).map(([topic]) => ({
      line: section.line,
      message: `security does not address ${topic}: say how it is handled, or why it does not apply`,
    }));
  });
}

function testingStrategy(spec: SpecFile): Problem[] {
  return required(spec, 'testingStrategy', (section) => {
    const text = prose(section);
    const problems: Problem[] = [];
    if (!/\bunit\b/i.test(text)) problems.push({ line: section.line, message: 'the testing strategy does not cover unit tests' });
    if (!/\bintegration\b|end[- ]to[- ]end|\be2e\b/i.test(text)) problems.push({ line: section.line, message: 'the testing strategy does not cover integration tests' });
    return problems;
  });
}

const NO_DEPENDENCIES = /^(none|nothing new)\b|\bno (new |additional |extra |external |third[- ]party |runtime |npm )*(dependenc(y|ies)|packages?|libraries)\b/i;
const REASON = /\b(because|for|to|so|since|needed|used|provides?|avoids?|instead|handles?|gives?|keeps?|reads?|writes?|parses?|already)\b/i;

function dependencies(spec: SpecFile): Problem[] {
  return required(spec, 'dependencies', (section) =>
    entries(section)
      .filter((entry) => !NO_DEPENDENCIES.test(bareEntry(entry.text)) && !justified(entry.text))
      .map((entry) => ({ line: entry.line, message: `"${shorten(entry.text)}" does not say why the dependency is needed (or write "None" when there is none)` })),
  );
}

function justified(text: string): boolean {
  const cells = text.startsWith('|') ? text.split('|').slice(2, -1) : [];
  if (cells.some((cell) => wordCount(cell) >= 3)) return true;
  const reason = /[:\u2013\u2014(]|\s-\s|\bbecause\b/.exec(text);
  if (reason && wordCount(text.slice(reason.index + 1)) >= 3) return true;
  return wordCount(text) >= 6 && REASON.test(text);
}

const VAGUE_ROLLBACK = /^(just |simply )?(revert|roll ?back|undo)( (it|the (change|changes|commit|pr|deploy(ment)?|release)))?( if (needed|necessary|required|something goes wrong))?\.?$/i;
const ROLLBACK_ACTION = /\b(revert|disable|turn off|switch off|flag|redeploy|deploy|roll ?back|restore|remove|delete|drop|uninstall|downgrade|run|migrat\w*|toggle|set|reset|restart|re-?enable|unpublish|backfill)\b/i;

function rollbackPlan(spec: SpecFile): Problem[] {
  return required(spec, 'rollbackPlan', (section) => {
    const text = prose(section);
    const steps = entries(section);
    const sentences = text.split(/[.;!?](\s|$)/).filter((part) => wordCount(part) >= 3).length;
    const problems: Problem[] = [];
    if (VAGUE_ROLLBACK.test(text.replace(/\s+/g, ' ').trim()) || (steps.length < 2 && sentences < 2) || !ROLLBACK_ACTION.test(text)) {
      problems.push({ line: section.line, message: 'the rollback plan is not concrete: list the steps (what to switch off or redeploy, how, and what happens to data written meanwhile)' });
    }
    if (spec.frontmatter.requires_migration && !/\b(data|migrat\w*|schema|backups?|restore|down[- ]migration)\b/i.test(text)) {
      problems.push({ line: section.line, message: 'the change requires a migration, but the rollback plan does not say how the migrated data is undone' });
    }
    return problems;
  });
}

function bareEntry(text: string): string {
  return text.replace(/[*_`|]/g, '').trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\w/.test(word)).length;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
