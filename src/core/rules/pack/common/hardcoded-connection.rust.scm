; Literals bound to a name that look like a URL, an address, `host:port` or a DSN (the predicate
; reads them and the name), directly or through `"...".to_string()` / `String::from("...")`.
; Passwords inside URLs are sec/hardcoded-secret's, which reads every string; this rule looks at
; bindings only, which are far fewer: `const DB_HOST: &str = "..."`, `Config { endpoint: "...".into() }`.
([
  (const_item
    name: (identifier) @name
    value: [
      (string_literal) @match
      (raw_string_literal) @match
      (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @match))
      (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @match .))
    ])
  (static_item
    name: (identifier) @name
    value: [
      (string_literal) @match
      (raw_string_literal) @match
      (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @match))
      (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @match .))
    ])
  (let_declaration
    pattern: (identifier) @name
    value: [
      (string_literal) @match
      (raw_string_literal) @match
      (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @match))
      (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @match .))
    ])
  (assignment_expression
    left: [(identifier) @name (field_expression field: (field_identifier) @name)]
    right: [
      (string_literal) @match
      (raw_string_literal) @match
      (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @match))
      (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @match .))
    ])
  (field_initializer
    field: (field_identifier) @name
    value: [
      (string_literal) @match
      (raw_string_literal) @match
      (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @match))
      (call_expression function: (scoped_identifier) arguments: (arguments . [(string_literal) (raw_string_literal)] @match .))
    ])
]
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))
