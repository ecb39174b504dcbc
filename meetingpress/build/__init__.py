"""The build: meeting files → outputs on disk (`pipeline.build`), and what runs it (workers, records, watch, preview)."""
