"""The translation workflow: sync records, staleness, status, fact checks, XLIFF out and in, YAML edits."""
