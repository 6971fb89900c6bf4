import { jsonrepair } from 'jsonrepair';

/**
 * Every JSON value a model's answer may hold, most likely first: the whole answer, then each
 * fenced code block, then each balanced `{...}` or `[...]` found in the prose, and last the spans
 * that only parse once repaired (trailing commas, comments, single quotes, Python's `True` and
 * `None`: what small local models write when the server does not enforce the format). Only
 * balanced spans are repaired, so an answer cut off mid-object is never closed into a shorter one
 * that validates. Reasoning models' `<think>` sections are dropped first, since they often quote
 * JSON-like drafts.
 */
export function jsonCandidates(answer: string): unknown[] {
  const text = answer.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const found: unknown[] = [];
  const seen = new Set<string>();
  const add = (source: string) => {
    const trimmed = source.trim();
    if (seen.has(trimmed)) return;
    seen.add(trimmed);
    const parsed = parse(trimmed);
    if (parsed.ok) found.push(parsed.value);
  };
  add(text);
  for (const fence of text.matchAll(/```[\w-]*[^\S\n]*\n([\s\S]*?)```/g)) add(fence[1] ?? '');
  const spans = balancedSpans(text);
  for (const span of spans) add(span);
  for (const span of spans) {
    const repaired = repair(span);
    if (repaired !== undefined) add(repaired);
  }
  return found;
}

function repair(span: string): string | undefined {
  try {
    return jsonrepair(span);
  } catch {
    // Past repair: the answer goes back to the model with the validation problems.
    return undefined;
  }
}

function parse(source: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = source.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/** Outermost `{...}` / `[...]` spans, matched by bracket depth outside of JSON strings. */
function balancedSpans(text: string): string[] {
  const spans: string[] = [];
  let start = -1;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (start < 0) {
      if (char === '{' || char === '[') {
        start = index;
        depth = 1;
        inString = false;
      }
      continue;
    }
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        spans.push(text.slice(start, index + 1));
        start = -1;
      }
    }
  }
  return spans;
}
