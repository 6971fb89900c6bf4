; `panic(x)` called as a statement.
(expression_statement
  (call_expression
    function: (identifier) @fn
    arguments: (argument_list . (_) @value .))
  (#eq? @fn "panic")) @match
