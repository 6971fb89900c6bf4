import type { Node } from 'web-tree-sitter';
import { typeOfExpression, type GoFile } from './calls';

/**
 * `err`, `err2`, `readErr`, `ErrClosed`; not `wantErr` and friends, which table tests use for booleans,
 * nor `e`, which is as often an event or an element (an `e` declared from an erroring call still counts).
 */
const ERROR_NAME = /^err\d*$|^[a-z]\w*Err$|^Err[A-Z0-9_]\w*$|^EOF$/;
const NOT_ERROR_NAME = /^(?:want|expect|expected|has|is|should|got|check|allow|ignore|print|log)[A-Z]/;

/** Whether an expression is recognisably an error value (the heuristics are listed in go/errorf-without-wrap's rationale). */
export function isErrorValue(go: GoFile, node: Node): boolean {
  switch (node.type) {
    case 'parenthesized_expression':
      return node.namedChildren[0] ? isErrorValue(go, node.namedChildren[0]) : false;
    case 'identifier': {
      const type = typeOfExpression(go, node);
      if (type?.kind === 'error') return true;
      if ((type?.kind === 'std' || type?.kind === 'local') && type.name) return /Error$/.test(type.name);
      if (type?.kind === 'literal') return false;
      // Declared with a type we could not read (`errMsg string`): not an error, whatever its name.
      if (go.declarationOf(node, true)?.type) return false;
      // `v, e := f()`: by convention the last of several results is the error.
      const declared = go.declarationOf(node);
      if (declared && declared.arity > 1 && declared.index === declared.arity - 1 && declared.value?.type === 'call_expression' && /^(?:e|er|err)\d*$|Err$/.test(node.text)) return true;
      return ERROR_NAME.test(node.text) && !NOT_ERROR_NAME.test(node.text);
    }
    case 'selector_expression': {
      const field = node.childForFieldName('field')?.text ?? '';
      const operand = node.childForFieldName('operand');
      if (operand?.type === 'identifier' && go.packageOf(operand) !== undefined) return /^(?:Err[A-Z0-9_]\w*|EOF)$/.test(field);
      return /^(?:err|Err|[a-z]\w*Err)$/.test(field) && !NOT_ERROR_NAME.test(field);
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'selector_expression') return false;
      const name = fn.childForFieldName('field')?.text;
      const operand = fn.childForFieldName('operand');
      if (name === 'Err' && node.childForFieldName('arguments')?.namedChildCount === 0) return true;
      const path = operand?.type === 'identifier' ? go.packageOf(operand) : undefined;
      return (path === 'errors' && (name === 'New' || name === 'Join')) || (path === 'fmt' && name === 'Errorf');
    }
    default:
      return false;
  }
}
