; The message of a logging call built eagerly: an f-string with a replacement field, `... % args`, or
; `"...".format(...)`. Parenthesised messages pass the query too: the predicate looks inside. Plain
; strings are left out structurally: a pattern's cost is the raw matches handed to JavaScript. The
; message is the first argument (`#nth?` does not count comments, which the `.` anchor would).
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list
    [(string (interpolation)) (concatenated_string (string (interpolation))) (parenthesized_expression)
     (binary_operator operator: "%")
     (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression)] attribute: (identifier)))] @match)
  (#nth? @match 0)
  (#any-of? @method "debug" "info" "warning" "warn" "error" "exception" "critical" "fatal")) @call

; `logger.log(level, msg, ...)`: the message is the second argument.
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list
    [(string (interpolation)) (concatenated_string (string (interpolation))) (parenthesized_expression)
     (binary_operator operator: "%")
     (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression)] attribute: (identifier)))] @match)
  (#nth? @match 1)
  (#eq? @method "log")) @call
