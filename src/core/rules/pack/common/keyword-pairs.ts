/**
 * Whether `then` occurs after the first match of `first` (`select ... from`, `update ... set`): two
 * scans. The one regex `select\s[\s\S]*\bfrom` scans to the end of the text again from every `select`
 * without a `from` after it, quadratic on a long query template. `then` must have the `g` flag.
 */
export function inOrder(text: string, first: RegExp, then: RegExp): boolean {
  const found = first.exec(text);
  if (!found) return false;
  then.lastIndex = found.index + found[0].length;
  return then.test(text);
}
