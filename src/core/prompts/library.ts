import { parsePromptFile } from './loader';
import { type PromptProblem, type PromptSource, type PromptTemplate, PromptError } from './prompt-file';

/** Every version of every prompt. Old versions stay, so a past result can be explained by its prompt. */
export class PromptLibrary {
  private readonly byId = new Map<string, PromptTemplate[]>();

  constructor(templates: readonly PromptTemplate[]) {
    for (const template of templates) {
      const versions = this.byId.get(template.id) ?? [];
      versions.push(template);
      this.byId.set(template.id, versions);
    }
    for (const versions of this.byId.values()) versions.sort((a, b) => a.version - b.version);
  }

  /** The highest version of `<role>/<task>`. */
  latest(role: string, task: string): PromptTemplate | undefined {
    return this.byId.get(`${role}/${task}`)?.at(-1);
  }

  get(id: string, version: number): PromptTemplate | undefined {
    return this.byId.get(id)?.find((template) => template.version === version);
  }

  all(): PromptTemplate[] {
    return [...this.byId.values()].flat();
  }
}

/** Parses every file; throws one PromptError listing the problems of all the bad ones. */
export function loadPromptLibrary(sources: readonly PromptSource[]): PromptLibrary {
  const templates: PromptTemplate[] = [];
  const problems: PromptProblem[] = [];
  for (const source of sources) {
    try {
      templates.push(parsePromptFile(source));
    } catch (error) {
      if (!(error instanceof PromptError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new PromptError(problems);
  return new PromptLibrary(templates);
}
