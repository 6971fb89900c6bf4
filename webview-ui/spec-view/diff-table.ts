import { html, nothing, type TemplateResult } from 'lit';
import type { DiffView, RevisionRefView } from '../../src/protocol/webview/spec-view';

export function refLabel(ref: RevisionRefView): string {
  return ref === 'current' ? 'spec.md now' : `revision ${ref}`;
}

/** A unified diff with both line numbers; the sign column is spelled out for screen readers. */
export function diffTable(diff: DiffView, from: RevisionRefView, to: RevisionRefView): TemplateResult {
  const caption = `Changes from ${refLabel(from)} to ${refLabel(to)}: ${diff.added} line${diff.added === 1 ? '' : 's'} added, ${diff.removed} removed`;
  if (diff.hunks.length === 0) return html`<p class="diff-summary" role="status">No changes between ${refLabel(from)} and ${refLabel(to)}.</p>`;
  return html`
    <p class="diff-summary" role="status">${caption}</p>
    <table class="diff" aria-label=${caption}>
      <thead class="visually-hidden">
        <tr><th scope="col">Old line</th><th scope="col">New line</th><th scope="col">Change</th><th scope="col">Text</th></tr>
      </thead>
      ${diff.hunks.map(
        (hunk) => html`
          <tbody>
            <tr class="hunk"><td colspan="4">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</td></tr>
            ${hunk.lines.map(
              (line) => html`
                <tr class="diff-line ${line.kind}">
                  <td class="number">${line.oldLine ?? nothing}</td>
                  <td class="number">${line.newLine ?? nothing}</td>
                  <td class="sign"><span aria-hidden="true">${line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' '}</span><span class="visually-hidden">${line.kind === 'context' ? 'unchanged' : line.kind}</span></td>
                  <td class="text">${line.text}</td>
                </tr>
              `,
            )}
          </tbody>
        `,
      )}
    </table>
  `;
}

type DiffLineView = DiffView['hunks'][number]['lines'][number];

/** One row of the side-by-side view: the old line on the left, the new on the right, either may be missing. */
interface SideBySideRow {
  readonly left?: DiffLineView;
  readonly right?: DiffLineView;
}

/** Pairs each run of removed lines with the added lines that follow it, so a changed line sits beside its new text. */
function sideBySideRows(lines: readonly DiffLineView[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  for (let index = 0; index < lines.length; ) {
    const line = lines[index];
    if (!line) break;
    if (line.kind === 'context') {
      rows.push({ left: line, right: line });
      index++;
      continue;
    }
    const removed: DiffLineView[] = [];
    const added: DiffLineView[] = [];
    for (let next = lines[index]; next?.kind === 'removed'; next = lines[++index]) removed.push(next);
    for (let next = lines[index]; next?.kind === 'added'; next = lines[++index]) added.push(next);
    for (let pair = 0; pair < Math.max(removed.length, added.length); pair++) {
      const left = removed[pair];
      const right = added[pair];
      rows.push({ ...(left ? { left } : {}), ...(right ? { right } : {}) });
    }
  }
  return rows;
}

function side(line: DiffLineView | undefined, which: 'old' | 'new'): TemplateResult {
  if (!line) return html`<td class="number"></td><td class="text empty"></td>`;
  const number = which === 'old' ? line.oldLine : line.newLine;
  const change = line.kind === 'context' ? '' : line.kind;
  return html`<td class="number">${number ?? nothing}</td><td class="text ${change}">${change ? html`<span class="visually-hidden">${change}: </span>` : nothing}${line.text}</td>`;
}

/** The same changes with the old text on the left and the new on the right. */
export function sideBySideTable(diff: DiffView, from: RevisionRefView, to: RevisionRefView): TemplateResult {
  const caption = `Changes from ${refLabel(from)} to ${refLabel(to)}, side by side: ${diff.added} line${diff.added === 1 ? '' : 's'} added, ${diff.removed} removed`;
  if (diff.hunks.length === 0) return html`<p class="diff-summary" role="status">No changes between ${refLabel(from)} and ${refLabel(to)}.</p>`;
  return html`
    <p class="diff-summary" role="status">${caption}</p>
    <table class="diff side-by-side" aria-label=${caption}>
      <colgroup><col class="number-column" /><col /><col class="number-column" /><col /></colgroup>
      <thead>
        <tr><th scope="col" colspan="2">${refLabel(from)}</th><th scope="col" colspan="2">${refLabel(to)}</th></tr>
      </thead>
      ${diff.hunks.map(
        (hunk) => html`
          <tbody>
            <tr class="hunk"><td colspan="4">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</td></tr>
            ${sideBySideRows(hunk.lines).map((row) => html`<tr class="diff-row">${side(row.left, 'old')}${side(row.right, 'new')}</tr>`)}
          </tbody>
        `,
      )}
    </table>
  `;
}
