; `console.*` and logger objects: `console.log(...)`, `logger.info(...)`, `this.log.warn(...)`, `req.log.error(...)`.
(call_expression
  function: (member_expression
    object: [(identifier) (member_expression)] @logger
    property: (property_identifier) @method)
  arguments: (arguments (_)) @match
  (#match? @method "^(log|info|warn|error|debug|trace|fatal|verbose|silly|notice|critical|http)$")
  (#match? @logger "(^|[.])(console|_{0,2}(log|logger|LOG|LOGGER|Log|Logger)|[A-Za-z0-9_$]*(Log|Logger|_log|_logger)|winston|pino|bunyan|signale|consola)$"))
