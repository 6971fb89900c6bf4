import type { PlannedRoute, RunServices } from '../llm/pipeline';
import type { PromptLibrary } from '../prompts/library';

export const AGENT_ROLES = ['architect', 'reviewer', 'threatModeler'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** What the spec pipeline needs from the model layer; built from the config by src/node/specs/pipeline-llm.ts. */
export interface PipelineLlm {
  /** The fallback chain each role asks through. */
  route(role: AgentRole): PlannedRoute;
  /** Accounting, prices, cache and budget shared by every turn of the run. */
  readonly services: RunServices;
  /** The prompts; each agent uses the latest version of its own. */
  readonly prompts: PromptLibrary;
  /** Times an answer that fails its schema goes back to the model. */
  readonly repairRounds: number;
  /** Clock for the events log (milliseconds since the epoch). */
  readonly now?: () => number;
  /** An event that cannot be written must not fail the step it describes; this hears about it. */
  readonly onTraceError?: (error: unknown) => void;
}

/** `provider/model` of the first choice on a role's route, as the spec's frontmatter records it. */
export function plannedModel(llm: PipelineLlm, role: AgentRole): string | undefined {
  const first = llm.route(role).candidates[0];
  return first ? `${first.provider.id}/${first.model}` : undefined;
}
