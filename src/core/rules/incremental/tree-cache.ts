import { LRUCache } from 'lru-cache';
import type { Tree } from 'web-tree-sitter';

export interface TreeCacheLimits {
  /** Most trees kept at once. */
  readonly maxTrees: number;
  /** Most text (UTF-16 code units, summed over the cached documents) whose trees are kept: a tree's memory follows its text. */
  readonly maxTextLength: number;
}

/** About 2 MB of source (60,000 lines) keeps 50 open files under 200 MB RSS (bench/editor.ts). */
export const DEFAULT_TREE_CACHE_LIMITS: TreeCacheLimits = { maxTrees: 64, maxTextLength: 2 * 1024 * 1024 };

/**
 * The trees of open documents, least recently used first out. A tree lives in WASM memory that
 * JavaScript's collector never sees, so each one leaving the cache is freed with `tree.delete()`;
 * a tree still in use by a lint in progress (pinned) is freed when that lint lets go of it.
 */
export class TreeCache {
  private readonly cache: LRUCache<string, Tree>;
  private readonly pins = new Map<Tree, number>();
  /** Trees that left the cache while pinned. */
  private readonly doomed = new Set<Tree>();

  constructor(limits: TreeCacheLimits = DEFAULT_TREE_CACHE_LIMITS) {
    this.cache = new LRUCache<string, Tree>({
      max: limits.maxTrees,
      maxSize: limits.maxTextLength,
      // Never 0: lru-cache refuses sizes below 1, and an empty document still holds a tree.
      sizeCalculation: (tree) => Math.max(1, tree.rootNode.endIndex),
      dispose: (tree) => this.free(tree),
    });
  }

  get size(): number {
    return this.cache.size;
  }

  get(uri: string): Tree | undefined {
    return this.cache.get(uri);
  }

  /** Caches `tree` for `uri`, freeing the tree it replaces (and any evicted to make room). */
  set(uri: string, tree: Tree): void {
    if (this.cache.get(uri) === tree) return;
    this.cache.set(uri, tree);
    // lru-cache drops a value larger than maxSize without keeping it; it is still ours to free.
    if (this.cache.get(uri) !== tree) this.free(tree);
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  /** Keeps `tree` alive until `unpin`, even if it leaves the cache meanwhile. */
  pin(tree: Tree): void {
    this.pins.set(tree, (this.pins.get(tree) ?? 0) + 1);
  }

  unpin(tree: Tree): void {
    const count = (this.pins.get(tree) ?? 1) - 1;
    if (count > 0) {
      this.pins.set(tree, count);
      return;
    }
    this.pins.delete(tree);
    if (this.doomed.delete(tree)) tree.delete();
  }

  clear(): void {
    this.cache.clear();
  }

  /** Frees a tree that never entered the cache (or is done with), once no lint holds it. */
  free(tree: Tree): void {
    if (this.pins.has(tree)) this.doomed.add(tree);
    else tree.delete();
  }
}
