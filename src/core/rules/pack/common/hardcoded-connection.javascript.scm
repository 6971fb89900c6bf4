; Literals bound to a name that look like a URL, an address, `host:port` or a DSN (the predicate
; reads them and the name). Passwords inside URLs are sec/hardcoded-secret's, which reads every
; string; this rule looks at bindings only, which are far fewer: `const dbHost = "..."`, `this.baseUrl = '...'`, `env["REDIS_URL"] = "..."`.
(variable_declarator
  name: (identifier) @name
  value: [(string) (template_string)] @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

(assignment_expression
  left: [
    (identifier) @name
    (member_expression property: (property_identifier) @name)
    (subscript_expression index: (string (string_fragment) @name))
  ]
  right: [(string) (template_string)] @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; `{ host: "..." }`, `{ "broker_url": "..." }`
(pair
  key: [(property_identifier) @name (string (string_fragment) @name)]
  value: [(string) (template_string)] @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; Class fields. (Parameter and destructuring defaults are left out: every parameter would be a
; candidate, and secrets there are rare.)
(field_definition
  property: (property_identifier) @name
  value: [(string) (template_string)] @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))
