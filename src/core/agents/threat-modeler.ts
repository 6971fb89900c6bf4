import type { Span } from '../llm/spans';
import { ThreatModel } from '../schemas/threat-model';
import { agentTurn, type AgentAnswer } from './agent-turn';
import type { PipelineLlm } from './pipeline-llm';

/** The Threat Modeler's data-flow model and threats of the spec, with the latest threats prompt. */
export function modelThreats(input: { llm: PipelineLlm; spec: string; projectContext: string; run: Span; signal?: AbortSignal }): Promise<AgentAnswer<ThreatModel>> {
  return agentTurn({ ...input, role: 'threatModeler', task: 'threats', schema: ThreatModel, values: { spec: input.spec, projectContext: input.projectContext } });
}
