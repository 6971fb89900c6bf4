; A call whose results are all dropped: `f()`, `defer f()`, `go f()`. Builtins and fmt.Print* never
; return an error worth checking (errcheck excludes fmt.Print*); the predicate decides the rest.
(expression_statement
  (call_expression
    function: [
      (identifier) @fn (#not-any-of? @fn "panic" "print" "println" "close" "delete" "copy" "append" "clear")
      (selector_expression field: (field_identifier) @method (#not-any-of? @method "Print" "Printf" "Println"))
      (parenthesized_expression)
      (index_expression)
    ]) @call) @match
(defer_statement
  (call_expression
    function: [(identifier) (selector_expression) (parenthesized_expression) (index_expression)]) @call) @match
(go_statement
  (call_expression
    function: [(identifier) (selector_expression) (parenthesized_expression) (index_expression)]) @call) @match
