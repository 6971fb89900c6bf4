; The first argument of an SQL execution call, when it is built dynamically (f-string, `%`, `+`,
; `.format`) or is a variable (the predicate looks for how the function built it).
(call
  function: [
    (attribute attribute: (identifier) @sink)
    (identifier) @sink
  ]
  arguments: (argument_list
    .
    [(string (interpolation))
     (concatenated_string)
     (parenthesized_expression)
     (binary_operator operator: ["%" "+"])
     (call function: (attribute attribute: (identifier)))
     (identifier)] @match)
  (#any-of? @sink "execute" "executemany" "executescript" "exec_driver_sql" "raw" "text" "DDL" "read_sql" "read_sql_query")) @call
