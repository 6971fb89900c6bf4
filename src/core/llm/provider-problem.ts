import type { OmniConfig } from '../config/schema';
import { NoProviderError } from './fallback';
import { OllamaHostError } from './ollama/host';
import { type Attempt, LlmError } from './provider';
import { type LlmHost, providersFromConfig, routeFor } from './providers-from-config';

/**
 * Why no spec can be drafted right now (no provider configured, or none of the Architect's answers
 * its health check), with the setup steps; undefined when one answers. Asked before a spec folder
 * exists, so a missing Ollama never leaves a failed spec behind.
 */
export async function providerProblem(config: OmniConfig, host: LlmHost, signal: AbortSignal): Promise<string | undefined> {
  let route;
  try {
    route = routeFor(config, await providersFromConfig(config, host), 'architect');
  } catch (error) {
    if (error instanceof OllamaHostError) return error.message;
    throw error;
  }
  const attempts: Attempt[] = [];
  for (const { provider, model } of route.candidates) {
    const health = await provider.health(signal);
    if (health.ok) return undefined;
    attempts.push({ provider: provider.id, model, outcome: 'skipped', error: new LlmError('unreachable', health.reason, provider.id) });
  }
  return new NoProviderError(attempts).message;
}
