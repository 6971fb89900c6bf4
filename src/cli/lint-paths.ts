import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { RulesEngine, RuleSettings, SourceFile } from '../core/rules/engine';
import { openFindings, type BaselineEntry } from '../core/baseline/baseline';
import type { FileNotice, FileResult, Finding } from '../core/rules/finding';
import { applySafeFixes } from '../core/rules/fix-loop';
import { languageForPath } from '../core/rules/languages';
import { writeFileAtomic } from '../node/atomic-write';
import { relativePosix } from '../node/relative-path';
import { decodeSource } from '../node/source-text';

/** What the CLI learns about one file: the engine's result plus what happened on disk. */
export interface FileOutcome {
  readonly result: FileResult;
  /** Content hash (for the result cache), absent when the file could not be read. */
  readonly hash?: string;
  readonly fixesApplied: number;
}

export interface LintPathsOptions {
  readonly fix: boolean;
  /** With `fix`: the findings the project's baseline accepted, which `--fix` leaves alone. */
  readonly baseline?: FixBaseline;
  /** Hash each file's content for the result cache; without `--cache` nothing reads the hash. */
  readonly hash: boolean;
}

/** Plain data, so it crosses to worker threads: the project root and the baseline's entries. */
export interface FixBaseline {
  readonly root: string;
  readonly entries: readonly BaselineEntry[];
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Reads, decodes, lints (and with `fix`, fixes and writes) one batch of files; never throws for one bad file. */
export async function lintPaths(engine: RulesEngine, paths: readonly string[], settings: RuleSettings, options: LintPathsOptions): Promise<FileOutcome[]> {
  const outcomes = new Map<string, FileOutcome>();
  const sources: SourceFile[] = [];
  const hashes = new Map<string, string>();
  const extra = new Map<string, FileNotice[]>();
  const fixes = new Map<string, number>();
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      // Synchronous: the thread has nothing else to do meanwhile, and it skips a trip through the event loop.
      bytes = readFileSync(path);
    } catch (error) {
      outcomes.set(path, failed(path, 'unreadable', `cannot read file: ${describe(error)}`, 0));
      continue;
    }
    const decoded = decodeSource(bytes);
    if (decoded.kind === 'binary') {
      outcomes.set(path, failed(path, 'skipped', 'skipped: binary file', bytes.length));
      continue;
    }
    if (options.hash) hashes.set(path, contentHash(bytes));
    let text = decoded.text;
    const notices: FileNotice[] = [];
    if (decoded.kind === 'lossy') notices.push({ kind: 'skipped', message: 'not valid UTF-8: checked with replacement characters; --fix leaves this file alone' });
    const language = languageForPath(path);
    if (options.fix && decoded.kind === 'text' && language) {
      try {
        const fixed = await applySafeFixes(engine, path, language, text, settings, fixableIn(path, options.baseline));
        if (fixed.refused) notices.push({ kind: 'skipped', message: fixed.refused });
        if (fixed.applied > 0 && fixed.text !== text) {
          await writeFileAtomic(path, (decoded.bom ? '\ufeff' : '') + fixed.text);
          text = fixed.text;
          fixes.set(path, fixed.applied);
        }
      } catch (error) {
        notices.push({ kind: 'rule-crash', message: `fixing failed, file left as it was: ${describe(error)}` });
      }
    }
    extra.set(path, notices);
    sources.push({ path, text, ...(decoded.kind === 'text' && text === decoded.text && !decoded.bom ? { byteLength: bytes.length } : {}) });
  }
  if (sources.length > 0) {
    let results: FileResult[];
    try {
      results = await engine.lintBatch(sources, settings);
    } catch (error) {
      // A batch-level failure (a grammar that cannot load) must not lose the other batches.
      results = sources.map((source) => failed(source.path, 'rule-crash', `could not check: ${describe(error)}`, source.text.length).result);
    }
    for (const result of results) {
      const hash = hashes.get(result.path);
      outcomes.set(result.path, {
        result: { ...result, notices: [...(extra.get(result.path) ?? []), ...result.notices] },
        ...(hash ? { hash: hash } : {}),
        fixesApplied: fixes.get(result.path) ?? 0,
      });
    }
  }
  return paths.flatMap((path) => {
    const outcome = outcomes.get(path);
    return outcome ? [outcome] : [];
  });
}

/** What `--fix` may touch in `path`: every unsuppressed finding but those the baseline accepted. */
function fixableIn(path: string, baseline: FixBaseline | undefined): (findings: readonly Finding[]) => readonly Finding[] {
  const projectPath = baseline ? relativePosix(baseline.root, path) : '';
  const entries = baseline ? baseline.entries.filter((entry) => entry.path === projectPath) : [];
  return (findings) => openFindings(findings, projectPath, entries);
}

/** Several engine batches in one go, as a worker receives them. */
export async function lintBatches(engine: RulesEngine, batches: readonly (readonly string[])[], settings: RuleSettings, options: LintPathsOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const batch of batches) outcomes.push(...(await lintPaths(engine, batch, settings, options)));
  return outcomes;
}

function failed(path: string, kind: FileNotice['kind'], message: string, bytes: number): FileOutcome {
  return { result: { path, findings: [], notices: [{ kind, message }], bytes, syntaxErrors: 0 }, fixesApplied: 0 };
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
