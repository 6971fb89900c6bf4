; `catch (e: any)`: the annotation switches type checking of the caught value off.
(catch_clause
  parameter: (_) @param
  type: (type_annotation (predefined_type) @match)
  body: (statement_block) @body
  (#eq? @match "any"))

; `promise.catch((e: any) => ...)`: the same, in a rejection handler.
(call_expression
  function: (member_expression
    property: (property_identifier) @method)
  arguments: (arguments
    [
      (arrow_function
        parameters: (formal_parameters
          (required_parameter
            pattern: (_) @param
            type: (type_annotation (predefined_type) @match)) @parameter)
        body: (_) @body)
      (function_expression
        parameters: (formal_parameters
          (required_parameter
            pattern: (_) @param
            type: (type_annotation (predefined_type) @match)) @parameter)
        body: (_) @body)
    ] @handler)
  (#eq? @method "catch")
  (#eq? @match "any")
  (#nth? @handler 0)
  (#nth? @parameter 0))
