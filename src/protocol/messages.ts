import { z } from 'zod';
import { ServerSettingsSchema } from './settings';
import { notification, request } from './message';

/** The messages between the extension and the language server beyond LSP itself, one constant each. */

export const SERVER_STATES = ['starting', 'ready', 'scanning', 'stopped'] as const;

/** Server -> client: what the status bar shows. */
export const StatusNotification = notification(
  'omni/status',
  z.object({ state: z.enum(SERVER_STATES), detail: z.string().optional() }),
);

/** Client -> server: the `omni.*` settings, at start-up (initializationOptions) and on every change. */
export const SettingsNotification = notification('omni/settings', ServerSettingsSchema);

/** Client -> server: lint every supported file of the workspace; cancellable through the request's token. */
export const ScanWorkspaceRequest = request(
  'omni/scanWorkspace',
  z.object({}),
  z.object({
    files: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    cancelled: z.boolean(),
  }),
);

/** Server -> client during a scan: files done out of the total found. */
export const ScanProgressNotification = notification(
  'omni/scanProgress',
  z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
);

const PositionSchema = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
const TextEditSchema = z.object({ range: z.object({ start: PositionSchema, end: PositionSchema }), newText: z.string() });

/** What a "suppress" code action carries to the client, which asks for the reason. */
export const SuppressArgsSchema = z.object({
  uri: z.string(),
  ruleId: z.string(),
  line: z.number().int().nonnegative(),
  scope: z.enum(['line', 'file']),
});
export type SuppressArgs = z.infer<typeof SuppressArgsSchema>;

/** Client -> server: the edit that writes an `omni-ignore` comment with the user's reason. */
export const SuppressionEditRequest = request(
  'omni/suppressionEdit',
  SuppressArgsSchema.extend({ reason: z.string().min(1) }),
  z.object({ edits: z.array(TextEditSchema) }),
);

/** Arguments of the server's "add to baseline" command. */
export const AddToBaselineArgsSchema = z.object({
  uri: z.string(),
  ruleId: z.string(),
  fingerprint: z.string(),
  line: z.number().int().nonnegative(),
  message: z.string(),
});

/** Command ids: the client's (they need UI) and the server's (registered through executeCommandProvider). */
export const Commands = {
  suppress: 'omni.suppress',
  showRuleDocumentation: 'omni.showRuleDocumentation',
  addToBaseline: 'omni.server.addToBaseline',
} as const;
