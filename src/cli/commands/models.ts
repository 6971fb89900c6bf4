import { NoProviderError } from '../../core/llm/fallback';
import { OllamaHostError } from '../../core/llm/ollama/host';
import { LlmError, ROLES, type Attempt, type Health, type ModelInfo } from '../../core/llm/provider';
import { modelFor, providersFromConfig, type ConfiguredProvider } from '../../core/llm/providers-from-config';
import { nodeLlmHost } from '../../node/llm/node-llm-host';
import { interruptSignal } from '../interrupt';
import { loadProject } from '../project';
import { UsageError } from '../usage-error';

export interface ModelsOptions {
  format: 'text' | 'json';
  provider?: string;
  model?: string;
  config?: string;
}

interface ProviderReport {
  id: string;
  type: ConfiguredProvider['type'];
  endpoint: string;
  health: Health;
  models: ModelInfo[];
}

/**
 * `omni models`: each configured provider, whether it answers, its models, and the model each role
 * uses. Exit 0 when a provider answers (and has `--model`, if given), 1 when none does.
 */
export async function listProviderModels(options: ModelsOptions, out: NodeJS.WritableStream): Promise<number> {
  const project = await loadProject(process.cwd(), options.config);
  const all = await providersFromConfig(project.config, nodeLlmHost()).catch((error: unknown) => {
    throw error instanceof OllamaHostError ? new UsageError(error.message) : error;
  });
  const chosen = options.provider ? all.filter((entry) => entry.id === options.provider) : all;
  if (chosen.length === 0) throw new UsageError(`no provider "${options.provider}"; configured: ${all.map((entry) => entry.id).join(', ')}`);
  const interrupt = interruptSignal();
  let reports: ProviderReport[];
  try {
    reports = await Promise.all(chosen.map((entry) => report(entry, interrupt.signal)));
  } finally {
    interrupt.dispose();
  }
  if (interrupt.signal.aborted) return 130;
  const chain = options.provider ? [options.provider] : project.config.models.chain;
  const roles = Object.fromEntries(ROLES.map((role) => [role, Object.fromEntries(chain.map((id) => [id, options.model ?? modelFor(project.config, role, id) ?? null]))]));

  if (options.format === 'json') out.write(`${JSON.stringify({ chain, providers: reports, roles }, null, 2)}\n`);
  else writeText(reports, chain, roles, out);

  const answering = reports.filter((entry) => entry.health.ok);
  if (answering.length === 0) {
    const attempts: Attempt[] = reports.map((entry) => ({
      provider: entry.id,
      model: roles.architect?.[entry.id] ?? options.model ?? '',
      outcome: 'skipped',
      error: new LlmError('unreachable', entry.health.ok ? '' : entry.health.reason, entry.id),
    }));
    process.stderr.write(`omni: ${new NoProviderError(attempts).message}\n`);
    return 1;
  }
  if (options.model && !answering.some((entry) => entry.models.some((model) => model.name === options.model))) {
    process.stderr.write(`omni: no provider that answers has "${options.model}"${answering.some((entry) => entry.type === 'ollama') ? `; pull it with \`ollama pull ${options.model}\`` : ''}\n`);
    return 1;
  }
  return 0;
}

async function report(entry: ConfiguredProvider, signal: AbortSignal): Promise<ProviderReport> {
  const health = await entry.provider.health(signal);
  const models = health.ok ? await entry.provider.listModels(signal).catch(() => []) : [];
  return { id: entry.id, type: entry.type, endpoint: entry.endpoint, health, models };
}

function writeText(reports: readonly ProviderReport[], chain: readonly string[], roles: Record<string, Record<string, string | null>>, out: NodeJS.WritableStream): void {
  for (const entry of reports) {
    const state = entry.health.ok ? `answers${entry.health.version ? ` (version ${entry.health.version})` : ''}` : `does not answer: ${entry.health.reason}`;
    out.write(`${entry.id}  ${entry.type}  ${entry.endpoint}  ${state}\n`);
    const width = Math.max(0, ...entry.models.map((model) => model.name.length));
    for (const model of entry.models) out.write(`  ${model.name.padEnd(width)}${model.contextLength ? `  context ${model.contextLength}` : ''}\n`);
    if (entry.health.ok && entry.models.length === 0) out.write('  (no models)\n');
  }
  out.write(`\nchain: ${chain.join(' -> ')}\n`);
  const width = Math.max(...ROLES.map((role) => role.length));
  for (const role of ROLES) {
    const cells = chain.map((id) => {
      const model = roles[role]?.[id];
      if (!model) return `${id}: (none)`;
      const entry = reports.find((candidate) => candidate.id === id);
      const missing = entry?.health.ok && !entry.models.some((candidate) => candidate.name === model);
      return `${id}: ${model}${missing ? ` (not installed${entry.type === 'ollama' ? `: ollama pull ${model}` : ''})` : ''}`;
    });
    out.write(`  ${role.padEnd(width)}  ${cells.join(', ')}\n`);
  }
}
