import type { Node } from 'web-tree-sitter';
import type { FileContext } from '../../rule';
import { STD_FUNCS, STD_METHODS, STD_RESULTS } from './std-errors';

// The per-file state the Go rules share: imports, top-level declarations, and on-demand lookups of
// local declarations, struct fields, functions and types declared in the file. calls.ts builds type
// inference and "does this call return an error" on top of it.

/** What we could learn about an expression's type. */
export type GoType =
  | { readonly kind: 'std'; readonly name: string } // `os.File`, `io.Writer`: import path + name, pointer stripped
  | { readonly kind: 'local'; readonly name: string } // a type declared in the package ('' when we only know that)
  | { readonly kind: 'literal'; readonly node: Node } // `struct { sync.Mutex; bytes.Buffer }` written in place
  | { readonly kind: 'error' };

const BASIC_TYPES = /^(bool|byte|rune|string|u?int\d*|uintptr|float\d+|complex\d+|any|comparable)$/;

const tableSets = new Map<string, ReadonlySet<string>>();

/** A table entry as a set, parsed once per process. */
export function tableSet(source: string | undefined): ReadonlySet<string> | undefined {
  if (source === undefined) return undefined;
  let set = tableSets.get(source);
  if (!set) {
    set = new Set(source.split(' '));
    tableSets.set(source, set);
  }
  return set;
}

/** A variable, parameter or other name declared inside a function. */
export interface Decl {
  /** Where the name becomes visible: a parameter's start, the end of a `:=` or `=` statement. */
  readonly start: number;
  /** Where it stops being visible: the end of its block, or of the `if`/`for`/`switch` it initialises. */
  readonly end: number;
  /** The declared type, when written. */
  readonly type?: Node;
  /** The value assigned, when there is one: an expression, or a call giving several results. */
  readonly value?: Node;
  /** Position of the name among the results of a single call (`f, err := os.Open()` -> 0 and 1). */
  readonly index: number;
  /** How many names share the single value (1 for `x := y`). */
  readonly arity: number;
}

/** A function or method declared in this file. */
export interface FuncDecl {
  /** The receiver's type name, '' for a function. */
  readonly receiver: string;
  readonly result?: Node;
}

const DECLARATION_TYPES = new Set(['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'short_var_declaration', 'assignment_statement', 'range_clause', 'type_switch_statement', 'receive_statement']);

/** After a name: `:=`, `=`, `, other`, or a type (`x int`, `w *bufio.Writer`, `args ...string`). */
const DECLARATION_FOLLOWS = /^[ \t]*(?::=|=(?!=)|,|[A-Za-z_*[]|\.\.\.)/;

/** The declaration a name found in the text belongs to, if it stands where one declares names. */
function declarationHolder(identifier: Node | null): Node | undefined {
  if (identifier?.type !== 'identifier') return undefined;
  let parent = identifier.parent;
  if (parent?.type === 'expression_list') {
    const list = parent;
    parent = list.parent;
    // Only the left side declares: `x := y` declares x, not y.
    if (!parent || parent.childForFieldName(parent.type === 'type_switch_statement' ? 'alias' : 'left')?.id !== list.id) return undefined;
  }
  return parent && DECLARATION_TYPES.has(parent.type) ? parent : undefined;
}

/** A top-level declaration's extent, to find the one around an offset without walking up the tree. */
interface TopLevel {
  readonly start: number;
  readonly end: number;
  readonly node: Node;
}

/**
 * What one file's analysis keeps between predicate calls (one per FileContext, so per lint run).
 * Walking a web-tree-sitter tree from JS is costly (every step crosses into WASM), so the lookups
 * here start from the text: one regex pass per file or per function finds candidates, and the tree
 * is consulted only where a candidate needs it.
 */
export class GoFile {
  readonly imports = new Map<string, string>();
  private readonly dotImports: string[] = [];
  readonly isMainPackage: boolean;
  private readonly tops: readonly TopLevel[];
  private readonly scopes = new Map<string, readonly Decl[]>();
  private readonly texts = new Map<number, string>();
  private packageScope: Map<string, Decl[]> | undefined;
  private readonly fields = new Map<string, GoType | undefined>();
  private functionIndex: Map<string, { readonly at: number; readonly receiver: string }[]> | undefined;
  private readonly functions = new Map<string, readonly FuncDecl[]>();
  private readonly typeDecls = new Map<string, Node | undefined>();

  constructor(readonly file: FileContext) {
    let main = false;
    const tops: TopLevel[] = [];
    for (const child of file.tree.rootNode.namedChildren) {
      if (!child) continue;
      if (child.type === 'package_clause') main = child.namedChildren[0]?.text === 'main';
      else if (child.type === 'import_declaration') for (const spec of child.descendantsOfType('import_spec')) this.addImport(spec);
      else tops.push({ start: child.startIndex, end: child.endIndex, node: child });
    }
    this.isMainPackage = main;
    this.tops = tops;
  }

  private addImport(spec: Node): void {
    const path = spec.childForFieldName('path')?.text.slice(1, -1);
    if (!path) return;
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '.') this.dotImports.push(path);
    else if (alias !== '_') this.imports.set(alias ?? defaultImportName(path), path);
  }

  /** The import path an identifier names, unless a local declaration shadows it. */
  packageOf(identifier: Node): string | undefined {
    const path = this.imports.get(identifier.text);
    if (path === undefined) return undefined;
    return this.declarationOf(identifier) ? undefined : path;
  }

  /** `pkg.Name` as a type. */
  qualified(pkg: string, name: string): GoType | undefined {
    const path = this.imports.get(pkg);
    return path === undefined ? undefined : { kind: 'std', name: `${path}.${name}` };
  }

  /** An unqualified type name: `error`, a type of a dot-imported package, or the package's own. */
  unqualified(name: string): GoType | undefined {
    if (name === 'error') return { kind: 'error' };
    if (BASIC_TYPES.test(name)) return undefined;
    for (const path of this.dotImports) if (STD_METHODS[`${path}.${name}`] !== undefined) return { kind: 'std', name: `${path}.${name}` };
    return { kind: 'local', name };
  }

  /** A function of a dot-imported standard package (`. "io"` then `Pipe()`). */
  dotImported(name: string): string | undefined {
    return this.dotImports.find((path) => tableSet(STD_FUNCS[path])?.has(name) || STD_RESULTS[`${path}.${name}`] !== undefined);
  }

  /** The top-level declaration (function, var block...) around an offset. */
  topLevelAt(offset: number): Node | undefined {
    let low = 0;
    let high = this.tops.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const top = this.tops[mid];
      if (!top) break;
      if (offset < top.start) high = mid - 1;
      else if (offset >= top.end) low = mid + 1;
      else return top.node;
    }
    return undefined;
  }

  /**
   * The nearest declaration of `identifier` before it (an assignment counts), in its top-level function,
   * then the file. With `typed`, the nearest that writes the type: `x = y` does not change x's type.
   */
  declarationOf(identifier: Node, typed = false): Decl | undefined {
    const name = identifier.text;
    const top = this.topLevelAt(identifier.startIndex);
    if (top && top.type !== 'var_declaration' && top.type !== 'const_declaration') {
      const found = latestBefore(this.declarationsIn(top, name), identifier.startIndex, typed);
      if (found) return found;
    }
    this.packageScope ??= this.collectPackageScope();
    return this.packageScope.get(name)?.find((decl) => !typed || decl.type);
  }

  /**
   * The declarations of `name` in a top-level function. The text is searched for the name where a
   * declaration could follow (`name :=`, `name, x =`, `name Type`), and only those places are read in
   * the tree: most names asked about (package names, the package's functions) are declared nowhere.
   */
  private declarationsIn(top: Node, name: string): readonly Decl[] {
    const key = `${top.id}:${name}`;
    const cached = this.scopes.get(key);
    if (cached) return cached;
    const decls: Decl[] = [];
    let text = this.texts.get(top.id);
    if (text === undefined) {
      text = top.text;
      this.texts.set(top.id, text);
    }
    const root = this.file.tree.rootNode;
    for (const hit of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const at = hit.index ?? 0;
      if (text[at - 1] === '.' || !DECLARATION_FOLLOWS.test(text.slice(at + name.length, at + name.length + 24))) continue;
      const holder = declarationHolder(root.descendantForIndex(top.startIndex + at));
      if (!holder) continue;
      const scope = new Map<string, Decl[]>();
      collectDecl(holder, scope);
      decls.push(...(scope.get(name) ?? []));
    }
    this.scopes.set(key, decls);
    return decls;
  }

  private collectPackageScope(): Map<string, Decl[]> {
    const scope = new Map<string, Decl[]>();
    for (const top of this.tops) if (top.node.type === 'var_declaration') for (const spec of top.node.descendantsOfType('var_spec')) collectDecl(spec, scope);
    return scope;
  }

  /** A struct field's type by its name: a `name Type` line, or an embedded `pkg.Name`, in this file. */
  fieldType(name: string): GoType | undefined {
    if (this.fields.has(name)) return this.fields.get(name);
    const tail = '[ \\t]*(?:`[^`\\n]*`)?[ \\t]*(?://.*)?$';
    const named = new RegExp(`^[ \\t]*(?:\\w+[ \\t]*,[ \\t]*)*${name}(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+\\*?([A-Za-z_]\\w*)(?:\\.([A-Za-z_]\\w*))?${tail}`, 'm').exec(this.file.text);
    const embedded = named ? null : new RegExp(`^[ \\t]*\\*?([A-Za-z_]\\w*)\\.${name}${tail}`, 'm').exec(this.file.text);
    let type: GoType | undefined;
    if (named?.[1]) type = named[2] ? this.qualified(named[1], named[2]) : this.unqualified(named[1]);
    else if (embedded?.[1]) type = this.qualified(embedded[1], name);
    this.fields.set(name, type);
    return type;
  }

  /**
   * Functions (receiver '') and methods called `name` declared in this file, from one text pass over
   * the `func` lines: the batch facts say which names return an error somewhere in the package, this
   * says what the declarations at hand return.
   */
  declaredFunctions(name: string): readonly FuncDecl[] {
    let found = this.functions.get(name);
    if (found) return found;
    if (!this.functionIndex) {
      this.functionIndex = new Map();
      for (const hit of this.file.text.matchAll(/^func[ \t]*(?:\([ \t]*(?:\w+[ \t]+)?\*?[ \t]*(\w+)[^)]*\))?[ \t]*(\w+)[ \t]*[[(]/gm)) {
        const entry = { at: hit.index ?? 0, receiver: hit[1] ?? '' };
        const list = this.functionIndex.get(hit[2] ?? '');
        if (list) list.push(entry);
        else this.functionIndex.set(hit[2] ?? '', [entry]);
      }
    }
    const list: FuncDecl[] = [];
    for (const { at, receiver } of this.functionIndex.get(name) ?? []) {
      const decl = this.topLevelAt(at);
      if (decl?.type !== 'function_declaration' && decl?.type !== 'method_declaration') continue;
      const result = decl.childForFieldName('result') ?? undefined;
      list.push({ receiver, ...(result ? { result } : {}) });
    }
    found = list;
    this.functions.set(name, found);
    return found;
  }

  /** The struct or interface a type declared in this file stands for. */
  typeDeclaration(name: string): Node | undefined {
    if (this.typeDecls.has(name)) return this.typeDecls.get(name);
    const hit = new RegExp(`^[ \\t]*(?:type[ \\t]+)?(${name})(?:\\[[^\\]\\n]*\\])?[ \\t]+(?:struct|interface)[ \\t]*\\{`, 'm').exec(this.file.text);
    let type: Node | undefined;
    if (hit) {
      const at = hit.index + hit[0].indexOf(name);
      const spec = this.file.tree.rootNode.descendantForIndex(at)?.parent;
      if (spec?.type === 'type_spec') type = spec.childForFieldName('type') ?? undefined;
    }
    this.typeDecls.set(name, type);
    return type;
  }
}

const files = new WeakMap<FileContext, GoFile>();

/** The analysis state of a file, created on first use by any Go rule. */
export function goFile(file: FileContext): GoFile {
  let info = files.get(file);
  if (!info) {
    info = new GoFile(file);
    files.set(file, info);
  }
  return info;
}

/** `gopkg.in/yaml.v3` -> yaml, `github.com/go-sql-driver/mysql` -> mysql, `math/rand/v2` -> rand. */
function defaultImportName(path: string): string {
  const parts = path.split('/');
  let last = parts.pop() ?? path;
  if (/^v\d+$/.test(last) && parts.length > 0) last = parts.pop() ?? last;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[-.]go$/, '').replace(/\W/g, '_');
}

/** The declaration in force at `offset`; with `typed`, the nearest one that writes a type (`var x T`, a parameter). */
function latestBefore(decls: readonly Decl[] | undefined, offset: number, typed: boolean): Decl | undefined {
  let best: Decl | undefined;
  for (const decl of decls ?? []) {
    if (decl.start < offset && offset <= decl.end && (!typed || decl.type) && (!best || decl.start > best.start)) best = decl;
  }
  return best;
}

/** How far a declaration made by `node` reaches: its block, or the statement it initialises. */
function reachOf(node: Node): number {
  if (node.type === 'assignment_statement') return Number.MAX_SAFE_INTEGER;
  let holder = node.parent;
  if (holder?.type === 'var_spec_list') holder = holder.parent;
  if (holder?.type === 'var_declaration' || holder?.type === 'parameter_list' || holder?.type === 'expression_list') holder = holder.parent;
  if (holder?.type === 'for_clause' || holder?.type === 'labeled_statement') holder = holder.parent;
  return holder?.type === 'source_file' || !holder ? Number.MAX_SAFE_INTEGER : holder.endIndex;
}

function add(scope: Map<string, Decl[]>, name: string, decl: Decl): void {
  if (name === '_') return;
  const list = scope.get(name);
  if (list) list.push(decl);
  else scope.set(name, [decl]);
}

function collectDecl(node: Node, scope: Map<string, Decl[]>): void {
  switch (node.type) {
    case 'parameter_declaration': {
      const type = node.childForFieldName('type') ?? undefined;
      const end = reachOf(node);
      for (const name of node.childrenForFieldName('name')) add(scope, name.text, { start: node.startIndex, end, ...(type ? { type } : {}), index: 0, arity: 1 });
      return;
    }
    case 'variadic_parameter_declaration': {
      // `args ...T` is a slice, whose methods we never need.
      const name = node.childForFieldName('name');
      if (name) add(scope, name.text, { start: node.startIndex, end: reachOf(node), index: 0, arity: 1 });
      return;
    }
    case 'var_spec': {
      const names = node.childrenForFieldName('name');
      const type = node.childForFieldName('type') ?? undefined;
      const values = node.childForFieldName('value')?.namedChildren.filter(isNode) ?? [];
      names.forEach((name, i) => add(scope, name.text, declFor(node.endIndex, reachOf(node), type, values, i, names.length)));
      return;
    }
    case 'short_var_declaration':
    case 'assignment_statement': {
      if (node.type === 'assignment_statement' && node.childForFieldName('operator')?.text !== '=') return;
      const left = node.childForFieldName('left')?.namedChildren.filter(isNode) ?? [];
      const values = node.childForFieldName('right')?.namedChildren.filter(isNode) ?? [];
      left.forEach((target, i) => {
        if (target.type === 'identifier') add(scope, target.text, declFor(node.endIndex, reachOf(node), undefined, values, i, left.length));
      });
      return;
    }
    case 'receive_statement': {
      // `case v, ok := <-ch`: recorded without a type, so an outer declaration is not used instead.
      for (const target of node.childForFieldName('left')?.namedChildren ?? []) {
        if (target?.type === 'identifier') add(scope, target.text, { start: node.endIndex, end: node.parent?.endIndex ?? node.endIndex, index: 0, arity: 1 });
      }
      return;
    }
    case 'range_clause': {
      // `for _, x := range xs`: recorded without a type, so an outer declaration is not used instead.
      for (const target of node.childForFieldName('left')?.namedChildren ?? []) {
        if (target?.type === 'identifier') add(scope, target.text, { start: node.startIndex, end: node.parent?.endIndex ?? node.endIndex, index: 0, arity: 1 });
      }
      return;
    }
    case 'type_switch_statement': {
      const alias = node.childForFieldName('alias');
      for (const name of alias?.namedChildren ?? []) if (name) add(scope, name.text, { start: node.startIndex, end: node.endIndex, index: 0, arity: 1 });
      return;
    }
  }
}

function declFor(start: number, end: number, type: Node | undefined, values: readonly Node[], i: number, names: number): Decl {
  const base = type ? { type } : {};
  if (values.length === 1 && names > 1) return { start, end, ...base, ...(values[0] ? { value: values[0] } : {}), index: i, arity: names };
  const value = values[i];
  return { start, end, ...base, ...(value ? { value } : {}), index: 0, arity: 1 };
}

function isNode(node: Node | null): node is Node {
  return node !== null;
}
