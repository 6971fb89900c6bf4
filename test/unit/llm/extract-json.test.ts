import { describe, expect, it } from 'vitest';
import { jsonCandidates } from '../../../src/core/llm/structured/extract-json';

describe('finding JSON in a model answer', () => {
  it('takes a bare answer as it is', () => {
    expect(jsonCandidates(' {"a": 1} ')).toEqual([{ a: 1 }]);
  });

  it('finds JSON in a fence, or in prose with braces inside strings', () => {
    expect(jsonCandidates('Here:\n```json\n[1, 2]\n```\nDone.')[0]).toEqual([1, 2]);
    expect(jsonCandidates('The answer is {"text": "a } inside \\" quotes"} as requested.')).toEqual([{ text: 'a } inside " quotes' }]);
  });

  it('skips a reasoning section and unparseable spans', () => {
    expect(jsonCandidates('<think>maybe {"draft": true}</think>{oops} then {"final": true}')).toEqual([{ final: true }]);
  });

  it('repairs what small models write outside a format: trailing commas, comments, single quotes, Python constants', () => {
    expect(jsonCandidates('```json\n{"a": [1, 2,], // two\n "b": None, \'c\': True,}\n```')).toEqual([{ a: [1, 2], b: null, c: true }]);
  });

  it('never closes an answer that was cut off, so a shorter object cannot pass for the whole', () => {
    expect(jsonCandidates('{"summary": "ok", "findings": [{"title": "No rollback')).toEqual([]);
    expect(jsonCandidates('Here it is: {"summary": "ok", "findings": [')).toEqual([]);
  });

  it('finds nothing in plain prose', () => {
    expect(jsonCandidates('I cannot answer that.')).toEqual([]);
  });
});
