import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BaselineMatcher, buildBaseline, parseBaseline } from '../../core/baseline/baseline';
import { levelsFromConfig, settingsFromLevels } from '../../core/config/levels';
import { summarize, type CheckReport, type RunNotice } from '../../core/report/check-report';
import { formatJson } from '../../core/report/json';
import { formatSarif } from '../../core/report/sarif';
import { formatText } from '../../core/report/text';
import { RulesEngine } from '../../core/rules/engine';
import type { FileResult } from '../../core/rules/finding';
import { SEVERITIES, type Severity } from '../../core/rules/rule';
import { BUILTIN_RULES } from '../../core/rules/registry';
import { writeFileAtomic } from '../../node/atomic-write';
import { bundledWasm } from '../../node/wasm-files';
import { relativePosix } from '../../node/relative-path';
import { walk } from '../../node/walk';
import { contentHash, lintBatches, type FileOutcome, type FixBaseline } from '../lint-paths';
import { languageForPath } from '../../core/rules/languages';
import { LintPool, type WorkChunk } from '../pool';
import { loadProject } from '../project';
import { ResultCache } from '../result-cache';
import { terminalStyle } from '../terminal';
import { UsageError } from '../usage-error';
import { VERSION } from '../version';

export interface CheckOptions {
  readonly format: 'text' | 'json' | 'sarif';
  readonly fix: boolean;
  readonly baseline?: string;
  readonly writeBaseline: boolean;
  readonly maxWarnings?: number;
  readonly failOn: Severity;
  readonly jobs?: number;
  readonly cache: boolean;
  readonly config?: string;
  readonly output?: string;
}

/** Below this much source a worker's start-up (its own WASM init) costs more than it saves. */
const BYTES_PER_WORKER = 512 * 1024;
/** Files per worker request: large enough to amortise messaging, small enough to balance. */
const BATCH_BYTES = 128 * 1024;

/** `omni check`: returns the exit code (0 clean, 1 findings at or above the threshold, 2 usage or config error). */
export async function check(paths: readonly string[], options: CheckOptions, out: NodeJS.WritableStream): Promise<number> {
  const started = performance.now();
  const cwd = process.cwd();
  const project = await loadProject(cwd, options.config);
  const levels = levelsFromConfig(project.config);
  const settings = settingsFromLevels(levels);

  const baselineFile = resolve(options.baseline ?? join(project.root, '.omni', 'baseline.json'));
  let baseline: BaselineMatcher | undefined;
  let fixBaseline: FixBaseline | undefined;
  if (!options.writeBaseline) {
    const text = await readFile(baselineFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && options.baseline === undefined) return undefined;
      throw new UsageError(`cannot read baseline ${baselineFile}: ${error.code ?? error.message}`);
    });
    if (text !== undefined) {
      const parsed = parseBaseline(baselineFile, text);
      baseline = new BaselineMatcher(parsed);
      fixBaseline = { root: project.root, entries: parsed.findings };
    }
  }

  const notices: RunNotice[] = [];
  const files: { path: string; size: number; mtimeMs: number }[] = [];
  let skipped = 0;
  let missingTarget = false;
  for (const event of walk(paths.length ? paths : ['.'], {
    root: project.root,
    include: project.config.include,
    exclude: project.config.exclude,
    gitignore: project.config.gitignore,
    maxBytes: project.config.maxFileSizeKb * 1024,
  })) {
    if (event.kind === 'file') files.push(event);
    else {
      notices.push({ path: event.path, message: event.message, severity: event.severity });
      if (event.message.startsWith('skipped')) skipped++;
      if (event.message.startsWith('no such file')) missingTarget = true;
    }
  }

  const batches = batchesOf(files);
  const outcomes = new Map<string, FileOutcome>();
  const cache = options.cache && !options.fix ? await ResultCache.open(join(project.root, '.omni', 'cache'), [VERSION, JSON.stringify(levels), BUILTIN_RULES.map((r) => r.id).join(',')]) : undefined;
  let cached = 0;
  let toLint = batches;
  const stats = new Map(files.map((file) => [file.path, file]));
  const batchKeys = new Map<readonly string[], string>();
  if (cache) {
    toLint = [];
    for (const batch of batches) {
      const hashes = batch.map((path) => {
        const stat = stats.get(path);
        return (stat && cache.knownHash(path, stat.size, stat.mtimeMs)) ?? hashOfFile(path);
      });
      const batchKey = contentHash(new TextEncoder().encode(batch.map((path, i) => `${path}\u0000${hashes[i]}`).join('\n')));
      batchKeys.set(batch, batchKey);
      const hits = batch.map((path, i) => cache.get(path, hashes[i] ?? '', batchKey));
      if (hits.every((hit) => hit !== undefined)) {
        for (const hit of hits) if (hit) outcomes.set(hit.path, { result: hit, fixesApplied: 0 });
        cached += batch.length;
      } else toLint.push(batch);
    }
  }

  const sizes = new Map(files.map((file) => [file.path, file.size]));
  const lintBytes = toLint.flat().reduce((sum, path) => sum + (sizes.get(path) ?? 0), 0);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), Math.ceil(lintBytes / BYTES_PER_WORKER)));
  const record = (outcome: FileOutcome): void => {
    outcomes.set(outcome.result.path, outcome);
  };
  if (toLint.length > 0) {
    if (jobs === 1) {
      const engine = await RulesEngine.create(bundledWasm(), BUILTIN_RULES);
      for (const outcome of await lintBatches(engine, toLint, settings, { fix: options.fix, hash: cache !== undefined, ...(options.fix && fixBaseline ? { baseline: fixBaseline } : {}) })) record(outcome);
      engine.dispose();
    } else {
      const pool = await LintPool.start(jobs, { levels, fix: options.fix, hash: cache !== undefined, wasmDirectory: join(__dirname, 'wasm'), ...(options.fix && fixBaseline ? { baseline: fixBaseline } : {}) }, workerLimits(project.config.maxFileSizeKb));
      try {
        await pool.run(workChunks(toLint, sizes), record);
      } finally {
        await pool.close();
      }
    }
  }

  if (cache) {
    for (const batch of toLint) {
      const batchKey = batchKeys.get(batch) ?? '';
      for (const path of batch) {
        const outcome = outcomes.get(path);
        const stat = stats.get(path);
        if (stat && outcome?.hash && !outcome.result.notices.some((n) => n.kind === 'rule-crash')) cache.set(path, stat, outcome.hash, batchKey, outcome.result);
      }
    }
    await cache.save();
  }

  const projectPath = (path: string): string => relativePosix(project.root, path);
  const shown = (path: string): string => relativePosix(cwd, path) || '.';
  const results: FileResult[] = [];
  let fixed = 0;
  for (const file of files) {
    const outcome = outcomes.get(file.path);
    if (!outcome) continue;
    fixed += outcome.fixesApplied;
    const findings = baseline ? baseline.apply(outcome.result.findings, projectPath(file.path)) : outcome.result.findings;
    results.push({ ...outcome.result, path: shown(file.path), findings });
  }
  const report: CheckReport = {
    results,
    notices: notices.map((notice) => ({ ...notice, path: shown(notice.path) })),
    summary: summarize(results, { skipped, cached, fixed, jobs: toLint.length ? jobs : 0, durationMs: performance.now() - started }),
  };

  if (options.writeBaseline) {
    const written = buildBaseline(results.map((result) => ({ projectPath: projectPath(resolve(cwd, result.path)), findings: result.findings })));
    await writeFileAtomic(baselineFile, `${JSON.stringify(written, null, 2)}\n`);
    out.write(`Wrote ${written.findings.length} finding(s) to ${shown(baselineFile)}; later runs report only new ones.\n`);
    return 0;
  }

  const rendered =
    options.format === 'json'
      ? formatJson(report)
      : options.format === 'sarif'
        ? formatSarif(report, {
            rules: BUILTIN_RULES,
            version: VERSION,
            uriFor: (path) => encodeURI(projectPath(resolve(cwd, path))),
            rootUri: pathToFileURL(project.root).href,
          })
        : formatText(report, options.output ? undefined : terminalStyle(out));
  if (options.output) await writeFileAtomic(resolve(options.output), rendered);
  else out.write(rendered);

  if (missingTarget) return 2;
  // Findings at or above --fail-on fail the run; with --max-warnings, warnings fail only past that many.
  const counts = report.summary.bySeverity;
  const failing = SEVERITIES.slice(0, SEVERITIES.indexOf(options.failOn) + 1).filter((severity) => options.maxWarnings === undefined || severity !== 'warning');
  const over = failing.some((severity) => counts[severity] > 0) || (options.maxWarnings !== undefined && counts.warning > options.maxWarnings);
  return over ? 1 : 0;
}

/**
 * Heap caps for a worker: a small young generation (short-lived match and node objects die there
 * either way) and an old generation with room for the largest file allowed, its text held twice
 * over. Measured on the bench corpus: 242 MB peak with two uncapped workers, 182 MB capped, same speed.
 */
function workerLimits(maxFileSizeKb: number): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  return { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 64 + Math.ceil((4 * maxFileSizeKb) / 1024) };
}

function hashOfFile(path: string): string {
  try {
    return contentHash(readFileSync(path));
  } catch {
    return '';
  }
}

/** Go files of one folder form a package and are linted together; every other file stands alone. */
function batchesOf(files: readonly { path: string }[]): string[][] {
  const packages = new Map<string, string[]>();
  const batches: string[][] = [];
  for (const { path } of files) {
    if (path.endsWith('.go')) {
      const folder = path.slice(0, path.lastIndexOf(sep));
      let batch = packages.get(folder);
      if (!batch) {
        batch = [];
        packages.set(folder, batch);
        batches.push(batch);
      }
      batch.push(path);
    } else batches.push([path]);
  }
  return batches;
}

/**
 * Groups batches into requests of about BATCH_BYTES, one language per request, largest first so
 * the tail stays short. The language lets the pool keep each worker on the languages whose
 * queries it has already compiled.
 */
function workChunks(batches: readonly string[][], size: ReadonlyMap<string, number>): WorkChunk[] {
  const weighed = batches.map((batch) => ({ batch, bytes: batch.reduce((sum, path) => sum + (size.get(path) ?? 0), 0), language: languageForPath(batch[0] ?? '') ?? 'other' }));
  weighed.sort((a, b) => b.bytes - a.bytes);
  const chunks: WorkChunk[] = [];
  const open = new Map<string, { batches: string[][]; bytes: number }>();
  for (const item of weighed) {
    let current = open.get(item.language);
    if (!current) {
      current = { batches: [], bytes: 0 };
      open.set(item.language, current);
    }
    current.batches.push(item.batch);
    current.bytes += item.bytes;
    if (current.bytes >= BATCH_BYTES) {
      chunks.push({ language: item.language, batches: current.batches, bytes: current.bytes });
      open.delete(item.language);
    }
  }
  for (const [language, rest] of open) chunks.push({ language, batches: rest.batches, bytes: rest.bytes });
  return chunks;
}
