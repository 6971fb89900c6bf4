; `<Client endpoint="..." />`
(jsx_attribute
  (property_identifier) @name
  (string) @match
  (#match? @match "://|[0-9][.][0-9]+[.][0-9]+[.][0-9]|[0-9a-fA-F]:[0-9a-fA-F]*:[0-9a-fA-F]|[A-Za-z0-9][.](internal|local|lan|corp|svc|intranet|intra|private|consul)([^A-Za-z0-9]|$)|[.](amazonaws[.]com|windows[.]net|azure[.]com|mongodb[.]net|supabase[.]co|neon[.]tech)|[A-Za-z][A-Za-z0-9-]{0,253}:[0-9]{2,5}([^0-9]|$)|@(tcp|unix)[(]|([Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)="))
