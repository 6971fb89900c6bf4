; `except:` with no type: the clause has no `value` field (the caught expression).
(except_clause
  !value
  .
  ":" @colon) @match
