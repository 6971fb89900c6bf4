; `unimplemented!(..)`, also written `std::unimplemented!` or `core::unimplemented!`. Unlike rs/panic, no pattern for the macro
; inside another macro's tokens: it does not occur in real crates and would cost a candidate per
; `name!(..)` token run.
(macro_invocation
  macro: (identifier) @match
  (#eq? @match "unimplemented"))

(macro_invocation
  macro: (scoped_identifier) @match
  (#match? @match "^(std|core)::unimplemented$"))
