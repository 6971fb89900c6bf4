import { z } from 'zod';
import { LINDDUN, RISK_LEVELS, STRIDE } from '../../core/schemas/threat-model';
import { THREAT_STATUSES, ThreatsFile } from '../../core/threats/threats-file';
import { definePanelProtocol } from './define';

/** Which spec a threat view shows. */
export const ThreatViewSpec = z.object({
  slug: z.string().min(1),
  /** The spec folder's URI: the panel's restore state, so a reload reopens the same spec. */
  folder: z.string().min(1),
  /** threats.json as the user knows it (a file system path), for titles and error messages. */
  threatsPath: z.string().min(1),
});
export type ThreatViewSpec = z.infer<typeof ThreatViewSpec>;

/** What the view shows: the threat model, or why there is none to show. */
export const ThreatViewSnapshot = z.discriminatedUnion('state', [
  z.object({ state: z.literal('loaded'), spec: ThreatViewSpec, threats: ThreatsFile }),
  /** threats.json exists but does not validate: shown as an error, never overwritten. */
  z.object({ state: z.literal('invalid'), spec: ThreatViewSpec, problems: z.array(z.string()).min(1) }),
  /** No threat model yet: the pipeline has not reached the Threat Modeler. */
  z.object({ state: z.literal('missing'), spec: ThreatViewSpec }),
]);
export type ThreatViewSnapshot = z.infer<typeof ThreatViewSnapshot>;

/** A person's verdict on one threat; the mitigations are the whole new list. */
export const ThreatEditParams = z.object({
  id: z.string().min(1),
  status: z.enum(THREAT_STATUSES),
  reason: z.string().optional(),
  mitigations: z.array(z.string()),
});
export type ThreatEditParams = z.infer<typeof ThreatEditParams>;

export const THREAT_SORT_KEYS = ['id', 'title', 'category', 'target', 'dreadScore', 'risk', 'status', 'mitigations'] as const;

/** The table's filters: `all` or one value each, and the element or flow picked in the diagram. */
export const ThreatFilterState = z.object({
  framework: z.enum(['all', 'STRIDE', 'LINDDUN']),
  category: z.enum(['all', ...STRIDE, ...LINDDUN]),
  risk: z.enum(['all', ...RISK_LEVELS]),
  status: z.enum(['all', ...THREAT_STATUSES]),
  target: z.string().optional(),
});

/**
 * What the webview keeps across reloads (vscode.setState): the spec folder the host reopens on
 * restore, and the table's filters and sort so the person finds the view as they left it.
 */
export const ThreatViewState = z.object({
  folder: z.string().min(1),
  filter: ThreatFilterState,
  sort: z.object({ key: z.enum(THREAT_SORT_KEYS), descending: z.boolean() }),
});
export type ThreatViewState = z.infer<typeof ThreatViewState>;

export const threatViewProtocol = definePanelProtocol('threat-view', {
  requests: {
    /** Refused (with the reasons) when the edit breaks a rule or threats.json does not validate. */
    editThreat: { params: ThreatEditParams, result: ThreatViewSnapshot },
    /** Asks the user where to save; `saved` is null when they cancel. */
    exportThreatDragon: { params: z.object({}), result: z.object({ saved: z.string().nullable() }) },
    openThreatsFile: { params: z.object({}), result: z.null() },
  },
  events: {
    /** Sent on every ready message (first load and reload) and whenever threats.json changes, appears or goes. */
    snapshot: ThreatViewSnapshot,
  },
  state: ThreatViewState,
});
export type ThreatViewProtocol = typeof threatViewProtocol;

/** The threat model as the view receives it, and its parts. */
export type ThreatsModel = ThreatsFile;
export type ViewThreat = ThreatsFile['threats'][number];
export { LINDDUN, RISK_LEVELS, STRIDE, THREAT_STATUSES };
