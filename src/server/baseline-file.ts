import { readFile } from 'node:fs/promises';
import { parseBaseline, type Baseline, type BaselineEntry } from '../core/baseline/baseline';
import { writeFileAtomic } from '../node/atomic-write';

/**
 * Adds one accepted finding to `.omni/baseline.json`, written atomically in the CLI's order and
 * layout. A baseline that does not parse throws BaselineError and is left as it is.
 */
export async function addBaselineEntry(file: string, entry: BaselineEntry): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!(error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  const current: Baseline = text === undefined ? { version: 1, findings: [] } : parseBaseline(file, text);
  const findings = [...current.findings, entry].sort(
    (a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId),
  );
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, findings } satisfies Baseline, null, 2)}\n`);
}
