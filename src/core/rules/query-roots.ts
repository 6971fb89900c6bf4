/**
 * The node types where a query's patterns start, read from the query source. An anchored rule runs
 * its query only at ancestors of the anchor's matches, and only those of these types need a look.
 */
export type PatternRoots = ReadonlySet<string> | 'any';

export class QueryShapeError extends Error {}

type Item = { kind: 'list' | 'alternation'; items: Item[] } | { kind: 'atom'; text: string } | { kind: 'string'; text: string };

/** Types of the root nodes of every pattern in `source`; `any` when a pattern starts with a wildcard. */
export function patternRoots(source: string): PatternRoots {
  const roots = new Set<string>();
  for (const item of parse(source)) {
    const found = rootsOf(item);
    if (found === 'any') return 'any';
    for (const type of found ?? []) roots.add(type);
  }
  return roots;
}

function rootsOf(item: Item): Set<string> | 'any' | undefined {
  if (item.kind === 'string') return new Set([item.text]);
  if (item.kind === 'atom') {
    if (item.text === '_') return 'any';
    return undefined; // captures, anchors, quantifiers, fields: not a node
  }
  if (item.kind === 'alternation') {
    const roots = new Set<string>();
    for (const alternative of item.items) {
      const found = rootsOf(alternative);
      if (found === 'any') return 'any';
      for (const type of found ?? []) roots.add(type);
    }
    return roots;
  }
  const [head] = item.items;
  if (!head) return undefined;
  if (head.kind === 'atom') {
    if (head.text.startsWith('#')) return undefined; // a predicate
    if (head.text === '_') return 'any';
    return new Set([head.text]);
  }
  if (head.kind === 'string') return new Set([head.text]);
  // A group `((node) (#pred? ...))`: exactly one node pattern, or it is a sibling sequence.
  const nodes = item.items.map(rootsOf).filter((found) => found !== undefined);
  if (nodes.length !== 1) throw new QueryShapeError('an anchored query cannot start with a sequence of sibling nodes');
  return nodes[0];
}

const ATOM_END = new Set([' ', '\t', '\n', '\r', '(', ')', '[', ']', '"', ';']);

function parse(source: string): Item[] {
  const stack: Item[][] = [[]];
  const kinds: ('list' | 'alternation')[] = [];
  let i = 0;
  const push = (item: Item): void => {
    stack[stack.length - 1]?.push(item);
  };
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === ';') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i++;
    } else if (char === '(' || char === '[') {
      stack.push([]);
      kinds.push(char === '(' ? 'list' : 'alternation');
      i++;
    } else if (char === ')' || char === ']') {
      const items = stack.pop();
      const kind = kinds.pop();
      if (!items || !kind || stack.length === 0) throw new QueryShapeError(`unbalanced '${char}' at offset ${i}`);
      push({ kind, items });
      i++;
    } else if (char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      push({ kind: 'string', text: source.slice(i + 1, j).replace(/\\(.)/g, '$1') });
      i = j + 1;
    } else {
      let j = i + 1;
      while (j < source.length && !ATOM_END.has(source[j] ?? '')) j++;
      push({ kind: 'atom', text: source.slice(i, j) });
      i = j;
    }
  }
  if (stack.length !== 1) throw new QueryShapeError('unbalanced parentheses');
  return stack[0] ?? [];
}
