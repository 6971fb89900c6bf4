import { html, nothing, type TemplateResult } from 'lit';
import { THREAT_STATUSES, type ViewThreat } from '../../src/protocol/webview/threat-view';
import { STATUS_NAMES } from './threat-table';

/** The form's values while a person edits one threat. */
export interface ThreatDraft {
  readonly id: string;
  readonly status: ViewThreat['status'];
  readonly reason: string;
  /** One mitigation a line. */
  readonly mitigations: string;
  readonly saving: boolean;
  /** Why the host refused the last save, shown next to the form. */
  readonly refusal: { readonly message: string; readonly reasons: readonly string[] } | undefined;
}

export function draftOf(threat: ViewThreat): ThreatDraft {
  return { id: threat.id, status: threat.status, reason: threat.reason ?? '', mitigations: threat.mitigations.join('\n'), saving: false, refusal: undefined };
}

export interface EditorProps {
  readonly threat: ViewThreat;
  readonly draft: ThreatDraft;
  readonly onChange: (draft: ThreatDraft) => void;
  readonly onSave: () => void;
  readonly onCancel: () => void;
}

const NEEDS_REASON: ReadonlySet<ViewThreat['status']> = new Set(['accepted', 'not-applicable']);

export function editorView({ threat, draft, onChange, onSave, onCancel }: EditorProps): TemplateResult {
  const reasonHint = NEEDS_REASON.has(draft.status) ? 'required: why is the risk acceptable or not applicable?' : 'optional';
  return html`<form
    class="editor"
    aria-label="Edit threat ${threat.id}"
    @submit=${(event: Event) => {
      event.preventDefault();
      onSave();
    }}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    }}
  >
    <h2>${threat.id}: ${threat.title}</h2>
    <p class="scenario">${threat.scenario}</p>
    <div class="fields">
      <label for="edit-status">Status</label>
      <select id="edit-status" .value=${draft.status} @change=${(event: Event) => onChange({ ...draft, status: (event.target as HTMLSelectElement).value as ViewThreat['status'] })}>
        ${THREAT_STATUSES.map((status) => html`<option value=${status} ?selected=${status === draft.status}>${STATUS_NAMES[status]}</option>`)}
      </select>
      <label for="edit-reason">Reason <span class="hint">(${reasonHint})</span></label>
      <input id="edit-reason" type="text" .value=${draft.reason} @input=${(event: Event) => onChange({ ...draft, reason: (event.target as HTMLInputElement).value })} />
      <label for="edit-mitigations">Mitigations <span class="hint">(one a line)</span></label>
      <textarea id="edit-mitigations" rows="4" .value=${draft.mitigations} @input=${(event: Event) => onChange({ ...draft, mitigations: (event.target as HTMLTextAreaElement).value })}></textarea>
    </div>
    ${draft.refusal
      ? html`<div class="refusal" role="alert">
          <strong>${draft.refusal.message}</strong>
          ${draft.refusal.reasons.length > 0 ? html`<ul>${draft.refusal.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
        </div>`
      : nothing}
    <div class="buttons">
      <vscode-button id="save-threat" ?disabled=${draft.saving} @click=${onSave}>${draft.saving ? 'Saving…' : 'Save'}</vscode-button>
      <vscode-button id="cancel-edit" secondary @click=${onCancel}>Cancel</vscode-button>
    </div>
  </form>`;
}
