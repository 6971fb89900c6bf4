import { designReviewOutput } from './design-review';
import type { OutputSchema } from './output-schema';
import { specDraftOutput } from './spec-draft';
import { threatModelOutput } from './threat-model';

/** Every agent answer format a prompt may name in its `output` field. Add new ones here. */
export const OUTPUT_SCHEMAS: ReadonlyMap<string, OutputSchema> = new Map(
  [specDraftOutput, designReviewOutput, threatModelOutput].map((output): [string, OutputSchema] => [output.name, output as OutputSchema]),
);

export function outputSchema(name: string): OutputSchema | undefined {
  return OUTPUT_SCHEMAS.get(name);
}
