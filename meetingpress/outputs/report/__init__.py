"""The report: a meeting in one language → an accessible A4 PDF (HTML page, then WeasyPrint, then the tagging pass)."""
