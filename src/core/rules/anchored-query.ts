import type { Language, Node, QueryMatch, Tree } from 'web-tree-sitter';
import { CompiledQuery, type QueryCompileError } from './compiled-query';
import type { LanguageId } from './languages';
import { patternRoots } from './query-roots';
import { anchorFor, type RuleDefinition } from './rule';

interface Anchor {
  readonly rule: RuleDefinition;
  readonly pattern: RegExp;
}

/**
 * The anchored rules of one language, joined into one query (tree-sitter analyses the patterns of
 * one query together, which compiles faster than a query per rule). Instead of walking the whole
 * tree, it finds each rule's anchor in the text, walks up from the smallest node around each hit,
 * and runs the query at the ancestors whose type can start a pattern, with `maxStartDepth: 0` so
 * the cursor looks at that node only. Ancestors are visited once, whichever rule reached them, so
 * the rules that share words (the catch rules) share the walk and every match is found once.
 */
export class AnchoredQueries {
  private constructor(
    private readonly compiled: CompiledQuery,
    private readonly anchors: readonly Anchor[],
    /** Node types where a pattern can start; undefined when one starts with a wildcard. */
    private readonly roots: ReadonlySet<string> | undefined,
    readonly errors: readonly QueryCompileError[],
  ) {}

  static compile(grammar: Language, language: LanguageId, rules: readonly RuleDefinition[]): AnchoredQueries {
    const errors: QueryCompileError[] = [];
    const usable: RuleDefinition[] = [];
    const roots = new Set<string>();
    let anyRoot = false;
    const anchors: Anchor[] = [];
    for (const rule of rules) {
      const anchor = anchorFor(rule, language);
      const source = rule.queries[language];
      if (!anchor || source === undefined) continue;
      try {
        const found = patternRoots(source);
        if (found === 'any') anyRoot = true;
        else for (const type of found) roots.add(type);
      } catch (error) {
        errors.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      usable.push(rule);
      const flags = anchor.flags.includes('g') ? anchor.flags : `${anchor.flags}g`;
      anchors.push({ rule, pattern: new RegExp(anchor.source, flags) });
    }
    const compiled = CompiledQuery.compile(grammar, language, usable);
    return new AnchoredQueries(compiled, anchors, anyRoot ? undefined : roots, [...errors, ...compiled.errors]);
  }

  /** Matches of the rules `runs` accepts (their prefilter passed), found from their anchors. */
  matches(tree: Tree, text: string, runs: (rule: RuleDefinition) => boolean, expired: () => boolean): { rule: RuleDefinition; match: QueryMatch }[] {
    const visited = new Set<number>();
    const starts: Node[] = [];
    const root = tree.rootNode;
    for (const { rule, pattern } of this.anchors) {
      if (!runs(rule)) continue;
      pattern.lastIndex = 0;
      for (const found of text.matchAll(pattern)) {
        const start = found.index;
        for (let node: Node | null = root.descendantForIndex(start, start + Math.max(1, found[0].length)); node; node = node.parent) {
          if (visited.has(node.id)) break;
          visited.add(node.id);
          if (!this.roots || this.roots.has(node.type)) starts.push(node);
        }
        if (expired()) break;
      }
    }
    const out: { rule: RuleDefinition; match: QueryMatch }[] = [];
    for (const node of starts) {
      for (const match of this.compiled.query.matches(node, { maxStartDepth: 0, progressCallback: expired })) {
        const rule = this.compiled.ruleFor(match.patternIndex);
        if (rule && runs(rule)) out.push({ rule, match });
      }
      if (expired()) break;
    }
    return out;
  }

  delete(): void {
    this.compiled.delete();
  }
}
