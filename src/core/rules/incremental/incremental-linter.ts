import type { Edit, Tree } from 'web-tree-sitter';
import type { DocumentLinter, TextChange } from '../document-linter';
import { timeBudgetMs, utf8Length, type RuleSettings, type RulesEngine } from '../engine';
import { collectFacts } from '../facts';
import type { FileResult } from '../finding';
import type { LanguageId } from '../languages';
import { ParserCrashError } from '../runtime';
import { DocumentText } from './document-text';
import { TreeCache, type TreeCacheLimits } from './tree-cache';

interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  readonly language: LanguageId;
  readonly text: DocumentText;
  /** The operation in progress or last done: operations on one document run one after the other. */
  queue: Promise<unknown>;
}

/** No open document has this uri: a change came before the open or after the close. */
export class UnknownDocumentError extends Error {
  constructor(readonly uri: string) {
    super(`no open document ${uri}`);
  }
}

/**
 * The rules engine for an editor's open documents: text changes are applied to the kept tree
 * (`tree.edit`) and the tree reparsed incrementally; trees live in a bounded cache and a document
 * whose tree was evicted is parsed again from its text on next use.
 */
export class IncrementalLinter implements DocumentLinter {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly trees: TreeCache;

  constructor(
    private readonly engine: RulesEngine,
    limits?: TreeCacheLimits,
  ) {
    this.trees = new TreeCache(limits);
  }

  open(uri: string, path: string, language: LanguageId, text: string, settings: RuleSettings): Promise<FileResult> {
    this.close(uri);
    const document: OpenDocument = { uri, path, language, text: new DocumentText(text), queue: Promise.resolve() };
    this.documents.set(uri, document);
    return this.enqueue(document, () => this.lintFresh(document, text, settings));
  }

  change(uri: string, changes: readonly TextChange[], settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    // The text moves on now, so `text(uri)` and later calls see it; the lint works on this snapshot.
    const edits = changes.map((change) => document.text.apply(change));
    const text = document.text.text;
    return this.enqueue(document, () => {
      const old = this.trees.get(uri);
      return old ? this.lintIncremental(document, text, old, edits, settings) : this.lintFresh(document, text, settings);
    });
  }

  settle(uri: string, settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    const text = document.text.text;
    return this.enqueue(document, () => this.lintFresh(document, text, settings));
  }

  relint(uri: string, settings: RuleSettings): Promise<FileResult> {
    const document = this.documentOf(uri);
    const text = document.text.text;
    return this.enqueue(document, async () => {
      const tree = this.trees.get(uri);
      if (!tree) return this.lintFresh(document, text, settings);
      this.trees.pin(tree);
      try {
        return await this.lintWith(document, text, tree, settings);
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

  /** How many trees the cache holds now (for the server's status and the tests). */
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
  private async lintFresh(document: OpenDocument, text: string, settings: RuleSettings): Promise<FileResult> {
    this.trees.delete(document.uri);
    const parsed = await this.parse(document, text, undefined);
    if (!('tree' in parsed)) return parsed.result;
    return this.lintKept(document, text, parsed.tree, settings);
  }

  /** Applies `edits` to the old tree, reparses reusing it, keeps the new tree and lints it. */
  private async lintIncremental(document: OpenDocument, text: string, old: Tree, edits: readonly Edit[], settings: RuleSettings): Promise<FileResult> {
    this.trees.pin(old);
    try {
      for (const edit of edits) old.edit(edit);
      const parsed = await this.parse(document, text, old);
      if (!('tree' in parsed)) {
        this.trees.delete(document.uri);
        return parsed.result;
      }
      return await this.lintKept(document, text, parsed.tree, settings);
    } finally {
      this.trees.unpin(old);
    }
  }

  /** Hands `tree` to the cache (which frees it at once if the document was closed meanwhile) and lints it. */
  private async lintKept(document: OpenDocument, text: string, tree: Tree, settings: RuleSettings): Promise<FileResult> {
    this.trees.pin(tree);
    try {
      if (this.documents.get(document.uri) === document) this.trees.set(document.uri, tree);
      else this.trees.free(tree);
      return await this.lintWith(document, text, tree, settings);
    } finally {
      this.trees.unpin(tree);
    }
  }

  private lintWith(document: OpenDocument, text: string, tree: Tree, settings: RuleSettings): Promise<FileResult> {
    return this.engine.lintTree(document.path, document.language, text, tree, settings, collectFacts(document.language, [text]));
  }

  /** A parse of `text`, or the result to report when the parser gives up on it. */
  private async parse(document: OpenDocument, text: string, previous: Tree | undefined): Promise<{ tree: Tree } | { result: FileResult }> {
    const skipped = (message: string): { result: FileResult } => ({
      result: { path: document.path, language: document.language, findings: [], notices: [{ kind: 'skipped', message }], bytes: utf8Length(text), syntaxErrors: 0 },
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
