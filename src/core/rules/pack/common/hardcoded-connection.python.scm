; Literals bound to a name that look like a URL, an address, `host:port` or a DSN (the predicate
; reads them and the name). Passwords inside URLs are sec/hardcoded-secret's, which reads every
; string; this rule looks at bindings only, which are far fewer: `DB_HOST = "..."`, `self.base_url = "..."`, `cfg["dsn"] = "..."`.
(assignment
  left: [
    (identifier) @name
    (attribute attribute: (identifier) @name)
    (subscript subscript: (string (string_content) @name))
  ]
  right: (string) @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; `connect(host="...")`
(keyword_argument
  name: (identifier) @name
  value: (string) @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; `{"broker_url": "..."}`
(pair
  key: (string (string_content) @name)
  value: (string) @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))

; `def connect(host="...")`
([
  (default_parameter name: (identifier) @name value: (string) @match)
  (typed_default_parameter name: (identifier) @name value: (string) @match)
]
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))
