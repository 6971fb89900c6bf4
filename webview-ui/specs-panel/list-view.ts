import { SPEC_PHASES, type SpecRow, type SpecSort } from '../../src/protocol/webview/specs-panel';

export type PhaseFilter = (typeof SPEC_PHASES)[number] | 'all';

export interface ListView {
  readonly text: string;
  readonly phase: PhaseFilter;
  readonly sort: SpecSort;
}

export const DEFAULT_VIEW: ListView = { text: '', phase: 'all', sort: 'updated' };

/** One spec across all workspace folders. */
export function rowKey(row: { folder: string; slug: string }): string {
  return `${row.folder}#${row.slug}`;
}

export function rowTitle(row: SpecRow): string {
  return row.title ?? row.slug;
}

/** The rows the filter keeps, in the chosen order; every word of the text must match somewhere. */
export function visibleRows(rows: readonly SpecRow[], view: ListView): SpecRow[] {
  const words = view.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((row) => {
    if (view.phase !== 'all' && row.phase !== view.phase) return false;
    const haystack = [rowTitle(row), row.slug, row.folderName, row.phase].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return kept.sort((a, b) => compare(a, b, view.sort) || byTitle(a, b));
}

function compare(a: SpecRow, b: SpecRow, sort: SpecSort): number {
  switch (sort) {
    case 'title':
      return byTitle(a, b);
    case 'phase':
      return SPEC_PHASES.indexOf(a.phase) - SPEC_PHASES.indexOf(b.phase);
    case 'score':
      // Best first; a spec without a review goes last.
      return (b.overall ?? -1) - (a.overall ?? -1);
    case 'updated':
      return b.updated.localeCompare(a.updated);
  }
}

function byTitle(a: SpecRow, b: SpecRow): number {
  return rowTitle(a).localeCompare(rowTitle(b), undefined, { sensitivity: 'base' }) || rowKey(a).localeCompare(rowKey(b));
}
