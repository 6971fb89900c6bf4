/** A repeat this long is a loop, not prose: no spec, review or threat model repeats 2,000 characters verbatim. */
const LOOP_CHARS = 2_000;
/** Longest repeating unit looked for: a sentence or a short paragraph. */
const MAX_PERIOD = 240;
/** Checked every this many new characters, which keeps the watch at about a millisecond per check. */
const CHECK_EVERY = 500;

/**
 * Watches an answer as it streams for the loop small models fall into: the same sentence, line or
 * token written again and again until the context fills or the timeout fires (Ollama shifts the
 * context and goes on generating). `push` returns the repeated unit once the last 2,000 characters
 * are nothing but it, so the provider can stop at once and say what happened.
 */
export class RepetitionWatch {
  private text = '';
  private sinceCheck = 0;

  push(delta: string): string | undefined {
    this.text = (this.text + delta).slice(-(LOOP_CHARS + MAX_PERIOD));
    this.sinceCheck += delta.length;
    if (this.sinceCheck < CHECK_EVERY || this.text.length < LOOP_CHARS + MAX_PERIOD) return undefined;
    this.sinceCheck = 0;
    return loopUnit(this.text);
  }
}

/** What a loop repeated, short enough for a message. */
export function describeLoop(unit: string): string {
  if (unit.trim() === '') return 'blank space';
  const shown = unit.length > 60 ? `${unit.slice(0, 60)}…` : unit;
  return JSON.stringify(shown);
}

/** The shortest unit that the tail of `text` repeats for LOOP_CHARS characters, if any. */
function loopUnit(text: string): string | undefined {
  const end = text.length;
  for (let period = 1; period <= MAX_PERIOD; period++) {
    let index = end - LOOP_CHARS;
    while (index < end && text.charCodeAt(index) === text.charCodeAt(index - period)) index++;
    if (index === end) return readable(text.slice(end - period));
  }
  return undefined;
}

/** The loop's unit rotated to start where a reader would: after a sentence's end, else after a space. */
function readable(unit: string): string {
  const at = (index: number): string => unit[(index + unit.length) % unit.length] ?? '';
  const starts = [...unit].map((_, index) => index);
  const start =
    starts.find((index) => at(index) !== ' ' && ((at(index - 1) === ' ' && /[.!?]/.test(at(index - 2))) || at(index - 1) === '\n')) ??
    starts.find((index) => at(index) !== ' ' && at(index - 1) === ' ') ??
    0;
  return unit.slice(start) + unit.slice(0, start);
}
