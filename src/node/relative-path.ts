import { relative, sep } from 'node:path';

/** `path` relative to `from`, with `/` separators; a path under `from` costs a slice, not path arithmetic. */
export function relativePosix(from: string, path: string): string {
  return relativeInside(from, path) ?? toPosix(relative(from, path));
}

/** `path` relative to `from` with `/` separators, or undefined when it is neither `from` nor under it. */
export function relativeInside(from: string, path: string): string | undefined {
  if (path === from) return '';
  const prefix = from.endsWith(sep) ? from : from + sep;
  return path.startsWith(prefix) ? toPosix(path.slice(prefix.length)) : undefined;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
