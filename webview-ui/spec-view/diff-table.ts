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
