; fmt.Errorf with a literal format and at least one argument; the predicate pairs verbs with arguments.
(call_expression
  function: (selector_expression
    operand: (identifier) @pkg
    field: (field_identifier) @fn)
  arguments: (argument_list
    [(interpreted_string_literal) (raw_string_literal)] @format
    (_) @argument)
  (#nth? @format 0)
  (#nth? @argument 1)
  (#eq? @fn "Errorf")
  (#eq? @pkg "fmt")) @match
