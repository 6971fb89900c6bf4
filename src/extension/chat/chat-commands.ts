import { z } from 'zod';
import { PIPELINE_PHASES } from '../../core/store/pipeline-events';

/** The participant's slash commands, as package.json declares them (a unit test keeps the two equal). */
export const CHAT_COMMANDS = ['spec', 'review', 'threats', 'approve', 'check', 'status'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

export const PARTICIPANT_ID = 'omni.chat';

/**
 * What a response leaves in its result's metadata, for the follow-ups. VS Code hands the metadata
 * back untyped, and without any when the request never reached the handler (no language model
 * selected), so it is parsed.
 */
export const ChatOutcome = z.object({
  command: z.enum([...CHAT_COMMANDS, 'help']),
  slug: z.string().optional(),
  phase: z.enum(PIPELINE_PHASES).optional(),
  /** Open high or critical threats: approval waits on them. */
  blockingThreats: z.number().int().nonnegative().optional(),
  /** The request stopped short (an error, a refusal, cancellation). */
  stopped: z.boolean().optional(),
  /** The specs the user may name when the request did not say which. */
  choices: z.array(z.string()).optional(),
});
export type ChatOutcome = z.infer<typeof ChatOutcome>;

export function isChatCommand(value: string | undefined): value is ChatCommand {
  return (CHAT_COMMANDS as readonly string[]).includes(value ?? '');
}
