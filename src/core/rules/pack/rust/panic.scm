; `panic!(..)`, also written `std::panic!` or `core::panic!`.
(macro_invocation
  macro: (identifier) @match
  (#eq? @match "panic"))

(macro_invocation
  macro: (scoped_identifier) @match
  (#match? @match "^(std|core)::panic$"))

; Inside another macro call's arguments (`thread_local!(static ID: u32 = { .. panic!() })`), where
; tree-sitter keeps raw tokens; the predicate leaves `macro_rules!` bodies alone, as clippy does.
(token_tree
  (identifier) @match
  .
  "!"
  .
  (token_tree)
  (#eq? @match "panic"))
