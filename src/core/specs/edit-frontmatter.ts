import { stringify } from 'yaml';
import { pairLines, parseFrontmatterBlock, splitFrontmatter, topLevelPairs } from './frontmatter-block';
import { SpecParseError } from './spec-file';

/**
 * Sets (or, for `undefined`, deletes) top-level frontmatter keys by editing only the lines of those
 * keys: the body, comments, other keys and their formatting stay byte for byte, which also keeps
 * specHash stable when only `status` or `approval` change. New keys go at the end of the frontmatter.
 */
export function setFrontmatter(text: string, patch: Record<string, unknown>, path = 'spec.md'): string {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new SpecParseError(path, [{ line: split.line, message: split.message }]);
  const { block } = split;
  const parsed = parseFrontmatterBlock(block);
  const [error] = parsed.document.errors;
  if (error) throw new SpecParseError(path, [{ line: parsed.fileLine(error.pos[0]), message: `invalid YAML in the frontmatter: ${error.message.split('\n')[0] ?? ''}` }]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pairs = topLevelPairs(block.yaml, parsed.document);
  if (!pairs) {
    // A flow map (`{a: 1}`) has no lines of its own per key: re-print the whole frontmatter.
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) parsed.document.delete(key);
      else parsed.document.set(key, value);
    }
    const yaml = parsed.document.toString({ lineWidth: 0 }).replace(/\n/g, eol);
    return text.slice(0, block.yamlStart) + yaml + text.slice(block.yamlEnd);
  }

  const edits: { start: number; end: number; text: string }[] = [];
  let appended = '';
  for (const [key, value] of Object.entries(patch)) {
    const pair = pairs.find((candidate) => candidate.key === key);
    const rendered = value === undefined ? undefined : render(key, value, eol);
    if (!pair) {
      if (rendered !== undefined) appended += rendered + eol;
    } else if (rendered === undefined) {
      edits.push({ ...pairLines(block.yaml, pair), text: '' });
    } else if (pair.inline && !rendered.includes('\n')) {
      // Replace `key: value` only, so a comment after it on the same line stays.
      edits.push({ start: pair.start, end: pair.valueEnd, text: rendered });
    } else {
      edits.push({ ...pairLines(block.yaml, pair), text: rendered + eol });
    }
  }
  let yaml = block.yaml;
  for (const edit of edits.sort((a, b) => b.start - a.start)) yaml = yaml.slice(0, edit.start) + edit.text + yaml.slice(edit.end);
  if (appended) yaml = (yaml === '' || yaml.endsWith('\n') ? yaml : yaml + eol) + appended;
  return text.slice(0, block.yamlStart) + yaml + text.slice(block.yamlEnd);
}

function render(key: string, value: unknown, eol: string): string {
  return stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '').replace(/\n/g, eol);
}
