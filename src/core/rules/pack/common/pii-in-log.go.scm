; The standard `log` and `log/slog` packages, zap, logrus, klog and glog, and logger values:
; `log.Printf(...)`, `slog.Info(...)`, `s.logger.Infow(...)`, `logrus.WithField(...)`. `fmt.Print*` is program output.
(call_expression
  function: (selector_expression
    operand: [(identifier) (selector_expression) (call_expression)] @logger
    field: (field_identifier) @method)
  arguments: (argument_list (_)) @match
  (#match? @method "^(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Debug|Debugf|Debugw|Debugln|Info|Infof|Infow|Infoln|Warn|Warnf|Warnw|Warnln|Warning|Warningf|Error|Errorf|Errorw|Errorln|DPanic|DPanicf|DPanicw|Trace|Tracef|Log|Logf|LogAttrs|DebugContext|InfoContext|WarnContext|ErrorContext|WithField|WithFields|With)$")
  (#match? @logger "^(log|logger|slog|klog|glog|logrus|zap|zlog|sugar|lg|l|entry|logging)([.(]|$)|(^|[.])(_?log|_?logger|Log|Logger|zlog|sugar)$|[a-z](Log|Logger)$"))
