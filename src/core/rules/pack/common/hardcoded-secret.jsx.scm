; `<Client apiKey="..." />`
(jsx_attribute
  (property_identifier) @name
  (string) @match
  (#match? @name "[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY"))
