; Same as throw-literal.scm, plus the TypeScript wrappers around a value (`x as Error`, `x!`),
; which the predicate looks through.
(throw_statement
  [
    (string)
    (template_string)
  ] @value) @match

(throw_statement
  [
    (number)
    (object)
    (array)
    (null)
    (undefined)
    (true)
    (false)
    (regex)
    (unary_expression)
    (arrow_function)
    (function_expression)
    (class)
  ] @value) @match

(throw_statement
  [
    (binary_expression)
    (ternary_expression)
    (parenthesized_expression)
    (sequence_expression)
    (assignment_expression)
    (augmented_assignment_expression)
    (as_expression)
    (satisfies_expression)
    (non_null_expression)
  ] @value @compound) @match
