; `return err` / `return nil, err` / `return f()` / `return nil, f()`: an error that leaves the
; function as it came. The predicate follows a variable to the call that produced it.
(return_statement
  (expression_list
    (identifier) @err
    .)
  (#match? @err "^(err|[a-z][A-Za-z0-9_]*Err)$")) @match
(return_statement
  (expression_list
    (call_expression) @call
    .)) @match
