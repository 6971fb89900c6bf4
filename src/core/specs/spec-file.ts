import { isMap, isScalar, isSeq } from 'yaml';
import type { z } from 'zod';
import { LineIndex } from '../rules/line-index';
import { parseFrontmatterBlock, splitFrontmatter, type ParsedFrontmatter } from './frontmatter-block';
import { outline } from './outline';
import { scanRequirements, type SpecRequirement } from './requirements';
import { normalizeTitle, sectionKeyOf, type SectionKey } from './sections';
import { SpecFrontmatter } from './spec-frontmatter';

export type { AcceptanceCriterion, SpecRequirement } from './requirements';

export interface SpecSection {
  /** Undefined for a section the user added that is not one of the ten. */
  readonly key?: SectionKey;
  readonly title: string;
  /** One-based line of the heading. */
  readonly line: number;
  /** One-based line of the section's last non-blank line (the heading's when it is empty). */
  readonly endLine: number;
  /** The original text under the heading, blank lines around it trimmed, line breaks as LF. */
  readonly body: string;
  /** One-based line of the body's first line (the line after the heading when it is empty). */
  readonly bodyLine: number;
}

export interface SpecParseProblem {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** A spec that cannot be read; each problem names the file's line. Such a file is never overwritten. */
export class SpecParseError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly SpecParseProblem[],
  ) {
    super(problems.map((problem) => `${path}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}: ${problem.message}`).join('\n'));
    this.name = 'SpecParseError';
  }
}

export interface SpecFile {
  readonly path: string;
  readonly text: string;
  readonly frontmatter: SpecFrontmatter;
  /** The level-1 heading's text, else the frontmatter title. */
  readonly title: string;
  /** Text between the title and the first section. */
  readonly summary: string;
  readonly sections: readonly SpecSection[];
  readonly requirements: readonly SpecRequirement[];
  /** Functional requirements written without an id. */
  readonly unnumbered: readonly { text: string; line: number }[];
  section(key: SectionKey): SpecSection | undefined;
  /** 'R3', a section title or key ('Rollback Plan'), loosely matched; undefined when unknown. */
  lineOf(location: string): number | undefined;
}

export function parseSpec(text: string, path: string): SpecFile {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new SpecParseError(path, [{ line: split.line, message: split.message }]);
  const parsed = parseFrontmatterBlock(split.block);
  const yamlErrors = parsed.document.errors.map((error) => ({
    line: parsed.fileLine(error.pos[0]),
    message: `invalid YAML in the frontmatter: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  if (yamlErrors.length > 0) throw new SpecParseError(path, yamlErrors);

  const problems: SpecParseProblem[] = [];
  const data: unknown = parsed.document.toJS() ?? {};
  const result = SpecFrontmatter.safeParse(data);
  if (!result.success) problems.push(...result.error.issues.map((issue) => frontmatterProblem(parsed, data, issue)));

  const tree = outline(text, split.block.bodyStart, split.block.bodyLine);
  const index = new LineIndex(text);
  const sections = tree.blocks.map((block): SpecSection => {
    const content = trimmedRange(text, block.heading.end, block.end);
    return {
      ...(block.key ? { key: block.key } : {}),
      title: block.title,
      line: block.heading.line,
      endLine: content ? index.position(content.end - 1).line + 1 : block.heading.endLine,
      body: content ? text.slice(content.start, content.end).replace(/\r\n/g, '\n') : '',
      bodyLine: content ? index.position(content.start).line + 1 : block.heading.endLine + 1,
    };
  });
  const requirementsBlock = tree.blocks.find((block) => block.key === 'requirements');
  const scan = requirementsBlock ? scanRequirements(text, tree, requirementsBlock) : { requirements: [], unnumbered: [], duplicates: [] };
  for (const duplicate of scan.duplicates) {
    problems.push({ line: duplicate.line, message: `duplicate requirement id ${duplicate.id} (first used on line ${duplicate.firstLine})` });
  }
  if (!result.success || problems.length > 0) throw new SpecParseError(path, problems);

  const summaryRange = trimmedRange(text, tree.title?.end ?? tree.bodyStart, tree.preambleEnd);
  const frontmatter = result.data;
  return {
    path,
    text,
    frontmatter,
    title: tree.title?.text ?? frontmatter.title,
    summary: summaryRange ? text.slice(summaryRange.start, summaryRange.end).replace(/\r\n/g, '\n') : '',
    sections,
    requirements: scan.requirements,
    unnumbered: scan.unnumbered,
    section: (key) => sections.find((section) => section.key === key),
    lineOf: (location) => locate(location, sections, scan.requirements),
  };
}

function locate(location: string, sections: readonly SpecSection[], requirements: readonly SpecRequirement[]): number | undefined {
  const id = /\b(NFR|R)-?(\d+)\b/i.exec(location);
  if (id) {
    const requirement = requirements.find((candidate) => candidate.id === `${(id[1] ?? 'R').toUpperCase()}${Number(id[2])}`);
    if (requirement) return requirement.line;
  }
  const wanted = normalizeTitle(location);
  // Too short to mean one section ("a", "ap").
  if (wanted.length < 3) return undefined;
  const key = sectionKeyOf(location);
  const exact = sections.find((section) => normalizeTitle(section.title) === wanted || (key !== undefined && section.key === key));
  if (exact) return exact.line;
  return sections.find((section) => {
    const title = normalizeTitle(section.title);
    return title.includes(wanted) || wanted.includes(title) || (section.key !== undefined && wanted.includes(section.key.toLowerCase()));
  })?.line;
}

function frontmatterProblem(parsed: ParsedFrontmatter, data: unknown, issue: z.core.$ZodIssue): SpecParseProblem {
  const path = issue.path.map(String).join('.');
  const missing = issue.path.length > 0 && valueAt(data, issue.path) === undefined;
  if (path === '') return { line: 1, message: `the frontmatter must be a YAML map of keys: ${issue.message}` };
  return { line: lineOfKey(parsed, issue.path), message: missing ? `missing frontmatter key "${path}"` : `frontmatter "${path}": ${issue.message}` };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The line of the deepest key of `path` that exists: a wrong value points at its key, a missing key at its parent's. */
function lineOfKey(parsed: ParsedFrontmatter, path: readonly PropertyKey[]): number {
  let node: unknown = parsed.document.contents;
  let line = 1;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((candidate) => isScalar(candidate.key) && String(candidate.key.value) === String(segment));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      line = parsed.fileLine(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const range = (item as { range?: [number, number, number] } | undefined)?.range;
      if (!range) break;
      line = parsed.fileLine(range[0]);
      node = item;
    } else break;
  }
  return line;
}

/** The range between `from` and `to` without the blank lines at either end; undefined when only blanks. */
function trimmedRange(text: string, from: number, to: number): { start: number; end: number } | undefined {
  const slice = text.slice(from, to);
  const leading = /^\s*/.exec(slice)?.[0].length ?? 0;
  if (leading === slice.length) return undefined;
  const trailing = /\s*$/.exec(slice)?.[0].length ?? 0;
  // Keep the first line's indentation: trim whole blank lines only.
  const start = from + slice.lastIndexOf('\n', leading - 1) + 1;
  return { start, end: to - trailing };
}

