"""The translation workflow: meeting and series files → their translation state, XLIFF out and in, sync records.

One module per command: `sync` (`sync confirm`), `status`, `export` and
`import_`.  The stages they share: `translatable` (which files and fields
hold texts to translate), `record` (the sync record file), `compare`
(staleness and word diffs), `facts` (facts the two languages must agree on),
`memory` (matches from other meetings), `xliff` (the XLIFF format) and
`yamledit` (writing a text into a YAML file in place).
"""
