import { diff3Merge } from 'node-diff3';
import { isDeepStrictEqual } from './deep-equal';
import { setFrontmatter } from './edit-frontmatter';
import { parseFrontmatterBlock, splitFrontmatter } from './frontmatter-block';
import { outline } from './outline';
import { normalizeTitle } from './sections';
import { parseSpec, SpecParseError } from './spec-file';

export interface RevisionMerge {
  text: string;
  /** Where a hand edit was kept over the agent's change to the same lines. */
  conflicts: { section: string; line: number }[];
}

/** Frontmatter keys the Architect writes; the others (task_id, approval, the user's own) are never touched by a revision. */
const AGENT_KEYS = ['title', 'status', 'complexity', 'estimated_files', 'estimated_test_coverage', 'risk_assessment', 'requires_migration', 'breaking_changes', 'models', 'prompt_versions'];

const PREAMBLE = '#preamble';

interface Chunk {
  readonly id: string;
  readonly title: string;
  /** The chunk's text, LF line breaks, trailing blank lines removed. */
  readonly text: string;
}

interface Parts {
  readonly data: Record<string, unknown>;
  readonly chunks: readonly Chunk[];
}

/**
 * Applies the Architect's revision to the spec on disk without losing hand edits: a three-way merge
 * where `base` is the text the agent last wrote, `current` the file now and `revised` the new print.
 * Sections merge one by one (by title): untouched ones take the revision, ones only the user changed keep
 * the user's text, ones both changed get a line-level diff3, and where both changed the same lines the
 * user's lines win and the conflict is reported. Sections the user added, comments, and frontmatter keys
 * and comments the agent does not own stay as they are. A `current` that does not parse throws
 * SpecParseError: such a file is never overwritten.
 */
export function mergeRevision(input: { base: string; current: string; revised: string; path?: string }): RevisionMerge {
  const path = input.path ?? 'spec.md';
  parseSpec(input.current, path);
  const crlf = input.current.includes('\r\n');
  const [base, current, revised] = [input.base, input.current, input.revised].map((text) => parts(text.replace(/\r\n/g, '\n'), path)) as [Parts, Parts, Parts];

  const conflicts: RevisionMerge['conflicts'] = [];
  const frontmatter = mergeFrontmatter(base, current, revised, input.current.replace(/\r\n/g, '\n'), path);

  const output: { chunk: Chunk; conflicts: number[] }[] = [];
  for (const mine of current.chunks) {
    const original = base.chunks.find((chunk) => chunk.id === mine.id);
    const theirs = revised.chunks.find((chunk) => chunk.id === mine.id);
    if (!original) output.push({ chunk: mine, conflicts: [] });
    else if (!theirs) {
      if (mine.text !== original.text) output.push({ chunk: mine, conflicts: [] });
    } else output.push(mergeChunk(original, mine, theirs));
  }
  revised.chunks.forEach((theirs, index) => {
    if (output.some((entry) => entry.chunk.id === theirs.id)) return;
    const original = base.chunks.find((chunk) => chunk.id === theirs.id);
    // The user deleted a section the agent did not change: it stays deleted.
    if (original && original.text === theirs.text) return;
    const before = revised.chunks.slice(0, index).reverse().find((chunk) => output.some((entry) => entry.chunk.id === chunk.id));
    const at = before ? output.findIndex((entry) => entry.chunk.id === before.id) + 1 : 0;
    output.splice(at, 0, { chunk: theirs, conflicts: [] });
  });

  let text = frontmatter.text;
  let line = text.split('\n').length;
  for (const entry of output) {
    if (!entry.chunk.text) continue;
    if (text.length > frontmatter.text.length) {
      text += '\n';
      line += 1;
    }
    for (const offset of entry.conflicts) conflicts.push({ section: entry.chunk.title || 'Summary', line: line + offset });
    text += `${entry.chunk.text}\n`;
    line += entry.chunk.text.split('\n').length;
  }
  return {
    text: crlf ? text.replace(/\n/g, '\r\n') : text,
    conflicts: [...frontmatter.conflicts, ...conflicts],
  };
}

function mergeChunk(original: Chunk, mine: Chunk, theirs: Chunk): { chunk: Chunk; conflicts: number[] } {
  if (mine.text === original.text) return { chunk: theirs, conflicts: [] };
  if (theirs.text === original.text || theirs.text === mine.text) return { chunk: mine, conflicts: [] };
  const [a, o, b] = [mine.text.split('\n'), original.text.split('\n'), theirs.text.split('\n')];
  // diff3's LCS grows fast with repeated lines ("- Given ..."): merge only what lies between the lines all three share at both ends.
  const shortest = Math.min(a.length, o.length, b.length);
  let head = 0;
  while (head < shortest && a[head] === o[head] && o[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < shortest - head && a[a.length - 1 - tail] === o[o.length - 1 - tail] && o[o.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const lines = a.slice(0, head);
  const conflicts: number[] = [];
  for (const region of diff3Merge(a.slice(head, a.length - tail), o.slice(head, o.length - tail), b.slice(head, b.length - tail), { excludeFalseConflicts: true })) {
    if (region.ok) lines.push(...region.ok);
    else if (region.conflict) {
      conflicts.push(lines.length);
      lines.push(...region.conflict.a);
    }
  }
  lines.push(...a.slice(a.length - tail));
  return { chunk: { ...mine, text: lines.join('\n') }, conflicts };
}

function mergeFrontmatter(base: Parts, current: Parts, revised: Parts, currentText: string, path: string): { text: string; conflicts: { section: string; line: number }[] } {
  const patch: Record<string, unknown> = {};
  const kept: string[] = [];
  for (const key of AGENT_KEYS) {
    const [was, now, next] = [base.data[key], current.data[key], revised.data[key]];
    if (isDeepStrictEqual(now, next) || isDeepStrictEqual(was, next)) continue;
    if (isDeepStrictEqual(was, now)) patch[key] = next;
    else kept.push(key);
  }
  const patched = Object.keys(patch).length > 0 ? setFrontmatter(currentText, patch, path) : currentText;
  const split = splitFrontmatter(patched);
  if (!split.ok) throw new SpecParseError(path, [{ line: split.line, message: split.message }]);
  const head = patched.slice(0, split.block.bodyStart);
  const headLines = head.split('\n');
  const conflicts = kept.map((key) => ({ section: `frontmatter ${key}`, line: headLines.findIndex((text) => text.startsWith(`${key}:`)) + 1 }));
  return { text: head.endsWith('\n\n') || head === '' ? head : `${head}\n`, conflicts };
}

function parts(text: string, path: string): Parts {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new SpecParseError(path, [{ line: split.line, message: split.message }]);
  const parsed = parseFrontmatterBlock(split.block);
  const data = parsed.document.errors.length === 0 ? parsed.document.toJS() : {};
  const tree = outline(text, split.block.bodyStart, split.block.bodyLine);
  const seen = new Map<string, number>();
  const chunks: Chunk[] = [{ id: PREAMBLE, title: '', text: trimEnd(text.slice(split.block.bodyStart, tree.preambleEnd)) }];
  for (const block of tree.blocks) {
    const name = block.key ?? `extra:${normalizeTitle(block.title)}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    chunks.push({ id: count === 1 ? name : `${name}#${count}`, title: block.title, text: trimEnd(text.slice(block.start, block.end)) });
  }
  return { data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}, chunks };
}

function trimEnd(text: string): string {
  return text.replace(/^\n+/, '').replace(/\s+$/, '');
}
