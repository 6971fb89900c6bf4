; A mutable default value: a display, a comprehension, or a call of a mutable container type.
(function_definition
  parameters: (parameters
    [(default_parameter
       name: (identifier) @name
       value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @match)
     (typed_default_parameter
       name: (identifier) @name
       type: (type) @annotation
       value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @match)])
  body: (block) @body) @function

(function_definition
  parameters: (parameters
    [(default_parameter
       name: (identifier) @name
       value: (call function: [(identifier) (attribute)] @type) @match)
     (typed_default_parameter
       name: (identifier) @name
       type: (type) @annotation
       value: (call function: [(identifier) (attribute)] @type) @match)])
  body: (block) @body
  (#match? @type "^(list|dict|set|bytearray|(collections\\.)?(defaultdict|OrderedDict|Counter|deque))$")) @function
