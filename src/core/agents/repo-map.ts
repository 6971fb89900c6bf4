import type { Node } from 'web-tree-sitter';
import type { WasmSource } from '../ports/wasm';
import { type LanguageId, languageForPath } from '../rules/languages';
import { TreeSitterRuntime } from '../rules/runtime';

/** Declarations that name a top-level symbol, per grammar; wrappers (exports, decorators) are looked through. */
const DECLARATIONS: Readonly<Record<LanguageId, ReadonlySet<string>>> = {
  python: new Set(['function_definition', 'class_definition']),
  typescript: new Set(['function_declaration', 'class_declaration', 'abstract_class_declaration', 'interface_declaration', 'type_alias_declaration', 'enum_declaration', 'variable_declarator']),
  tsx: new Set(['function_declaration', 'class_declaration', 'abstract_class_declaration', 'interface_declaration', 'type_alias_declaration', 'enum_declaration', 'variable_declarator']),
  javascript: new Set(['function_declaration', 'class_declaration', 'variable_declarator']),
  go: new Set(['function_declaration', 'method_declaration', 'type_spec', 'const_spec', 'var_spec']),
  rust: new Set(['function_item', 'struct_item', 'enum_item', 'trait_item', 'type_item', 'mod_item', 'const_item', 'static_item', 'macro_definition']),
};
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'lexical_declaration', 'variable_declaration', 'type_declaration', 'const_declaration', 'var_declaration']);

const runtimes = new WeakMap<WasmSource, Promise<TreeSitterRuntime>>();

/** The names a file declares at its top level, in order: what a reader skimming the repository sees first. */
export async function topLevelSymbols(wasm: WasmSource, path: string, text: string, budgetMs = 200): Promise<string[]> {
  const language = languageForPath(path);
  if (!language) return [];
  let runtime = runtimes.get(wasm);
  if (!runtime) {
    runtime = TreeSitterRuntime.create(wasm);
    runtimes.set(wasm, runtime);
    runtime.catch(() => runtimes.delete(wasm));
  }
  const tree = await (await runtime).parse(language, text, undefined, budgetMs);
  if (!tree) return [];
  try {
    const names: string[] = [];
    collect(tree.rootNode, DECLARATIONS[language], names);
    return names;
  } finally {
    tree.delete();
  }
}

function collect(node: Node, declarations: ReadonlySet<string>, names: string[]): void {
  for (const child of node.namedChildren) {
    if (declarations.has(child.type)) {
      const name = child.childForFieldName('name')?.text;
      if (name) names.push(child.type === 'method_declaration' ? methodName(child, name) : name);
    } else if (WRAPPERS.has(child.type)) {
      collect(child, declarations, names);
    }
  }
}

/** Go methods read `(*Server).Serve`, so two types' methods of the same name stay apart. */
function methodName(node: Node, name: string): string {
  const receiver = node.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type')?.text;
  return receiver ? `(${receiver}).${name}` : name;
}
