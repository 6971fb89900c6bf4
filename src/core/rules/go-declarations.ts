/**
 * Go functions and methods whose last result is `error`, read from the source text without a tree.
 * The package-wide facts need every file of a package before any can be linted; reading them from
 * text lets the engine parse, lint and free one file at a time instead of holding a whole
 * package's trees (the net/http package alone is 1.5 MB of source).
 *
 * Top-level declarations start a line with `func` in any Go that compiles (gofmt or not: `func`
 * after other tokens on a line is a function literal). Strings and comments are skipped so that Go
 * code quoted in raw strings (templates, test inputs) does not count.
 */
const TOKENS = /`[^`]*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*|\/\*[\s\S]*?\*\/|^func\b/gm;

export function goErrorFunctionsIn(text: string): string[] {
  const names: string[] = [];
  TOKENS.lastIndex = 0;
  for (let token = TOKENS.exec(text); token; token = TOKENS.exec(text)) {
    if (token[0] !== 'func') continue;
    const declaration = readDeclaration(text, TOKENS.lastIndex);
    if (!declaration) continue;
    TOKENS.lastIndex = declaration.end;
    if (declaration.name && returnsError(declaration.result)) names.push(declaration.name);
  }
  return names;
}

/** `error`, `(T, error)`, `(n int, err error)`: the last result is an error. */
export function returnsError(result: string): boolean {
  return /(^|[\s,(])error\s*\)?$/.test(result.trim());
}

interface Declaration {
  readonly name: string | undefined;
  readonly result: string;
  /** Where scanning may go on: the body's `{`, or the end of the line for a body-less declaration. */
  readonly end: number;
}

/** After `func`: an optional receiver, the name, optional type parameters, parameters, results. */
function readDeclaration(text: string, start: number): Declaration | undefined {
  let at = skipSpace(text, start);
  if (text[at] === '(') {
    const receiverEnd = closing(text, at);
    if (receiverEnd < 0) return undefined;
    at = skipSpace(text, receiverEnd + 1);
  }
  const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(text.slice(at, at + 200))?.[0];
  if (!name) return undefined;
  at = skipSpace(text, at + name.length);
  if (text[at] === '[') {
    const typeParamsEnd = closing(text, at);
    if (typeParamsEnd < 0) return undefined;
    at = skipSpace(text, typeParamsEnd + 1);
  }
  if (text[at] !== '(') return undefined;
  const paramsEnd = closing(text, at);
  if (paramsEnd < 0) return undefined;
  // The results run to the body's `{` at this nesting level, or to the end of the line.
  let depth = 0;
  let index = paramsEnd + 1;
  for (; index < text.length; index++) {
    const char = text[index];
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (depth === 0 && (char === '{' || char === '\n')) break;
    else if (char === '/' && (text[index + 1] === '/' || text[index + 1] === '*')) break;
  }
  // `func f() struct{ ... }`/`interface{ ... }` results: a `{` right after those keywords is a type.
  const result = text.slice(paramsEnd + 1, index);
  if (/\b(?:struct|interface)\s*$/.test(result)) return { name, result: 'struct', end: index };
  return { name, result, end: index };
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  return at;
}

/** The index of the bracket closing the one at `open`, skipping strings and comments; -1 if none. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return index;
    } else if (char === '"' || char === "'" || char === '`') {
      const end = char === '`' ? text.indexOf('`', index + 1) : endOfQuoted(text, index, char);
      if (end < 0) return -1;
      index = end;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      if (end < 0) return -1;
      index = end;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      if (end < 0) return -1;
      index = end + 1;
    }
  }
  return -1;
}

function endOfQuoted(text: string, open: number, quote: string): number {
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === quote) return index;
    else if (char === '\n') return -1;
  }
  return -1;
}
