import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Turn } from '../../support/ollama-server';

/**
 * Model answers for the spec pipeline, from test/fixtures/pipeline: `drafts/*` (the Architect),
 * `reviews/*` (the Reviewer), `threats/*` (the Threat Modeler) and `answers/*` (answers in the shapes
 * models get wrong: code fences, prose before the JSON, missing fields, wrong types, cut short).
 */
export function answer(name: string): string {
  return readFileSync(resolve('test/fixtures/pipeline', name), 'utf8');
}

/** One streamed chat answer per fixture, in the order the pipeline asks. */
export function turns(...names: string[]): Turn[] {
  return names.map((name) => ({ reply: answer(name), chunks: 4 }));
}
