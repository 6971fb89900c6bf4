; Calls that open a file or file-like resource: builtin `open`, `<module>.open` of the standard
; library's file modules, temporary files, and `Path(...).open()`.
(call
  function: (identifier) @function @callee
  (#eq? @function "open")) @match

; `<module>.open(...)` and `tempfile.<File>(...)`: one pattern (each pattern costs a pass over calls);
; the predicate pairs the module with the function.
(call
  function: (attribute
    object: (identifier) @module
    attribute: (identifier) @function) @callee
  (#any-of? @module "builtins" "io" "_io" "codecs" "gzip" "bz2" "lzma" "tarfile" "dbm" "shelve" "tokenize" "wave" "tempfile")
  (#any-of? @function "open" "TemporaryFile" "NamedTemporaryFile" "SpooledTemporaryFile")) @match

(call
  function: (attribute
    object: (call function: [(identifier) (attribute)] @path)
    attribute: (identifier) @function) @callee
  (#match? @path "(^|\\.)Path$")
  (#eq? @function "open")) @match
