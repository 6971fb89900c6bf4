import type { Language, Node, QueryMatch, Tree } from 'web-tree-sitter';
import type { WasmSource } from '../ports/wasm';
import { AnchoredQueries } from './anchored-query';
import { CompiledQuery, type QueryCompileError } from './compiled-query';
import { collectFacts } from './facts';
import type { FileNotice, FileResult, Finding, Range } from './finding';
import { hash53 } from './fingerprint';
import { LANGUAGES, languageForPath, type LanguageId } from './languages';
import { SUPPRESSION_MISSING_REASON, UNUSED_SUPPRESSION } from './pack/meta';
import { EnclosingRoles, rolesForPath } from './roles';
import type { BatchFacts, CodeRole, FileContext, PredicateVerdict, RuleDefinition, RuleMatch, Severity } from './rule';
import { anchorFor } from './rule';
import { ParserCrashError, TreeSitterRuntime } from './runtime';
import { findSuppressions, type SuppressionDirective } from './suppressions';

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
  readonly rules: ReadonlyMap<string, RuleDefinition>;

  private constructor(
    readonly runtime: TreeSitterRuntime,
    rules: readonly RuleDefinition[],
    private readonly options: EngineOptions,
  ) {
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
   * The query part of `lintTree` alone (what the bench weighs against parse time): runs the
   * file's queries and returns how many matches they gave, before predicates.
   */
  async queryTree(language: LanguageId, text: string, tree: Tree, settings: RuleSettings = DEFAULTS): Promise<number> {
    return collectMatches(await this.runnable(language, settings, text), tree, text, '', []).length;
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
    const { compiled } = queries;
    const { language, text, tree } = file;
    const path = file.source.path;
    const fileRoles = rolesForPath(path, language);
    const enclosing = new EnclosingRoles(language, fileRoles);
    const context: FileContext = {
      path,
      language,
      text,
      tree,
      facts,
      fileRoles,
      rolesAt: (node: Node) => enclosing.at(node),
    };
    const notices: FileNotice[] = [...(compiled?.errors ?? []), ...(queries.anchored?.errors ?? [])].map((error) => ({ kind: 'rule-crash', ruleId: error.ruleId, message: `query does not compile: ${error.message}` }));
    const crashed = new Set<string>();
    const lines = new LineIndex(text);
    const raw: Finding[] = [];
    const seen = new Set<string>();
    const hasErrors = tree.rootNode.hasError;

    const matches = collectMatches(queries, tree, text, path, notices);
    // Predicates walk the tree from JS; on pathological input (an expression nested thousands deep,
    // where every step up is itself a walk down from the root) they get the same budget as the queries.
    const deadline = performance.now() + timeBudgetMs(text);
    for (const [index, { rule, match }] of matches.entries()) {
      if (performance.now() > deadline) {
        notices.push({ kind: 'skipped', message: `rule checks stopped after ${timeBudgetMs(text)} ms with ${matches.length - index} of ${matches.length} candidates left; findings may be incomplete` });
        break;
      }
      if (crashed.has(rule.id)) continue;
      const node = match.captures.find((capture) => capture.name === 'match')?.node;
      if (!node) continue;
      try {
        const finding = this.evaluate(rule, match, node, context, lines, settings, hasErrors);
        if (!finding) continue;
        const key = `${rule.id}:${finding.startOffset}:${finding.endOffset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        raw.push(finding);
      } catch (error) {
        crashed.add(rule.id);
        notices.push({ kind: 'rule-crash', ruleId: rule.id, message: `rule ${rule.id} crashed on ${path}: ${describe(error)}` });
      }
    }

    const findings = this.applySuppressions(raw, findSuppressions(text, tree, language), context, lines, settings);
    findings.sort((a, b) => a.startOffset - b.startOffset || a.ruleId.localeCompare(b.ruleId));
    const syntaxErrors = hasErrors ? countSyntaxErrors(tree) : 0;
    if (syntaxErrors > 0) notices.push({ kind: 'syntax', message: `${syntaxErrors} syntax error(s); findings come from the parts that parse` });
    return { path, language, findings: withFingerprints(findings, lines), notices, bytes: byteLengthOf(file.source), syntaxErrors };
  }

  private evaluate(
    rule: RuleDefinition,
    match: QueryMatch,
    node: Node,
    file: FileContext,
    lines: LineIndex,
    settings: RuleSettings,
    hasErrors: boolean,
  ): Finding | undefined {
    if (hasErrors && insideError(node)) return undefined;
    if (rule.spare?.length) {
      const roles = file.rolesAt(node);
      if (rule.spare.some((role) => roles.has(role))) return undefined;
    }
    const ruleMatch: RuleMatch = {
      node,
      file,
      capture: (name) => match.captures.find((capture) => capture.name === name)?.node,
      captures: (name) => match.captures.filter((capture) => capture.name === name).map((capture) => capture.node),
    };
    let verdict: PredicateVerdict = {};
    if (rule.predicate) {
      const result = rule.predicate(ruleMatch);
      if (result === false) return undefined;
      if (result !== true) verdict = result;
    }
    const target = verdict.node ?? node;
    const fix = rule.fix?.(ruleMatch);
    return {
      ruleId: rule.id,
      severity: effectiveSeverity(rule, settings),
      message: verdict.message ?? fillMessage(rule.message, ruleMatch),
      path: file.path,
      language: file.language,
      range: lines.range(target.startIndex, target.endIndex),
      startOffset: target.startIndex,
      endOffset: target.endIndex,
      ...(fix ? { fix } : {}),
      ...(rule.tags?.length ? { tags: rule.tags } : {}),
      ...(verdict.related?.length
        ? { related: verdict.related.map((item) => ({ range: lines.range(item.node.startIndex, item.node.endIndex), message: item.message })) }
        : {}),
      fingerprint: '',
    };
  }

  private applySuppressions(
    findings: Finding[],
    directives: readonly SuppressionDirective[],
    file: FileContext,
    lines: LineIndex,
    settings: RuleSettings,
  ): Finding[] {
    if (directives.length === 0) return findings;
    const used = new Set<SuppressionDirective>();
    const out = findings.map((finding) => {
      const directive = directives.find(
        (candidate) =>
          candidate.ruleIds.some((id) => id === finding.ruleId || id === '*') &&
          (candidate.scope === 'file' || candidate.lines.includes(finding.range.start.line)),
      );
      if (!directive) return finding;
      used.add(directive);
      return { ...finding, suppression: { kind: directive.scope === 'file' ? 'file' : 'inline', ...(directive.reason ? { reason: directive.reason } : {}) } } satisfies Finding;
    });
    const unusedSeverity = effectiveSeverity(UNUSED_SUPPRESSION, settings);
    const reasonSeverity = effectiveSeverity(SUPPRESSION_MISSING_REASON, settings);
    for (const directive of directives) {
      const range = lines.range(directive.start, directive.end);
      const base = { path: file.path, language: file.language, range, startOffset: directive.start, endOffset: directive.end, fingerprint: '' };
      if (!used.has(directive) && settings(UNUSED_SUPPRESSION.id) !== 'off') {
        const unknown = directive.ruleIds.filter((id) => id !== '*' && !this.rules.has(id));
        const off = directive.ruleIds.filter((id) => this.rules.has(id) && settings(id) === 'off');
        const why =
          directive.ruleIds.length === 0
            ? 'names no rule'
            : unknown.length
              ? `names unknown rule ${unknown.join(', ')}`
              : off.length
                ? `names disabled rule ${off.join(', ')}`
                : 'suppresses nothing here';
        out.push({
          ...base,
          ruleId: UNUSED_SUPPRESSION.id,
          severity: unusedSeverity,
          message: `Unused suppression: it ${why}`,
          tags: UNUSED_SUPPRESSION.tags ?? [],
          fix: {
            title: 'Remove the unused suppression',
            safe: true,
            edits: [directive.wholeComment ? removalOfComment(file.text, directive) : { start: directive.start, end: directive.end, newText: '' }],
          },
        });
      }
      if (!directive.reason && directive.ruleIds.length > 0 && settings(SUPPRESSION_MISSING_REASON.id) !== 'off') {
        out.push({ ...base, ruleId: SUPPRESSION_MISSING_REASON.id, severity: reasonSeverity, message: SUPPRESSION_MISSING_REASON.message });
      }
    }
    return out;
  }
}

/**
 * Runs the file's queries: the joined one over the whole tree, the anchored ones at their anchors.
 * Error recovery can leave ERROR nodes with thousands of children that make matching quadratic;
 * past the budget tree-sitter stops and we keep what was found.
 */
function collectMatches(queries: RunnableQueries, tree: Tree, text: string, path: string, notices: FileNotice[]): { rule: RuleDefinition; match: QueryMatch }[] {
  const deadline = performance.now() + timeBudgetMs(text);
  const expired = (): boolean => performance.now() > deadline;
  const matches: { rule: RuleDefinition; match: QueryMatch }[] = [];
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

/** Removes a comment that holds only the directive, with its line when nothing else is on it. */
function removalOfComment(text: string, directive: SuppressionDirective): { start: number; end: number; newText: string } {
  const lineStart = text.lastIndexOf('\n', directive.commentStart - 1) + 1;
  const lineEndRaw = text.indexOf('\n', directive.commentEnd);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, directive.commentStart);
  const after = text.slice(directive.commentEnd, lineEnd);
  if (before.trim() === '' && after.trim() === '') return { start: lineStart, end: Math.min(text.length, lineEnd + 1), newText: '' };
  const trimmedStart = lineStart + before.trimEnd().length;
  return { start: trimmedStart, end: directive.commentEnd, newText: '' };
}

/** Time allowed to parse or query one file: generous for real code (5 MB/s is 0.2 ms per KB). */
export function timeBudgetMs(text: string): number {
  return 2000 + Math.ceil(text.length / 1024);
}

function passes(prefilter: RegExp | undefined, text: string): boolean {
  if (!prefilter) return true;
  prefilter.lastIndex = 0;
  return prefilter.test(text);
}

function effectiveSeverity(rule: RuleDefinition, settings: RuleSettings): Severity {
  const configured = settings(rule.id);
  return configured && configured !== 'off' ? configured : rule.severity;
}

function fillMessage(message: string, match: RuleMatch): string {
  return message.replace(/\{([\w.-]+)\}/g, (whole, name: string) => {
    const node = match.capture(name);
    if (!node) return whole;
    const firstLine = node.text.split('\n', 1)[0] ?? '';
    return firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine;
  });
}

function insideError(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    if (current.type === 'ERROR' || current.isMissing) return true;
  }
  return false;
}

function countSyntaxErrors(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.walk();
  try {
    let descending = true;
    for (;;) {
      const node = cursor.currentNode;
      if (descending && (node.type === 'ERROR' || node.isMissing)) count++;
      if (descending && node.hasError && node.type !== 'ERROR' && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) {
        descending = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descending = false;
    }
  } finally {
    cursor.delete();
  }
  return count;
}

/** Offsets to zero-based lines and UTF-16 columns, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - (this.starts[low] ?? 0) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }
}

/** Fingerprint = rule + the flagged line's trimmed text + rank among identical pairs: survives line shifts. */
function withFingerprints(findings: readonly Finding[], lines: LineIndex): Finding[] {
  const ranks = new Map<string, number>();
  return findings.map((finding) => {
    const content = lines.lineText(finding.range.start.line).trim();
    const key = `${finding.ruleId}\u0000${content}`;
    const rank = ranks.get(key) ?? 0;
    ranks.set(key, rank + 1);
    return { ...finding, fingerprint: hash53(`${key}\u0000${rank}`) };
  });
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

