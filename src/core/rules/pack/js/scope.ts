import type { Node } from 'web-tree-sitter';

/** Nodes that open a function scope, and the field that holds their parameters. */
export const FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

/** Nodes whose statements declare names for everything inside them. */
export const BLOCKS = new Set(['statement_block', 'program', 'switch_case', 'switch_default', 'class_static_block']);

function bindsName(pattern: Node | null, name: string): boolean {
  if (!pattern) return false;
  if (pattern.type === 'identifier') return pattern.text === name;
  return pattern
    .descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])
    .some((node) => node.text === name);
}

/** Whether a statement declares `name` for its block: `const`, `let`, `var`, `function`, `class`, `import`. */
function declares(statement: Node, name: string): boolean {
  switch (statement.type) {
    case 'lexical_declaration':
    case 'variable_declaration':
      return statement.namedChildren.some(
        (declarator) => declarator?.type === 'variable_declarator' && bindsName(declarator.childForFieldName('name'), name),
      );
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'class_declaration':
      return statement.childForFieldName('name')?.text === name;
    case 'import_statement':
      return statement.descendantsOfType('identifier').some((node) => node.text === name);
    case 'export_statement': {
      const declaration = statement.childForFieldName('declaration');
      return declaration !== null && declares(declaration, name);
    }
    default:
      return false;
  }
}

/**
 * Whether `name` at `node` refers to a local binding rather than the global: a parameter of an
 * enclosing function or a declaration in an enclosing block. Looks only at the enclosing scopes'
 * own statements and parameters, never at the whole tree.
 */
export function isShadowed(node: Node, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTIONS.has(current.type)) {
      const parameters = current.childForFieldName('parameters') ?? current.childForFieldName('parameter');
      if (bindsName(parameters, name)) return true;
    } else if (BLOCKS.has(current.type)) {
      for (const statement of current.namedChildren) {
        if (statement && declares(statement, name)) return true;
      }
    }
  }
  return false;
}
