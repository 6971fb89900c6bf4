; An empty `catch` block. A comment between the braces marks the silence as intended (as in
; ESLint `no-empty`), so only whitespace may stand there.
(catch_clause
  body: (statement_block) @body
  (#match? @body "^\\{\\s*\\}$")) @match

; `promise.catch(() => {})`: the same silence written as a promise handler, its only argument
; (comments around it do not count).
(call_expression
  function: (member_expression
    property: (property_identifier) @method)
  arguments: (arguments
    [
      (arrow_function body: (statement_block) @body)
      (function_expression body: (statement_block) @body)
    ] @match)
  (#nth? @match 0)
  (#nth? @match -1)
  (#eq? @method "catch")
  (#match? @body "^\\{\\s*\\}$"))
