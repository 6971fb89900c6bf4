import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileResult } from '../core/rules/finding';
import { hash53 } from '../core/rules/fingerprint';
import { writeFileAtomic } from '../node/atomic-write';

/** One cached file: its size and mtime when hashed, content hash, batch hash (a Go package), result. */
interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly batch: string;
  readonly result: Omit<FileResult, 'path'>;
}

const CacheFileSchema = z.object({
  key: z.string(),
  entries: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), hash: z.string(), batch: z.string(), result: z.unknown() })),
});

/**
 * Results keyed by content hash under `.omni/cache`, like ESLint's `--cache`: a file whose bytes,
 * batch, rules, config and engine version are unchanged is not parsed again.
 */
export class ResultCache {
  private readonly entries: Map<string, CacheEntry>;
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    entries: Map<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** `key` covers everything besides the file that changes results: engine version, rules, config. */
  static async open(directory: string, keyParts: readonly string[]): Promise<ResultCache> {
    const file = join(directory, 'check-results.json');
    const key = hash53(keyParts.join('\u0000'));
    try {
      const parsed = CacheFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success && parsed.data.key === key) {
        return new ResultCache(file, key, new Map(Object.entries(parsed.data.entries) as [string, CacheEntry][]));
      }
    } catch {
      // A missing or corrupt cache is an empty cache: it only ever costs time.
    }
    return new ResultCache(file, key, new Map());
  }

  /** The content hash recorded for a file whose size and mtime are unchanged (ESLint's default strategy). */
  knownHash(path: string, size: number, mtimeMs: number): string | undefined {
    const entry = this.entries.get(path);
    return entry && entry.size === size && entry.mtimeMs === mtimeMs ? entry.hash : undefined;
  }

  get(path: string, hash: string, batch: string): FileResult | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.hash !== hash || entry.batch !== batch) return undefined;
    return { ...entry.result, path };
  }

  set(path: string, stat: { size: number; mtimeMs: number }, hash: string, batch: string, result: FileResult): void {
    const { path: _path, ...rest } = result;
    this.entries.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, hash, batch, result: rest });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const directory = join(this.file, '..');
    await writeFileAtomic(join(directory, '.gitignore'), '*\n');
    await writeFileAtomic(this.file, JSON.stringify({ key: this.key, entries: Object.fromEntries(this.entries) }));
  }
}
