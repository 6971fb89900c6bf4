; `x.expect(msg)` / `r.expect_err(msg)`: a method call with one argument. Only the method name is
; captured (captures are what each candidate costs); the predicate reaches the call from it.
(call_expression
  function: (field_expression
    field: (field_identifier) @match)
  arguments: (arguments (_) @argument)
  (#nth? @argument 0)
  (#nth? @argument -1)
  (#any-of? @match "expect" "expect_err"))

; Inside a macro call's arguments (`println!("{}", x.expect("msg"))`) tree-sitter keeps raw tokens.
(token_tree
  "."
  .
  (identifier) @match
  .
  (token_tree)
  (#any-of? @match "expect" "expect_err"))
