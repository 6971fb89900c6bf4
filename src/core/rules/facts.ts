import { Query, type Language, type Tree } from 'web-tree-sitter';
import type { LanguageId } from './languages';
import type { BatchFacts } from './rule';

const GO_ERROR_FUNCTIONS = `
(function_declaration name: (identifier) @name result: (_) @result)
(method_declaration name: (field_identifier) @name result: (_) @result)
`;

/** Facts that span the files of a batch; today only Go needs them (a package is a directory). */
export class FactsCollector {
  private goQuery: Query | undefined;

  collect(language: LanguageId, grammar: Language, trees: readonly Tree[]): BatchFacts {
    if (language !== 'go') return {};
    this.goQuery ??= new Query(grammar, GO_ERROR_FUNCTIONS);
    const names = new Set<string>();
    for (const tree of trees) {
      // Declarations sit at the top level: the cursor need not walk function bodies.
      for (const match of this.goQuery.matches(tree.rootNode, { maxStartDepth: 1 })) {
        const name = match.captures.find((c) => c.name === 'name')?.node.text;
        const result = match.captures.find((c) => c.name === 'result')?.node;
        if (name && result && returnsError(result.text)) names.add(name);
      }
    }
    return { goErrorFunctions: names };
  }

  delete(): void {
    this.goQuery?.delete();
    this.goQuery = undefined;
  }
}

/** `error`, `(T, error)`, `(n int, err error)`: the last result is an error. */
function returnsError(result: string): boolean {
  return /(^|[\s,(])error\s*\)?$/.test(result.trim());
}
