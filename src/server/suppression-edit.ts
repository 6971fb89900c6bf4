import type { TextDocument, TextEdit } from 'vscode-languageserver-textdocument';
import { LANGUAGES, type LanguageId } from '../core/rules/languages';

/**
 * The `omni-ignore` comment that suppresses `ruleId`, in the language's line-comment syntax (the
 * form src/core/rules/suppressions.ts reads): for one line, a comment alone on the line before,
 * indented like it; for the file, `omni-ignore-file` at the top, below a shebang or an encoding line.
 */
export function suppressionEdit(document: TextDocument, language: LanguageId, ruleId: string, line: number, scope: 'line' | 'file', reason: string): TextEdit {
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
  const comment = LANGUAGES[language].lineComment;
  const oneLineReason = reason.replace(/\s+/g, ' ').trim();
  if (scope === 'file') {
    const at = firstLineAfterPreamble(document);
    return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${comment} omni-ignore-file ${ruleId}: ${oneLineReason}${eol}` };
  }
  const indent = /^[ \t]*/.exec(lineText(document, line))?.[0] ?? '';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment} omni-ignore ${ruleId}: ${oneLineReason}${eol}` };
}

/** Lines that must stay first: `#!` and, in the first two lines, a Python encoding declaration (PEP 263). */
function firstLineAfterPreamble(document: TextDocument): number {
  let line = 0;
  if (lineText(document, 0).startsWith('#!')) line = 1;
  while (line < 2 && line < document.lineCount && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(lineText(document, line))) line++;
  return line;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
