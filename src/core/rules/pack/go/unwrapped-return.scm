; `return err` / `return nil, err` / `return f()` / `return nil, f()`: an error that leaves the
; function as it came. The predicate follows a variable to the call that produced it.
(return_statement
  (expression_list
    (identifier) @err
    .)
  (#match? @err "^(err|[a-z][A-Za-z0-9_]*Err)$")) @match
; Only a method or another package's function (`x.f()`, `pkg.F()`) can be foreign: the callee is a selector.
(return_statement
  (expression_list
    (call_expression
      function: (selector_expression field: (field_identifier) @method)) @call
    .)) @match
