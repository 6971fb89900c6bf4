; `_ = f()`, `x, _ := f()`, `var _ = f()`: the last target is the blank identifier and the value is one
; call (`#nth?` positions do not count comments). The predicate checks that the call returns an error (its last result, which `_` receives).
(assignment_statement
  left: (expression_list (identifier) @blank)
  operator: "="
  right: (expression_list (call_expression) @call)
  (#eq? @blank "_")
  (#nth? @blank -1)
  (#nth? @call 0)
  (#nth? @call -1)) @match
(short_var_declaration
  left: (expression_list (identifier) @blank)
  right: (expression_list (call_expression) @call)
  (#eq? @blank "_")
  (#nth? @blank -1)
  (#nth? @call 0)
  (#nth? @call -1)) @match
(var_spec
  name: (identifier) @blank
  .
  value: (expression_list (call_expression) @call)
  (#eq? @blank "_")
  (#nth? @call 0)
  (#nth? @call -1)) @match
