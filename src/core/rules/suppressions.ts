import type { Tree } from 'web-tree-sitter';
import { LANGUAGES, type LanguageId } from './languages';

export interface SuppressionDirective {
  /** `line`: this line or, for a comment alone on its line, the next one. `file`: the whole file. */
  readonly scope: 'line' | 'file';
  readonly ruleIds: readonly string[];
  readonly reason?: string;
  /** Zero-based lines whose findings it covers (empty for file scope). */
  readonly lines: readonly number[];
  /** Offsets of the directive text inside its comment, for reporting and removal. */
  readonly start: number;
  readonly end: number;
  readonly commentStart: number;
  readonly commentEnd: number;
  /** True when the comment holds nothing but this directive, so removing it removes the comment. */
  readonly wholeComment: boolean;
}

const DIRECTIVE = /^omni-ignore(-file)?(?![\w-])[ \t]*(.*)$/;
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$|^\*$/;

/** Finds `omni-ignore` and `omni-ignore-file` directives; only those inside real comments count. */
export function findSuppressions(text: string, tree: Tree, language: LanguageId): SuppressionDirective[] {
  if (!text.includes('omni-ignore')) return [];
  const commentTypes = LANGUAGES[language].commentTypes;
  const directives: SuppressionDirective[] = [];
  for (let at = text.indexOf('omni-ignore'); at >= 0; at = text.indexOf('omni-ignore', at + 1)) {
    const comment = tree.rootNode.descendantForIndex(at, at + 1);
    if (!comment || !commentTypes.includes(comment.type)) continue;
    const lineEnd = text.indexOf('\n', at);
    // Some grammars end a line comment after the `\r` of a CRLF line; that `\r` is not the comment's to lose.
    const commentEnd = text[comment.endIndex - 1] === '\r' ? comment.endIndex - 1 : comment.endIndex;
    const raw = text.slice(at, Math.min(commentEnd, lineEnd < 0 ? text.length : lineEnd)).replace(/\r$/, '');
    const hit = DIRECTIVE.exec(raw.replace(/\s*\*\/\s*$/, '').trimEnd());
    if (!hit) continue;
    const parsed = parseBody(hit[2] ?? '');
    const lineStart = text.lastIndexOf('\n', comment.startIndex - 1) + 1;
    const alone = text.slice(lineStart, comment.startIndex).trim() === '';
    const line = comment.startPosition.row;
    const commentText = comment.text;
    directives.push({
      scope: hit[1] ? 'file' : 'line',
      ruleIds: parsed.ruleIds,
      reason: parsed.reason,
      lines: hit[1] ? [] : alone ? [line, nextCodeLine(text, comment.endIndex, line)] : [line],
      start: at,
      end: at + raw.length,
      commentStart: comment.startIndex,
      commentEnd,
      wholeComment:
        stripCommentSyntax(commentText).trim().startsWith('omni-ignore') &&
        commentText.indexOf('omni-ignore') === commentText.lastIndexOf('omni-ignore'),
    });
  }
  return directives;
}

function parseBody(body: string): { ruleIds: string[]; reason?: string } {
  // The ids come first; a colon followed by a space (or the end) starts the reason, so ids may hold no colon.
  const colon = body.search(/:(\s|$)/);
  const idsPart = colon >= 0 ? body.slice(0, colon) : body;
  const reason = colon >= 0 ? body.slice(colon + 1).trim() : '';
  const ruleIds = idsPart
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && RULE_ID.test(id));
  return reason ? { ruleIds, reason } : { ruleIds };
}

function stripCommentSyntax(comment: string): string {
  return comment.replace(/^(\/\/+|#+|\/\*+)/, '').replace(/\*\/$/, '');
}

/** The line a stand-alone directive covers: the next one that is not blank and not another comment. */
function nextCodeLine(text: string, from: number, line: number): number {
  let current = line;
  let index = from;
  while (index < text.length) {
    const newline = text.indexOf('\n', index);
    if (newline < 0) return current + 1;
    current++;
    const next = text.indexOf('\n', newline + 1);
    const content = text.slice(newline + 1, next < 0 ? text.length : next).trim();
    if (content !== '' && !/^(\/\/|#|\/\*|\*)/.test(content)) return current;
    if (next < 0) return current;
    index = next;
    if (current - line > 20) return line + 1;
  }
  return current + 1;
}
