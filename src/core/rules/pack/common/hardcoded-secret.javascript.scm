; Well-known credential formats, and passwords inside connection strings, in any string literal
; (the predicate checks the exact format). One pattern for all strings: it is the costly kind, so
; template literals (whose tokens are rarely written inline) are only read when bound to a name.
((string) @match
  (#match? @match "(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|glpat-|xox[abposr]-|hooks[.]slack[.]com/|[rs]k_live_|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20}|npm_[A-Za-z0-9]{36}|SG[.][A-Za-z0-9_-]{22}[.]|SK[0-9a-f]{32}|shp(at|ca|pa|ss)_|hf_[A-Za-z]{34}|pypi-AgEI|do[opr]_v1_|dckr_pat_|lin_api_|gsk_|AccountKey=|eyJ[A-Za-z0-9_-]{10,500}[.]eyJ|-----BEGIN[A-Z ]*PRIVATE KEY|://[^/@ ]{0,200}:[^/@ ]{0,200}@|@(tcp|unix)[(]|([Pp]assword|PASSWORD|[Pp]wd|PWD)=[^;{%$ ]"))

; Credential-named bindings: `const password = "..."`, `this.apiKey = '...'`, `headers["x-api-key"] = "..."`.
(variable_declarator
  name: (identifier) @name
  value: [(string) (template_string)] @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

(assignment_expression
  left: [
    (identifier) @name
    (member_expression property: (property_identifier) @name)
    (subscript_expression index: (string (string_fragment) @name))
  ]
  right: [(string) (template_string)] @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; `{ apiKey: "..." }`, `{ "client_secret": "..." }`
(pair
  key: [(property_identifier) @name (string (string_fragment) @name)]
  value: [(string) (template_string)] @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; Class fields. (Parameter and destructuring defaults are left out: every parameter would be a
; candidate, and secrets there are rare.)
(field_definition
  property: (property_identifier) @name
  value: [(string) (template_string)] @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))
