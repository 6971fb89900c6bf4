import type { PipelinePhase } from '../../core/store/replay';

/** The participant's slash commands, as package.json declares them (a unit test keeps the two equal). */
export const CHAT_COMMANDS = ['spec', 'review', 'threats', 'approve', 'check', 'status'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

export const PARTICIPANT_ID = 'omni.chat';

/** What a response leaves in its result's metadata, for the follow-ups. */
export interface ChatOutcome {
  readonly command: ChatCommand | 'help';
  readonly slug?: string;
  readonly phase?: PipelinePhase;
  /** Open high or critical threats: approval waits on them. */
  readonly blockingThreats?: number;
  /** The request stopped short (an error, a refusal, cancellation). */
  readonly stopped?: boolean;
}

export function isChatCommand(value: string | undefined): value is ChatCommand {
  return (CHAT_COMMANDS as readonly string[]).includes(value ?? '');
}
