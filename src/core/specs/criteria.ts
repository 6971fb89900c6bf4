/** EARS: WHEN/WHILE/IF/WHERE <condition> THE SYSTEM SHALL <response> (or any "shall" after a trigger). */
const EARS = /^\s*(when|while|if|where|after|before|once)\b[\s\S]*\bshall\b|\bthe system shall\b/i;
const GIVEN_WHEN_THEN = /^\s*(scenario\b[^\n]*\n\s*)?given\b[\s\S]*\bthen\b|^\s*when\b[\s\S]*\bthen\b/i;
const OBSERVABLE =
  /\b(returns?|responds?|answers?|shows?|displays?|contains?|equals?|writes?|creates?|exits?|prints?|logs?|emits?|rejects?|raises?|throws?|receives?|sees?|lists?|sends?|redirects?|stores?|reads?|is set|are set|includes?|reports?|appears?|opens?|saves?|deletes?|fails? with|status)\b/i;
const CONCRETE = /\d|`[^`]+`|"[^"]+"|'[^']+'|\u201c[^\u201d]+\u201d/;
const VAGUE = /\b(works?|properly|correctly|fast|quick(ly)?|user[- ]friendly|intuitive|as expected|seamless(ly)?|robust|efficient(ly)?|good|nice|easy|appropriate(ly)?|etc)\b/i;

/** A criterion a test can check: EARS, Given/When/Then, or a concrete observable result without vague words. */
export function testableCriterion(text: string): boolean {
  if (EARS.test(text) || GIVEN_WHEN_THEN.test(text)) return true;
  return OBSERVABLE.test(text) && CONCRETE.test(text) && !VAGUE.test(text);
}
