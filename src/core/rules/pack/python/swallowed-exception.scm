; A handler whose block holds a `pass`, `continue` or `...`; the predicate checks that it is the
; only statement (comments sit among the statements, so anchors cannot say it) and that the
; handler is bare or catches Exception/BaseException.
(except_clause
  "except" @match
  (block
    [(pass_statement) (continue_statement) (expression_statement (ellipsis))] @body)) @clause
