import type { Language, Node, QueryMatch, Tree } from 'web-tree-sitter';
import { CompiledQuery, type QueryCompileError } from './compiled-query';
import type { LanguageId } from './languages';
import { patternRoots, type PatternRoots } from './query-roots';
import { anchorFor, type RuleDefinition } from './rule';

/**
 * One anchored rule's query for one language. Instead of walking the whole tree, it finds the
 * anchor's matches in the text and runs the query at their ancestors whose type can start a
 * pattern, each with `maxStartDepth: 0` so the cursor looks at that node's patterns only.
 * Ancestors shared by several anchors are visited once, which also keeps matches unique.
 */
export class AnchoredQuery {
  private constructor(
    readonly rule: RuleDefinition,
    private readonly compiled: CompiledQuery,
    private readonly roots: PatternRoots,
    private readonly anchor: RegExp,
  ) {}

  static compile(grammar: Language, language: LanguageId, rule: RuleDefinition): AnchoredQuery | undefined {
    const anchor = anchorFor(rule, language);
    const source = rule.queries[language];
    if (!anchor || source === undefined) return undefined;
    const compiled = CompiledQuery.compile(grammar, language, [rule]);
    let roots: PatternRoots;
    try {
      roots = patternRoots(source);
    } catch (error) {
      compiled.delete();
      throw new Error(`rule ${rule.id} (${language}): ${error instanceof Error ? error.message : String(error)}`);
    }
    const flags = anchor.flags.includes('g') ? anchor.flags : `${anchor.flags}g`;
    return new AnchoredQuery(rule, compiled, roots, new RegExp(anchor.source, flags));
  }

  get errors(): readonly QueryCompileError[] {
    return this.compiled.errors;
  }

  matches(tree: Tree, text: string, expired: () => boolean): QueryMatch[] {
    const out: QueryMatch[] = [];
    const visited = new Set<number>();
    const root = tree.rootNode;
    this.anchor.lastIndex = 0;
    for (const found of text.matchAll(this.anchor)) {
      const start = found.index;
      const end = start + Math.max(1, found[0].length);
      let node: Node | null = root.descendantForIndex(start, end);
      for (; node; node = node.parent) {
        if (visited.has(node.id)) break;
        visited.add(node.id);
        if (this.roots === 'any' || this.roots.has(node.type)) {
          out.push(...this.compiled.query.matches(node, { maxStartDepth: 0, progressCallback: expired }));
        }
      }
      if (expired()) break;
    }
    return out;
  }

  delete(): void {
    this.compiled.delete();
  }
}
