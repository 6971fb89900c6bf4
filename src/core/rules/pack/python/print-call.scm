; Calls of the builtin `print`.
(call
  function: (identifier) @match
  arguments: (argument_list) @args
  (#eq? @match "print"))
