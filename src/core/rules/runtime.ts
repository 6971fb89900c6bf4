import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { WasmSource } from '../ports/wasm';
import { LANGUAGES, type LanguageId } from './languages';

/** The parser failed on a file (a WebAssembly trap); it has been replaced, and other files can be parsed. */
export class ParserCrashError extends Error {}

/**
 * The tree-sitter runtime: initialised once per process (or worker), grammars loaded lazily on
 * first use so a Python-only project never pays for the Rust grammar.
 */
export class TreeSitterRuntime {
  private readonly languages = new Map<LanguageId, Promise<Language>>();
  private readonly parsers = new Map<LanguageId, Parser>();
  /** Parsers left broken by a trap, held so that they are never finalized (see `parse`). */
  private readonly abandoned: Parser[] = [];

  private constructor(private readonly wasm: WasmSource) {}

  static async create(wasm: WasmSource): Promise<TreeSitterRuntime> {
    const wasmBinary = await wasm.load('web-tree-sitter.wasm');
    await Parser.init({ wasmBinary });
    return new TreeSitterRuntime(wasm);
  }

  language(id: LanguageId): Promise<Language> {
    let loaded = this.languages.get(id);
    if (!loaded) {
      loaded = this.wasm.load(LANGUAGES[id].wasm).then((bytes) => Language.load(bytes));
      this.languages.set(id, loaded);
      loaded.catch(() => this.languages.delete(id));
    }
    return loaded;
  }

  /**
   * Parses `text`; with `previous` (already edited to match), tree-sitter reuses unchanged subtrees.
   * Returns undefined when `budgetMs` runs out first: some inputs make error recovery super-linear.
   */
  async parse(id: LanguageId, text: string, previous?: Tree, budgetMs?: number): Promise<Tree | undefined> {
    const parser = await this.parser(id);
    const deadline = budgetMs === undefined ? Infinity : performance.now() + budgetMs;
    let tree: Tree | null;
    try {
      tree = parser.parse(text, previous ?? null, budgetMs === undefined ? undefined : { progressCallback: () => performance.now() > deadline });
    } catch (error) {
      // A WebAssembly trap (tree-sitter's stack runs out on input nested hundreds deep) leaves this
      // parser unusable: every later parse traps again. A fresh parser works. The broken one is kept,
      // never deleted: freeing its half-built state could corrupt the heap, and letting it be
      // collected would run web-tree-sitter's finalizer, which frees it and traps outside any try.
      this.parsers.delete(id);
      this.abandoned.push(parser);
      throw new ParserCrashError(error instanceof Error ? error.message : String(error));
    }
    if (!tree) parser.reset();
    return tree ?? undefined;
  }

  private async parser(id: LanguageId): Promise<Parser> {
    const existing = this.parsers.get(id);
    if (existing) return existing;
    const language = await this.language(id);
    const parser = this.parsers.get(id) ?? new Parser();
    parser.setLanguage(language);
    this.parsers.set(id, parser);
    return parser;
  }
}
