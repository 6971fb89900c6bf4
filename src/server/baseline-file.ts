import { readFile } from 'node:fs/promises';
import { compareBaselineEntries, parseBaseline, type Baseline, type BaselineEntry } from '../core/baseline/baseline';
import { writeFileAtomic } from '../node/atomic-write';

/** Writes in flight per baseline file: two quick "add to baseline" actions must not lose one entry. */
const queues = new Map<string, Promise<void>>();

/**
 * Adds one accepted finding to `.omni/baseline.json`, written atomically in the CLI's order and
 * layout. A baseline that does not parse throws BaselineError and is left as it is.
 */
export function addBaselineEntry(file: string, entry: BaselineEntry): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(() => write(file, entry));
  const settled = next.catch(() => undefined);
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return next;
}

async function write(file: string, entry: BaselineEntry): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!(error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  const current: Baseline = text === undefined ? { version: 1, findings: [] } : parseBaseline(file, text);
  const findings = [...current.findings, entry].sort(compareBaselineEntries);
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, findings } satisfies Baseline, null, 2)}\n`);
}
