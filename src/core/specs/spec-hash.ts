import { pairLines, parseFrontmatterBlock, splitFrontmatter, topLevelPairs } from './frontmatter-block';

/** Frontmatter keys that record the review and approval of the text, not the text itself. */
const UNHASHED_KEYS = new Set(['status', 'approval']);

/**
 * SHA-256 (hex) of the spec as approved: line breaks as LF, without the frontmatter's `status` and
 * `approval` lines, so recording an approval or moving the status on never changes the hash.
 */
export async function specHash(text: string): Promise<string> {
  const data = new TextEncoder().encode(hashedText(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function hashedText(text: string): string {
  const split = splitFrontmatter(text);
  if (!split.ok) return text;
  const { block } = split;
  const parsed = parseFrontmatterBlock(block);
  if (parsed.document.errors.length > 0) return text;
  const pairs = topLevelPairs(block.yaml, parsed.document);
  let yaml: string;
  if (pairs) {
    yaml = block.yaml;
    const removed = pairs.filter((pair) => UNHASHED_KEYS.has(pair.key)).map((pair) => pairLines(block.yaml, pair));
    for (const range of removed.sort((a, b) => b.start - a.start)) yaml = yaml.slice(0, range.start) + yaml.slice(range.end);
  } else {
    for (const key of UNHASHED_KEYS) parsed.document.delete(key);
    yaml = parsed.document.toString({ lineWidth: 0 });
  }
  return text.slice(0, block.yamlStart) + yaml + text.slice(block.yamlEnd);
}
