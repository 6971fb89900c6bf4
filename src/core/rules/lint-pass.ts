import type { Node, QueryMatch, Tree } from 'web-tree-sitter';
import type { FileNotice, FileResult, Finding } from './finding';
import { hash53 } from './fingerprint';
import { LineIndex } from './line-index';
import type { LanguageId } from './languages';
import { SUPPRESSION_MISSING_REASON, UNUSED_SUPPRESSION } from './pack/meta';
import { EnclosingRoles, rolesForPath } from './roles';
import type { BatchFacts, FileContext, PredicateVerdict, RuleDefinition, RuleMatch, Severity, TextEdit } from './rule';
import { findSuppressions, type SuppressionDirective } from './suppressions';
import type { RuleSettings } from './engine';

/** A query match waiting for its rule's predicate; `root` is the node it matched at, when known. */
export interface Candidate {
  readonly rule: RuleDefinition;
  readonly match: QueryMatch;
  readonly root?: Node;
}

/**
 * A finding before suppressions and fingerprints, with the offsets the incremental linter needs to
 * keep it across edits elsewhere: where its match was rooted and where its related locations are.
 */
export interface RawFinding {
  readonly finding: Finding;
  /** Offsets of the node the match was rooted at; undefined when the query does not tell. */
  readonly root: readonly [number, number] | undefined;
  readonly related: readonly (readonly [number, number])[];
}

/** Time allowed to parse or query one file: generous for real code (5 MB/s is 0.2 ms per KB). */
export function timeBudgetMs(text: string): number {
  return 2000 + Math.ceil(text.length / 1024);
}

/**
 * One lint of one file: predicates, fixes and messages for the candidates, then suppressions,
 * order and fingerprints. A full lint evaluates every candidate; the incremental linter evaluates
 * those of the changed region and brings the rest from the previous pass.
 */
export class LintPass {
  readonly context: FileContext;
  readonly lines: LineIndex;
  readonly notices: FileNotice[];
  /** The root when the tree has errors, for `insideError`. */
  private readonly errorRoot: Node | undefined;

  constructor(
    private readonly rules: ReadonlyMap<string, RuleDefinition>,
    file: { readonly path: string; readonly language: LanguageId; readonly text: string; readonly tree: Tree },
    facts: BatchFacts,
    private readonly settings: RuleSettings,
    notices: readonly FileNotice[],
    private readonly clock: () => number,
    lines?: LineIndex,
  ) {
    const { path, language, text, tree } = file;
    const fileRoles = rolesForPath(path, language);
    const enclosing = new EnclosingRoles(language, fileRoles);
    this.context = { path, language, text, tree, facts, fileRoles, rolesAt: (node: Node) => enclosing.at(node) };
    this.lines = lines ?? new LineIndex(text);
    this.notices = [...notices];
    this.errorRoot = tree.rootNode.hasError ? tree.rootNode : undefined;
  }

  /** Runs the rules' predicates on `candidates`; a crashing rule becomes a notice and its later candidates are skipped. */
  evaluate(candidates: readonly Candidate[]): RawFinding[] {
    const { path, text } = this.context;
    const crashed = new Set<string>();
    const raw: RawFinding[] = [];
    const seen = new Set<string>();
    // Predicates walk the tree from JS; on pathological input (an expression nested thousands deep,
    // where every step up is itself a walk down from the root) they get the same budget as the queries.
    const deadline = this.clock() + timeBudgetMs(text);
    for (const [index, { rule, match, root }] of candidates.entries()) {
      if (this.clock() > deadline) {
        this.notices.push({ kind: 'skipped', message: `rule checks stopped after ${timeBudgetMs(text)} ms with ${candidates.length - index} of ${candidates.length} candidates left; findings may be incomplete` });
        break;
      }
      if (crashed.has(rule.id)) continue;
      const node = match.captures.find((capture) => capture.name === 'match')?.node;
      if (!node) continue;
      try {
        const found = this.evaluateOne(rule, match, node, root);
        if (!found) continue;
        const key = `${rule.id}:${found.finding.startOffset}:${found.finding.endOffset}`;
        if (seen.has(key)) continue;
        seen.add(key);
        raw.push(found);
      } catch (error) {
        crashed.add(rule.id);
        this.notices.push({ kind: 'rule-crash', ruleId: rule.id, message: `rule ${rule.id} crashed on ${path}: ${describe(error)}` });
      }
    }
    return raw;
  }

  /** Suppressions, order, syntax errors and fingerprints: the file's result from its findings. */
  finish(findings: readonly Finding[], bytes: number): FileResult {
    const { path, language, text, tree } = this.context;
    const all = this.applySuppressions([...findings], findSuppressions(text, tree, language));
    all.sort((a, b) => a.startOffset - b.startOffset || a.ruleId.localeCompare(b.ruleId));
    const syntaxErrors = this.errorRoot ? countSyntaxErrors(tree) : 0;
    const notices = [...this.notices];
    if (syntaxErrors > 0) notices.push({ kind: 'syntax', message: `${syntaxErrors} syntax error(s); findings come from the parts that parse` });
    return { path, language, findings: withFingerprints(all, this.lines), notices, bytes, syntaxErrors };
  }

  private evaluateOne(rule: RuleDefinition, match: QueryMatch, node: Node, root: Node | undefined): RawFinding | undefined {
    const file = this.context;
    if (this.errorRoot && insideError(node, this.errorRoot)) return undefined;
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
    const related = (verdict.related ?? []).map((item) => [item.node.startIndex, item.node.endIndex] as const);
    const finding: Finding = {
      ruleId: rule.id,
      severity: effectiveSeverity(rule, this.settings),
      message: verdict.message ?? fillMessage(rule.message, ruleMatch),
      path: file.path,
      language: file.language,
      range: this.lines.range(target.startIndex, target.endIndex),
      startOffset: target.startIndex,
      endOffset: target.endIndex,
      ...(fix ? { fix } : {}),
      ...(rule.tags?.length ? { tags: rule.tags } : {}),
      ...(verdict.related?.length
        ? { related: verdict.related.map((item, index) => ({ range: this.lines.range(...(related[index] ?? [0, 0])), message: item.message })) }
        : {}),
      fingerprint: '',
    };
    return { finding, root: root ? [root.startIndex, root.endIndex] : undefined, related };
  }

  private applySuppressions(findings: Finding[], directives: readonly SuppressionDirective[]): Finding[] {
    if (directives.length === 0) return findings;
    const { settings } = this;
    const file = this.context;
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
      const range = this.lines.range(directive.start, directive.end);
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

/** Removes a comment that holds only the directive, with its line when nothing else is on it. */
function removalOfComment(text: string, directive: SuppressionDirective): TextEdit {
  const lineStart = text.lastIndexOf('\n', directive.commentStart - 1) + 1;
  const lineEndRaw = text.indexOf('\n', directive.commentEnd);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, directive.commentStart);
  const after = text.slice(directive.commentEnd, lineEnd);
  if (before.trim() === '' && after.trim() === '') return { start: lineStart, end: Math.min(text.length, lineEnd + 1), newText: '' };
  const trimmedStart = lineStart + before.trimEnd().length;
  return { start: trimmedStart, end: directive.commentEnd, newText: '' };
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

/**
 * Whether `node` is an ERROR node, a MISSING one or inside an ERROR node. Walked down from the root
 * along the node's ancestors: `parent` is itself a walk down from the root, so walking up costs the
 * square of the depth, and a subtree without errors ends the walk early.
 */
function insideError(node: Node, root: Node): boolean {
  for (let current: Node | null = root; current; current = current.childWithDescendant(node)) {
    if (current.type === 'ERROR' || current.isMissing) return true;
    if (!current.hasError || current.id === node.id) return false;
  }
  return false;
}

export function countSyntaxErrors(tree: Tree): number {
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

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
