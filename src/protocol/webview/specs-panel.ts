import { z } from 'zod';
import { definePanelProtocol } from './define';

// The Specs side panel: the list of every spec in the workspace and the actions a person takes on
// one. The host answers each request after the files on disk changed; the list itself always comes
// back through the `specs` event (the file watcher's), so there is one way the list updates.

export const SPEC_PHASES = ['drafting', 'checking', 'reviewing', 'revising', 'threat-modeling', 'awaiting-approval', 'needs-human', 'approved', 'rejected', 'failed'] as const;
export const SPEC_SORTS = ['title', 'phase', 'score', 'updated'] as const;
export type SpecSort = (typeof SPEC_SORTS)[number];

const riskCounts = z.object({ low: z.number().int().nonnegative(), medium: z.number().int().nonnegative(), high: z.number().int().nonnegative(), critical: z.number().int().nonnegative() }).strict();

export const SpecApprovalView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('valid'), by: z.string(), at: z.string() }).strict(),
  z.object({ kind: z.literal('void'), by: z.string(), at: z.string(), reason: z.string() }).strict(),
]);
export type SpecApprovalView = z.infer<typeof SpecApprovalView>;

/** Names one spec across every workspace folder. */
export const SpecRef = z.object({ folder: z.string().min(1), slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) }).strict();
export type SpecRef = z.infer<typeof SpecRef>;

export const SpecRow = SpecRef.extend({
  /** The workspace folder's name, shown when the workspace has several. */
  folderName: z.string(),
  title: z.string().optional(),
  phase: z.enum(SPEC_PHASES),
  /** Why the spec is where it is: gate reasons, the change requests, a failure. */
  reasons: z.array(z.string()),
  overall: z.number().min(0).max(10).optional(),
  decision: z.enum(['proceed', 'revise', 'needs-human']).optional(),
  reviewStale: z.boolean(),
  openThreats: riskCounts,
  blockingThreats: z.number().int().nonnegative(),
  approval: SpecApprovalView,
  /** A file of the folder that could not be read; the rest of the row is what could be. */
  problem: z.string().optional(),
  /** When a file of the spec's folder last changed (ISO 8601). */
  updated: z.string(),
}).strict();
export type SpecRow = z.infer<typeof SpecRow>;

export const SpecList = z.object({ specs: z.array(SpecRow), folders: z.number().int().nonnegative() }).strict();
export type SpecList = z.infer<typeof SpecList>;

const done = z.object({}).strict();

/** What the panel keeps across a reload: the filter, the order and the row in focus. */
export const SpecsPanelState = z.object({
  text: z.string(),
  phase: z.enum([...SPEC_PHASES, 'all']),
  sort: z.enum(SPEC_SORTS),
  active: z.string().optional(),
});
export type SpecsPanelState = z.infer<typeof SpecsPanelState>;

export const SpecsPanelProtocol = definePanelProtocol('specs-panel', {
  requests: {
    /** The list now; also pushed as `specs` whenever a file under .omni/specs changes. */
    list: { params: z.object({}).strict(), result: SpecList },
    /** spec.md in an editor. */
    open: { params: SpecRef, result: done },
    /** reviewSpecAgain with the user's models, under a cancellable progress notification. */
    review: { params: SpecRef, result: z.object({ phase: z.enum(SPEC_PHASES), reasons: z.array(z.string()) }).strict() },
    /** approveSpec; a gate that says no answers `refused` with its reasons. */
    approve: { params: SpecRef, result: z.object({ by: z.string() }).strict() },
    requestChanges: { params: SpecRef.extend({ comments: z.string().trim().min(1, 'say what should change') }).strict(), result: done },
    reject: { params: SpecRef.extend({ reason: z.string().trim().min(1, 'say why the spec is rejected') }).strict(), result: done },
    /** "Omni: Generate Spec". */
    generate: { params: z.object({}).strict(), result: done },
  },
  events: {
    specs: SpecList,
  },
  state: SpecsPanelState,
});
export type SpecsPanelProtocol = typeof SpecsPanelProtocol;
