import { LINDDUN, RISK_LEVELS, STRIDE, THREAT_SORT_KEYS, THREAT_STATUSES, type ViewThreat } from '../../src/protocol/webview/threat-view';

type Framework = ViewThreat['framework'];
type Category = ViewThreat['category'];
type Risk = ViewThreat['risk'];
type Status = ViewThreat['status'];

export interface ThreatFilter {
  readonly framework: Framework | 'all';
  readonly category: Category | 'all';
  readonly risk: Risk | 'all';
  readonly status: Status | 'all';
  /** The element or flow picked in the diagram. */
  readonly target: string | undefined;
}

export const NO_FILTER: ThreatFilter = { framework: 'all', category: 'all', risk: 'all', status: 'all', target: undefined };

export const SORT_KEYS = THREAT_SORT_KEYS;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ThreatSort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** Highest risk first: what a reviewer looks at before anything else. */
export const DEFAULT_SORT: ThreatSort = { key: 'dreadScore', descending: true };

export const CATEGORIES: Readonly<Record<Framework, readonly Category[]>> = { STRIDE, LINDDUN };

/** How people write the categories (the model's ids are camel case). */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  informationDisclosure: 'Information disclosure',
  denialOfService: 'Denial of service',
  elevationOfPrivilege: 'Elevation of privilege',
  linking: 'Linking',
  identifying: 'Identifying',
  nonRepudiation: 'Non-repudiation',
  detecting: 'Detecting',
  dataDisclosure: 'Data disclosure',
  unawareness: 'Unawareness',
  nonCompliance: 'Non-compliance',
};

/** An open high or critical threat: it blocks the spec's approval. */
export function isBlocking(threat: ViewThreat): boolean {
  return threat.status === 'open' && (threat.risk === 'high' || threat.risk === 'critical');
}

export function matches(threat: ViewThreat, filter: ThreatFilter): boolean {
  return (
    (filter.framework === 'all' || threat.framework === filter.framework) &&
    (filter.category === 'all' || threat.category === filter.category) &&
    (filter.risk === 'all' || threat.risk === filter.risk) &&
    (filter.status === 'all' || threat.status === filter.status) &&
    (filter.target === undefined || threat.target === filter.target)
  );
}

const ORDER: Record<SortKey, (threat: ViewThreat) => number | string> = {
  id: (threat) => threat.id,
  title: (threat) => threat.title,
  category: (threat) => `${threat.framework} ${threat.category}`,
  target: (threat) => threat.target,
  dreadScore: (threat) => threat.dreadScore,
  risk: (threat) => RISK_LEVELS.indexOf(threat.risk),
  status: (threat) => THREAT_STATUSES.indexOf(threat.status),
  mitigations: (threat) => threat.mitigations.length,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/** The threats the table shows, filtered then sorted; ties keep the model's order. */
export function visibleThreats(threats: readonly ViewThreat[], filter: ThreatFilter, sort: ThreatSort): ViewThreat[] {
  const key = ORDER[sort.key];
  const sign = sort.descending ? -1 : 1;
  return threats
    .map((threat, index) => ({ threat, index }))
    .filter(({ threat }) => matches(threat, filter))
    .sort((a, b) => sign * compare(key(a.threat), key(b.threat)) || a.index - b.index)
    .map(({ threat }) => threat);
}

export interface TargetSummary {
  readonly open: number;
  /** The highest risk among the open threats; undefined when none is open. */
  readonly highest: Risk | undefined;
}

/** Open threats per element or flow id, for the diagram's badges. */
export function targetSummaries(threats: readonly ViewThreat[]): Map<string, TargetSummary> {
  const summaries = new Map<string, TargetSummary>();
  for (const threat of threats) {
    if (threat.status !== 'open') continue;
    const previous = summaries.get(threat.target) ?? { open: 0, highest: undefined };
    const highest = previous.highest === undefined || RISK_LEVELS.indexOf(threat.risk) > RISK_LEVELS.indexOf(previous.highest) ? threat.risk : previous.highest;
    summaries.set(threat.target, { open: previous.open + 1, highest });
  }
  return summaries;
}
