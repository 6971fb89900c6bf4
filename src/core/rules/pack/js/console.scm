; `console.log`, `console["error"]`: the member access, called or not (`const log = console.log`).
; Only the `console` identifier is captured (one capture per candidate keeps the many member
; expressions that are not `console` cheap); the predicate reports the whole access.
(member_expression
  object: (identifier) @match
  (#eq? @match "console"))

(subscript_expression
  object: (identifier) @match
  (#eq? @match "console"))
