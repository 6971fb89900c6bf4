; The first argument of an SQL execution call when it is built dynamically: f-string, `%`, `+`, or
; `"...".format(...)` (the predicate checks the method name).
(call
  function: [
    (attribute attribute: (identifier) @sink)
    (identifier) @sink
  ]
  arguments: (argument_list
    [(string (interpolation))
     (concatenated_string)
     (parenthesized_expression)
     (binary_operator operator: ["%" "+"])
     (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression)]))] @match)
  (#nth? @match 0)
  (#any-of? @sink "execute" "executemany" "executescript" "exec_driver_sql" "raw" "text" "DDL" "read_sql" "read_sql_query")) @call

; `cursor.execute(sql)` or `conn.execute(text(sql))`: the predicate looks for how the function built
; `sql`. Method calls only: a bare-call form would hand every `f(x)` in the file to JavaScript.
(call
  function: (attribute attribute: (identifier) @sink)
  arguments: (argument_list
    [(identifier)
     (call arguments: (argument_list (identifier) @inner))] @match)
  (#nth? @match 0)
  (#nth? @inner 0)
  (#nth? @inner -1)
  (#any-of? @sink "execute" "executemany" "executescript" "exec_driver_sql" "raw" "read_sql" "read_sql_query")) @call
