import { SpecDraft } from '../schemas/spec-draft';
import type { Span } from '../llm/spans';
import { agentTurn, type AgentAnswer } from './agent-turn';
import type { PipelineLlm } from './pipeline-llm';

interface ArchitectInput {
  readonly llm: PipelineLlm;
  readonly task: string;
  readonly projectContext: string;
  readonly run: Span;
  readonly signal?: AbortSignal;
}

/** The Architect's first draft, from the task and the project. */
export function draftSpec(input: ArchitectInput): Promise<AgentAnswer<SpecDraft>> {
  return agentTurn({ ...input, role: 'architect', task: 'spec', schema: SpecDraft, values: { task: input.task, projectContext: input.projectContext } });
}

/**
 * The Architect's revision of the spec as it is on disk now (hand edits included, so the Architect
 * sees and keeps them), answering `problems`: review findings or completeness problems.
 */
export function reviseSpec(input: ArchitectInput & { readonly spec: string; readonly problems: readonly string[] }): Promise<AgentAnswer<SpecDraft>> {
  const problems = input.problems.map((problem) => `- ${problem}`).join('\n');
  return agentTurn({ ...input, role: 'architect', task: 'revise', schema: SpecDraft, values: { task: input.task, spec: input.spec, problems, projectContext: input.projectContext } });
}
