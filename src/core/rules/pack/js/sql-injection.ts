import type { Node } from 'web-tree-sitter';
import type { RuleDefinition } from '../../rule';
import query from './sql-injection.scm';
import { BLOCKS, FUNCTIONS } from './scope';
import { builtText, looksLikeSql, type BuiltText } from './sql-text';

/** Methods that take raw SQL by name: whatever the text says, splicing into it is the risk. */
const RAW_METHOD = /^(whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|andHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|queryRaw|executeRaw|\$\w+Unsafe)$/;
/** Raw-SQL names that other libraries use too (`html.raw`, hono's `raw()`): raw SQL only on a database-looking receiver. */
const GENERIC_RAW_METHOD = /^(raw|unsafe)$/;
/** Receivers of Knex's `raw`, postgres.js's `unsafe` and the like: the handle, the builder, the transaction. */
const SQL_RECEIVER = /^(knex|db|database|sql|trx|tx|transaction|pool|client|conn|connection|sequelize|pg|mysql|sqlite|builder|qb)$|(?:Db|DB|Knex|Sql|SQL|Pool|Client)$/;
/** Methods that say "query": text that starts like a statement is enough. Others need a whole statement. */
const QUERY_METHOD = /^(query(?!Selector)\w*|execute\w*|prepare|one|oneOrNone|many|manyOrNone|none|multi|multiResult)$/;

/** The value a declaration statement gives `name`: a node, `null` for `let name;`, `undefined` if it does not declare it. */
function declaredValue(statement: Node, name: string): Node | null | undefined {
  if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return undefined;
  for (const declarator of statement.namedChildren) {
    if (declarator?.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name) {
      return declarator.childForFieldName('value');
    }
  }
  return undefined;
}

/**
 * The pieces a variable is built from, looking back from its use through the statements before it
 * in each enclosing block of the same function: its initializer, then `name = ...` and
 * `name += ...` anywhere in those statements. Undefined when the declaration is not in sight
 * (a parameter, a module-level variable used inside a function).
 */
function assignedPieces(reference: Node): Node[] | undefined {
  const name = reference.text;
  const pieces: Node[] = [];
  for (let current: Node = reference, parent = reference.parent; parent; current = parent, parent = parent.parent) {
    if (BLOCKS.has(parent.type)) {
      for (let sibling = current.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
        const declared = declaredValue(sibling, name);
        if (declared !== undefined) {
          if (declared) pieces.unshift(declared);
          return pieces;
        }
        const assigned: Node[] = [];
        for (const assignment of sibling.descendantsOfType(['assignment_expression', 'augmented_assignment_expression'])) {
          const right = assignment.childForFieldName('right');
          if (assignment.childForFieldName('left')?.text !== name || !right) continue;
          const operator = assignment.childForFieldName('operator')?.type;
          if (assignment.type === 'assignment_expression' || operator === '+=') assigned.push(right);
        }
        pieces.unshift(...assigned);
      }
    }
    if (FUNCTIONS.has(parent.type)) return undefined;
  }
  return undefined;
}

function isStringBuilding(node: Node): boolean {
  if (node.type === 'string' || node.type === 'template_string' || node.type === 'parenthesized_expression') return true;
  return node.type === 'binary_expression' && node.childForFieldName('operator')?.type === '+';
}

function joinedText(pieces: readonly Node[]): BuiltText {
  let text = '';
  let tainted: Node | undefined;
  for (const piece of pieces) {
    const built = builtText(piece);
    text += `${built.text} `;
    tainted ??= built.tainted;
  }
  return { text, tainted };
}

/** Whether the method is called on something named like a SQL handle (`knex.raw`, `this.db.raw`). */
function onSqlReceiver(method: Node | undefined): boolean {
  const member = method?.parent;
  if (member?.type !== 'member_expression') return false;
  const object = member.childForFieldName('object');
  const name = object?.type === 'member_expression' ? object.childForFieldName('property')?.text : object?.type === 'identifier' ? object.text : undefined;
  return name !== undefined && SQL_RECEIVER.test(name);
}

export const sqlInjection: RuleDefinition = {
  id: 'js/sql-injection',
  title: 'SQL built from values',
  severity: 'warning',
  category: 'security',
  cwe: 89,
  message: 'SQL built by splicing values into the text reaches `{method}()`: pass them as parameters (`$1`, `?`) or use a `sql` tagged template',
  rationale:
    'A value spliced into SQL text with `${...}` or `+` is parsed as SQL: a quote in it ends the string and the rest ' +
    'runs as a statement. Parameters (`query("... WHERE id = $1", [id])`) and tagged templates (sql`... ${id}`, ' +
    "Prisma's `$queryRaw`) send the value apart from the text and are not flagged. The rule looks at the first " +
    'argument of database calls (`query`, `execute`, `prepare`, `raw` and Knex `*Raw`, Prisma `$queryRawUnsafe`, ' +
    'postgres.js `unsafe`, pg-promise `one`/`many`/`none`..., sqlite `run`/`all`/`get`/`exec`), inline or through a ' +
    'variable visibly built as text earlier in the same function (`let sql = ...; sql += ...`; the call then points ' +
    'back to the spliced value). It flags text that reads as SQL, in ' +
    'upper or lower case (for generic names like `get` a whole statement such as SELECT ... FROM; for raw-SQL ' +
    'methods any text; `raw` and `unsafe` count as raw-SQL methods on a receiver named like a database handle, ' +
    '`knex.raw`, `sql.unsafe`, `trx.raw`, and otherwise need text that opens like SQL: `html.raw(`<b>${x}</b>`)` ' +
    'is markup), with at least one spliced value that is not a literal, an UPPER_CASE constant, arithmetic, ' +
    'or a call to an escaping, quoting or numeric-cast helper (`escape`, `escapeId`, `quoteIdent`, `Number`). ' +
    'Equivalents: SonarJS S2077 (`sonarjs/sql-queries`) checks the same calls when it can resolve them to a known ' +
    "driver's import (pg, mysql, sequelize, sqlite3, knex, typeorm...), so it misses a handle passed in as a " +
    'parameter, while this rule goes by method name and SQL text, and it flags any non-literal concatenation even of ' +
    'constants. eslint-plugin-sql `no-unsafe-query` flags every SQL-looking template without the `sql` tag, whether or ' +
    'not it reaches a database. Identifiers (table and column names) cannot be parameters; validate them against a ' +
    'list or escape them (`escapeId`, `pg-format %I`), which this rule accepts.',
  queries: { javascript: query, typescript: query, tsx: query },
  // The words of a SQL statement, or a string that opens with a statement keyword common in prose
  // (`SET`, `SHOW`, `CALL`, `LOCK`...), which a query method's argument needs to read as SQL.
  prefilter:
    /select|insert|update|delete|create|drop|alter|truncate|where|raw|unsafe|pragma|[`'"][\s(]*(?:with|merge|replace|upsert|grant|revoke|set|show|vacuum|analyze|explain|lock|copy|call|declare|refresh|reindex|comment)\b/i,
  // Each pattern's call holds one of these: the `${` or `+` of an inline first argument, a method of
  // the second pattern (every `*Raw` ends in `Raw`, every `$*Unsafe` in `Unsafe`) or a receiver of
  // the third. Only text inside those tokens counts: what surrounds them is anything in code being
  // typed (`db.query(, sql)` still matches), and there even a digit may touch a name (`1db.run(sql)`),
  // so the names are delimited by letters only, not by `\b`.
  anchor:
    /\$\{|\+|(?<![A-Za-z_$])(?:query\w*|execute\w*|prepare|raw|unsafe|one(?:OrNone)?|many(?:OrNone)?|none|multi(?:Result)?|db|database|conn(?:ection)?|client|pool|sqlite|tx|trx|transaction)\b|Raw\b|Unsafe\b/,
  predicate: (match) => {
    const method = match.capture('method')?.text ?? '';
    const argument = match.node;
    let built: BuiltText;
    if (argument.type === 'identifier') {
      // Only a variable visibly built as text can be judged; `let node = parse()` says nothing.
      const pieces = assignedPieces(argument);
      if (!pieces?.length || !pieces.every(isStringBuilding)) return false;
      built = joinedText(pieces);
      // A variable handed to `raw()` must still read as SQL: `raw` is a common method name.
      if (!built.tainted || !looksLikeSql(built.text, true)) return false;
    } else {
      built = builtText(argument);
      if (!built.tainted) return false;
    }
    const rawByName = RAW_METHOD.test(method) || (GENERIC_RAW_METHOD.test(method) && onSqlReceiver(match.capture('method')));
    if (!rawByName && !looksLikeSql(built.text, QUERY_METHOD.test(method) || GENERIC_RAW_METHOD.test(method))) return false;
    if (argument.type !== 'identifier' || built.tainted.equals(argument)) return true;
    return { related: [{ node: built.tainted, message: `value spliced into \`${argument.text}\`` }] };
  },
  equivalents: [
    'sonarjs:S2077',
    'eslint-plugin-sql:no-unsafe-query',
    'semgrep:javascript.lang.security.audit.sqli.node-postgres-sqli',
    'semgrep:javascript.lang.security.audit.sqli.node-mysql-sqli',
    'semgrep:javascript.lang.security.audit.sqli.node-knex-sqli',
  ],
  examples: [
    {
      language: 'javascript',
      kind: 'bad',
      code: 'export function saveSetting(conn, key, value) {\n  return conn.query(`REPLACE INTO settings VALUES (\'${key}\', \'${value}\')`);\n}\n',
    },
    {
      language: 'typescript',
      kind: 'bad',
      code: "export async function findUser(pool: Pool, email: string): Promise<User | undefined> {\n  const { rows } = await pool.query(`SELECT id, name FROM users WHERE email = '${email}'`);\n  return rows[0];\n}\n",
    },
    {
      language: 'javascript',
      kind: 'bad',
      code: "function search(db, name, sort) {\n  let sql = 'SELECT * FROM products WHERE 1 = 1';\n  if (name) sql += \" AND name LIKE '%\" + name + \"%'\";\n  sql += ` ORDER BY ${sort}`;\n  return db.all(sql);\n}\n",
    },
    {
      language: 'typescript',
      kind: 'bad',
      code: 'const rows = await knex("orders").whereRaw(`customer_id = ${req.params.id}`);\nawait prisma.$executeRawUnsafe(`DELETE FROM sessions WHERE user_id = ${userId}`);\n',
    },
    {
      language: 'typescript',
      kind: 'good',
      code: "export async function findUser(pool: Pool, email: string): Promise<User | undefined> {\n  const { rows } = await pool.query('SELECT id, name FROM users WHERE email = $1', [email]);\n  return rows[0];\n}\nconst users = await prisma.$queryRaw`SELECT * FROM users WHERE email = ${email}`;\nconst recent = await sql`SELECT * FROM orders WHERE created_at > ${since}`;\n",
    },
    {
      language: 'javascript',
      kind: 'good',
      code: "const TABLE = 'products';\nfunction page(db, limit, offset, desc) {\n  return db.all(`SELECT * FROM ${TABLE} ORDER BY id ${desc ? 'DESC' : 'ASC'} LIMIT ${Number(limit)} OFFSET ?`, [offset]);\n}\nfunction byColumn(conn, column, value) {\n  return conn.query(`SELECT * FROM t WHERE ${conn.escapeId(column)} = ?`, [value]);\n}\n",
    },
  ],
};
