"""The template context: a `Job` → the names every output's templates get, the same in each (docs/templates.md).

- `meeting`: the meeting in the job's language (outputs/view.py); `meeting_id`, its file's name;
- `lang`: "nl" or "en"; `draft`: whether this is a draft build; `theme`: theme.yaml's values;
- the helpers, bound to the job's language: `participants`, `when`, `when_parts` and `nth_meeting`
  (the phrases of outputs/phrases.py, which the deck uses too) and `lead_in`.

The environment adds the filters (`date`, `time`, `number`, `list`, `ordinal`, `tie_last`,
`keep_compounds`, from i18n.py), `_`/`gettext`/`ngettext` and `language_tag`.  Each output adds what
only it has under names of its own (the news item's `downloads`, the report's `contents`).
"""

from __future__ import annotations

from functools import partial

from meetingpress.loading.theme import theme
from meetingpress.outputs import phrases


def helpers(lang: str) -> dict:
    """The functions every template may call, in language `lang`."""
    bound = {name: partial(getattr(phrases, name), lang=lang)
             for name in ("participants", "when", "when_parts", "nth_meeting")}
    return {**bound, "lead_in": phrases.lead_in}


def context(job) -> dict:
    """What every template of `job`'s output gets."""
    return {
        "meeting": job.view,
        "meeting_id": job.meeting_id,
        "lang": job.lang,
        "draft": job.draft,
        "theme": theme(job.templates).model_dump(include={"colors", "fonts", "logo", "quotes"}),
        **helpers(job.lang),
    }
