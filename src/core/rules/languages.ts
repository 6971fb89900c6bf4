/** The languages the rules engine parses, one per tree-sitter grammar. */
export const LANGUAGE_IDS = ['python', 'typescript', 'tsx', 'javascript', 'go', 'rust'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

interface LanguageInfo {
  /** File name of the grammar inside the wasm folder. */
  readonly wasm: string;
  /** Extensions (lower case, with the dot) that select this grammar. */
  readonly extensions: readonly string[];
  /** Line comment token used when writing `omni-ignore` comments. */
  readonly lineComment: string;
  /** Tree-sitter node types that hold comments. */
  readonly commentTypes: readonly string[];
}

export const LANGUAGES: Readonly<Record<LanguageId, LanguageInfo>> = {
  python: { wasm: 'tree-sitter-python.wasm', extensions: ['.py', '.pyi', '.pyw'], lineComment: '#', commentTypes: ['comment'] },
  typescript: { wasm: 'tree-sitter-typescript.wasm', extensions: ['.ts', '.mts', '.cts'], lineComment: '//', commentTypes: ['comment'] },
  tsx: { wasm: 'tree-sitter-tsx.wasm', extensions: ['.tsx'], lineComment: '//', commentTypes: ['comment'] },
  javascript: { wasm: 'tree-sitter-javascript.wasm', extensions: ['.js', '.mjs', '.cjs', '.jsx'], lineComment: '//', commentTypes: ['comment'] },
  go: { wasm: 'tree-sitter-go.wasm', extensions: ['.go'], lineComment: '//', commentTypes: ['comment'] },
  rust: { wasm: 'tree-sitter-rust.wasm', extensions: ['.rs'], lineComment: '//', commentTypes: ['line_comment', 'block_comment'] },
};

const byExtension = new Map<string, LanguageId>(
  LANGUAGE_IDS.flatMap((id) => LANGUAGES[id].extensions.map((ext) => [ext, id] as const)),
);

/** The grammar for a path, by extension; `.d.ts` declaration files are TypeScript too. */
export function languageForPath(path: string): LanguageId | undefined {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(slash + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return byExtension.get(name.slice(dot));
}

/** VS Code language ids mapped to our grammars, for hosts that know the editor's id. */
export const EDITOR_LANGUAGE_IDS: Readonly<Record<string, LanguageId>> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  go: 'go',
  rust: 'rust',
};
