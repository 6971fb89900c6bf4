import { headingSource, headingText, stripInline, type MdNode, type Outline, type OutlineBlock } from './outline';

export interface AcceptanceCriterion {
  readonly text: string;
  readonly line: number;
}

export interface SpecRequirement {
  /** `R1`... for functional requirements, `NFR1`... for non-functional ones. */
  readonly id: string;
  readonly kind: 'functional' | 'nonFunctional';
  statement: string;
  readonly line: number;
  readonly acceptanceCriteria: AcceptanceCriterion[];
}

export interface RequirementsScan {
  readonly requirements: SpecRequirement[];
  /** Functional requirements written without an id (a heading or list item under Functional). */
  readonly unnumbered: { text: string; line: number }[];
  readonly duplicates: { id: string; line: number; firstLine: number }[];
}

type ListItemNode = Extract<MdNode, { type: 'list' }>['children'][number];
type AnyNode = MdNode | ListItemNode | ListItemNode['children'][number];

// `R1: x`, `**R2**: x`, `**R3:** x`, `[R4] x`, `R-5 - x`, `NFR1. x`; the id must end at a separator.
const ID = /^\s*(\*\*|__)?\s*\[?(NFR|R)-?(\d+)(?=[\]\s:.)*_\u2013\u2014-]|$)\]?\s*(?:\1\s*[:.)\u2013\u2014-]?|[:.)\u2013\u2014-]\s*\1|[:.)\u2013\u2014-]?)\s*/i;
const CRITERION_START = /^\s*(?:given|when|while|if|where|then|and|but|scenario)\b/i;

export function matchRequirementId(text: string): { id: string; kind: SpecRequirement['kind']; rest: string } | undefined {
  const match = ID.exec(text);
  if (!match) return undefined;
  const prefix = (match[2] ?? 'R').toUpperCase();
  return { id: `${prefix}${Number(match[3])}`, kind: prefix === 'NFR' ? 'nonFunctional' : 'functional', rest: text.slice(match[0].length).trim() };
}

/** Reads like an acceptance criterion: EARS (`WHEN ... SHALL ...`) or Given/When/Then. */
function looksLikeCriterion(text: string): boolean {
  return CRITERION_START.test(text) || /\bshall\b/i.test(text);
}

function modeOf(title: string): 'functional' | 'nonFunctional' | undefined {
  if (/^(non[\s-]?functional|nfrs?\b|quality|performance|operational)/i.test(title)) return 'nonFunctional';
  if (/^(functional|user stories|features|behaviou?r)/i.test(title)) return 'functional';
  return undefined;
}

/**
 * Finds the requirements in the Requirements section. The printed layout is `### Functional`,
 * `#### R1: statement` with a list of criteria, then `### Non-functional` with `- NFR1: ...`; hand-written
 * variants are read too: `- **R2**: statement` with nested criteria, `**R3**: statement` paragraphs
 * followed by a list, `| R4 | statement | criteria |` table rows, non-functional items without ids.
 */
export function scanRequirements(text: string, tree: Outline, block: OutlineBlock): RequirementsScan {
  const scan: RequirementsScan = { requirements: [], unnumbered: [], duplicates: [] };
  const source = (node: AnyNode): string => text.slice(tree.place(node as MdNode).start, tree.place(node as MdNode).end).replace(/\r/g, '');
  const lineOf = (node: AnyNode): number => tree.place(node as MdNode).line;
  let mode: SpecRequirement['kind'] = 'functional';
  // A requirement opened by a heading takes every list item below it; one opened by a list item or
  // paragraph takes only what reads like a criterion.
  let current: { requirement: SpecRequirement; depth: number; loose: boolean } | undefined;
  let underUnnumberedHeading = false;

  const add = (id: string, kind: SpecRequirement['kind'], statement: string, line: number): SpecRequirement | undefined => {
    const first = scan.requirements.find((requirement) => requirement.id === id);
    if (first) {
      scan.duplicates.push({ id, line, firstLine: first.line });
      return undefined;
    }
    const requirement: SpecRequirement = { id, kind, statement: oneLine(statement), line, acceptanceCriteria: [] };
    scan.requirements.push(requirement);
    return requirement;
  };
  const nextNfrId = (): string => {
    let number = 1;
    while (scan.requirements.some((requirement) => requirement.id === `NFR${number}`)) number += 1;
    return `NFR${number}`;
  };

  const itemText = (item: ListItemNode): string => {
    const [first] = item.children;
    if (!first) return '';
    const from = tree.place(first as MdNode).start;
    return dedent(text.slice(from, tree.place(item as unknown as MdNode).end)).replace(/^\[[ xX]\]\s+/, '');
  };

  const handleItem = (item: ListItemNode): void => {
    const [first, ...rest] = item.children;
    const head = first?.type === 'paragraph' ? oneLine(source(first)) : '';
    // Under `#### R1` every item is one of R1's criteria, even one that starts with another id.
    const match = current && !current.loose ? undefined : matchRequirementId(head);
    if (match) {
      const requirement = add(match.id, match.kind, match.rest, lineOf(item));
      current = requirement ? { requirement, depth: 7, loose: true } : undefined;
      for (const child of rest) {
        if (!requirement) break;
        if (requirement.kind === 'nonFunctional') extendStatement(requirement, dedent(source(child)));
        else if (child.type === 'list') for (const sub of child.children) addCriterion(requirement, itemText(sub), lineOf(sub));
        else if (child.type === 'paragraph' && looksLikeCriterion(source(child))) addCriterion(requirement, dedent(source(child)), lineOf(child));
      }
      return;
    }
    const body = itemText(item);
    if (current && !current.loose && current.requirement.kind === 'nonFunctional') extendStatement(current.requirement, body);
    else if (current && (!current.loose || looksLikeCriterion(body))) addCriterion(current.requirement, body, lineOf(item));
    else if (mode === 'nonFunctional') add(nextNfrId(), 'nonFunctional', body, lineOf(item));
    else if (!underUnnumberedHeading && body) scan.unnumbered.push({ text: oneLine(body), line: lineOf(item) });
  };

  const handleTable = (rows: string[], line: number): void => {
    rows.forEach((row, index) => {
      const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
      const match = matchRequirementId(cells[0] ?? '');
      if (!match) return;
      const requirement = add(match.id, match.kind, [match.rest, cells[1] ?? ''].join(' ').trim(), line + index);
      for (const cell of cells.slice(2)) {
        for (const part of cell.split(/<br\s*\/?>/i)) if (part.trim()) requirement?.acceptanceCriteria.push({ text: part.trim(), line: line + index });
      }
    });
  };

  const handleParagraph = (paragraph: AnyNode): void => {
    const lines = source(paragraph).split('\n');
    if (lines.every((line) => line.trim().startsWith('|'))) return handleTable(lines, lineOf(paragraph));
    const match = matchRequirementId(lines[0] ?? '');
    if (match) {
      const requirement = add(match.id, match.kind, match.rest, lineOf(paragraph));
      current = requirement ? { requirement, depth: 7, loose: true } : undefined;
      const more = dedent(lines.slice(1).join('\n'));
      if (requirement && more) {
        if (looksLikeCriterion(more)) addCriterion(requirement, more, lineOf(paragraph) + 1);
        else requirement.statement = oneLine(`${requirement.statement} ${more}`);
      }
      return;
    }
    if (!current) return;
    const body = dedent(lines.join('\n'));
    // A non-functional requirement has no criteria: the text under `#### NFR1: Latency` is its statement.
    if (!current.requirement.statement || current.requirement.kind === 'nonFunctional') extendStatement(current.requirement, body);
    else if (looksLikeCriterion(body)) addCriterion(current.requirement, body, lineOf(paragraph));
  };

  for (const node of block.nodes) {
    if (node.type === 'heading') {
      const title = headingText(source(node));
      const match = matchRequirementId(headingSource(source(node)));
      if (match) {
        const requirement = add(match.id, match.kind, match.rest, lineOf(node));
        current = requirement ? { requirement, depth: node.depth, loose: false } : undefined;
        underUnnumberedHeading = false;
        continue;
      }
      // "Acceptance criteria" under "#### R1" belongs to R1.
      if (current && !current.loose && node.depth > current.depth) continue;
      current = undefined;
      underUnnumberedHeading = false;
      const nextMode = modeOf(title);
      if (nextMode) mode = nextMode;
      else if (mode === 'functional') {
        scan.unnumbered.push({ text: title, line: lineOf(node) });
        underUnnumberedHeading = true;
      }
    } else if (node.type === 'list') {
      for (const item of node.children) handleItem(item);
    } else if (node.type === 'paragraph') {
      handleParagraph(node);
    }
  }
  return scan;
}

function addCriterion(requirement: SpecRequirement, text: string, line: number): void {
  const criterion = text.trim();
  if (!criterion || /^acceptance criteria:?$/i.test(stripInline(criterion))) return;
  const criteria = requirement.acceptanceCriteria;
  const previous = criteria[criteria.length - 1];
  // Given / When / Then written as separate items is one criterion.
  if (previous && continuesScenario(previous.text, criterion)) {
    criteria[criteria.length - 1] = { text: `${previous.text}\n${criterion}`, line: previous.line };
    return;
  }
  criteria.push({ text: criterion, line });
}

function continuesScenario(previous: string, next: string): boolean {
  if (!/^\s*given\b/i.test(previous)) return false;
  if (/^\s*(then|and|but)\b/i.test(next)) return true;
  return /^\s*when\b/i.test(next) && !/^\s*(when|then)\b/im.test(previous);
}

function extendStatement(requirement: SpecRequirement, text: string): void {
  requirement.statement = oneLine(`${requirement.statement} ${text}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Each line without its leading indentation, so a criterion reads the same however the list is nested. */
function dedent(text: string): string {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}
