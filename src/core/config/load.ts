import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ConfigSchema, type OmniConfig } from './schema';

/** A config problem located in the file, so the CLI and the editor can point at the exact key. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(problems.map((problem) => `${file}:${problem.line + 1}:${problem.column + 1}: ${problem.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export interface ConfigProblem {
  /** Dotted key path (`rules.py/bare-except`), empty for syntax errors. */
  readonly key: string;
  readonly message: string;
  /** Zero-based position of the offending key or value. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
}

/** Parses `.omni/config.json` (comments and trailing commas allowed) and validates it; throws ConfigError. */
export function parseConfig(file: string, text: string): OmniConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const problems = errors.map((error) => located(text, '', `invalid JSON: ${printParseErrorCode(error.error)}`, error.offset, error.length));
    throw new ConfigError(file, problems.length ? problems : [located(text, '', 'empty file: expected a JSON object', 0, 0)]);
  }
  const value: unknown = JSON.parse(JSON.stringify(evaluate(root)));
  const result = ConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(file, result.error.issues.flatMap((issue) => problemsFor(text, root, issue)));
}

type JsonNode = NonNullable<ReturnType<typeof parseTree>>;

function evaluate(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          return key && value ? [[String(key.value), evaluate(value)]] : [];
        }),
      );
    case 'array':
      return (node.children ?? []).map(evaluate);
    default:
      return node.value;
  }
}

function problemsFor(text: string, root: JsonNode, issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const node = findNodeAtLocation(root, [...path, key])?.parent?.children?.[0];
      const dotted = [...path, key].join('.');
      const hint = path.join('.') === 'rules' ? ` (no such rule${suggestion(key)})` : '';
      return located(text, dotted, `${dotted}: unknown key${hint}`, node?.offset ?? 0, node?.length ?? 0);
    });
  }
  const node = findNodeAtLocation(root, path);
  const dotted = path.join('.');
  return [located(text, dotted, `${dotted || '(root)'}: ${issue.message}`, node?.offset ?? 0, node?.length ?? 0)];
}

function suggestion(key: string): string {
  const close = Object.keys(ConfigSchema.shape.rules.unwrap().shape).find((id) => editDistance(id, key) <= 3);
  return close ? `; did you mean "${close}"?` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function located(text: string, key: string, message: string, offset: number, length: number): ConfigProblem {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { key, message, line, column, offset, length };
}
