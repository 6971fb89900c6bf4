import type { Node, Tree } from 'web-tree-sitter';
import { KeyedMemo } from '../../memo';
import { inOrder } from '../common/keyword-pairs';
import type { PredicateResult, RuleDefinition } from '../../rule';
import { enclosingFunction, isFString, isStringLiteral, literalText, someInScope, stringParts, TOKEN_GAP, unwrapParens as unwrap } from './syntax';
import query from './sql-string-format.scm';

/** A query whose text comes from formatting: the SQL written around, and the values spliced in. */
interface DynamicQuery {
  readonly sql: string;
  readonly values: readonly Node[];
}

function fStringValues(node: Node): Node[] {
  return stringParts(node)
    .filter(isFString)
    .flatMap((part) => part.namedChildren.filter((child) => child.type === 'interpolation'))
    .flatMap((interpolation) => interpolation.childForFieldName('expression') ?? []);
}

/** The operands of a chain of `+`, down its left spine without recursion: a generated chain can be thousands long. */
function sumOperands(node: Node): Node[] {
  const rights: Node[] = [];
  let current = node;
  while (current.type === 'binary_operator' && current.childForFieldName('operator')?.text === '+') {
    const right = current.childForFieldName('right');
    if (right) rights.push(right);
    const left = current.childForFieldName('left');
    if (!left) return rights.reverse();
    current = left;
  }
  return [current, ...rights.reverse()];
}

// `%d`, `%5.2f`, `%x`...: the value must be a number, which cannot carry SQL.
const PERCENT_DIRECTIVE = /%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** The values of `template % right` that a text directive (`%s`, `%r`) splices in; numeric ones are dropped. */
function percentValues(template: string | undefined, right: Node): Node[] {
  if (right.type === 'dictionary') return right.namedChildren.flatMap((pair) => (pair.type === 'pair' ? pair.childForFieldName('value') ?? [] : []));
  const values = right.type === 'tuple' ? right.namedChildren.filter((child) => child.type !== 'comment') : [right];
  if (template === undefined) return values;
  const conversions = [...template.matchAll(PERCENT_DIRECTIVE)].map((found) => found[1]).filter((conversion) => conversion !== '%');
  if (conversions.length !== values.length) return values;
  return values.filter((_, index) => !/^[diouxXeEfFgGc]$/.test(conversions[index] ?? ''));
}

/** How `node` builds a query string, or undefined when it is a constant or not a string at all. */
function dynamicQuery(wrapped: Node): DynamicQuery | undefined {
  const node = unwrap(wrapped);
  if (isStringLiteral(node)) {
    const values = fStringValues(node);
    return values.length ? { sql: literalText(node), values } : undefined;
  }
  if (node.type === 'binary_operator') {
    const operator = node.childForFieldName('operator')?.text;
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    if (!leftNode || !rightNode) return undefined;
    const left = unwrap(leftNode);
    const right = unwrap(rightNode);
    if (operator === '%') {
      if (!isStringLiteral(left) && left.type !== 'identifier') return undefined;
      const template = isStringLiteral(left) ? literalText(left) : undefined;
      return { sql: template ?? '', values: percentValues(template, right) };
    }
    if (operator === '+') {
      const operands = sumOperands(node).map(unwrap);
      const literals = operands.filter((operand) => isStringLiteral(operand));
      if (literals.length === 0) return undefined;
      const values = operands.flatMap((operand) => (isStringLiteral(operand) ? fStringValues(operand) : [operand]));
      return values.length ? { sql: literals.map(literalText).join(' '), values } : undefined;
    }
    return undefined;
  }
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    const template = callee?.childForFieldName('object');
    if (callee?.childForFieldName('attribute')?.text !== 'format' || !template || !isStringLiteral(unwrap(template))) return undefined;
    const args = node.childForFieldName('arguments');
    const values = args ? args.namedChildren.filter((arg) => arg.type !== 'comment').map((arg) => (arg.type === 'keyword_argument' ? arg.childForFieldName('value') ?? arg : arg)) : [];
    return values.length ? { sql: literalText(unwrap(template)), values } : undefined;
  }
  return undefined;
}

// A literal holding only placeholders (`"?"`, `'%s'`, `", ?"`): building a parameter list, not splicing data.
const PLACEHOLDER_LITERAL = /^[rRuU]?(['"])[\s,()]*(?:\?|%s|%\(\w+\)s|:\w+)[\s,()?]*\1$/;
const CONSTANT_NAME = /^(?:[\w.]*\.)?[A-Z][A-Z0-9_]*$/;
/** Calls that quote or convert what they return: `quote_name(table)`, `int(limit)`, `len(ids)`. */
const SAFE_CALLS = /(?:^|\.)(?:\w*quote\w*|\w*escape\w*|int|float|len|bool)$/i;

function isHarmlessExpression(wrapped: Node): boolean {
  const value = unwrap(wrapped);
  if (value.type === 'call' && SAFE_CALLS.test(value.childForFieldName('function')?.text ?? '')) return true;
  if (value.type === 'integer' || value.type === 'float' || value.type === 'true' || value.type === 'false' || value.type === 'none') return true;
  if ((value.type === 'identifier' || value.type === 'attribute') && CONSTANT_NAME.test(value.text)) return true;
  if (value.type === 'string' && !isFString(value)) return true;
  return someInScope(value, (node) => node.type === 'string' && PLACEHOLDER_LITERAL.test(node.text));
}

/** A value that cannot carry user data into the query text: a number, a constant, a placeholder list. */
function isHarmless(value: Node, fn: Node | undefined): boolean {
  if (isHarmlessExpression(value)) return true;
  if (value.type !== 'identifier') return false;
  // `marks = ",".join("?" * len(ids))` earlier in the function.
  const assigned = assignmentsBefore(value, value.text, fn).map((assignment) => assignment.childForFieldName('right'));
  return assigned.length > 0 && assigned.every((right) => !!right && isHarmlessExpression(right));
}

const SQL_WORDS = /\b(?:select|insert|update|delete|replace|create|drop|alter|truncate|pragma|from|where|into|values|set|join|table|order\s+by|group\s+by|limit|having|union|vacuum|attach|grant|revoke)\b/i;
// `text()` and `raw()` are common method names: ask for a statement, not a word.
const SQL_STATEMENT = /\b(?:insert\s+into\b|delete\s+from\b|(?:create|drop|alter|truncate)\s+(?:temp\w*\s+)?(?:table|index|view|database|schema)\b)/i;
/** `select ... from` and `update ... set`, any distance apart (see `inOrder`). */
const KEYWORD_PAIRS = [
  [/\bselect\s/i, /\bfrom\b/gi],
  [/\bupdate\s/i, /\bset\b/gi],
] as const;

function looksLikeSql(sql: string, sink: string): boolean {
  if (sink !== 'text' && sink !== 'raw' && sink !== 'DDL') return SQL_WORDS.test(sql) || sql === '';
  return SQL_STATEMENT.test(sql) || KEYWORD_PAIRS.some(([first, then]) => inOrder(sql, first, then));
}

/** Per tree, per scope (a function body or the module), its assignments by name in document order. */
const assignmentIndex = new KeyedMemo<Tree, number, ReadonlyMap<string, readonly Node[]>>();

/**
 * The assignments of a scope, found in one walk and kept: a function that runs many queries asks for
 * each variable, and walking the function again for each one made a generated function quadratic.
 */
function assignmentsIn(scope: Node, moduleLevel: boolean): ReadonlyMap<string, readonly Node[]> {
  return assignmentIndex.get(scope.tree, scope.id, () => {
    const found = new Map<string, Node[]>();
    const add = (node: Node): boolean => {
      if (node.type === 'assignment' || node.type === 'augmented_assignment') {
        const name = node.childForFieldName('left')?.text;
        const list = name === undefined ? undefined : found.get(name);
        if (list) list.push(node);
        else if (name !== undefined) found.set(name, [node]);
      }
      return false;
    };
    if (moduleLevel) {
      for (const statement of scope.namedChildren) if (statement?.type === 'expression_statement' && statement.firstNamedChild) add(statement.firstNamedChild);
    } else someInScope(scope, add);
    return found;
  });
}

/**
 * Assignments to `name` before `use` in `fn`, the function around it (or at module level when there
 * is none). Callers find `fn` once from the call: a value deep in a generated `a + b + ...` chain is
 * thousands of levels down, and every step up from it is a walk down from the root in tree-sitter.
 */
function assignmentsBefore(use: Node, name: string, fn: Node | undefined): Node[] {
  const body = fn?.childForFieldName('body');
  return (assignmentsIn(body ?? use.tree.rootNode, !body).get(name) ?? []).filter((node) => node.startIndex < use.startIndex);
}

export const sqlStringFormat: RuleDefinition = {
  id: 'py/sql-string-format',
  title: 'SQL built by string formatting',
  severity: 'error',
  category: 'security',
  cwe: 89,
  message: 'SQL built by string formatting is open to injection: pass the values as query parameters (`execute("... WHERE id = ?", (id,))`)',
  rationale:
    'Splicing values into SQL text lets a value change the statement (`\' OR 1=1 --`); drivers escape parameters ' +
    'correctly (`cursor.execute("SELECT * FROM t WHERE id = %s", (id,))`, `?` for sqlite3, `:name` for ' +
    'SQLAlchemy `text()`). Reported where a query built with an f-string, `%`, `.format` or `+` reaches ' +
    '`execute`, `executemany`, `executescript`, `exec_driver_sql`, `read_sql(_query)`, Django `raw` or SQLAlchemy ' +
    '`text`/`DDL`, directly or through a variable assigned in the same function and passed to a driver method ' +
    '(`cursor.execute(sql)`, `conn.execute(text(sql))`; the finding points at the assignment too). Not reported: constant strings, parameterised queries, values that cannot carry data (numbers, ' +
    'UPPER_CASE constants such as table names, `%d` directives, quoting calls such as `quote_name(table)`, a list of ' +
    'placeholders built with `",".join("?" * n)`). Ruff S608 ' +
    'and bandit B608 instead look at every formatted string that reads like SQL wherever it is used, so they also ' +
    'report SQL strings never executed here and miss statements their regex does not know (`DROP TABLE {t}`); ' +
    'this rule follows the data to the driver call instead.',
  queries: { python: query },
  // The sink's name then its argument list: `text` and `raw` alone are common words.
  anchor: new RegExp(String.raw`\b(?:execute|executemany|executescript|exec_driver_sql|raw|text|DDL|read_sql|read_sql_query)${TOKEN_GAP}\(`),
  predicate: (match): PredicateResult => {
    let sink = match.capture('sink')?.text ?? '';
    let node = match.node;
    if (node.type === 'call' && !dynamicQuery(node)) {
      // `execute(text(sql))`: the wrapper is the sink that sees the text.
      const wrapper = node.childForFieldName('function');
      const inner = node.childForFieldName('arguments')?.firstNamedChild;
      sink = (wrapper?.type === 'attribute' ? wrapper.childForFieldName('attribute') : wrapper)?.text ?? '';
      if (!inner || inner.type !== 'identifier' || (sink !== 'text' && sink !== 'DDL')) return false;
      node = inner;
    }
    const fn = enclosingFunction(node);
    if (node.type !== 'identifier') {
      const built = dynamicQuery(node);
      return !!built && built.values.some((value) => !isHarmless(value, fn)) && looksLikeSql(built.sql, sink);
    }
    const assignments = assignmentsBefore(node, node.text, fn);
    const sources = assignments.filter((assignment) => {
      const right = assignment.childForFieldName('right');
      const built = right ? dynamicQuery(right) : undefined;
      return !!built && built.values.some((value) => !isHarmless(value, fn));
    });
    if (sources.length === 0) return false;
    const sql = assignments
      .map((assignment) => assignment.childForFieldName('right'))
      .map((right) => (right ? dynamicQuery(right)?.sql ?? (isStringLiteral(right) ? literalText(right) : '') : ''))
      .join(' ');
    if (!looksLikeSql(sql, sink)) return false;
    const name = node.text;
    return { node, related: sources.map((source) => ({ node: source, message: `\`${name}\` is built by string formatting here` })) };
  },
  equivalents: ['ruff:S608', 'bandit:B608'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'def find_user(db, email):\n    return db.execute(f"SELECT id, name FROM users WHERE email = \'{email}\'").fetchone()\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code:
        'def search(cursor, term, order):\n    sql = "SELECT id FROM items WHERE name LIKE \'%%%s%%\'" % term\n    sql += " ORDER BY " + order\n' +
        '    cursor.execute(sql)\n',
    },
    {
      language: 'python',
      kind: 'good',
      code:
        'def find_user(db, email):\n    return db.execute("SELECT id, name FROM users WHERE email = ?", (email,)).fetchone()\n\n' +
        'def find_many(db, ids):\n    marks = ",".join("?" * len(ids))\n    return db.execute(f"SELECT id FROM users WHERE id IN ({marks})", ids)\n',
    },
  ],
};
