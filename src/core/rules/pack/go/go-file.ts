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

/** A node with its type, read once: every read of a node's `type` is a call into WASM. */
interface Typed {
  readonly node: Node;
  readonly type: string;
}

/** The declaration a name found in the text belongs to, if it stands where one declares names. */
function declarationHolder(identifier: Node | null): Typed | undefined {
  if (identifier?.type !== 'identifier') return undefined;
  let parent = identifier.parent;
  let type = parent?.type;
  if (type === 'expression_list') {
    const list = parent;
    parent = list?.parent ?? null;
    type = parent?.type;
    // Only the left side declares: `x := y` declares x, not y.
    if (!parent || parent.childForFieldName(type === 'type_switch_statement' ? 'alias' : 'left')?.id !== list?.id) return undefined;
  }
  return parent && type !== undefined && DECLARATION_TYPES.has(type) ? { node: parent, type } : undefined;
}

const IDENTIFIER_CHAR = /[\p{L}\p{N}_]/u;

/** Where `name` occurs in `text` as a whole name (Go names may hold any letter; `\b` knows ASCII only). */
function* occurrences(text: string, name: string): Generator<number> {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!IDENTIFIER_CHAR.test(text[at - 1] ?? '') && !IDENTIFIER_CHAR.test(text[at + name.length] ?? '')) yield at;
  }
}

/** Names looked up in a function by scanning its text for each, before it is indexed once instead. */
const DIRECT_LOOKUPS = 8;

/**
 * A top-level function's text and where names stand as a declaration could (`name :=`, `name Type`,
 * not after a `.`). The first few names asked about are searched for one by one, which is cheapest
 * for an ordinary function; past that, every name of the function is indexed in one pass, so a
 * generated function of thousands of statements does not cost one scan of itself per name.
 */
class FunctionText {
  private lookups = 0;
  private index: Map<string, number[]> | undefined;

  constructor(readonly text: string) {}

  declarationSites(name: string): readonly number[] {
    this.lookups++;
    if (this.lookups > DIRECT_LOOKUPS) this.index ??= this.indexAll();
    if (this.index) return this.index.get(name) ?? [];
    const sites: number[] = [];
    for (const at of occurrences(this.text, name)) if (this.declares(at, name)) sites.push(at);
    return sites;
  }

  private declares(at: number, name: string): boolean {
    return this.text[at - 1] !== '.' && DECLARATION_FOLLOWS.test(this.text.slice(at + name.length, at + name.length + 24));
  }

  private indexAll(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    for (const found of this.text.matchAll(IDENTIFIER)) {
      const name = found[0];
      if (!this.declares(found.index, name)) continue;
      const sites = index.get(name);
      if (sites) sites.push(found.index);
      else index.set(name, [found.index]);
    }
    return index;
  }
}

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/gu;

/** Top-level nodes whose names belong to the package (or are no declarations at all). */
const WITHOUT_LOCALS = new Set(['var_declaration', 'const_declaration', 'package_clause', 'import_declaration']);

/** A top-level declaration (or comment), to find the one around an offset without walking up the tree. */
interface TopLevel {
  readonly start: number;
  /** Read once: every `type` or `endIndex` of a node is a call into WASM. */
  readonly type: string;
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
  private readonly functionTexts = new Map<number, FunctionText>();
  private readonly packageScope = new Map<string, readonly Decl[]>();
  /** The file's package-level `var` declarations and their texts, where package-scope names are searched. */
  private varBlocks: readonly { readonly start: number; readonly text: string }[] | undefined;
  private readonly fields = new Map<string, GoType | undefined>();
  private functionIndex: Map<string, { readonly at: number; readonly receiver: string }[]> | undefined;
  private readonly functions = new Map<string, readonly FuncDecl[]>();
  private readonly typeDecls = new Map<string, Node | undefined>();

  constructor(readonly file: FileContext) {
    let main = false;
    const tops: TopLevel[] = [];
    for (const child of file.tree.rootNode.namedChildren) {
      if (!child) continue;
      const type = child.type;
      if (type === 'package_clause') main = child.namedChildren[0]?.text === 'main';
      else if (type === 'import_declaration') for (const spec of child.descendantsOfType('import_spec')) this.addImport(spec);
      tops.push({ start: child.startIndex, type, node: child });
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
    return this.topAt(offset)?.node;
  }

  /**
   * The offsets asked about are those of tokens, and every token lies in one of the root's named
   * children (comments and ERROR nodes included): the last of them that starts at or before the
   * offset holds it, so their ends, each a call into WASM, are never needed.
   */
  private topAt(offset: number): TopLevel | undefined {
    let found: TopLevel | undefined;
    let low = 0;
    let high = this.tops.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const top = this.tops[mid];
      if (!top) break;
      if (offset < top.start) high = mid - 1;
      else {
        found = top;
        low = mid + 1;
      }
    }
    return found;
  }

  /**
   * The nearest declaration of `identifier` before it (an assignment counts), in its top-level function,
   * then the file. With `typed`, the nearest that writes the type: `x = y` does not change x's type.
   */
  declarationOf(identifier: Node, typed = false): Decl | undefined {
    const name = identifier.text;
    const top = this.topAt(identifier.startIndex);
    if (top && !WITHOUT_LOCALS.has(top.type)) {
      const found = latestBefore(this.declarationsIn(top, name), identifier.startIndex, typed);
      if (found) return found;
    }
    return this.packageDeclarations(name).find((decl) => !typed || decl.type);
  }

  /**
   * The declarations of `name` in a top-level function. The text is searched for the name where a
   * declaration could follow (`name :=`, `name, x =`, `name Type`), and only those places are read in
   * the tree: most names asked about (package names, the package's functions) are declared nowhere.
   */
  private declarationsIn(top: TopLevel, name: string): readonly Decl[] {
    const key = `${top.node.id}:${name}`;
    const cached = this.scopes.get(key);
    if (cached) return cached;
    const decls: Decl[] = [];
    let fn = this.functionTexts.get(top.node.id);
    if (!fn) {
      fn = new FunctionText(top.node.text);
      this.functionTexts.set(top.node.id, fn);
    }
    const root = this.file.tree.rootNode;
    for (const at of fn.declarationSites(name)) {
      const holder = declarationHolder(root.descendantForIndex(top.start + at));
      if (!holder) continue;
      const scope = new Map<string, Decl[]>();
      collectDecl(holder.node, scope, holder.type);
      decls.push(...(scope.get(name) ?? []));
    }
    this.scopes.set(key, decls);
    return decls;
  }

  /**
   * The package-level `var` declarations of `name` in this file. Like a function's, found from the
   * places the name occurs in the text: most names asked about have none, and reading every spec of
   * the file's var blocks in the tree cost more than all the lookups.
   */
  private packageDeclarations(name: string): readonly Decl[] {
    const cached = this.packageScope.get(name);
    if (cached) return cached;
    const decls: Decl[] = [];
    const root = this.file.tree.rootNode;
    this.varBlocks ??= this.tops.filter((top) => top.type === 'var_declaration').map((top) => ({ start: top.start, text: top.node.text }));
    for (const { start, text } of this.varBlocks) {
      for (const at of occurrences(text, name)) {
        // Not a selector (`errors.New`, `x.name`).
        if (text[at - 1] === '.' || text[at + name.length] === '.') continue;
        const holder = declarationHolder(root.descendantForIndex(start + at));
        if (holder?.type !== 'var_spec') continue;
        const scope = new Map<string, Decl[]>();
        collectDecl(holder.node, scope, holder.type);
        decls.push(...(scope.get(name) ?? []));
      }
    }
    this.packageScope.set(name, decls);
    return decls;
  }

  /** A struct field's type by its name: a `name Type` line, or an embedded `pkg.Name`, in this file. */
  fieldType(name: string): GoType | undefined {
    if (this.fields.has(name)) return this.fields.get(name);
    // The name comes first and what starts its line is checked behind it: a search for a word is
    // several times faster than trying a line-start pattern at every offset of the file.
    const tail = '[ \\t]*(?:`[^`\\n]*`)?[ \\t]*(?://.*)?$';
    const named = new RegExp(`${name}(?<=^[ \\t]*(?:\\w+[ \\t]*,[ \\t]*)*${name})(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+\\*?([A-Za-z_]\\w*)(?:\\.([A-Za-z_]\\w*))?${tail}`, 'm').exec(this.file.text);
    const embedded = named ? null : new RegExp(`\\.${name}(?<=^[ \\t]*\\*?([A-Za-z_]\\w*)\\.${name})${tail}`, 'm').exec(this.file.text);
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
      const top = this.topAt(at);
      if (top?.type !== 'function_declaration' && top?.type !== 'method_declaration') continue;
      const result = top.node.childForFieldName('result') ?? undefined;
      list.push({ receiver, ...(result ? { result } : {}) });
    }
    found = list;
    this.functions.set(name, found);
    return found;
  }

  /** The struct or interface a type declared in this file stands for. */
  typeDeclaration(name: string): Node | undefined {
    if (this.typeDecls.has(name)) return this.typeDecls.get(name);
    // The name first, its line start checked behind it (as in fieldType); the match starts at the name.
    const hit = new RegExp(`${name}(?<=^[ \\t]*(?:type[ \\t]+)?${name})(?:\\[[^\\]\\n]*\\])?[ \\t]+(?:struct|interface)[ \\t]*\\{`, 'm').exec(this.file.text);
    let type: Node | undefined;
    if (hit) {
      const spec = this.file.tree.rootNode.descendantForIndex(hit.index)?.parent;
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

/** The wrappers between a declaration and the node whose end is its reach, outermost last. */
const REACH_WRAPPERS: readonly ReadonlySet<string>[] = [
  new Set(['var_spec_list']),
  new Set(['var_declaration', 'parameter_list', 'expression_list']),
  new Set(['for_clause', 'labeled_statement']),
];

/** How far a declaration made by `node` (of type `type`) reaches: its block, or the statement it initialises. */
function reachOf(node: Node, type: string): number {
  if (type === 'assignment_statement') return Number.MAX_SAFE_INTEGER;
  let holder = node.parent;
  let holderType = holder?.type;
  for (const wrappers of REACH_WRAPPERS) {
    if (holder && holderType !== undefined && wrappers.has(holderType)) {
      holder = holder.parent;
      holderType = holder?.type;
    }
  }
  return holderType === 'source_file' || !holder ? Number.MAX_SAFE_INTEGER : holder.endIndex;
}

function add(scope: Map<string, Decl[]>, name: string, decl: Decl): void {
  if (name === '_') return;
  const list = scope.get(name);
  if (list) list.push(decl);
  else scope.set(name, [decl]);
}

function collectDecl(node: Node, scope: Map<string, Decl[]>, nodeType: string = node.type): void {
  switch (nodeType) {
    case 'parameter_declaration': {
      const type = node.childForFieldName('type') ?? undefined;
      const end = reachOf(node, nodeType);
      for (const name of node.childrenForFieldName('name')) add(scope, name.text, { start: node.startIndex, end, ...(type ? { type } : {}), index: 0, arity: 1 });
      return;
    }
    case 'variadic_parameter_declaration': {
      // `args ...T` is a slice, whose methods we never need.
      const name = node.childForFieldName('name');
      if (name) add(scope, name.text, { start: node.startIndex, end: reachOf(node, nodeType), index: 0, arity: 1 });
      return;
    }
    case 'var_spec': {
      const names = node.childrenForFieldName('name');
      if (names.length === 0) return;
      const type = node.childForFieldName('type') ?? undefined;
      const values = node.childForFieldName('value')?.namedChildren.filter(isNode) ?? [];
      const start = node.endIndex;
      const end = reachOf(node, nodeType);
      names.forEach((name, i) => add(scope, name.text, declFor(start, end, type, values, i, names.length)));
      return;
    }
    case 'short_var_declaration':
    case 'assignment_statement': {
      if (nodeType === 'assignment_statement' && node.childForFieldName('operator')?.text !== '=') return;
      const left = node.childForFieldName('left')?.namedChildren.filter(isNode) ?? [];
      const values = node.childForFieldName('right')?.namedChildren.filter(isNode) ?? [];
      const start = node.endIndex;
      let end: number | undefined;
      left.forEach((target, i) => {
        if (target.type === 'identifier') add(scope, target.text, declFor(start, (end ??= reachOf(node, nodeType)), undefined, values, i, left.length));
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
