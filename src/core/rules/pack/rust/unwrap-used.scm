; `x.unwrap()` / `x.unwrap_err()`: a method call with empty parentheses. Only the method name is
; captured (captures are what each candidate costs); the predicate reaches the call from it.
(call_expression
  function: (field_expression
    field: (field_identifier) @match)
  arguments: (arguments . ")")
  (#any-of? @match "unwrap" "unwrap_err"))

; Inside a macro call's arguments (`println!("{}", x.unwrap())`) tree-sitter keeps raw tokens.
(token_tree
  "."
  .
  (identifier) @match
  .
  (token_tree)
  (#any-of? @match "unwrap" "unwrap_err"))
