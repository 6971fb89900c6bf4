; `log` and `tracing` macros (`info!`, `log::warn!`, `tracing::error!`, `event!`) and `eprintln!`;
; `println!` is program output. Their arguments are a token tree, read token by token.
(macro_invocation
  macro: [
    (identifier) @method
    (scoped_identifier name: (identifier) @method)
  ]
  (token_tree (_)) @match
  (#match? @method "^(trace|debug|info|warn|error|log|event|eprintln|eprint)$"))
