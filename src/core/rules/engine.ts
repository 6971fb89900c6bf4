import type { Language, Node, Tree } from 'web-tree-sitter';
import type { WasmSource } from '../ports/wasm';
import { AnchoredQueries } from './anchored-query';
import { CompiledQuery, type QueryCompileError } from './compiled-query';
import { collectFacts } from './facts';
import type { FileNotice, FileResult } from './finding';
import { LANGUAGES, languageForPath, type LanguageId } from './languages';
import { countSyntaxErrors, describe, LintPass, timeBudgetMs, type Candidate } from './lint-pass';
import type { BatchFacts, RuleDefinition, Severity } from './rule';
import { anchorFor } from './rule';
import { ParserCrashError, TreeSitterRuntime } from './runtime';
import type { LineIndex } from './line-index';
export { timeBudgetMs } from './lint-pass';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  /** Overrides detection by extension (an editor knows the document's language). */
  readonly language?: LanguageId;
  /** Size in UTF-8 bytes when the caller knows it (it read the file), to save counting. */
  readonly byteLength?: number;
}

/** The effective severity of each rule for a file; absent means the rule's default, `off` disables it. */
export type RuleSettings = (ruleId: string) => Severity | 'off' | undefined;

const DEFAULTS: RuleSettings = () => undefined;

export interface EngineOptions {
  /**
   * Run anchored rules at their anchors (the default) or over the whole tree like the others. The
   * whole-tree way exists to check that anchors lose nothing.
   */
  readonly anchors?: boolean;
  /** Milliseconds on a monotonic clock, read by the per-file time budgets; `performance.now` unless given. */
  readonly clock?: () => number;
}

interface EnabledRules {
  /** Rules joined into the language's one query, with and without a prefilter. */
  readonly joined: RuleDefinition[];
  readonly always: RuleDefinition[];
  readonly filtered: RuleDefinition[];
  /** Rules that run at their anchors. */
  readonly anchored: RuleDefinition[];
}

interface RunnableQueries {
  /** Absent when every rule of the language is anchored: even an empty query costs a compile. */
  readonly compiled: CompiledQuery | undefined;
  /** Joined rules whose prefilter fails on this file: their matches are dropped. */
  readonly failing: ReadonlySet<RuleDefinition>;
  readonly anchored: AnchoredQueries | undefined;
  /** Anchored rules whose prefilter passes on this file. */
  readonly anchoredRules: ReadonlySet<RuleDefinition>;
}

/** See `RulesEngine.plan`. */
export interface LintPlan {
  readonly pass: LintPass;
  /** Equal keys mean the same rules ran (prefilters pass or fail on the text as they did). */
  readonly rulesKey: string;
  /** Every rule runs at its anchors, so matches can be collected for a region alone. */
  readonly regional: boolean;
  /** Every match of the file, as `lintTree` finds them. */
  collect(): Candidate[];
  /** The matches rooted inside `span`, and those rooted at `ancestors` themselves. */
  collectWithin(span: { readonly start: number; readonly end: number }, ancestors: readonly Node[]): Candidate[];
}

interface ParsedFile {
  readonly source: SourceFile;
  readonly language: LanguageId;
  readonly text: string;
  readonly tree: Tree;
}

/**
 * Parses once per file, runs one compiled query per language, applies predicates, fixes and
 * suppressions. Rule crashes are contained: the crash becomes a notice, the other rules go on.
 */
export class RulesEngine {
  private readonly queries = new Map<string, CompiledQuery>();
  /** The anchored rules' query per language and rule set, compiled on the language's first file. */
  private readonly anchoredQueries = new Map<string, AnchoredQueries>();
  /** Per settings object and language, the enabled rules by how they run. */
  private readonly bySettings = new WeakMap<RuleSettings, Map<LanguageId, EnabledRules>>();
  private compileMs = 0;
  /** Languages `prepare` has warmed up, per settings object: once is enough. */
  private readonly prepared = new WeakMap<RuleSettings, Set<LanguageId>>();
  /** Cache keys of the rule lists, so a file does not join rule ids again. */
  private readonly ruleSetKeys = new WeakMap<readonly RuleDefinition[], string>();
  private readonly clock: () => number;
  readonly rules: ReadonlyMap<string, RuleDefinition>;

  private constructor(
    readonly runtime: TreeSitterRuntime,
    rules: readonly RuleDefinition[],
    private readonly options: EngineOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
  }

  static async create(wasm: WasmSource, rules: readonly RuleDefinition[], options: EngineOptions = {}): Promise<RulesEngine> {
    return new RulesEngine(await TreeSitterRuntime.create(wasm), rules, options);
  }

  async lintFile(file: SourceFile, settings: RuleSettings = DEFAULTS): Promise<FileResult> {
    const [result] = await this.lintBatch([file], settings);
    if (!result) throw new Error(`no result for ${file.path}`);
    return result;
  }

  /**
   * Lints files that belong together (a Go package) so rules can use facts from all of them. The
   * facts come from the texts; then each file is parsed, linted and its tree freed before the next,
   * so memory follows the largest file, not the largest package.
   */
  async lintBatch(files: readonly SourceFile[], settings: RuleSettings = DEFAULTS): Promise<FileResult[]> {
    const results: FileResult[] = [];
    const byLanguage = new Map<LanguageId, { source: SourceFile; text: string }[]>();
    for (const source of files) {
      const language = source.language ?? languageForPath(source.path);
      if (!language) {
        results.push({ path: source.path, findings: [], notices: [{ kind: 'skipped', message: 'not a supported language' }], bytes: byteLengthOf(source), syntaxErrors: 0 });
        continue;
      }
      const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
      const group = byLanguage.get(language);
      if (group) group.push({ source, text });
      else byLanguage.set(language, [{ source, text }]);
    }
    for (const [language, group] of byLanguage) {
      const facts = collectFacts(language, group.map((file) => file.text));
      for (const { source, text } of group) {
        let tree: Tree | undefined;
        try {
          tree = await this.runtime.parse(language, text, undefined, timeBudgetMs(text));
        } catch (error) {
          if (!(error instanceof ParserCrashError)) throw error;
          results.push({ path: source.path, language, findings: [], notices: [{ kind: 'skipped', message: `skipped: the parser crashed on this file (${error.message}; code nested hundreds of levels deep does this)` }], bytes: byteLengthOf(source), syntaxErrors: 0 });
          continue;
        }
        if (!tree) {
          results.push({ path: source.path, language, findings: [], notices: [{ kind: 'skipped', message: `skipped: parsing took over ${timeBudgetMs(text)} ms` }], bytes: byteLengthOf(source), syntaxErrors: 0 });
          continue;
        }
        try {
          results.push(this.lintParsed({ source, language, text, tree }, await this.runnable(language, settings, text), facts, settings));
        } finally {
          tree.delete();
        }
      }
    }
    const order = new Map(files.map((file, index) => [file.path, index]));
    return results.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  }

  /** Lints an already parsed tree (the language server keeps trees and reparses incrementally). */
  async lintTree(path: string, language: LanguageId, text: string, tree: Tree, settings: RuleSettings = DEFAULTS, facts: BatchFacts = {}): Promise<FileResult> {
    return this.lintParsed({ source: { path, text, language }, language, text, tree }, await this.runnable(language, settings, text), facts, settings);
  }

  /**
   * A lint of a parsed tree in parts, for the incremental linter: the matches of the whole file or of
   * a region only, predicates on them, then the file's result from whichever findings it keeps.
   */
  async plan(path: string, language: LanguageId, text: string, tree: Tree, settings: RuleSettings = DEFAULTS, facts: BatchFacts = {}, lines?: LineIndex): Promise<LintPlan> {
    const queries = await this.runnable(language, settings, text);
    const pass = this.pass(path, language, text, tree, queries, facts, settings, lines);
    const { anchored, anchoredRules } = queries;
    const runs = (rule: RuleDefinition): boolean => anchoredRules.has(rule);
    return {
      pass,
      rulesKey: `${queries.compiled ? 'joined' : ''}|${[...anchoredRules].map((rule) => rule.id).join(',')}|${[...queries.failing].map((rule) => rule.id).join(',')}`,
      regional: queries.compiled === undefined,
      collect: () => collectMatches(queries, tree, text, path, pass.notices, this.clock),
      collectWithin: (span, ancestors) => {
        if (queries.compiled) throw new Error('a region lint needs every rule anchored');
        if (!anchored) return [];
        const deadline = this.clock() + timeBudgetMs(text);
        const expired = (): boolean => this.clock() > deadline;
        try {
          return [
            ...anchored.matchesAt(ancestors.filter((node) => anchored.canStartAt(node.type)), runs, expired),
            ...anchored.matches(tree, text, runs, expired, span),
          ];
        } catch (error) {
          pass.notices.push({ kind: 'rule-crash', message: `anchored queries failed on ${path}: ${describe(error)}` });
          return [];
        } finally {
          if (expired()) pass.notices.push({ kind: 'skipped', message: `rule queries stopped after ${timeBudgetMs(text)} ms; findings may be incomplete` });
        }
      },
    };
  }

  /**
   * The query part of `lintTree` alone (what the bench weighs against parse time): runs the
   * file's queries and returns how many matches they gave, before predicates.
   */
  async queryTree(language: LanguageId, text: string, tree: Tree, settings: RuleSettings = DEFAULTS): Promise<number> {
    return collectMatches(await this.runnable(language, settings, text), tree, text, '', [], this.clock).length;
  }

  /**
   * Gets `language` ready ahead of its first file, so an editor can pay while the user is still
   * opening it: loads the grammar, compiles the queries, then lints the enabled rules' own examples
   * once, which runs the parser's WASM and the rules' predicates for the first time (a first run is
   * two to three times slower than the next). Linting does the first two lazily anyway.
   */
  async prepare(language: LanguageId, settings: RuleSettings = DEFAULTS): Promise<void> {
    let prepared = this.prepared.get(settings);
    if (!prepared) {
      prepared = new Set();
      this.prepared.set(settings, prepared);
    }
    if (prepared.has(language)) return;
    prepared.add(language);
    const enabled = this.enabledRules(language, settings);
    await this.joinedQuery(language, enabled.joined);
    if (enabled.anchored.length > 0) await this.anchoredQueriesFor(language, enabled.anchored);
    const examples = [...enabled.joined, ...enabled.anchored].flatMap((rule) => rule.examples.filter((example) => example.language === language));
    for (const [index, example] of examples.entries()) {
      await this.lintFile({ path: example.path ?? `warm-up-${index}${LANGUAGES[language].extensions[0] ?? ''}`, text: example.code, language }, settings);
    }
  }

  /** How many queries this engine compiled (joined and anchored) and how long that took. */
  compileStats(): { queries: number; ms: number } {
    return { queries: this.queries.size + this.anchoredQueries.size, ms: this.compileMs };
  }

  /** ERROR and MISSING nodes in `text`: `--fix` refuses a result with more than the original. */
  async syntaxErrorCount(language: LanguageId, text: string): Promise<number> {
    const tree = await this.runtime.parse(language, text, undefined, timeBudgetMs(text)).catch((error: unknown) => {
      if (error instanceof ParserCrashError) return undefined;
      throw error;
    });
    if (!tree) return Number.MAX_SAFE_INTEGER;
    try {
      return countSyntaxErrors(tree);
    } finally {
      tree.delete();
    }
  }

  /** Query errors met while compiling (a broken rule is dropped, the others still run). */
  compileErrors(): QueryCompileError[] {
    return [...this.queries.values(), ...this.anchoredQueries.values()].flatMap((compiled) => compiled.errors);
  }

  dispose(): void {
    for (const compiled of this.queries.values()) compiled.delete();
    this.queries.clear();
    for (const query of this.anchoredQueries.values()) query.delete();
    this.anchoredQueries.clear();
  }

  /**
   * The queries for a file. Joined rules with a prefilter that fails on the text are left out when
   * none of the language's prefilters passes (a second, smaller query); otherwise their matches are
   * dropped. So each language compiles at most two joined queries per settings, whatever the files
   * hold. Anchored rules run only when their prefilter (if any) passes.
   */
  private async runnable(language: LanguageId, settings: RuleSettings, text: string): Promise<RunnableQueries> {
    const enabled = this.enabledRules(language, settings);
    const failing = new Set(enabled.filtered.filter((rule) => !passes(rule.prefilter, text)));
    const compiled = await this.joinedQuery(language, failing.size === enabled.filtered.length ? enabled.always : enabled.joined);
    const anchoredRules = new Set(enabled.anchored.filter((rule) => passes(rule.prefilter, text)));
    const anchored = anchoredRules.size > 0 ? await this.anchoredQueriesFor(language, enabled.anchored) : undefined;
    return { compiled, failing, anchored, anchoredRules };
  }

  private enabledRules(language: LanguageId, settings: RuleSettings): EnabledRules {
    let perLanguage = this.bySettings.get(settings);
    if (!perLanguage) {
      perLanguage = new Map();
      this.bySettings.set(settings, perLanguage);
    }
    let enabled = perLanguage.get(language);
    if (!enabled) {
      const active = [...this.rules.values()].filter((rule) => rule.queries[language] !== undefined && settings(rule.id) !== 'off');
      const anchored = this.options.anchors === false ? [] : active.filter((rule) => anchorFor(rule, language) !== undefined);
      const joined = active.filter((rule) => !anchored.includes(rule));
      enabled = { joined, always: joined.filter((rule) => !rule.prefilter), filtered: joined.filter((rule) => rule.prefilter), anchored };
      perLanguage.set(language, enabled);
    }
    return enabled;
  }

  private async joinedQuery(language: LanguageId, rules: readonly RuleDefinition[]): Promise<CompiledQuery | undefined> {
    if (rules.length === 0) return undefined;
    return this.compiledOnce(this.queries, language, rules, (grammar) => CompiledQuery.compile(grammar, language, rules));
  }

  private anchoredQueriesFor(language: LanguageId, rules: readonly RuleDefinition[]): Promise<AnchoredQueries> {
    return this.compiledOnce(this.anchoredQueries, language, rules, (grammar) => AnchoredQueries.compile(grammar, language, rules));
  }

  /** A query of `rules` compiled once per engine (and timed); `rules` is one of the stable lists of `enabledRules`. */
  private async compiledOnce<T>(cache: Map<string, T>, language: LanguageId, rules: readonly RuleDefinition[], compile: (grammar: Language) => T): Promise<T> {
    let key = this.ruleSetKeys.get(rules);
    if (key === undefined) {
      key = `${language}:${rules.map((rule) => rule.id).join(',')}`;
      this.ruleSetKeys.set(rules, key);
    }
    let compiled = cache.get(key);
    if (compiled === undefined) {
      const grammar = await this.runtime.language(language);
      const started = performance.now();
      compiled = compile(grammar);
      this.compileMs += performance.now() - started;
      cache.set(key, compiled);
    }
    return compiled;
  }

  private lintParsed(file: ParsedFile, queries: RunnableQueries, facts: BatchFacts, settings: RuleSettings): FileResult {
    const pass = this.pass(file.source.path, file.language, file.text, file.tree, queries, facts, settings);
    const raw = pass.evaluate(collectMatches(queries, file.tree, file.text, file.source.path, pass.notices, this.clock));
    return pass.finish(raw.map((item) => item.finding), byteLengthOf(file.source));
  }

  private pass(path: string, language: LanguageId, text: string, tree: Tree, queries: RunnableQueries, facts: BatchFacts, settings: RuleSettings, lines?: LineIndex): LintPass {
    const notices: FileNotice[] = [...(queries.compiled?.errors ?? []), ...(queries.anchored?.errors ?? [])].map((error) => ({ kind: 'rule-crash', ruleId: error.ruleId, message: `query does not compile: ${error.message}` }));
    return new LintPass(this.rules, { path, language, text, tree }, facts, settings, notices, this.clock, lines);
  }
}

/**
 * Runs the file's queries: the joined one over the whole tree, the anchored ones at their anchors.
 * Error recovery can leave ERROR nodes with thousands of children that make matching quadratic;
 * past the budget tree-sitter stops and we keep what was found.
 */
function collectMatches(queries: RunnableQueries, tree: Tree, text: string, path: string, notices: FileNotice[], clock: () => number): Candidate[] {
  const deadline = clock() + timeBudgetMs(text);
  const expired = (): boolean => clock() > deadline;
  const matches: Candidate[] = [];
  try {
    const { compiled } = queries;
    if (compiled && compiled.query.patternCount() > 0) {
      for (const match of compiled.query.matches(tree.rootNode, { progressCallback: expired })) {
        const rule = compiled.ruleOf(match);
        if (rule && !queries.failing.has(rule)) matches.push({ rule, match });
      }
    }
  } catch (error) {
    notices.push({ kind: 'rule-crash', message: `query failed: ${describe(error)}` });
  }
  try {
    if (queries.anchored) matches.push(...queries.anchored.matches(tree, text, (rule) => queries.anchoredRules.has(rule), expired));
  } catch (error) {
    notices.push({ kind: 'rule-crash', message: `anchored queries failed on ${path}: ${describe(error)}` });
  }
  if (expired()) notices.push({ kind: 'skipped', message: `rule queries stopped after ${timeBudgetMs(text)} ms; findings may be incomplete` });
  return matches;
}

function passes(prefilter: RegExp | undefined, text: string): boolean {
  if (!prefilter) return true;
  prefilter.lastIndex = 0;
  return prefilter.test(text);
}

function byteLengthOf(source: SourceFile): number {
  return source.byteLength ?? utf8Length(source.text);
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
