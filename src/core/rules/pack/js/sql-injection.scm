; SQL built from values inline: a template with substitutions, or a `+` concatenation, as the
; first argument of a database call (`#nth?`: a comment before it does not count, as it would for `.`). The predicate checks that the text reads as SQL (or that the
; method is a raw-SQL one) and that some interpolated value is not a constant or an escape call.
; Tagged templates (sql`...`) are not call arguments and so never match.
(call_expression
  function: [
    (identifier) @method
    (member_expression property: (property_identifier) @method)
  ]
  arguments: (arguments
    [
      (template_string (template_substitution))
      (binary_expression operator: "+")
    ] @match)
  (#nth? @match 0)
  (#match? @method "^(query(?!Selector)\\w*|execute\\w*|exec|run|all|get|each|map|select|prepare|raw|unsafe|literal|one|oneOrNone|many|manyOrNone|any|none|result|multi|multiResult|batch|whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|andHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|queryRaw|executeRaw|\\$\\w+Unsafe)$"))

; SQL built into a variable first: `const sql = `... ${id}`; db.query(sql)`. The predicate finds the
; variable's declaration (and `sql += ...`) in the statements before the call.
(call_expression
  function: [
    (identifier) @method
    (member_expression property: (property_identifier) @method)
  ]
  arguments: (arguments (identifier) @match)
  (#nth? @match 0)
  (#match? @method "^(query(?!Selector)\\w*|execute\\w*|prepare|raw|unsafe|one|oneOrNone|many|manyOrNone|none|multi|multiResult|whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|andHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|queryRaw|executeRaw|\\$\\w+Unsafe)$"))

; The same through names too common to take alone (`map.get(key)`, `re.exec(s)`), when the
; receiver is named like a database handle (sqlite3's `db.run(sql)`, `db.all(sql)`).
(call_expression
  function: (member_expression
    object: [
      (identifier) @receiver
      (member_expression property: (property_identifier) @receiver)
    ]
    property: (property_identifier) @method)
  arguments: (arguments (identifier) @match)
  (#nth? @match 0)
  (#match? @method "^(run|all|get|each|exec|map|select|any|result|batch)$")
  (#match? @receiver "^(db|database|conn|connection|client|pool|sqlite|tx|trx|transaction)$"))
