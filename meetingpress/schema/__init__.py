"""The meeting file's schema: plain data from the loader → validated pydantic models.

- `fields.py`: the field types (bilingual texts, names, times, web addresses) and the base `Model`;
- `parts.py`: the parts of a meeting (lead, participants, groups of findings, closings, links, images);
- `meeting.py`: the `Meeting` itself, with its figures, polls and outputs;
- `docstrings.py`: each field's docstring as its description, read from the source where it is shown;
- `editor.py`: the JSON Schemas for editors (`schemas/*.json`), made from the models.

Every name is importable from here: `from meetingpress.schema import Meeting, Localized, LANGS`.
"""

from meetingpress.schema.fields import (
    LANG_NAMES,
    LANGS,
    PLACEHOLDER,
    Lang,
    Localized,
    Model,
    Name,
    Prose,
    Time,
    Url,
    is_placeholder,
    unwrap,
)
from meetingpress.schema.meeting import (
    EVERY_OUTPUT,
    MAX_NUMBER,
    Figure,
    Meeting,
    OutputLangs,
    OutputName,
    Outputs,
    Poll,
    PollOption,
)
from meetingpress.schema.parts import (
    MAX_PARTICIPANTS,
    ClosingField,
    Closings,
    Finding,
    Group,
    Image,
    Lead,
    Participants,
    Resource,
    SentenceField,
)

__all__ = [
    "EVERY_OUTPUT", "LANGS", "LANG_NAMES", "MAX_NUMBER", "MAX_PARTICIPANTS", "PLACEHOLDER", "ClosingField", "Closings",
    "Figure", "Finding", "Group", "Image", "Lang", "Lead", "Localized", "Meeting", "Model", "Name", "OutputLangs",
    "OutputName", "Outputs", "Participants", "Poll", "PollOption", "Prose", "Resource", "SentenceField", "Time", "Url",
    "is_placeholder", "unwrap",
]
