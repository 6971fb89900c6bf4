import type { Span } from '../llm/spans';
import { DesignReview } from '../schemas/design-review';
import { agentTurn, type AgentAnswer } from './agent-turn';
import type { PipelineLlm } from './pipeline-llm';

/** The Reviewer's ten-dimension design review; the overall score and the decision are the gate's, not the model's. */
export function reviewSpec(input: { llm: PipelineLlm; spec: string; projectContext: string; run: Span; signal?: AbortSignal }): Promise<AgentAnswer<DesignReview>> {
  return agentTurn({ ...input, role: 'reviewer', task: 'design-review', schema: DesignReview, values: { spec: input.spec, projectContext: input.projectContext } });
}
