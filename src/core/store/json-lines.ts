/** One non-blank line of a JSON-lines file: its value, or the fact that it is not JSON. */
export type JsonLine =
  | { readonly line: number; readonly json: true; readonly value: unknown }
  /** `last` marks the file's final line: an append that a crash cut short, for readers that forgive it. */
  | { readonly line: number; readonly json: false; readonly last: boolean };

/** Each non-blank line of `text` with its one-based number, parsed as JSON where it can be. */
export function jsonLines(text: string): JsonLine[] {
  const lines = text.split('\n');
  return lines.flatMap((raw, index): JsonLine[] => {
    const line = raw.trim();
    if (line === '') return [];
    try {
      return [{ line: index + 1, json: true, value: JSON.parse(line) }];
    } catch {
      return [{ line: index + 1, json: false, last: index === lines.length - 1 }];
    }
  });
}
