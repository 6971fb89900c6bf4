import { readFile, stat } from 'node:fs/promises';
import type { RuleLevel } from '../../core/config/schema';
import type { RulesEngine } from '../../core/rules/engine';
import type { Finding } from '../../core/rules/finding';
import { languageForPath, type LanguageId } from '../../core/rules/languages';
import { decodeSource } from '../../node/source-text';
import { walk } from '../../node/walk';
import { Project } from '../../server/projects';
import { visibleFindings } from '../../server/visible-findings';

/** A file to check (its text as the editor holds it, else read from disk), or a folder whose supported files are checked. */
export interface CheckTarget {
  readonly path: string;
  readonly text?: string;
  readonly language?: LanguageId;
}

/** What the check found in one file, after suppressions and the baseline. */
export interface CheckedFile {
  readonly path: string;
  /** The path as the user reads it: relative to its workspace folder. */
  readonly shown: string;
  readonly findings: readonly Finding[];
  /** Findings suppressed inline or accepted in the baseline: counted, not listed. */
  readonly hidden: number;
  /** Why the file was not checked, or what went wrong in part (a rule crash, syntax errors). */
  readonly notes: readonly string[];
}

export interface CheckOptions {
  /** Only these rules' findings; an id the engine does not know is an error. */
  readonly ruleIds?: readonly string[];
  /** The user's `omni.rules` levels, over the project's: what the editor's diagnostics use. */
  readonly overrides?: Readonly<Record<string, RuleLevel>>;
  /** Zero-based lines, inclusive: only findings that touch them (a selection). */
  readonly lines?: { readonly first: number; readonly last: number };
}

/** The project's config or baseline does not validate: nothing is checked until it is fixed, as `omni check` does. */
export class ProjectFileError extends Error {
  override readonly name = 'ProjectFileError';
}

/** The tool or command named rules the engine does not have. */
export class UnknownRuleError extends Error {
  override readonly name = 'UnknownRuleError';
}

/**
 * The rules engine in the extension host, for chat and the language model tools: each file is
 * checked with the levels, include/exclude globs and baseline of the workspace folder that holds
 * it, read afresh so an edit to `.omni/config.json` counts at once. `rootOf` gives that folder;
 * a file outside every folder is not read.
 */
export async function checkFiles(engine: RulesEngine, targets: readonly CheckTarget[], rootOf: (path: string) => string | undefined, options: CheckOptions = {}): Promise<CheckedFile[]> {
  const unknown = (options.ruleIds ?? []).filter((id) => !engine.rules.has(id));
  if (unknown.length > 0) throw new UnknownRuleError(`unknown rule id(s): ${unknown.join(', ')}; rule ids look like ${[...engine.rules.keys()].slice(0, 3).join(', ')}`);
  const wanted = options.ruleIds && new Set(options.ruleIds);
  const projects = new Map<string, Promise<Project>>();
  const projectAt = (root: string): Promise<Project> => {
    let project = projects.get(root);
    if (!project) {
      project = loadProject(root, options.overrides ?? {});
      projects.set(root, project);
    }
    return project;
  };
  const checked: CheckedFile[] = [];
  const queue = [...targets];
  for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
    const root = rootOf(target.path);
    if (root === undefined) {
      checked.push(notChecked(target.path, target.path, 'outside the workspace folders: not checked'));
      continue;
    }
    const project = await projectAt(root);
    const shown = project.relative(target.path) ?? target.path;
    if (target.text === undefined && (await isFolder(target.path))) {
      const { files, notes } = filesUnder(target.path, project);
      queue.unshift(...files.map((path) => ({ path })));
      if (notes.length > 0) checked.push({ path: target.path, shown: shown || '.', findings: [], hidden: 0, notes });
      continue;
    }
    const language = target.language ?? languageForPath(target.path);
    if (language === undefined) {
      checked.push(notChecked(target.path, shown, 'not a language the rules engine checks (Python, TypeScript/JavaScript, Go, Rust)'));
      continue;
    }
    if (project.leavesOut(target.path)) {
      checked.push(notChecked(target.path, shown, 'left out by the include/exclude globs of .omni/config.json'));
      continue;
    }
    const text = target.text ?? (await readText(target.path, project.config.maxFileSizeKb));
    if (typeof text !== 'string') {
      checked.push(notChecked(target.path, shown, text.skipped));
      continue;
    }
    const result = await engine.lintFile({ path: target.path, text, language }, project.settings());
    const visible = visibleFindings(project, target.path, result.findings);
    const findings = visible.filter((finding) => (!wanted || wanted.has(finding.ruleId)) && touches(finding, options.lines));
    const suppressed = result.findings.length - visible.length;
    checked.push({
      path: target.path,
      shown,
      findings,
      hidden: suppressed,
      notes: [
        ...result.notices.map((notice) => (notice.ruleId ? `${notice.ruleId}: ${notice.message}` : notice.message)),
        ...(result.syntaxErrors > 0 ? [`${result.syntaxErrors} syntax error(s): the rest of the file was checked`] : []),
      ],
    });
  }
  return checked;
}

/** Files checked under one folder at most: the walk runs on the extension host's thread, and a model asking for a whole repository should name parts of it. */
export const MAX_FOLDER_FILES = 200;

/** The supported files under a folder, as `omni check` finds them (.gitignore, include/exclude, size limit). */
function filesUnder(folder: string, project: Project): { files: string[]; notes: string[] } {
  const files: string[] = [];
  const notes: string[] = [];
  const { include, exclude, gitignore, maxFileSizeKb } = project.config;
  for (const event of walk([folder], { root: project.root, include, exclude, gitignore, maxBytes: maxFileSizeKb * 1024 })) {
    if (event.kind === 'notice') {
      notes.push(`${project.relative(event.path) ?? event.path}: ${event.message}`);
    } else if (files.length === MAX_FOLDER_FILES) {
      notes.push(`stopped after ${MAX_FOLDER_FILES} files: name a smaller folder or the files themselves`);
      break;
    } else files.push(event.path);
  }
  return { files, notes };
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function loadProject(root: string, overrides: Readonly<Record<string, RuleLevel>>): Promise<Project> {
  const project = new Project(root);
  await Promise.all([project.loadConfig(), project.loadBaseline()]);
  for (const problem of [project.configProblem, project.baselineProblem]) {
    if (!problem) continue;
    const line = problem.text.slice(0, problem.offset).split('\n').length;
    throw new ProjectFileError(`${problem.file}:${line}: ${problem.message.replace(/ Omni keeps using the last valid \w+\.$/, '')}`);
  }
  project.setOverrides(overrides);
  return project;
}

async function readText(path: string, maxFileSizeKb: number): Promise<string | { skipped: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : String(error);
    return { skipped: code === 'ENOENT' ? 'no such file' : `cannot read the file: ${code}` };
  }
  if (bytes.length > maxFileSizeKb * 1024) return { skipped: `larger than maxFileSizeKb (${maxFileSizeKb} KB) in .omni/config.json: not checked` };
  const decoded = decodeSource(bytes);
  return decoded.kind === 'binary' ? { skipped: 'a binary file: not checked' } : decoded.text;
}

function touches(finding: Finding, lines: CheckOptions['lines']): boolean {
  return lines === undefined || (finding.range.start.line <= lines.last && finding.range.end.line >= lines.first);
}

function notChecked(path: string, shown: string, note: string): CheckedFile {
  return { path, shown, findings: [], hidden: 0, notes: [note] };
}
