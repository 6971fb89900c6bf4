import type { WasmSource } from '../ports/wasm';
import { readFrontmatter } from '../prompts/frontmatter';
import { topLevelSymbols } from './repo-map';

/** What a host lends the agents to see the project: its files, its README and the user's steering rules. */
export interface ProjectContextSource {
  /** Source files in a stable order, relative to the project root with `/`; at most `limit`. */
  sourceFiles(limit: number): Promise<string[]>;
  /** A file's text by its relative path, or undefined when it cannot be read as text. */
  readText(path: string): Promise<string | undefined>;
  /** `.omni/steering/*.md`, by name. */
  steering(): Promise<{ path: string; text: string }[]>;
  /** The tree-sitter grammars; without them the repository map lists files only. */
  readonly wasm?: WasmSource;
}

export interface ContextLimits {
  /** Most characters of the whole context. */
  readonly maxChars: number;
  readonly maxFiles: number;
  readonly maxReadmeChars: number;
  readonly maxSteeringChars: number;
  /** Files larger than this are listed without their symbols. */
  readonly maxParseBytes: number;
}

export const DEFAULT_CONTEXT_LIMITS: ContextLimits = { maxChars: 16_000, maxFiles: 300, maxReadmeChars: 3_000, maxSteeringChars: 4_000, maxParseBytes: 256 * 1024 };

export interface ProjectContext {
  readonly text: string;
  /** Parts cut to stay within the limits; the text says so too, so the model knows it saw a part. */
  readonly truncated: readonly string[];
  /** What the agents were shown, for the handoff's context refs. */
  readonly refs: readonly string[];
}

export interface OtherSpec {
  readonly slug: string;
  readonly text: string;
}

/**
 * The project as the Architect and the Reviewer see it: steering rules first (they are the user's
 * orders), then the README, the titles of existing specs, and a map of source files with their
 * top-level symbols. Bounded in size; whatever is cut is named in the text.
 */
export async function gatherProjectContext(source: ProjectContextSource, specs: readonly OtherSpec[], limits: ContextLimits = DEFAULT_CONTEXT_LIMITS, signal?: AbortSignal): Promise<ProjectContext> {
  const truncated: string[] = [];
  const refs: string[] = [];
  const parts: string[] = [];

  const steering = await source.steering();
  if (steering.length > 0) {
    let body = steering.map((file) => `### ${file.path}\n\n${file.text.trim()}`).join('\n\n');
    refs.push(...steering.map((file) => file.path));
    if (body.length > limits.maxSteeringChars) {
      body = `${body.slice(0, limits.maxSteeringChars)}\n[steering rules truncated at ${limits.maxSteeringChars} characters]`;
      truncated.push('steering');
    }
    parts.push(`## Steering rules (the project's own rules: follow them)\n\n${body}`);
  }

  const readme = await source.readText('README.md');
  if (readme !== undefined) {
    refs.push('README.md');
    let body = readme.trim();
    if (body.length > limits.maxReadmeChars) {
      body = `${body.slice(0, limits.maxReadmeChars)}\n[README truncated at ${limits.maxReadmeChars} characters]`;
      truncated.push('README.md');
    }
    parts.push(`## README.md\n\n${body}`);
  }

  if (specs.length > 0) {
    parts.push(`## Existing specs\n\n${specs.map((spec) => `- ${spec.slug}: ${specTitle(spec.text) ?? '(no title)'}`).join('\n')}`);
  }

  signal?.throwIfAborted();
  const files = await source.sourceFiles(limits.maxFiles + 1);
  if (files.length > limits.maxFiles) truncated.push('repository map (files)');
  const used = parts.join('\n\n').length;
  const budget = limits.maxChars - used - 200;
  const lines: string[] = [];
  let size = 0;
  let shown = 0;
  for (const path of files.slice(0, limits.maxFiles)) {
    signal?.throwIfAborted();
    const line = `- ${path}${await symbolsSuffix(source, path, limits)}`;
    if (size + line.length + 1 > budget) break;
    lines.push(line);
    size += line.length + 1;
    shown++;
  }
  if (shown < files.length) {
    if (!truncated.includes('repository map (files)')) truncated.push('repository map (files)');
    lines.push(`[repository map truncated: ${files.length > limits.maxFiles ? 'more than ' : ''}${files.length - shown} more source files not shown]`);
  }
  if (files.length > 0) parts.push(`## Repository map (source files and their top-level symbols)\n\n${lines.join('\n')}`);
  else parts.push('## Repository map\n\nNo source files yet: this is a new project.');

  return { text: parts.join('\n\n'), truncated, refs };
}

async function symbolsSuffix(source: ProjectContextSource, path: string, limits: ContextLimits): Promise<string> {
  if (!source.wasm) return '';
  const text = await source.readText(path);
  if (text === undefined || text.length > limits.maxParseBytes) return '';
  try {
    const symbols = await topLevelSymbols(source.wasm, path, text);
    return symbols.length ? `: ${symbols.join(', ')}` : '';
  } catch {
    // A grammar that fails to load or a parser trap costs this file its symbols, not the spec its context.
    return '';
  }
}

function specTitle(text: string): string | undefined {
  const read = readFrontmatter(text);
  if (!read.ok) return undefined;
  const data = read.frontmatter.data;
  return typeof data === 'object' && data !== null && 'title' in data && typeof data.title === 'string' ? data.title : undefined;
}
