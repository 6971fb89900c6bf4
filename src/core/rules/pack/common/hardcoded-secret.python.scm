; Well-known credential formats, and passwords inside connection strings, in any string literal
; (the predicate checks the exact format). One pattern for all strings: it is the costly kind.
((string) @match
  (#match? @match "(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|glpat-|xox[abposr]-|hooks[.]slack[.]com/|[rs]k_live_|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20}|npm_[A-Za-z0-9]{36}|SG[.][A-Za-z0-9_-]{22}[.]|SK[0-9a-f]{32}|shp(at|ca|pa|ss)_|hf_[A-Za-z]{34}|pypi-AgEI|do[opr]_v1_|dckr_pat_|lin_api_|gsk_|AccountKey=|eyJ[A-Za-z0-9_-]{10,500}[.]eyJ|-----BEGIN[A-Z ]*PRIVATE KEY|://[^/@ ]{0,200}:[^/@ ]{0,200}@|@(tcp|unix)[(]|([Pp]assword|PASSWORD|[Pp]wd|PWD)=[^;{%$ ]"))

; Credential-named bindings: `password = "..."`, `self.api_key = "..."`, `cfg["token"] = "..."`.
(assignment
  left: [
    (identifier) @name
    (attribute attribute: (identifier) @name)
    (subscript subscript: (string (string_content) @name))
  ]
  right: (string) @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; `connect(password="...")`
(keyword_argument
  name: (identifier) @name
  value: (string) @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; `{"api_key": "..."}`
(pair
  key: (string (string_content) @name)
  value: (string) @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))

; `def login(user, password="...")`
([
  (default_parameter name: (identifier) @name value: (string) @match)
  (typed_default_parameter name: (identifier) @name value: (string) @match)
]
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))
