; `let _ = <call>;` (typed or not) and `_ = <call>;`: the predicate decides from the callee's name
; whether the value is a `Result`. `let _ = f()?;` is a try_expression and is not matched.
(let_declaration
  pattern: "_"
  value: [
    (call_expression)
    (macro_invocation)
    (await_expression)
  ] @value) @match

(expression_statement
  (assignment_expression
    left: (identifier) @underscore
    right: [
      (call_expression)
      (macro_invocation)
      (await_expression)
    ] @value
    (#eq? @underscore "_")) @match)
