; A mutable default value: a display, a comprehension, or a call of a mutable container type. Rooted
; at the parameter, the smallest node around the anchor (`=` and the value's start); the predicate
; keeps the parameters of a `def` (lambdas are not checked).
[
  (default_parameter
    name: (identifier) @name
    value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @match)
  (typed_default_parameter
    name: (identifier) @name
    type: (type) @annotation
    value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @match)
]

([
  (default_parameter
    name: (identifier) @name
    value: (call function: [(identifier) (attribute)] @type) @match)
  (typed_default_parameter
    name: (identifier) @name
    type: (type) @annotation
    value: (call function: [(identifier) (attribute)] @type) @match)
]
 (#match? @type "^(list|dict|set|bytearray|(collections\\.)?(defaultdict|OrderedDict|Counter|deque))$"))
