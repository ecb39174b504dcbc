"""meetingpress: one bilingual YAML file per meeting → a Dutch news item, an English PDF report and a deck."""

__version__ = "0.1.0"
