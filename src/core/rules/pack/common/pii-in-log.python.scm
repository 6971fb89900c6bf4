; Calls of the logging API on a logger-like object: `logger.info(...)`, `logging.warning(...)`,
; `self.log.error(...)`, `logging.getLogger(__name__).debug(...)`. `print` is program output.
(call
  function: (attribute
    object: [(identifier) (attribute) (call)] @logger
    attribute: (identifier) @method)
  arguments: (argument_list (_)) @match
  (#match? @method "^(debug|info|warning|warn|error|exception|critical|fatal|log|msg)$")
  (#match? @logger "(^|[.])(_{0,2}(log|logger|logging|LOG|LOGGER|Log|Logger)|[A-Za-z0-9_]*_(log|logger|LOG|LOGGER)|[a-z][A-Za-z0-9]*Logger|structlog|slog|audit_?log(ger)?)$|get_?[Ll]ogger[(].*[)]$"))
