import { z } from 'zod';
import { ROLES, type Role } from '../llm/provider';
import { outputSchema, OUTPUT_SCHEMAS } from '../schemas/registry';
import { type Frontmatter, readFrontmatter } from './frontmatter';
import { type PromptProblem, type PromptSource, type PromptTemplate, PromptError } from './prompt-file';
import { LineIndex } from '../rules/line-index';

/** `<role>/<task>.v<N>.md`: the last two segments of the path say what the frontmatter must repeat. */
const FILE_NAME = /(?:^|\/)([^/]+)\/([a-z][a-z0-9-]*)\.v([1-9][0-9]*)\.md$/;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const FrontmatterSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    role: z.enum(ROLES, { error: () => `expected one of ${ROLES.join(', ')}` }),
    output: z.string().min(1),
    changelog: z.string().trim().min(1, 'say in one line what changed in this version'),
    inputs: z.record(z.string().regex(PLACEHOLDER_NAME, 'placeholder names are letters, digits and _'), z.string().trim().min(1, 'describe what the caller fills in')).default({}),
  })
  .strict();

/** Parses and checks one prompt file; throws PromptError listing every problem with its line. */
export function parsePromptFile(source: PromptSource): PromptTemplate {
  const problems: PromptProblem[] = [];
  const problem = (line: number, message: string): void => void problems.push({ path: source.path, line, message });

  const name = FILE_NAME.exec(source.path.replaceAll('\\', '/'));
  if (!name) problem(1, 'prompt files are named <role>/<task>.v<N>.md (task: lower-case words joined by -)');
  const read = readFrontmatter(source.text);
  if (!read.ok) {
    problem(read.line, read.message);
    throw new PromptError(problems);
  }
  const { frontmatter } = read;
  const lineOf = (key: string): number => frontmatter.keyLines.get(key) ?? frontmatter.keyLines.get(key.split('.')[0] ?? '') ?? frontmatter.startLine;

  const parsed = FrontmatterSchema.safeParse(frontmatter.data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.')];
      for (const key of keys) problem(lineOf(key), issue.code === 'unrecognized_keys' ? `${key}: unknown key` : `${key || '(frontmatter)'}: ${issue.message}`);
    }
    throw new PromptError(problems);
  }
  const meta = parsed.data;
  const [, folder = '', task = '', fileVersion = '0'] = name ?? [];
  if (name) {
    if (meta.id !== `${folder}/${task}`) problem(lineOf('id'), `id "${meta.id}" does not match the file's path: expected "${folder}/${task}"`);
    if (meta.version !== Number(fileVersion)) problem(lineOf('version'), `version ${meta.version} does not match the file name (.v${fileVersion}.md)`);
    if (meta.role !== folder) problem(lineOf('role'), `role "${meta.role}" does not match the folder "${folder}"`);
  }
  if (!outputSchema(meta.output)) problem(lineOf('output'), `unknown output schema "${meta.output}": expected one of ${[...OUTPUT_SCHEMAS.keys()].join(', ')}`);

  const parts = splitBody(frontmatter, problem);
  checkPlaceholders(frontmatter, meta.inputs, problem, lineOf);
  if (problems.length > 0 || !parts) throw new PromptError(problems);
  return {
    id: meta.id,
    version: meta.version,
    path: source.path,
    role: meta.role satisfies Role,
    task,
    output: meta.output,
    changelog: meta.changelog,
    inputs: meta.inputs,
    ...(parts.system !== undefined ? { system: parts.system } : {}),
    user: parts.user,
  };
}

/** An optional `<system>...</system>` block first, then the user message. */
function splitBody(frontmatter: Frontmatter, problem: (line: number, message: string) => void): { system?: string; user: string } | undefined {
  const body = frontmatter.body;
  const open = /^\s*<system>/.exec(body);
  if (!open) {
    if (body.trim() === '') {
      problem(frontmatter.bodyLine, 'the prompt has no text after its frontmatter');
      return undefined;
    }
    return { user: body.trim() };
  }
  const close = body.indexOf('</system>');
  if (close < 0) {
    problem(frontmatter.bodyLine + new LineIndex(body).position(open[0].length).line, '<system> is not closed: add </system> before the user message');
    return undefined;
  }
  const system = body.slice(open[0].length, close).trim();
  const user = body.slice(close + '</system>'.length).trim();
  if (system === '') problem(frontmatter.bodyLine + new LineIndex(body).position(open[0].length).line, 'the <system> block is empty');
  if (user === '') problem(frontmatter.bodyLine + new LineIndex(body).position(close).line, 'no user message after </system>');
  return { system, user };
}

function checkPlaceholders(
  frontmatter: Frontmatter,
  inputs: Readonly<Record<string, string>>,
  problem: (line: number, message: string) => void,
  lineOf: (key: string) => number,
): void {
  const used = new Set<string>();
  const lines = new LineIndex(frontmatter.body);
  for (const match of frontmatter.body.matchAll(PLACEHOLDER)) {
    const placeholder = (match[1] ?? '').trim();
    const line = frontmatter.bodyLine + lines.position(match.index).line;
    if (!PLACEHOLDER_NAME.test(placeholder)) {
      problem(line, `"${match[0]}" is not a placeholder: names are letters, digits and _`);
    } else if (!(placeholder in inputs)) {
      problem(line, `placeholder {{${placeholder}}} is not declared: add it under "inputs" in the frontmatter`);
    }
    used.add(placeholder);
  }
  for (const input of Object.keys(inputs)) {
    if (!used.has(input)) problem(lineOf(`inputs.${input}`), `input "${input}" is declared but the prompt never uses {{${input}}}`);
  }
}
