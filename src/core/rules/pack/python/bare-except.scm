; `except:` with no type: the clause has no `value` field (the caught expression). Reported on the
; `except` keyword so the squiggle stays on the handler's first line.
(except_clause
  "except" @match
  !value
  ":" @colon)
