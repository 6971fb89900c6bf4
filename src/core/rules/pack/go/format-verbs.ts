/** One printf verb of a format string, with the argument it consumes. */
export interface FormatVerb {
  /** The verb letter: `v`, `s`, `w`, `d`... */
  readonly letter: string;
  /** Offsets of `%` and just past the letter, within the format text given. */
  readonly start: number;
  readonly end: number;
  /** Nothing between `%` and the letter (no flags, width, precision or index). */
  readonly plain: boolean;
  /** Zero-based index of the argument after the format that the verb prints. */
  readonly argument: number;
}

/**
 * The verbs of a printf format, following fmt's rules for explicit indexes (`%[2]v`) and `*` widths
 * and precisions, which consume an argument each. Escapes in the literal are not decoded: no escape
 * sequence contains `%` except `\x25`-style ones, which nobody writes in a format.
 */
export function formatVerbs(format: string): FormatVerb[] {
  const verbs: FormatVerb[] = [];
  let argument = 0;
  for (let i = format.indexOf('%'); i >= 0 && i < format.length; i = format.indexOf('%', i)) {
    let j = i + 1;
    if (format[j] === '%') {
      i = j + 1;
      continue;
    }
    while (j < format.length && '+-# 0'.includes(format[j] ?? '')) j++;
    const index = (): void => {
      if (format[j] !== '[') return;
      const close = format.indexOf(']', j);
      const n = Number(format.slice(j + 1, close));
      if (close > j && Number.isInteger(n) && n > 0) argument = n - 1;
      j = close > j ? close + 1 : j + 1;
    };
    index();
    if (format[j] === '*') {
      argument++;
      j++;
    } else while (/[0-9]/.test(format[j] ?? '')) j++;
    if (format[j] === '.') {
      j++;
      index();
      if (format[j] === '*') {
        argument++;
        j++;
      } else while (/[0-9]/.test(format[j] ?? '')) j++;
    }
    index();
    const letter = format[j];
    if (letter === undefined) break;
    verbs.push({ letter, start: i, end: j + 1, plain: j === i + 1, argument });
    argument++;
    i = j + 1;
  }
  return verbs;
}
