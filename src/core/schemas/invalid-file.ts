import type { z } from 'zod';

/**
 * A JSON file of a spec folder failed its schema: the message names the file and each bad field. A
 * file in this state is never overwritten; each file kind has its own subclass for callers to tell apart.
 */
export class InvalidFileError extends Error {
  constructor(
    readonly path: string,
    what: string,
    readonly problems: readonly string[],
  ) {
    super(`${path}: not a valid ${what}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

/** `field.path: message` for each issue, `(root)` for the value as a whole. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** `value` as `schema` says, or the file kind's own InvalidFileError listing every bad field. */
export function parseFile<T>(schema: z.ZodType<T>, value: unknown, invalid: (problems: string[]) => InvalidFileError): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid(issueLines(parsed.error));
}
