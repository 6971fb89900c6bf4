import ELK from 'elkjs/lib/elk.bundled.js';
import { html, nothing, render, type TemplateResult } from 'lit';
import { threatViewProtocol, type ThreatsModel, type ThreatViewSnapshot } from '../../src/protocol/webview/threat-view';
import { connect, HostRequestError } from '../shared/host-client';
import '../shared/elements';
import { layoutDiagram, type Diagram } from './diagram-layout';
import { diagramView } from './diagram-view';
import { draftOf, editorView, type ThreatDraft } from './threat-editor';
import { DEFAULT_SORT, isBlocking, NO_FILTER, targetSummaries, visibleThreats, type ThreatFilter, type ThreatSort } from './threat-filters';
import { filtersView, tableView } from './threat-table';
import '../shared/theme.css';
import './threat-view.css';

interface View {
  snapshot: ThreatViewSnapshot | undefined;
  diagram: Diagram | undefined;
  diagramError: string | undefined;
  /** The model parts the diagram was laid out from: a status edit does not move any box. */
  diagramKey: string | undefined;
  filter: ThreatFilter;
  sort: ThreatSort;
  draft: ThreatDraft | undefined;
  notice: string | undefined;
  failure: string | undefined;
}

const client = connect(threatViewProtocol);
const elk = new ELK();
const remembered = client.state;
const view: View = {
  snapshot: undefined,
  diagram: undefined,
  diagramError: undefined,
  diagramKey: undefined,
  filter: remembered ? { ...NO_FILTER, ...remembered.filter } : NO_FILTER,
  sort: remembered?.sort ?? DEFAULT_SORT,
  draft: undefined,
  notice: undefined,
  failure: undefined,
};
const root = document.body;

function update(change: Partial<View>): void {
  Object.assign(view, change);
  if (view.snapshot) client.setState({ folder: view.snapshot.spec.folder, filter: view.filter, sort: view.sort });
  render(page(), root);
}

async function show(snapshot: ThreatViewSnapshot): Promise<void> {
  const model = snapshot.state === 'loaded' ? snapshot.threats : undefined;
  const stillThere = model?.threats.some((threat) => threat.id === view.draft?.id) ?? false;
  update({ snapshot, draft: stillThere ? view.draft : undefined });
  if (!model) return;
  const key = JSON.stringify([model.elements, model.flows, model.boundaries]);
  if (key === view.diagramKey) return;
  try {
    const diagram = await layoutDiagram(model, elk);
    // A newer snapshot may have been laid out meanwhile; only the latest model's diagram is shown.
    if (view.snapshot === snapshot) update({ diagram, diagramKey: key, diagramError: undefined });
  } catch (error) {
    if (view.snapshot === snapshot) update({ diagram: undefined, diagramKey: key, diagramError: error instanceof Error ? error.message : String(error) });
  }
}

function describe(error: unknown): { message: string; reasons: readonly string[] } {
  if (error instanceof HostRequestError) return { message: error.message, reasons: error.reasons };
  return { message: error instanceof Error ? error.message : String(error), reasons: [] };
}

async function save(): Promise<void> {
  const draft = view.draft;
  if (!draft || draft.saving) return;
  update({ draft: { ...draft, saving: true, refusal: undefined } });
  try {
    const reason = draft.reason.trim();
    const snapshot = await client.request('editThreat', {
      id: draft.id,
      status: draft.status,
      ...(reason === '' ? {} : { reason }),
      mitigations: draft.mitigations.split(/\r?\n/),
    });
    update({ draft: undefined, notice: `${draft.id} saved to threats.json.` });
    await show(snapshot);
    focusRow(draft.id);
  } catch (error) {
    // Only this edit's form shows the refusal; a new one opened meanwhile is left alone.
    if (view.draft?.id === draft.id) update({ draft: { ...view.draft, saving: false, refusal: describe(error) } });
  }
}

function focusRow(id: string): void {
  root.querySelector<HTMLElement>(`tr.threat[data-id="${CSS.escape(id)}"]`)?.focus();
}

function edit(id: string): void {
  const threat = view.snapshot?.state === 'loaded' ? view.snapshot.threats.threats.find((candidate) => candidate.id === id) : undefined;
  if (!threat) return;
  update({ draft: draftOf(threat), notice: undefined });
  root.querySelector<HTMLElement>('#edit-status')?.focus();
}

async function exportToThreatDragon(): Promise<void> {
  try {
    const { saved } = await client.request('exportThreatDragon', {});
    if (saved !== null) update({ notice: `Exported to ${saved}.`, failure: undefined });
  } catch (error) {
    update({ failure: `Export failed: ${describe(error).message}` });
  }
}

function header(snapshot: ThreatViewSnapshot): TemplateResult {
  const model = snapshot.state === 'loaded' ? snapshot.threats : undefined;
  const open = model?.threats.filter((threat) => threat.status === 'open').length ?? 0;
  const blocking = model?.threats.filter(isBlocking).length ?? 0;
  return html`<header>
    <div>
      <h1>Threat model: ${snapshot.spec.slug}</h1>
      <p class="path">${snapshot.spec.threatsPath}</p>
      ${model
        ? html`<p class="summary">
            ${model.threats.length} threats, ${open} open${blocking > 0 ? html`, <strong class="blocking-count">${blocking} blocking approval</strong>` : ''}
          </p>`
        : nothing}
    </div>
    <div class="header-actions">
      ${model ? html`<vscode-button id="export" secondary @click=${() => void exportToThreatDragon()}>Export to Threat Dragon</vscode-button>` : nothing}
      ${snapshot.state === 'missing'
        ? nothing
        : html`<vscode-button id="open-file" secondary @click=${() => void client.request('openThreatsFile', {}).catch((error: unknown) => update({ failure: describe(error).message }))}
            >Open threats.json</vscode-button
          >`}
    </div>
  </header>`;
}

function modelView(model: ThreatsModel): TemplateResult {
  const pick = (id: string): void => update({ filter: { ...view.filter, target: view.filter.target === id ? undefined : id } });
  const threats = visibleThreats(model.threats, view.filter, view.sort);
  const editing = view.draft ? model.threats.find((threat) => threat.id === view.draft?.id) : undefined;
  const editor =
    editing && view.draft
      ? editorView({
          threat: editing,
          draft: view.draft,
          onChange: (draft) => update({ draft }),
          onSave: () => void save(),
          onCancel: () => {
            const id = view.draft?.id;
            update({ draft: undefined });
            if (id) focusRow(id);
          },
        })
      : undefined;
  const tableProps = {
    model,
    threats,
    filter: view.filter,
    sort: view.sort,
    editing: editing?.id,
    editor,
    onFilter: (filter: ThreatFilter) => update({ filter }),
    onSort: (sort: ThreatSort) => update({ sort }),
    onEdit: edit,
  };
  return html`<section class="diagram-section" aria-label="Data-flow diagram">
      ${view.diagram
        ? diagramView({ diagram: view.diagram, model, summaries: targetSummaries(model.threats), selected: view.filter.target, room: diagramRoom(), onPick: pick })
        : view.diagramError
          ? html`<p class="error" role="alert">The diagram could not be laid out: ${view.diagramError}</p>`
          : html`<p class="loading">Laying out the diagram…</p>`}
      ${model.assumptions.length > 0 ? html`<p class="assumptions">Assumptions: ${model.assumptions.join(' ')}</p>` : nothing}
    </section>
    <section class="table-section" aria-label="Threats">
      ${filtersView(tableProps)}
      <p class="count" aria-live="polite">${threats.length} of ${model.threats.length} threats shown</p>
      ${tableView(tableProps)}
    </section>`;
}

/** The diagram section's inner width (its placeholder is on the page before the layout is done). */
function diagramRoom(): number {
  const section = root.querySelector<HTMLElement>('.diagram-section');
  if (!section) return document.documentElement.clientWidth;
  const style = getComputedStyle(section);
  return section.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}

function page(): TemplateResult {
  const { snapshot } = view;
  if (!snapshot) return html`<p class="loading">Loading the threat model…</p>`;
  return html`${header(snapshot)}
    <div class="status-line" role="status" aria-live="polite">${view.notice ?? ''}</div>
    ${view.failure ? html`<p class="error" role="alert">${view.failure}</p>` : nothing}
    ${snapshot.state === 'loaded'
      ? modelView(snapshot.threats)
      : snapshot.state === 'invalid'
        ? html`<div class="invalid" role="alert">
            <h2>threats.json is not a valid threat model</h2>
            <p>${snapshot.spec.threatsPath} stays as it is until you fix it (the view never writes over a file that does not validate):</p>
            <ul class="problems">
              ${snapshot.problems.map((problem) => html`<li>${problem}</li>`)}
            </ul>
          </div>`
        : html`<p class="missing">No threat model yet: ${snapshot.spec.threatsPath} appears once the Threat Modeler has run on this spec.</p>`}`;
}

// The host sends the model as soon as this page says it is ready, and again on every change.
client.on('snapshot', (snapshot) => void show(snapshot));
window.addEventListener('resize', () => update({}));
render(page(), root);
