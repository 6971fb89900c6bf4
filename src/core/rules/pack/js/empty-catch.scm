; An empty `catch` block. A comment between the braces marks the silence as intended (as in
; ESLint `no-empty`), so only whitespace may stand there.
(catch_clause
  body: (statement_block) @body
  (#match? @body "^\\{\\s*\\}$")) @match

; `promise.catch(() => {})`: the same silence written as a promise handler.
(call_expression
  function: (member_expression
    property: (property_identifier) @method)
  arguments: (arguments
    .
    [
      (arrow_function body: (statement_block) @body)
      (function_expression body: (statement_block) @body)
    ] @match
    .)
  (#eq? @method "catch")
  (#match? @body "^\\{\\s*\\}$"))
