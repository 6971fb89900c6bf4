import { type AgentRole, type PipelineLlm } from '../../core/agents/pipeline-llm';
import type { OmniConfig } from '../../core/config/schema';
import { RunAccount } from '../../core/llm/accounting';
import { BudgetGuard, type AskToContinue } from '../../core/llm/budget';
import { AnswerCache } from '../../core/llm/cache';
import { HealthCache } from '../../core/llm/health-cache';
import type { PlannedRoute } from '../../core/llm/pipeline';
import { providersFromConfig, routeFor, type LlmHost, type RouteOverrides } from '../../core/llm/providers-from-config';
import type { PromptLibrary } from '../../core/prompts/library';

export interface PipelineLlmOptions {
  /** The prompts: `bundledPrompts()` in the CLI and the extension, the prompt files in tests. */
  readonly prompts: PromptLibrary;
  /**
   * Asked before a call that would go over the configured budget (the CLI asks on the terminal,
   * the editor in a notification); without it such a call is refused.
   */
  readonly askToContinue?: AskToContinue;
  /** `--provider` / `--model`, applied to every role. */
  readonly overrides?: RouteOverrides;
  readonly now?: () => number;
  readonly onTraceError?: (error: unknown) => void;
}

/**
 * The model layer as the spec pipeline uses it: one fallback chain per role from the config's
 * providers and models (sharing one health cache, so a provider found down is not probed by each
 * role), and one account, price table, answer cache and budget for the whole run.
 */
export async function pipelineLlmFromConfig(config: OmniConfig, host: LlmHost, options: PipelineLlmOptions): Promise<PipelineLlm> {
  const providers = await providersFromConfig(config, host);
  const health = new HealthCache(config.models.healthTtlSeconds * 1000);
  const chain = (role: AgentRole): PlannedRoute => routeFor(config, providers, role, options.overrides ?? {}, health);
  const routes: Record<AgentRole, PlannedRoute> = { architect: chain('architect'), reviewer: chain('reviewer'), threatModeler: chain('threatModeler') };
  const account = new RunAccount();
  const refuse: AskToContinue = async () => false;
  return {
    route: (role) => routes[role],
    services: {
      account,
      prices: config.prices,
      cache: new AnswerCache(),
      ...(config.budget ? { budget: new BudgetGuard(config.budget, account, options.askToContinue ?? refuse) } : {}),
    },
    prompts: options.prompts,
    repairRounds: config.models.repairRounds,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onTraceError ? { onTraceError: options.onTraceError } : {}),
  };
}
