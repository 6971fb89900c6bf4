import type { z } from 'zod';

/**
 * An agent's answer format: the zod schema validates the answer, and its JSON schema (generated,
 * never written twice) goes to the model. Prompts name the format in their frontmatter.
 */
export interface OutputSchema<T = unknown> {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType<T>;
}

export function defineOutputSchema<T>(name: string, description: string, schema: z.ZodType<T>): OutputSchema<T> {
  return { name, description, schema };
}

