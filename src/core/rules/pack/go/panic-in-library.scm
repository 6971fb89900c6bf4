; `panic(x)` called as a statement.
(expression_statement
  (call_expression
    function: (identifier) @fn
    arguments: (argument_list (_) @value))
  (#nth? @value 0)
  (#nth? @value -1)
  (#eq? @fn "panic")) @match
