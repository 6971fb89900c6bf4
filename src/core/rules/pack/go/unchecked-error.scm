; A call whose results are all dropped: `f()`, `defer f()`, `go f()`. The predicate decides whether it
; returns an error, first from the names (`@operand`, `@method`) alone, which settles most calls without
; reading the tree; builtins and fmt.Print* (which errcheck excludes) never count as returning one.
; No text predicates here: they cost a read of the name per call, which the predicate does anyway.
(expression_statement
  (call_expression
    function: [(identifier) (selector_expression operand: (_) @operand field: (field_identifier) @method) (parenthesized_expression) (index_expression)]) @call) @match
(defer_statement
  (call_expression
    function: [(identifier) (selector_expression operand: (_) @operand field: (field_identifier) @method) (parenthesized_expression) (index_expression)]) @call) @match
(go_statement
  (call_expression
    function: [(identifier) (selector_expression operand: (_) @operand field: (field_identifier) @method) (parenthesized_expression) (index_expression)]) @call) @match
