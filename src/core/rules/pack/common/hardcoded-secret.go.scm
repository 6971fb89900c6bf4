; Well-known credential formats, and passwords inside connection strings, in any string literal
; (the predicate checks the exact format). One pattern for all strings: it is the costly kind.
([(interpreted_string_literal) (raw_string_literal)] @match
  (#match? @match "(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|glpat-|xox[abposr]-|hooks[.]slack[.]com/|[rs]k_live_|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20}|npm_[A-Za-z0-9]{36}|SG[.][A-Za-z0-9_-]{22}[.]|SK[0-9a-f]{32}|shp(at|ca|pa|ss)_|hf_[A-Za-z]{34}|pypi-AgEI|do[opr]_v1_|dckr_pat_|lin_api_|gsk_|AccountKey=|eyJ[A-Za-z0-9_-]{10,500}[.]eyJ|-----BEGIN[A-Z ]*PRIVATE KEY|://[^/@ ]{0,200}:[^/@ ]{0,200}@|@(tcp|unix)[(]|([Pp]assword|PASSWORD|[Pp]wd|PWD)=[^;{%$ ]"))

; Credential-named bindings: `const apiKey = "..."`, `password := "..."`, `cfg.Secret = "..."`.
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
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; `Config{Password: "..."}`, `map[string]string{"api_key": "..."}`
(keyed_element
  key: (literal_element [(identifier) @name (interpreted_string_literal) @name])
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @match)
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))
