import type { Role } from '../llm/provider';

/** A prompt file as read from disk or from the bundle: where it came from and its text. */
export interface PromptSource {
  /** Shown in errors, as the user sees it: `prompts/architect/spec.v1.md`. */
  readonly path: string;
  readonly text: string;
}

/** What every result records so that an answer can be traced to the exact prompt that asked. */
export interface PromptRef {
  readonly id: string;
  readonly version: number;
}

export interface PromptTemplate extends PromptRef {
  readonly path: string;
  readonly role: Role;
  readonly task: string;
  /** Name of the agent output schema the answer must match (see src/core/schemas/registry.ts). */
  readonly output: string;
  readonly changelog: string;
  /** Placeholder name -> what the caller fills in. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The system message, when the file has a `<system>` block. */
  readonly system?: string;
  readonly user: string;
}

export interface PromptProblem {
  readonly path: string;
  /** One-based line in the file. */
  readonly line: number;
  readonly message: string;
}

/** Invalid prompt files, each problem located at its line so the build and the editor can point at it. */
export class PromptError extends Error {
  constructor(readonly problems: readonly PromptProblem[]) {
    super(problems.map((problem) => `${problem.path}:${problem.line}: ${problem.message}`).join('\n'));
    this.name = 'PromptError';
  }
}
