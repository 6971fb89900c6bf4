; `@cache`, `@lru_cache`, `@lru_cache(...)`, `@functools.cache`... on a function defined directly in
; a class body.
(class_definition
  body: (block
    (decorated_definition
      (decorator
        [(identifier) @name
         (attribute object: (identifier) @module attribute: (identifier) @name)
         (call
           function: [(identifier) @name
                      (attribute object: (identifier) @module attribute: (identifier) @name)]
           arguments: (argument_list) @args)]) @match
      definition: (function_definition name: (identifier) @method)) @definition)
  (#any-of? @name "cache" "lru_cache"))
