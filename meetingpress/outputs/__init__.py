"""The outputs, one package each (news/, report/, slides/): a `Job` (a meeting in one language) → {file name: bytes}.

Each package's `__init__.py` declares its output (`OUTPUT`, see `meetingpress/registry.py`, which lists them)
and imports nothing heavy; its modules render it.  Shared by all: `job.py` (what a renderer gets), `view.py`
(the meeting in one language), `templating.py` (Jinja), `closing.py` (links between the outputs), `media.py`,
`photos.py` and `polls.py` (figures and polls).
"""
