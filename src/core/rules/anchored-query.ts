import type { Language, Node, Tree } from 'web-tree-sitter';
import { CompiledQuery, type QueryCompileError } from './compiled-query';
import { LANGUAGES, type LanguageId } from './languages';
import type { Candidate } from './lint-pass';
import { patternRoots } from './query-roots';
import { anchorFor, type RuleDefinition } from './rule';

interface Anchor {
  readonly rule: RuleDefinition;
  readonly pattern: RegExp;
  /** Node types where the rule's patterns start; undefined when one starts with a wildcard. */
  readonly roots: ReadonlySet<string> | undefined;
  /** The hit marks where a root starts (`RuleDefinition.anchorAtStart`). */
  readonly atStart: boolean;
}

/** How much text around a span an anchor may look at for its context (anchors read a few words, at most a line or two). */
const ANCHOR_CONTEXT = 256;

/** The part of an anchor's match that the walk starts from: its `hit` group, which ends the match, or all of it. */
function hitOf(found: RegExpExecArray): readonly [number, number] {
  const end = found.index + found[0].length;
  const group = found.groups?.['hit'];
  return [group === undefined ? found.index : end - group.length, end];
}

/** A node met on the way up, with what the walk needs of it read once (each read calls into WASM). */
interface Visited {
  readonly node: Node;
  readonly type: string;
  readonly parent: Node | null;
}

/**
 * The anchored rules of one language, joined into one query (tree-sitter analyses the patterns of
 * one query together, which compiles faster than a query per rule). Instead of walking the whole
 * tree, it finds each rule's anchor in the text, walks up from the smallest node around each hit,
 * and runs the query at the ancestors whose type can start one of that rule's patterns, with
 * `maxStartDepth: 0` so the cursor looks at that node only. Each node's type and parent are read
 * from WASM once per file, whichever rule reached it first, and each node is queried once, so the
 * rules that share words (the catch rules) share the work and every match is found once. A rule
 * anchored at the start of its matches (`anchorAtStart`) climbs only while the nodes start at the
 * hit and stops at the first of a root type: one or two steps for a Go statement, where the walk to
 * the root and back would cost more than the whole-tree query.
 */
export class AnchoredQueries {
  private constructor(
    private readonly compiled: CompiledQuery,
    private readonly anchors: readonly Anchor[],
    /** Comment node types: a hit inside a comment starts no pattern (URLs, prose, commented-out code). */
    private readonly comments: ReadonlySet<string>,
    readonly errors: readonly QueryCompileError[],
  ) {}

  static compile(grammar: Language, language: LanguageId, rules: readonly RuleDefinition[]): AnchoredQueries {
    const errors: QueryCompileError[] = [];
    const usable: RuleDefinition[] = [];
    const anchors: Anchor[] = [];
    for (const rule of rules) {
      const anchor = anchorFor(rule, language);
      const source = rule.queries[language];
      if (!anchor || source === undefined) continue;
      let roots: ReadonlySet<string> | 'any';
      try {
        roots = patternRoots(source);
      } catch (error) {
        errors.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const atStart = rule.anchorAtStart === true;
      if (atStart && roots === 'any') {
        errors.push({ ruleId: rule.id, message: 'an anchor at the start of a match needs patterns that start with a node type, not a wildcard' });
        continue;
      }
      usable.push(rule);
      const flags = anchor.flags.includes('g') ? anchor.flags : `${anchor.flags}g`;
      anchors.push({ rule, pattern: new RegExp(anchor.source, flags), roots: roots === 'any' ? undefined : roots, atStart });
    }
    const compiled = CompiledQuery.compile(grammar, language, usable);
    return new AnchoredQueries(compiled, anchors, new Set(LANGUAGES[language].commentTypes), [...errors, ...compiled.errors]);
  }

  /** Whether a pattern of some rule can start at a node of this type. */
  canStartAt(type: string): boolean {
    return this.anchors.some(({ roots }) => !roots || roots.has(type));
  }

  /**
   * Matches of the rules `runs` accepts (their prefilter passed), found from their anchors. With
   * `within`, only the matches rooted inside that span (the incremental linter's changed region):
   * the anchors are looked for in its text only, and the walk up stops at its edge.
   */
  matches(tree: Tree, text: string, runs: (rule: RuleDefinition) => boolean, expired: () => boolean, within?: { readonly start: number; readonly end: number }): Candidate[] {
    const visited = new Map<number, Visited>();
    const visit = (node: Node): Visited => {
      let seen = visited.get(node.id);
      if (!seen) {
        seen = { node, type: node.type, parent: node.parent };
        visited.set(node.id, seen);
      }
      return seen;
    };
    const starts = new Map<number, Node>();
    const root = tree.rootNode;
    for (const { rule, pattern, roots, atStart } of this.anchors) {
      if (!runs(rule)) continue;
      // Within a span, the anchor looks at its text and a margin on each side for context (a
      // search from an offset of the whole text would run on to the end when nothing matches).
      const base = within ? Math.max(0, within.start - ANCHOR_CONTEXT) : 0;
      const searched = within ? text.slice(base, within.end + ANCHOR_CONTEXT) : text;
      pattern.lastIndex = 0;
      for (let found = pattern.exec(searched); found; found = pattern.exec(searched)) {
        if (found[0].length === 0) pattern.lastIndex++;
        const [hitStart, hitEnd] = hitOf(found);
        const start = base + hitStart;
        const end = base + hitEnd;
        if (within && start >= within.end) break;
        if (within && start < within.start) continue;
        const smallest = root.descendantForIndex(start, Math.max(start + 1, end));
        if (!smallest) continue;
        if (atStart && roots) {
          // Nothing above a node that starts before the hit can start at it.
          for (let node: Node | null = smallest; node && node.startIndex === start; node = node.parent) {
            if (within && node.endIndex > within.end) break;
            if (roots.has(node.type)) {
              starts.set(node.id, node);
              break;
            }
          }
        } else {
          const hit = visit(smallest);
          if (roots && this.comments.has(hit.type) && !roots.has(hit.type)) continue;
          for (let seen: Visited | undefined = hit; seen; seen = seen.parent ? visit(seen.parent) : undefined) {
            if (within && (seen.node.startIndex < within.start || seen.node.endIndex > within.end)) break;
            if (!roots || roots.has(seen.type)) starts.set(seen.node.id, seen.node);
          }
        }
        if (expired()) break;
      }
    }
    return this.matchesAt(starts.values(), runs, expired);
  }

  /** Matches rooted at `nodes` themselves, of the rules `runs` accepts. */
  matchesAt(nodes: Iterable<Node>, runs: (rule: RuleDefinition) => boolean, expired: () => boolean): Candidate[] {
    const out: Candidate[] = [];
    for (const node of nodes) {
      for (const match of this.compiled.query.matches(node, { maxStartDepth: 0, progressCallback: expired })) {
        const rule = this.compiled.ruleOf(match);
        if (rule && runs(rule)) out.push({ rule, match, root: node });
      }
      if (expired()) break;
    }
    return out;
  }

  delete(): void {
    this.compiled.delete();
  }
}
