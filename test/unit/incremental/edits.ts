import type { TextChange } from '../../../src/core/rules/document-linter';
import type { Position } from '../../../src/core/rules/finding';
import type { LanguageId } from '../../../src/core/rules/languages';

/** Seedable PRNG (mulberry32): the same seed gives the same edits on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Snippets a user types or pastes that make or remove findings, per language family. */
const SNIPPETS: Record<'python' | 'js' | 'go' | 'rust', readonly string[]> = {
  python: ['try:\n    x()\nexcept:\n    pass\n', 'except:', 'except Exception:\n    pass', '# omni-ignore py/bare-except: legacy', '# omni-ignore-file *', 'def f(a=[]):\n    return a\n', 'open(p).read()', 'print(x)', 'cursor.execute("SELECT " + q)', 'password = "hunter2hunter2"', 'eval(data)', 'with open(p) as f:\n    f.read()\n', 'open = None', 'def open(p):\n    return p\n', 'if __name__ == "__main__":\n    main()\n'],
  js: ['try { f(); } catch (e) {}', 'catch (e) {}', 'console.log(x);', '// omni-ignore js/empty-catch: legacy', '/* omni-ignore-file * */', 'eval(code);', 'const password = "hunter2hunter2";', 'db.query(`SELECT ${x}`);', 'let a: any = 1;', 'new Promise(async (resolve) => { resolve(1); });', 'JSON.parse(s)', 'const console = { log() {} };', 'function query(q) { return db.query(q); }', 'import { console } from "x";'],
  go: ['_ = f()', 'if err != nil {\n\t\treturn nil\n\t}', 'panic(err)', '// omni-ignore go/ignored-error: legacy', 'func g() error { return nil }\n', 'defer f.Close()', 'fmt.Println(x)', 'db.Query("SELECT " + q)', 'x, _ := strconv.Atoi(s)', 'os.Exit(1)', 'func save() error { return nil }\n', 'type conn struct {\n\tw io.Writer\n}\n', 'f.w.Write(b)', 'import "os"\n'],
  rust: ['x.unwrap()', 'let v = r.expect("x");', '// omni-ignore rs/unwrap-used: legacy', 'panic!("boom");', 'unsafe { f() }', 'println!("{}", x);', '#[cfg(test)]\nmod tests {\n    fn t() { a.unwrap(); }\n}\n', 'let _ = f();', 'todo!()', 'fn unwrap(self) {}\n', 'use anyhow::Context;\n', 'r.context("x")?;', '#[test]\nfn t() { a.unwrap(); }\n'],
};

function family(language: LanguageId): keyof typeof SNIPPETS {
  if (language === 'python' || language === 'go' || language === 'rust') return language;
  return 'js';
}

const WORDS = ['x', 'value', 'except', 'unwrap', 'console', 'err', 'self', 'return ', 'await ', ' ', '\t', '.', ';', ':'];
const BREAKERS = ['"', "'", '`', '(', '[', '{', '/*', '"""', '}', ')'];
const UNICODE = ['é', '😀', '漢字', 'a😀b', '\u200b'];

export type EditKind = 'char' | 'word' | 'delete-line' | 'paste' | 'break' | 'newline' | 'delete-range' | 'snippet' | 'unicode' | 'undo-like';

export interface GeneratedEdit {
  readonly kind: EditKind;
  readonly change: TextChange;
}

/** The LSP position of a UTF-16 offset, lines ending at `\n` (columns count a `\r` before it). */
export function positionOf(text: string, offset: number): Position {
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return { line, column: offset - lineStart };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Never lands between the halves of a surrogate pair. */
function safeOffset(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

function replace(text: string, start: number, end: number, newText: string): TextChange {
  return { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: newText };
}

/** A random edit of the kinds an editor sends: typing, deleting lines, pasting, breaking syntax. */
export function randomEdit(text: string, language: LanguageId, random: Random): GeneratedEdit {
  const at = safeOffset(text, random.int(text.length + 1));
  const starts = lineStarts(text);
  const kind = random.pick<EditKind>(['char', 'char', 'word', 'delete-line', 'paste', 'break', 'newline', 'delete-range', 'snippet', 'snippet', 'unicode', 'undo-like']);
  switch (kind) {
    case 'char':
      return { kind, change: replace(text, at, at, random.pick(['a', 'e', 'x', ' ', '_', '.', '(', ')', ':', '=', '1'])) };
    case 'word':
      return { kind, change: replace(text, at, at, random.pick(WORDS)) };
    case 'delete-line': {
      const line = random.int(starts.length);
      const start = starts[line] ?? 0;
      const end = starts[line + 1] ?? text.length;
      return { kind, change: replace(text, start, end, '') };
    }
    case 'paste': {
      const from = random.int(starts.length);
      const block = text.slice(starts[from] ?? 0, starts[from + 5] ?? text.length);
      const line = random.int(starts.length);
      const start = starts[line] ?? text.length;
      return { kind, change: replace(text, start, start, block) };
    }
    case 'break':
      return { kind, change: replace(text, at, at, random.pick(BREAKERS)) };
    case 'newline':
      return { kind, change: replace(text, at, at, random.pick(['\n', '\n    ', '\r\n', '\n\t'])) };
    case 'delete-range': {
      const end = safeOffset(text, Math.min(text.length, at + random.int(40)));
      return { kind, change: replace(text, at, Math.max(at, end), '') };
    }
    case 'snippet': {
      const line = random.int(starts.length);
      const start = starts[line] ?? text.length;
      const indent = /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
      return { kind, change: replace(text, start, start, `${indent}${random.pick(SNIPPETS[family(language)])}\n`) };
    }
    case 'unicode':
      return { kind, change: replace(text, at, at, random.pick(UNICODE)) };
    case 'undo-like': {
      // Replaces a word with another: what a rename or an autocomplete does.
      const end = safeOffset(text, Math.min(text.length, at + 1 + random.int(8)));
      return { kind, change: replace(text, at, Math.max(at, end), random.pick(WORDS)) };
    }
  }
}

/** Applies a change the simple way (the reference the linter is checked against). */
export function applyChange(text: string, change: TextChange): string {
  const offset = (position: Position): number => {
    const starts = lineStarts(text);
    const start = starts[position.line];
    if (start === undefined) return text.length;
    const next = starts[position.line + 1];
    const contentEnd = next === undefined ? text.length : text[next - 2] === '\r' ? next - 2 : next - 1;
    return Math.min(start + position.column, contentEnd);
  };
  return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
}
