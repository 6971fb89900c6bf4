; `raise X` without `from`; the predicate keeps those that run inside an `except` body.
(raise_statement
  (_) @exception
  !cause) @match
