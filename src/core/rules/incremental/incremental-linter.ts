import type { Edit, Tree } from 'web-tree-sitter';
import type { DocumentLinter, TextChange } from '../document-linter';
import { timeBudgetMs, type LintPlan, type RuleSettings, type RulesEngine } from '../engine';
import { collectFacts } from '../facts';
import type { FileNotice, FileResult } from '../finding';
import type { LanguageId } from '../languages';
import type { LineIndex } from '../line-index';
import type { RawFinding } from '../lint-pass';
import type { BatchFacts } from '../rule';
import { ParserCrashError } from '../runtime';
import { DocumentText, type AppliedChange } from './document-text';
import { enclosingRegion, fileKey, touchesFileWide } from './locality';
import { dirtySpan, shiftFindings } from './shift';
import { TreeCache, type TreeCacheLimits } from './tree-cache';

/** What the last lint of a tree found, for the next edit to keep what it does not touch. */
interface LintMemory {
  readonly tree: Tree;
  readonly settings: RuleSettings;
  readonly raw: readonly RawFinding[];
  readonly rulesKey: string;
  readonly fileKey: string | undefined;
  readonly facts: BatchFacts;
}

/** The text a queued operation lints, as it stood when the operation was asked for. */
interface Snapshot {
  readonly text: string;
  readonly bytes: number;
  readonly lines: LineIndex;
}

interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  readonly language: LanguageId;
  readonly text: DocumentText;
  memory: LintMemory | undefined;
  /** The operation in progress or last done: operations on one document run one after the other. */
  queue: Promise<unknown>;
}

/** No open document has this uri: a change came before the open or after the close. */
export class UnknownDocumentError extends Error {
  constructor(readonly uri: string) {
    super(`no open document ${uri}`);
  }
}

/** How the last `change` was linted, for the bench and the tests. */
export type LintScope = 'region' | 'file';

/**
 * The rules engine for an editor's open documents: text changes are applied to the kept tree
 * (`tree.edit`) and the tree reparsed incrementally; trees live in a bounded cache and a document
 * whose tree was evicted is parsed again from its text on next use. After an edit inside a function
 * body only the matches rooted in that function (and at its ancestors) are run again; the other
 * findings are kept, moved by the edit (see locality.ts for when the whole file is linted instead).
 * The result equals a full lint of the same text, except that after an edit that breaks the syntax
 * the incremental tree can differ from a fresh parse; `settle` parses afresh.
 */
export class IncrementalLinter implements DocumentLinter {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly trees: TreeCache;
  /** Whether the last `change` re-ran a region or the whole file. */
  lastScope: LintScope | undefined;

  constructor(
    private readonly engine: RulesEngine,
    limits?: TreeCacheLimits,
  ) {
    this.trees = new TreeCache(limits);
  }

  open(uri: string, path: string, language: LanguageId, text: string, settings: RuleSettings): Promise<FileResult> {
    this.close(uri);
    const document: OpenDocument = { uri, path, language, text: new DocumentText(text), memory: undefined, queue: Promise.resolve() };
    this.documents.set(uri, document);
    const snapshot = snapshotOf(document);
    return this.enqueue(document, () => this.lintFresh(document, snapshot, settings));
  }

  change(uri: string, changes: readonly TextChange[], settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    // The text moves on now, so `text(uri)` and later calls see it; the lint works on this snapshot.
    const applied = changes.map((change) => document.text.apply(change));
    const snapshot = snapshotOf(document);
    return this.enqueue(document, () => {
      const old = this.trees.get(uri);
      return old ? this.lintIncremental(document, snapshot, old, applied, settings) : this.lintFresh(document, snapshot, settings);
    });
  }

  settle(uri: string, settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    const snapshot = snapshotOf(document);
    return this.enqueue(document, () => this.lintFresh(document, snapshot, settings));
  }

  relint(uri: string, settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    const snapshot = snapshotOf(document);
    return this.enqueue(document, async () => {
      const tree = this.trees.get(uri);
      if (!tree) return this.lintFresh(document, snapshot, settings);
      this.trees.pin(tree);
      try {
        return await this.lintWhole(document, snapshot, tree, settings);
      } finally {
        this.trees.unpin(tree);
      }
    });
  }

  text(uri: string): string | undefined {
    return this.documents.get(uri)?.text.text;
  }

  close(uri: string): void {
    if (!this.documents.delete(uri)) return;
    this.trees.delete(uri);
  }

  dispose(): void {
    this.documents.clear();
    this.trees.clear();
  }

  /** How many trees the cache holds now. */
  get cachedTrees(): number {
    return this.trees.size;
  }

  private documentOf(uri: string): OpenDocument {
    const document = this.documents.get(uri);
    if (!document) throw new UnknownDocumentError(uri);
    return document;
  }

  private enqueue(document: OpenDocument, run: () => Promise<FileResult>): Promise<FileResult> {
    const next = document.queue.then(run, run);
    document.queue = next.catch(() => undefined);
    return next;
  }

  /** Parses `text` from scratch, keeps the tree and lints it. */
  private async lintFresh(document: OpenDocument, snapshot: Snapshot, settings: RuleSettings): Promise<FileResult> {
    this.trees.delete(document.uri);
    const parsed = await this.parse(document, snapshot, undefined);
    if (!('tree' in parsed)) return parsed.result;
    return this.withKept(document, parsed.tree, () => this.lintWhole(document, snapshot, parsed.tree, settings));
  }

  /** Applies the edits to the old tree, reparses reusing it, keeps the new tree and lints what changed. */
  private async lintIncremental(document: OpenDocument, snapshot: Snapshot, old: Tree, applied: readonly AppliedChange[], settings: RuleSettings): Promise<FileResult> {
    this.trees.pin(old);
    try {
      const edits = applied.map((change) => change.edit);
      for (const edit of edits) old.edit(edit);
      const parsed = await this.parse(document, snapshot, old);
      if (!('tree' in parsed)) {
        this.trees.delete(document.uri);
        return parsed.result;
      }
      const tree = parsed.tree;
      return await this.withKept(document, tree, async () => {
        const memory = document.memory?.tree === old ? document.memory : undefined;
        const region = memory ? await this.lintRegion(document, snapshot, tree, old, edits, applied, memory, settings) : undefined;
        this.lastScope = region ? 'region' : 'file';
        return region ?? (await this.lintWhole(document, snapshot, tree, settings));
      });
    } finally {
      this.trees.unpin(old);
    }
  }

  /** Hands `tree` to the cache (which frees it at once if the document was closed meanwhile) and runs `lint` on it. */
  private async withKept(document: OpenDocument, tree: Tree, lint: () => Promise<FileResult>): Promise<FileResult> {
    this.trees.pin(tree);
    try {
      if (this.documents.get(document.uri) === document) this.trees.set(document.uri, tree);
      else this.trees.free(tree);
      return await lint();
    } finally {
      this.trees.unpin(tree);
    }
  }

  /** Every rule over the whole tree, as `lintTree` does; remembers the findings for the next edit. */
  private async lintWhole(document: OpenDocument, snapshot: Snapshot, tree: Tree, settings: RuleSettings): Promise<FileResult> {
    // A document is linted alone: a Go package of one file, as `lintFile` has it.
    const facts = collectFacts(document.language, [snapshot.text]);
    const plan = await this.engine.plan(document.path, document.language, snapshot.text, tree, settings, facts, snapshot.lines);
    const raw = plan.pass.evaluate(plan.collect());
    const result = plan.pass.finish(raw.map((item) => item.finding), snapshot.bytes);
    this.remember(document, plan, tree, settings, raw, facts, fileKey(document.language, snapshot.text));
    return result;
  }

  /**
   * Re-runs only the matches rooted in the region around the edit and at its ancestors, and keeps
   * the other findings moved by the edit; undefined when the edit needs the whole file linted.
   */
  private async lintRegion(
    document: OpenDocument,
    snapshot: Snapshot,
    tree: Tree,
    old: Tree,
    edits: readonly Edit[],
    applied: readonly AppliedChange[],
    memory: LintMemory,
    settings: RuleSettings,
  ): Promise<FileResult | undefined> {
    const { language } = document;
    if (memory.settings !== settings || edits.length === 0) return undefined;
    if (applied.some((change) => touchesFileWide(language, [change.before, change.after]))) return undefined;
    // The package facts come from top-level `func` lines, which touchesFileWide watches for Go.
    const key = fileKey(language, snapshot.text);
    if (key === undefined || key !== memory.fileKey) return undefined;
    const span = dirtySpan(edits, tree.getChangedRanges(old));
    const around = enclosingRegion(language, tree.rootNode, snapshot.text, span.start, span.end, span.edited);
    if (!around) return undefined;
    const plan = await this.engine.plan(document.path, language, snapshot.text, tree, settings, memory.facts, snapshot.lines);
    if (!plan.regional || plan.rulesKey !== memory.rulesKey) return undefined;
    const region = { start: around.node.startIndex, end: around.node.endIndex };
    const fresh = plan.pass.evaluate(plan.collectWithin(region, around.ancestors));
    if (incomplete(plan.pass.notices)) return undefined;
    const kept = shiftFindings(memory.raw, edits, region, plan.pass.lines);
    if (!kept) return undefined;
    const seen = new Set(fresh.map((item) => keyOf(item)));
    const raw = [...fresh, ...kept.filter((item) => !seen.has(keyOf(item)))];
    const result = plan.pass.finish(raw.map((item) => item.finding), snapshot.bytes);
    this.remember(document, plan, tree, settings, raw, memory.facts, key);
    return result;
  }

  private remember(document: OpenDocument, plan: LintPlan, tree: Tree, settings: RuleSettings, raw: readonly RawFinding[], facts: BatchFacts, key: string | undefined): void {
    // A crash or a budget cut leaves findings out: the next edit cannot build on them.
    document.memory = !incomplete(plan.pass.notices) && raw.every((item) => item.root !== undefined) ? { tree, settings, raw, rulesKey: plan.rulesKey, facts, fileKey: key } : undefined;
  }

  /** A parse of `text`, or the result to report when the parser gives up on it. */
  private async parse(document: OpenDocument, { text, bytes }: Snapshot, previous: Tree | undefined): Promise<{ tree: Tree } | { result: FileResult }> {
    const skipped = (message: string): { result: FileResult } => ({
      result: { path: document.path, language: document.language, findings: [], notices: [{ kind: 'skipped', message }], bytes, syntaxErrors: 0 },
    });
    try {
      const tree = await this.engine.runtime.parse(document.language, text, previous, timeBudgetMs(text));
      return tree ? { tree } : skipped(`skipped: parsing took over ${timeBudgetMs(text)} ms`);
    } catch (error) {
      if (!(error instanceof ParserCrashError)) throw error;
      return skipped(`skipped: the parser crashed on this file (${error.message}; code nested hundreds of levels deep does this)`);
    }
  }
}

/** A crash or a budget cut left findings out (a query that does not compile leaves its rule out every time). */
function incomplete(notices: readonly FileNotice[]): boolean {
  return notices.some((notice) => notice.kind === 'skipped' || (notice.kind === 'rule-crash' && !notice.message.startsWith('query does not compile')));
}

function keyOf(item: RawFinding): string {
  return `${item.finding.ruleId}:${item.finding.startOffset}:${item.finding.endOffset}`;
}


function snapshotOf(document: OpenDocument): Snapshot {
  return { text: document.text.text, bytes: document.text.bytes, lines: document.text.lineIndex() };
}

