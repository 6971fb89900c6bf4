; A catch block whose first statement is a call on a logger (`console.error(e)`,
; `logger.warn(...)`, `this.logger.error(...)`); the predicate checks that the rest are too.
(catch_clause
  body: (statement_block
    .
    (expression_statement
      (call_expression
        function: (member_expression
          object: [
            (identifier) @logger
            (member_expression
              object: (this)
              property: (property_identifier) @logger)
          ])))) @body
  (#match? @logger "^(console|logger|Logger|LOGGER|log|Log|LOG|_logger|_log)$")) @match
