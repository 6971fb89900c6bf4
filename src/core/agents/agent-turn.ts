import type { z } from 'zod';
import { meteredRoute } from '../llm/pipeline';
import type { Span } from '../llm/spans';
import { chatStructured } from '../llm/structured/structured-chat';
import type { PromptRef, PromptTemplate } from '../prompts/prompt-file';
import { renderPrompt } from '../prompts/render';
import type { AgentRole, PipelineLlm } from './pipeline-llm';

/** No prompt of this role and task is shipped: the build or the prompts folder is broken. */
export class PromptMissingError extends Error {
  override readonly name = 'PromptMissingError';
}

export interface AgentAnswer<T> {
  readonly value: T;
  readonly prompt: PromptRef;
  readonly provider: string;
  readonly model: string;
}

export interface TurnRequest<T> {
  readonly llm: PipelineLlm;
  readonly role: AgentRole;
  /** The prompt's task: `spec`, `revise`, `design-review`, `threats`. */
  readonly task: string;
  readonly schema: z.ZodType<T>;
  /** Every value an agent can offer; each prompt version takes the ones it declares. */
  readonly values: Readonly<Record<string, string>>;
  /** The run's span: the turn is a child of it. */
  readonly run: Span;
  readonly signal?: AbortSignal;
  readonly onText?: (delta: string) => void;
}

/** The latest prompt of `role/task`; throws PromptMissingError when there is none. */
export function latestPrompt(llm: PipelineLlm, role: AgentRole, task: string): PromptTemplate {
  const template = llm.prompts.latest(role, task);
  if (!template) throw new PromptMissingError(`no prompt ${role}/${task} in the prompt library`);
  return template;
}

/**
 * One agent turn: the latest prompt rendered, asked through the role's metered route with schema
 * validation and repair rounds, recorded as a turn span under the run. An answer that never
 * validates rejects with InvalidOutputError, which carries every raw answer.
 */
export async function agentTurn<T>(request: TurnRequest<T>): Promise<AgentAnswer<T>> {
  const template = latestPrompt(request.llm, request.role, request.task);
  const values = Object.fromEntries(Object.entries(request.values).filter(([name]) => name in template.inputs));
  const { prompt, messages } = renderPrompt(template, values);
  const turn = request.run.child('turn', request.role);
  try {
    const result = await chatStructured({
      route: meteredRoute(request.llm.route(request.role), request.llm.services, { prompt, turn }),
      schema: request.schema,
      messages,
      repairRounds: request.llm.repairRounds,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onText ? { onText: request.onText } : {}),
    });
    turn.end();
    return { value: result.value, prompt, provider: result.response.provider, model: result.response.model };
  } catch (error) {
    turn.end({ error });
    throw error;
  }
}
