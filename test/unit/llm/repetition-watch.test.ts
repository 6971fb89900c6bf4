import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepetitionWatch } from '../../../src/core/llm/provider/repetition-watch';

function feed(text: string, piece = 7): string | undefined {
  const watch = new RepetitionWatch();
  for (let start = 0; start < text.length; start += piece) {
    const loop = watch.push(text.slice(start, start + piece));
    if (loop !== undefined) return loop;
  }
  return undefined;
}

/** Every model answer and spec the tests hold: long, structured, and never a loop. */
function realAnswers(): string[] {
  const files = ['test/fixtures/agents', 'test/fixtures/pipeline/drafts', 'test/fixtures/pipeline/reviews', 'test/fixtures/pipeline/threats'].flatMap((folder) =>
    readdirSync(folder).map((name) => join(folder, name)),
  );
  return files.map((file) => readFileSync(file, 'utf8'));
}

describe('watching an answer for a generation loop', () => {
  it('finds a repeated sentence, a repeated token and endless blank lines, whatever the pieces', () => {
    expect(feed(`{"summary": "${'The limiter keeps one bucket per key. '.repeat(80)}`)).toBe('The limiter keeps one bucket per key. ');
    expect(feed(`{"a": [${'0, '.repeat(1000)}`, 1)).toBe('0, ');
    expect(feed(`{"a": ${'\n'.repeat(3000)}`, 64)).toBe('\n');
  });

  it('never fires on real answers: specs, reviews and threat models, pretty-printed JSON included', () => {
    const answers = realAnswers();
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(feed(answer)).toBeUndefined();
    expect(feed(answers.join('\n'))).toBeUndefined();
    expect(feed(JSON.stringify({ rows: Array.from({ length: 300 }, (_, index) => ({ id: `T${index}`, risk: 'low', status: 'open' })) }, null, 2))).toBeUndefined();
  });
});
