import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RISK_LEVELS, THREAT_STATUSES, type ThreatsModel, type ViewThreat } from '../../src/protocol/webview/threat-view';
import { CATEGORIES, CATEGORY_NAMES, isBlocking, SORT_KEYS, type SortKey, type ThreatFilter, type ThreatSort } from './threat-filters';

const COLUMNS: Readonly<Record<SortKey, string>> = {
  id: 'Id',
  title: 'Title',
  category: 'Framework / category',
  target: 'Target',
  dreadScore: 'DREAD',
  risk: 'Risk',
  status: 'Status',
  mitigations: 'Mitigation',
};

export const STATUS_NAMES: Readonly<Record<ViewThreat['status'], string>> = { open: 'Open', mitigated: 'Mitigated', accepted: 'Accepted', 'not-applicable': 'Not applicable' };

export interface TableProps {
  readonly model: ThreatsModel;
  readonly threats: readonly ViewThreat[];
  readonly filter: ThreatFilter;
  readonly sort: ThreatSort;
  readonly editing: string | undefined;
  /** The edit form, shown in a row of its own under the threat it edits. */
  readonly editor: TemplateResult | undefined;
  readonly onFilter: (filter: ThreatFilter) => void;
  readonly onSort: (sort: ThreatSort) => void;
  readonly onEdit: (id: string) => void;
}

function choice<T extends string>(id: string, label: string, value: T | 'all', options: readonly { value: T; label: string }[], onChange: (value: T | 'all') => void): TemplateResult {
  return html`<label class="filter" for=${id}
    >${label}
    <select
      id=${id}
      .value=${value}
      @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value as T | 'all')}
    >
      <option value="all" ?selected=${value === 'all'}>All</option>
      ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
    </select></label
  >`;
}

function targetName(model: ThreatsModel, id: string): string {
  const element = model.elements.find((candidate) => candidate.id === id);
  if (element) return element.name;
  const flow = model.flows.find((candidate) => candidate.id === id);
  return flow ? `${flow.id}: ${flow.data}` : id;
}

export function filtersView(props: TableProps): TemplateResult {
  const { filter, onFilter } = props;
  const categories = filter.framework === 'all' ? [...CATEGORIES.STRIDE, ...CATEGORIES.LINDDUN] : CATEGORIES[filter.framework];
  const filtered = filter.framework !== 'all' || filter.category !== 'all' || filter.risk !== 'all' || filter.status !== 'all' || filter.target !== undefined;
  return html`<div class="filters" role="toolbar" aria-label="Filter threats">
    ${choice('filter-framework', 'Framework', filter.framework, [{ value: 'STRIDE', label: 'STRIDE' }, { value: 'LINDDUN', label: 'LINDDUN' }], (framework) =>
      onFilter({ ...filter, framework, category: framework === 'all' || filter.category === 'all' || CATEGORIES[framework].includes(filter.category) ? filter.category : 'all' }),
    )}
    ${choice('filter-category', 'Category', filter.category, categories.map((category) => ({ value: category, label: CATEGORY_NAMES[category] })), (category) => onFilter({ ...filter, category }))}
    ${choice('filter-risk', 'Risk', filter.risk, RISK_LEVELS.map((risk) => ({ value: risk, label: risk })), (risk) => onFilter({ ...filter, risk }))}
    ${choice('filter-status', 'Status', filter.status, THREAT_STATUSES.map((status) => ({ value: status, label: STATUS_NAMES[status] })), (status) => onFilter({ ...filter, status }))}
    ${filter.target === undefined
      ? nothing
      : html`<span class="target-filter">Target: <strong>${targetName(props.model, filter.target)}</strong></span>`}
    ${filtered ? html`<vscode-button secondary id="clear-filters" @click=${() => onFilter({ framework: 'all', category: 'all', risk: 'all', status: 'all', target: undefined })}>Clear filters</vscode-button>` : nothing}
  </div>`;
}

function header(key: SortKey, sort: ThreatSort, onSort: (sort: ThreatSort) => void): TemplateResult {
  const active = sort.key === key;
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return html`<th scope="col" aria-sort=${ariaSort}>
    <button class="sort" data-key=${key} @click=${() => onSort({ key, descending: active ? !sort.descending : key === 'dreadScore' || key === 'risk' })}>
      ${COLUMNS[key]}<span class="codicon ${active ? (sort.descending ? 'codicon-arrow-down' : 'codicon-arrow-up') : ''}" aria-hidden="true"></span>
    </button>
  </th>`;
}

/** The nearest threat row above or below, past an edit form's row. */
function sibling(row: Element, direction: 'nextElementSibling' | 'previousElementSibling'): HTMLElement | undefined {
  for (let candidate = row[direction]; candidate; candidate = candidate[direction]) {
    if (candidate instanceof HTMLTableRowElement && candidate.classList.contains('threat')) return candidate;
  }
  return undefined;
}

/** Arrow keys move between rows, Enter edits the focused threat. */
function rowKeys(id: string, onEdit: (id: string) => void): (event: KeyboardEvent) => void {
  return (event) => {
    const row = event.currentTarget as HTMLTableRowElement;
    if (event.target !== row) return;
    const next = event.key === 'ArrowDown' ? sibling(row, 'nextElementSibling') : event.key === 'ArrowUp' ? sibling(row, 'previousElementSibling') : undefined;
    if (next) {
      event.preventDefault();
      next.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onEdit(id);
    }
  };
}

export function tableView(props: TableProps): TemplateResult {
  const { threats, sort, onSort, onEdit } = props;
  // A narrow panel scrolls the table sideways rather than the whole page.
  return html`<div class="table-scroll"><table class="threats" aria-label="Threats" aria-rowcount=${threats.length + 1}>
    <thead>
      <tr>
        ${SORT_KEYS.map((key) => header(key, sort, onSort))}
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${threats.length === 0
        ? html`<tr class="empty"><td colspan=${SORT_KEYS.length + 1}>No threat matches the filters.</td></tr>`
        : // Keyed, so focus and an open editor stay with their threat when an edit re-sorts the table.
          repeat(threats, (threat) => threat.id, (threat) => {
            const blocking = isBlocking(threat);
            return html`<tr
              class="threat ${blocking ? 'blocking' : ''} ${props.editing === threat.id ? 'editing' : ''}"
              data-id=${threat.id}
              tabindex="0"
              aria-label="${threat.id}: ${threat.title}, ${threat.risk} risk, ${STATUS_NAMES[threat.status]}${blocking ? ', blocks approval' : ''}"
              @keydown=${rowKeys(threat.id, onEdit)}
              @dblclick=${() => onEdit(threat.id)}
            >
              <td class="id">
                ${blocking ? html`<span class="codicon codicon-error blocking-mark" title="Blocks approval: an open ${threat.risk} threat" aria-hidden="true"></span>` : nothing}${threat.id}
              </td>
              <td class="title" title=${threat.scenario}>${threat.title}</td>
              <td class="category">${threat.framework} · ${CATEGORY_NAMES[threat.category]}</td>
              <td class="target">${targetName(props.model, threat.target)}</td>
              <td class="score">${threat.dreadScore.toFixed(1)}</td>
              <td class="risk"><span class="risk-pill risk-${threat.risk}">${threat.risk}</span></td>
              <td class="status">${STATUS_NAMES[threat.status]}${threat.reason ? html`<div class="reason">${threat.reason}</div>` : nothing}</td>
              <td class="mitigation">
                ${threat.mitigations.length === 0 ? html`<span class="none">none</span>` : html`<ul>${threat.mitigations.map((mitigation) => html`<li>${mitigation}</li>`)}</ul>`}
              </td>
              <td class="actions">
                <vscode-button secondary class="edit" aria-label="Edit ${threat.id}" @click=${() => onEdit(threat.id)}>Edit</vscode-button>
              </td>
            </tr>
            ${props.editing === threat.id && props.editor ? html`<tr class="editor-row"><td colspan=${SORT_KEYS.length + 1}>${props.editor}</td></tr>` : nothing}`;
          })}
    </tbody>
  </table></div>`;
}
