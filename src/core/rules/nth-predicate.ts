import type { Node, QueryMatch, QueryPredicate } from 'web-tree-sitter';

/**
 * `(#nth? @capture N)`: the captured node is the N-th named child of its parent (from 0; -1 is the
 * last), comments not counted. Tree-sitter's `.` anchor counts comments as children, so
 * `(arguments . (string) @s)` misses `f(/* why *\/ "x")` and the prettier or black layout with a
 * comment line before the first argument; patterns say `(arguments (string) @s (#nth? @s 0))`.
 * A match without the capture (an alternative that does not hold it) passes.
 */
export interface NthCheck {
  readonly capture: string;
  readonly index: number;
}

export class UnknownPredicateError extends Error {}

/** The `#nth?` checks of one pattern; any other predicate web-tree-sitter does not know is refused. */
export function nthChecks(predicates: readonly QueryPredicate[]): NthCheck[] {
  const checks: NthCheck[] = [];
  for (const { operator, operands } of predicates) {
    const [capture, index] = operands;
    if (operator !== 'nth?') throw new UnknownPredicateError(`unknown predicate #${operator}`);
    if (operands.length !== 2 || capture?.type !== 'capture' || index?.type !== 'string' || !/^-?\d+$/.test(index.value)) {
      throw new UnknownPredicateError('#nth? takes a capture and a whole number: (#nth? @node 0)');
    }
    checks.push({ capture: capture.name, index: Number(index.value) });
  }
  return checks;
}

export function nthHolds(match: QueryMatch, checks: readonly NthCheck[], comments: ReadonlySet<string>): boolean {
  for (const { capture, index } of checks) {
    const node = match.captures.find((candidate) => candidate.name === capture)?.node;
    if (node && !isNth(node, index, comments)) return false;
  }
  return true;
}

function isNth(node: Node, index: number, comments: ReadonlySet<string>): boolean {
  // A wildcard `(_)` captures comments too; a comment is never the argument it stands beside.
  if (comments.has(node.type)) return false;
  const backwards = index >= 0;
  const wanted = backwards ? index : -index - 1;
  let count = 0;
  for (let sibling = step(node, backwards); sibling; sibling = step(sibling, backwards)) {
    if (comments.has(sibling.type)) continue;
    if (++count > wanted) return false;
  }
  return count === wanted;
}

function step(node: Node, backwards: boolean): Node | null {
  return backwards ? node.previousNamedSibling : node.nextNamedSibling;
}
