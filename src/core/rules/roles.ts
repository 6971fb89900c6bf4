import type { Node } from 'web-tree-sitter';
import type { LanguageId } from './languages';
import type { CodeRole } from './rule';

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'testing', 'testdata', 'spec', '__mocks__', 'e2e']);
const BENCH_DIRS = new Set(['bench', 'benches', 'benchmark', 'benchmarks']);
const EXAMPLE_DIRS = new Set(['example', 'examples', 'demo', 'demos', 'samples']);

/** Roles a path has by the conventions of its language's ecosystem. */
export function rolesForPath(path: string, language: LanguageId): Set<CodeRole> {
  const parts = path.replaceAll('\\', '/').split('/');
  const name = (parts.pop() ?? '').toLowerCase();
  const dirs = parts.map((part) => part.toLowerCase());
  const roles = new Set<CodeRole>();
  if (dirs.some((dir) => TEST_DIRS.has(dir))) roles.add('test');
  if (dirs.some((dir) => BENCH_DIRS.has(dir))) roles.add('bench');
  if (dirs.some((dir) => EXAMPLE_DIRS.has(dir))) roles.add('example');
  switch (language) {
    case 'python':
      if (/^test_.*\.pyi?$/.test(name) || /_tests?\.pyi?$/.test(name) || /^tests?\.py$/.test(name) || name === 'conftest.py') roles.add('test');
      if (name === '__main__.py') roles.add('main');
      break;
    case 'typescript':
    case 'tsx':
    case 'javascript':
      if (/\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/.test(name)) roles.add('test');
      if (/\.bench\.[cm]?[jt]sx?$/.test(name)) roles.add('bench');
      break;
    case 'go':
      if (name.endsWith('_test.go')) roles.add('test');
      break;
    case 'rust':
      if (name === 'build.rs') roles.add('main');
      // Test modules in their own file (`#[cfg(test)] mod tests;` loads `tests.rs`).
      if (/^(tests?|\w+_tests?)\.rs$/.test(name)) roles.add('test');
      break;
  }
  return roles;
}

/**
 * Roles that enclosing code gives a node (test functions and modules, `main`, `__main__` guards),
 * on top of the file's. Remembered per ancestor, so the matches of one function share one walk.
 */
export class EnclosingRoles {
  private readonly known = new Map<number, ReadonlySet<CodeRole>>();

  constructor(
    private readonly language: LanguageId,
    private readonly fileRoles: ReadonlySet<CodeRole>,
  ) {}

  at(node: Node): ReadonlySet<CodeRole> {
    const chain: Node[] = [];
    let base: ReadonlySet<CodeRole> = this.fileRoles;
    for (let current = node.parent; current; current = current.parent) {
      const known = this.known.get(current.id);
      if (known) {
        base = known;
        break;
      }
      chain.push(current);
    }
    for (let index = chain.length - 1; index >= 0; index--) {
      const current = chain[index];
      if (!current) continue;
      const own = new Set<CodeRole>();
      ownRoles(current, chain[index + 1], this.language, own);
      const roles = [...own].every((role) => base.has(role)) ? base : new Set([...base, ...own]);
      this.known.set(current.id, roles);
      base = roles;
    }
    return base;
  }
}

/** What `node` itself adds; `parent` is its parent when the caller already has it (saves a call into WASM). */
function ownRoles(node: Node, parent: Node | undefined, language: LanguageId, into: Set<CodeRole>): void {
  switch (language) {
    case 'rust':
      rustRoles(node, parent ?? node.parent ?? undefined, into);
      break;
    case 'go':
      goRoles(node, into);
      break;
    case 'python':
      pythonRoles(node, into);
      break;
    default:
      jsRoles(node, into);
  }
}

function nameOf(node: Node): string | undefined {
  return node.childForFieldName('name')?.text;
}

/** Attributes written just before a Rust item (`#[cfg(test)]`, `#[test]`, `#[tokio::test]`). */
function rustAttributes(item: Node): string[] {
  const attributes: string[] = [];
  for (let sibling = item.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === 'attribute_item') attributes.push(sibling.text);
    else if (sibling.type !== 'line_comment' && sibling.type !== 'block_comment') break;
  }
  return attributes;
}

/**
 * A `cfg` only true under `cargo test`: `cfg(test)`, or `cfg(all(.., test, ..))` with `test` a direct
 * argument of `all` (so `all(not(test))` and `any(test, x)` do not count).
 */
const RUST_CFG_TEST = /^#!?\[\s*cfg\s*\(\s*(?:test\s*\)|all\s*\((?:[^()]|\([^()]*\))*?\btest\b\s*[,)])/;
/** Attributes that make a function a test: `#[test]`, `#[tokio::test]`, `#[rstest]`, `#[wasm_bindgen_test]`... */
const RUST_TEST_ATTRIBUTE = /^#\[\s*(?:[\w:]*::)?(?:test|rstest|test_case|wasm_bindgen_test|quickcheck|proptest)\b/;
/** Where items are listed, so that their attributes are their preceding siblings. */
const RUST_ITEM_LISTS = new Set(['source_file', 'declaration_list', 'block']);

function rustRoles(node: Node, parent: Node | undefined, into: Set<CodeRole>): void {
  if (node.type === 'source_file') {
    // A file-wide `#![cfg(test)]` before the first item.
    for (const child of node.namedChildren) {
      if (!child || child.type === 'line_comment' || child.type === 'block_comment') continue;
      if (child.type !== 'inner_attribute_item') break;
      if (RUST_CFG_TEST.test(child.text)) into.add('test');
    }
    return;
  }
  if (!parent || !RUST_ITEM_LISTS.has(parent.type)) return;
  const attributes = rustAttributes(node);
  if (attributes.some((attr) => RUST_CFG_TEST.test(attr) || RUST_TEST_ATTRIBUTE.test(attr))) into.add('test');
  if (attributes.some((attr) => /^#\[\s*bench\s*\]/.test(attr))) into.add('bench');
  if (node.type === 'mod_item' && nameOf(node) === 'tests') into.add('test');
  if (node.type === 'function_item' && nameOf(node) === 'main' && parent.type === 'source_file') into.add('main');
}

/** Go tests, benchmarks and examples live in `_test.go` files (a path role); `main` is `func main` in package main. */
function goRoles(node: Node, into: Set<CodeRole>): void {
  if (node.type !== 'function_declaration' || nameOf(node) !== 'main') return;
  const pkg = node.tree.rootNode.namedChildren.find((child) => child?.type === 'package_clause');
  if (pkg && /\bmain\b/.test(pkg.text)) into.add('main');
}

function pythonRoles(node: Node, into: Set<CodeRole>): void {
  if (node.type === 'function_definition') {
    const name = nameOf(node) ?? '';
    if (name === 'main' && node.parent?.type === 'module') into.add('main');
    return;
  }
  if (node.type === 'if_statement' && node.parent?.type === 'module') {
    const condition = node.childForFieldName('condition')?.text ?? '';
    if (/__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/.test(condition)) into.add('main');
  }
}

function jsRoles(node: Node, into: Set<CodeRole>): void {
  if (node.type !== 'function_declaration') return;
  if (nameOf(node) === 'main' && node.parent?.type === 'program') into.add('main');
}
