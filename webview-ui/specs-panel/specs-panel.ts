import { html, nothing, render, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SPEC_PHASES, SPEC_SORTS, type SpecList, type SpecRef, type SpecRow, type SpecSort, type SpecsPanelProtocol } from '../../src/protocol/webview/specs-panel';
import { HostRequestError, type HostClient } from '../shared/host-client';
import { DEFAULT_VIEW, rowKey, rowTitle, visibleRows, type ListView, type PhaseFilter } from './list-view';
import { approvalText, phaseLabel, rowLabel, scoreText, threatsText } from './row-text';

type Action = 'open' | 'review' | 'approve' | 'requestChanges' | 'reject';

/** What a row says after an action: a refusal with the gate's reasons, an error, or what happened. */
interface Notice {
  readonly kind: 'refused' | 'error' | 'done';
  readonly text: string;
  readonly reasons: readonly string[];
}

const ACTION_TITLES: Record<Action, string> = { open: 'Open', review: 'Run review', approve: 'Approve', requestChanges: 'Request changes', reject: 'Reject' };
/** What the narrow side bar shows on each button; each is a word of the accessible name, so voice control finds it. */
const ACTION_LABELS: Record<Action, string> = { open: 'Open', review: 'Review', approve: 'Approve', requestChanges: 'Changes', reject: 'Reject' };

/**
 * The Specs side panel: renders the host's list with lit-html and sends one request per action.
 * Rows use a roving tab stop: the arrow keys move between rows, Tab reaches the focused row's actions.
 */
export class SpecsPanel {
  private list: SpecList | undefined;
  private loadError: string | undefined;
  private view: ListView;
  private active: string | undefined;
  private readonly busy = new Map<string, Action>();
  private readonly notices = new Map<string, Notice>();
  private form: { key: string; kind: 'requestChanges' | 'reject'; text: string } | undefined;
  private generating = false;
  private focusActive = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly client: HostClient<SpecsPanelProtocol>,
  ) {
    // The filter, the order and the row in focus survive a reload of the view.
    const saved = client.state;
    this.view = saved ? { text: saved.text, phase: saved.phase, sort: saved.sort } : DEFAULT_VIEW;
    this.active = saved?.active;
    client.on('specs', (list) => this.show(list));
    this.render();
    client.request('list', {}).then(
      (list) => this.show(list),
      (error: unknown) => {
        this.loadError = `The specs could not be listed: ${messageOf(error)}`;
        this.render();
      },
    );
  }

  private show(list: SpecList): void {
    this.list = list;
    this.loadError = undefined;
    this.render();
  }

  private setView(patch: Partial<ListView>): void {
    this.view = { ...this.view, ...patch };
    this.save();
    this.render();
  }

  private save(): void {
    this.client.setState({ ...this.view, ...(this.active !== undefined ? { active: this.active } : {}) });
  }

  private async act(row: SpecRow, action: Action, run: (ref: SpecRef) => Promise<string | undefined>): Promise<void> {
    const key = rowKey(row);
    this.busy.set(key, action);
    this.notices.delete(key);
    this.render();
    try {
      const done = await run({ folder: row.folder, slug: row.slug });
      if (done !== undefined) this.notices.set(key, { kind: 'done', text: done, reasons: [] });
      if (this.form?.key === key) this.form = undefined;
    } catch (error) {
      const refused = error instanceof HostRequestError && error.code === 'refused';
      this.notices.set(key, {
        kind: refused ? 'refused' : 'error',
        text: refused ? `${ACTION_TITLES[action]} refused: ${error.message}` : `${ACTION_TITLES[action]} failed: ${messageOf(error)}`,
        reasons: error instanceof HostRequestError ? (error.reasons ?? []) : [],
      });
    } finally {
      this.busy.delete(key);
      this.render();
    }
  }

  private open(row: SpecRow): void {
    void this.act(row, 'open', async (ref) => {
      await this.client.request('open', ref);
      return undefined;
    });
  }

  private review(row: SpecRow): void {
    void this.act(row, 'review', async (ref) => {
      const result = await this.client.request('review', ref);
      return `Review finished: ${phaseLabel(result.phase)}${result.reasons.length ? ` (${result.reasons.join('; ')})` : ''}`;
    });
  }

  private approve(row: SpecRow): void {
    void this.act(row, 'approve', async (ref) => `Approved by ${(await this.client.request('approve', ref)).by}`);
  }

  private submitForm(row: SpecRow): void {
    const form = this.form;
    // The send button is disabled while the text is blank; Enter in the field must not get past that.
    if (!form || form.key !== rowKey(row) || form.text.trim() === '') return;
    if (form.kind === 'requestChanges') {
      void this.act(row, 'requestChanges', async (ref) => {
        await this.client.request('requestChanges', { ...ref, comments: form.text });
        return 'Changes requested';
      });
    } else {
      void this.act(row, 'reject', async (ref) => {
        await this.client.request('reject', { ...ref, reason: form.text });
        return 'Rejected';
      });
    }
  }

  private generate(): void {
    this.generating = true;
    this.render();
    this.client.request('generate', {}).then(
      () => undefined,
      (error: unknown) => {
        this.loadError = `Generate Spec failed: ${messageOf(error)}`;
      },
    ).finally(() => {
      this.generating = false;
      this.render();
    });
  }

  private onRowKey(event: KeyboardEvent, rows: readonly SpecRow[], index: number): void {
    // Keys typed in a form or on a button inside the row belong to them.
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, target))];
      if (next) this.activate(next, true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = rows[index];
      if (row) this.open(row);
    }
  }

  private activate(row: SpecRow, focus: boolean): void {
    this.active = rowKey(row);
    this.focusActive = focus;
    this.save();
    this.render();
  }

  render(): void {
    render(this.template(), this.root);
    if (this.focusActive) {
      this.focusActive = false;
      this.root.querySelector<HTMLElement>('li.spec[tabindex="0"]')?.focus();
    }
  }

  private template(): TemplateResult {
    return html`
      <div class="toolbar" role="search" aria-label="Filter and sort the specs">
        <vscode-textfield
          class="filter"
          type="search"
          placeholder="Filter specs"
          .label=${'Filter specs by title, slug or phase'}
          .value=${this.view.text}
          @input=${(event: Event) => this.setView({ text: valueOf(event) })}
        ></vscode-textfield>
        <div class="selects">
          <vscode-single-select class="phase" label="Show specs in phase" .value=${this.view.phase} @change=${(event: Event) => this.setView({ phase: parsePhase(valueOf(event)) })}>
            <vscode-option value="all">All phases</vscode-option>
            ${SPEC_PHASES.map((phase) => html`<vscode-option value=${phase}>${phaseLabel(phase)}</vscode-option>`)}
          </vscode-single-select>
          <vscode-single-select class="sort" label="Sort specs by" .value=${this.view.sort} @change=${(event: Event) => this.setView({ sort: parseSort(valueOf(event)) })}>
            <vscode-option value="updated">Recently updated</vscode-option>
            <vscode-option value="title">Title</vscode-option>
            <vscode-option value="phase">Phase</vscode-option>
            <vscode-option value="score">Score</vscode-option>
          </vscode-single-select>
        </div>
      </div>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.body()}
    `;
  }

  private body(): TemplateResult | typeof nothing {
    if (!this.list) return this.loadError ? nothing : html`<p class="empty" role="status">Loading specs…</p>`;
    if (this.list.specs.length === 0) {
      return html`<div class="empty" role="status">
        <p>${this.list.folders === 0 ? 'Open a folder to write specs for it.' : 'No specs yet. The Architect drafts one from a one-line task; the review and the threat model follow.'}</p>
        <vscode-button icon="sparkle" aria-label="Generate Spec" ?disabled=${this.generating || this.list.folders === 0} @click=${() => this.generate()}>Generate Spec</vscode-button>
      </div>`;
    }
    const rows = visibleRows(this.list.specs, this.view);
    if (rows.length === 0) {
      return html`<div class="empty" role="status">
        <p>No spec matches the filter.</p>
        <vscode-button secondary aria-label="Clear the filter" @click=${() => this.setView({ text: '', phase: 'all' })}>Clear filter</vscode-button>
      </div>`;
    }
    const activeKey = rows.some((row) => rowKey(row) === this.active) ? this.active : rowKey(rows[0] as SpecRow);
    const folders = new Set(this.list.specs.map((row) => row.folder)).size;
    // Keyed, so a row's elements move with its spec when a pushed list reorders it (a logged refusal makes
    // the spec the most recently updated): a click or focus in flight stays on the spec it was aimed at.
    return html`<ul class="specs" aria-label=${`Specs, ${rows.length} of ${this.list.specs.length}`}>
      ${repeat(
        rows,
        rowKey,
        (row, index) => this.row(row, rows, index, rowKey(row) === activeKey, folders > 1),
      )}
    </ul>`;
  }

  private row(row: SpecRow, rows: readonly SpecRow[], index: number, active: boolean, showFolder: boolean): TemplateResult {
    const key = rowKey(row);
    const title = rowTitle(row);
    const busy = this.busy.get(key);
    const notice = this.notices.get(key);
    const tab = active ? 0 : -1;
    // A refusal lists the same reasons, and a void approval already says why.
    const reasons = notice?.reasons.length ? [] : row.reasons.filter((reason) => row.approval.kind !== 'void' || reason !== row.approval.reason);
    const button = (action: Action, icon: string, onClick: () => void, extra: { disabled?: boolean; secondary?: boolean } = {}): TemplateResult => html`<vscode-button
      class=${`action-${action}`}
      icon=${busy === action ? 'loading' : icon}
      ?icon-spin=${busy === action}
      ?secondary=${extra.secondary ?? true}
      ?disabled=${busy !== undefined || extra.disabled === true}
      tabindex=${tab}
      aria-label=${`${ACTION_TITLES[action]}: ${title}`}
      title=${`${ACTION_TITLES[action]} "${title}"`}
      @click=${onClick}
      >${ACTION_LABELS[action]}</vscode-button
    >`;
    return html`<li
      class=${`spec phase-${row.phase}${active ? ' active' : ''}`}
      tabindex=${tab}
      aria-label=${rowLabel(row, title)}
      aria-busy=${busy !== undefined ? 'true' : 'false'}
      @keydown=${(event: KeyboardEvent) => this.onRowKey(event, rows, index)}
      @focusin=${() => {
        if (this.active !== key) this.activate(row, false);
      }}
    >
      <div class="heading">
        <span class="title">${title}</span>
        <span class="phase-badge">${phaseLabel(row.phase)}</span>
      </div>
      ${showFolder ? html`<div class="folder">${row.folderName}</div>` : nothing}
      <div class="facts">
        <span class=${`score decision-${row.decision ?? 'none'}`}><span class="codicon codicon-graph" aria-hidden="true"></span>${scoreText(row)}</span>
        ${row.reviewStale ? html`<span class="stale"><span class="codicon codicon-warning" aria-hidden="true"></span>Review is stale: the spec changed after it</span>` : nothing}
        <span class=${`threats${row.blockingThreats > 0 ? ' blocking' : ''}`}><span class="codicon codicon-shield" aria-hidden="true"></span>${threatsText(row)}${row.blockingThreats > 0 ? ` (${row.blockingThreats} blocking)` : ''}</span>
        <span class=${`approval approval-${row.approval.kind}`}><span class=${`codicon codicon-${row.approval.kind === 'valid' ? 'verified' : row.approval.kind === 'void' ? 'circle-slash' : 'circle-large-outline'}`} aria-hidden="true"></span>${approvalText(row)}</span>
      </div>
      ${row.problem ? html`<p class="notice error">${row.problem}</p>` : nothing}
      ${reasons.length > 0 ? html`<ul class="reasons" aria-label=${`Why ${title} is ${phaseLabel(row.phase).toLowerCase()}`}>${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
      <div class="actions" role="toolbar" aria-label=${`Actions for ${title}`}>
        ${button('open', 'go-to-file', () => this.open(row))} ${button('review', 'play', () => this.review(row))}
        ${button('approve', 'pass', () => this.approve(row), { secondary: false, disabled: row.approval.kind === 'valid' })}
        ${button('requestChanges', 'comment', () => this.openForm(row, 'requestChanges'))} ${button('reject', 'close', () => this.openForm(row, 'reject'))}
      </div>
      ${this.form?.key === key ? this.formTemplate(row, this.form.kind, title, busy !== undefined) : nothing}
      ${notice ? this.noticeTemplate(notice) : nothing}
    </li>`;
  }

  private openForm(row: SpecRow, kind: 'requestChanges' | 'reject'): void {
    this.form = { key: rowKey(row), kind, text: '' };
    this.notices.delete(rowKey(row));
    this.render();
    this.root.querySelector<HTMLElement>('.change-form vscode-textarea, .change-form vscode-textfield')?.focus();
  }

  private formTemplate(row: SpecRow, kind: 'requestChanges' | 'reject', title: string, busy: boolean): TemplateResult {
    const text = this.form?.text ?? '';
    const onInput = (event: Event): void => {
      if (this.form) this.form = { ...this.form, text: valueOf(event) };
      this.render();
    };
    const field =
      kind === 'requestChanges'
        ? html`<vscode-textarea rows="4" resize="vertical" .label=${`What should change in ${title}`} placeholder="What should the Architect change? Name the section or requirement." .value=${text} @input=${onInput}></vscode-textarea>`
        : html`<vscode-textfield .label=${`Why ${title} is rejected`} placeholder="Why is the spec rejected?" .value=${text} @input=${onInput}></vscode-textfield>`;
    return html`<div
      class="change-form"
      role="group"
      aria-label=${kind === 'requestChanges' ? `Request changes to ${title}` : `Reject ${title}`}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          this.form = undefined;
          this.activate(row, true);
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || kind === 'reject')) {
          event.preventDefault();
          this.submitForm(row);
        }
      }}
    >
      ${field}
      <div class="form-buttons">
        <vscode-button
          aria-label=${kind === 'requestChanges' ? `Send the change request for ${title}` : `Reject ${title}`}
          ?disabled=${busy || text.trim() === ''}
          @click=${() => this.submitForm(row)}
          >${kind === 'requestChanges' ? 'Send change request' : 'Reject spec'}</vscode-button
        >
        <vscode-button
          secondary
          aria-label="Cancel"
          @click=${() => {
            this.form = undefined;
            this.activate(row, true);
          }}
          >Cancel</vscode-button
        >
      </div>
    </div>`;
  }

  private noticeTemplate(notice: Notice): TemplateResult {
    return html`<div class=${`notice ${notice.kind}`} role=${notice.kind === 'done' ? 'status' : 'alert'}>
      <p>${notice.text}</p>
      ${notice.reasons.length > 0 ? html`<ul class="reasons">${notice.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
    </div>`;
  }
}

function valueOf(event: Event): string {
  const target = event.target as { value?: unknown } | null;
  return typeof target?.value === 'string' ? target.value : '';
}

function parsePhase(value: string): PhaseFilter {
  return (SPEC_PHASES as readonly string[]).includes(value) ? (value as PhaseFilter) : 'all';
}

function parseSort(value: string): SpecSort {
  return (SPEC_SORTS as readonly string[]).includes(value) ? (value as SpecSort) : 'updated';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
