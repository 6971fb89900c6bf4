; `except Exception` / `except BaseException`, alone, bound with `as`, or inside a tuple.
(except_clause
  value: [
    (identifier) @match
    (as_pattern . (identifier) @match)
    (tuple (identifier) @match)
    (as_pattern . (tuple (identifier) @match))
    (parenthesized_expression (identifier) @match)
  ]
  (#any-of? @match "Exception" "BaseException")) @clause
