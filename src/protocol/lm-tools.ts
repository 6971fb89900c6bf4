import { z } from 'zod';

/**
 * Inputs of the language model tools. package.json declares each tool's `inputSchema` as
 * `z.toJSONSchema` of these (a unit test keeps the two equal); the tools validate every call with
 * them, since a model can send anything.
 */

export const CheckToolInput = z
  .object({
    path: z.string().min(1).optional().describe('A file or folder to check: relative to the workspace folder, or absolute inside it. A folder means its supported files, as `omni check` finds them (at most 200).'),
    paths: z.array(z.string().min(1)).min(1).max(100).optional().describe('Several files or folders to check, as for "path".'),
    ruleIds: z.array(z.string().min(1)).min(1).optional().describe('Report only these rule ids, for example "py/bare-except". All enabled rules otherwise.'),
  })
  .strict()
  .refine((input) => input.path !== undefined || input.paths !== undefined, { message: 'give "path" or "paths": the files to check' });
export type CheckToolInput = z.infer<typeof CheckToolInput>;

export const SpecStatusToolInput = z
  .object({
    slug: z.string().min(1).optional().describe('The spec folder name under .omni/specs. Every spec of the workspace when left out.'),
  })
  .strict();
export type SpecStatusToolInput = z.infer<typeof SpecStatusToolInput>;

export const LM_TOOLS = {
  omni_check: CheckToolInput,
  omni_spec_status: SpecStatusToolInput,
} as const;
export type LmToolName = keyof typeof LM_TOOLS;

/** The JSON schema package.json declares for a tool: generated, never written by hand. */
export function toolInputJsonSchema(name: LmToolName): Record<string, unknown> {
  return z.toJSONSchema(LM_TOOLS[name], { io: 'input' }) as Record<string, unknown>;
}

/** A tool call's input checked against its schema; the error names the tool and each bad field, for the model to correct. */
export function parseToolInput<N extends LmToolName>(name: N, input: unknown): z.infer<(typeof LM_TOOLS)[N]> {
  const parsed = LM_TOOLS[name].safeParse(input);
  if (parsed.success) return parsed.data as z.infer<(typeof LM_TOOLS)[N]>;
  throw new ToolInputError(name, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`));
}

export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
  constructor(
    readonly tool: string,
    readonly problems: readonly string[],
  ) {
    super(`${tool}: invalid input: ${problems.join('; ')}`);
  }
}
