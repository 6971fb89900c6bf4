; Literals bound to a name that look like a URL, an address, `host:port` or a DSN (the predicate
; reads them and the name). Passwords inside URLs are sec/hardcoded-secret's, which reads every
; string; this rule looks at bindings only, which are far fewer: `const dbHost = "..."`, `dsn := "..."`, `cfg.Addr = "..."`.
; Names and values pair by position in `a, b := x, y`: the predicate checks the positions agree.
([
  (const_spec name: (identifier) @name value: (expression_list [(interpreted_string_literal) (raw_string_literal)] @match))
  (var_spec name: (identifier) @name value: (expression_list [(interpreted_string_literal) (raw_string_literal)] @match))
  (short_var_declaration
    left: (expression_list (identifier) @name)
    right: (expression_list [(interpreted_string_literal) (raw_string_literal)] @match))
  (assignment_statement
    left: (expression_list [
      (identifier) @name
      (selector_expression field: (field_identifier) @name)
      (index_expression index: (interpreted_string_literal) @name)
    ])
    right: (expression_list [(interpreted_string_literal) (raw_string_literal)] @match))
]
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; `Config{Addr: "..."}`, `map[string]string{"broker_url": "..."}`
(keyed_element
  key: (literal_element [(identifier) @name (interpreted_string_literal) @name])
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @match)
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))
