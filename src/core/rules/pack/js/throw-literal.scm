; Values that can never be an Error object: no stack trace, and `instanceof Error` fails.
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

; Compound values: an Error may come out of one of the operands; the predicate looks.
(throw_statement
  [
    (binary_expression)
    (ternary_expression)
    (parenthesized_expression)
    (sequence_expression)
    (assignment_expression)
    (augmented_assignment_expression)
  ] @value @compound) @match
