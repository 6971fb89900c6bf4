import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from './languages';

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'error-handling',
  'security',
  'privacy',
  'logging',
  'resource',
  'performance',
  'correctness',
  'configuration',
  'suppression',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Parts of a code base where some rules stay quiet (a test may unwrap, a `main` may panic). */
export type CodeRole = 'test' | 'bench' | 'example' | 'main';

/** How an editor should render a finding besides its severity. */
export type FindingTag = 'unnecessary' | 'deprecated';

/** A replacement of `[start, end)` (UTF-16 offsets into the file text) by `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  /** Safe fixes keep behaviour and are applied by `omni check --fix`; others are offered in the editor only. */
  readonly safe: boolean;
  readonly edits: readonly TextEdit[];
}

/** Facts gathered across the files of one batch (a Go package), for rules that need more than one file. */
export interface BatchFacts {
  /** Go: names of functions and methods declared in the package whose last result is `error`. */
  readonly goErrorFunctions?: ReadonlySet<string>;
}

/** What a rule's predicate and fix see about the file under analysis. */
export interface FileContext {
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
  readonly tree: Tree;
  readonly facts: BatchFacts;
  /** Roles of the whole file, from its path (`tests/`, `_test.go`, `*.spec.ts`...). */
  readonly fileRoles: ReadonlySet<CodeRole>;
  /** Roles at a node: the file's plus enclosing ones (`#[cfg(test)]` modules, `fn main`...). */
  rolesAt(node: Node): ReadonlySet<CodeRole>;
}

export interface RuleMatch {
  /** The node captured as `@match`: where the finding is reported. */
  readonly node: Node;
  readonly file: FileContext;
  /** First node captured under `name`, if any. */
  capture(name: string): Node | undefined;
  /** Every node captured under `name` (quantified captures). */
  captures(name: string): readonly Node[];
}

export interface RelatedLocation {
  readonly node: Node;
  readonly message: string;
}

/** What a predicate may say besides yes or no. */
export interface PredicateVerdict {
  /** Replaces the rule's message for this finding. */
  readonly message?: string;
  /** Reports on this node instead of `@match`. */
  readonly node?: Node;
  readonly related?: readonly RelatedLocation[];
}

export type PredicateResult = boolean | PredicateVerdict;

export interface RuleExample {
  readonly language: LanguageId;
  /** `bad` must produce at least one finding of the rule, `good` none. */
  readonly kind: 'bad' | 'good';
  readonly code: string;
  /** Path the example pretends to live at (defaults to `example.<ext>`), to exercise path roles. */
  readonly path?: string;
  /** For a bad example: the text after the rule's fix is applied. */
  readonly fixed?: string;
}

/**
 * A rule is data: metadata, one tree-sitter query per language (kept in `.scm` files), and, only
 * where a query cannot say it, a small predicate and a fix.
 */
export interface RuleDefinition {
  /** `<family>/<name>`: `py/bare-except`, `js/empty-catch`, `go/ignored-error`, `rs/unwrap-used`, `sec/...`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly cwe?: number;
  /** Shown on the finding; `{capture}` is replaced by the first line of that capture's text. */
  readonly message: string;
  /** Why the rule exists and, where it differs from its equivalents on purpose, how. */
  readonly rationale: string;
  /** Query text per language; each pattern captures the reported node as `@match`. */
  readonly queries: Partial<Record<LanguageId, string>>;
  /** Cheap test on the whole file text: when it fails, the rule's patterns are left out of that file's query. */
  readonly prefilter?: RegExp;
  /**
   * Where the rule can match: the node where any of its patterns starts contains a match of this
   * expression (`except`, `unwrap`, `console`). The engine then runs the rule's own query only at the
   * ancestors of the expression's matches instead of walking the whole tree, which costs little when
   * the words are rare. Per language where the words differ. A wrong anchor loses findings: the rule
   * tests compare anchored and whole-tree findings. A named group `hit` that ends the match narrows the
   * hit to that group: what comes before it is context, which scans faster than a lookbehind.
   */
  readonly anchor?: RegExp | Partial<Record<LanguageId, RegExp>>;
  /**
   * The anchor's hit is where a match's root node starts (a statement's first token): the engine takes
   * the smallest node of a root type that starts there instead of every ancestor, which makes an anchor
   * worth it for rules whose roots are as common as statements.
   */
  readonly anchorAtStart?: boolean;
  readonly predicate?: (match: RuleMatch) => PredicateResult;
  readonly fix?: (match: RuleMatch) => Fix | undefined;
  /** Roles where the rule stays quiet. */
  readonly spare?: readonly CodeRole[];
  readonly tags?: readonly FindingTag[];
  /** The same check in tools users know: `ruff:E722`, `eslint:no-empty`, `clippy:unwrap_used`. */
  readonly equivalents: readonly string[];
  readonly examples: readonly RuleExample[];
}

export function ruleLanguages(rule: RuleDefinition): LanguageId[] {
  return Object.keys(rule.queries) as LanguageId[];
}

/** The rule's anchor for `language`, if it has one there. */
export function anchorFor(rule: RuleDefinition, language: LanguageId): RegExp | undefined {
  const anchor = rule.anchor;
  if (!anchor || anchor instanceof RegExp) return anchor;
  return anchor[language];
}
