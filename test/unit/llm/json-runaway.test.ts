import { describe, expect, it } from 'vitest';
import { JsonRunawayWatch } from '../../../src/core/llm/provider/json-runaway';

const blank = (count: number) => '\n '.repeat(count / 2);

describe('watching a structured answer for a whitespace runaway', () => {
  it('fires once a finished value is trailed by a long run of whitespace, fed in any pieces', () => {
    const watch = new JsonRunawayWatch();
    expect(watch.push('{"a": [1, {"b": "}"}]')).toBe(false);
    expect(watch.push('}')).toBe(false);
    expect(watch.push(blank(200))).toBe(false);
    expect(watch.push(blank(60))).toBe(true);
  });

  it('does not fire inside an unfinished value, or when text follows the value', () => {
    const open = new JsonRunawayWatch();
    expect(open.push(`{"a": ${blank(600)}`)).toBe(false);
    const quoted = new JsonRunawayWatch();
    expect(quoted.push(`The format is {"a": 1}. Here is mine:${blank(100)}`)).toBe(false);
    expect(quoted.push(`{"a": 2}\n\`\`\`${blank(300)}`)).toBe(false);
  });

  it('does not count brackets or quotes escaped inside strings', () => {
    const watch = new JsonRunawayWatch();
    expect(watch.push(`{"a": "x\\"}${blank(300)}`)).toBe(false);
    expect(watch.push(`"}${blank(300)}`)).toBe(true);
  });
});
