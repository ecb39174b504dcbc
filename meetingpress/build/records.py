"""Fingerprints: an output's inputs → a key; unchanged keys let a build skip the output.

An output's key covers what it is made of: the meeting file, its series file,
their image folders, the templates it reads (on the whole search path, so an
override counts), the theme and fonts, the gettext catalogs, the output's
language, draft mode and the meetingpress version.  Contents count, not
modification times.  The keys and the hashes of the written files are kept in
`output/.meetingpress/<id>.json`; an output whose file was deleted or edited
by hand is rebuilt.

Each output has a second key, decided once the meeting is loaded: the same
inputs, with the meeting file replaced by what the output reads of it, in its
own language.  When only that key is unchanged (an edit to the Dutch text
leaves the English report as it was; so does a comment), the output is kept
and its record takes the new file-level key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from meetingpress import __version__, registry
from meetingpress.paths import STATE_DIR
from meetingpress.paths import catalogs as catalog_files


def _files(base: Path, part: str) -> list[Path]:
    target = base / part
    if target.is_file():
        return [target]
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return []


def digest(paths: list[Path], read: dict | None = None) -> str:
    """One hash over file names and contents; missing files count as absent.  `read` keeps each file's hash for
    the caller, who passes the same dict while the files cannot have changed (one plan)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path).encode() + b"\0")
        if read is not None and path in read:
            content = read[path]
        else:
            content = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"absent"
            if read is not None:
                read[path] = content
        h.update(content)
    return h.hexdigest()


@dataclass(frozen=True)
class Inputs:
    """The files a meeting's outputs are made of, besides templates."""

    meeting: Path
    series: Path | None
    templates: tuple[Path, ...]
    assets: tuple[Path, ...]

    def files(self) -> list[Path]:
        own = [self.meeting] + ([self.series] if self.series else [])
        return own + [f for folder in self.assets for f in _files(folder, ".")]

    def to_json(self) -> dict:
        return {
            "meeting": str(self.meeting),
            "series": str(self.series) if self.series else None,
            "templates": [str(p) for p in self.templates],
            "assets": [str(p) for p in self.assets],
        }

    @classmethod
    def from_json(cls, data: dict) -> Inputs:
        return cls(
            Path(data["meeting"]),
            Path(data["series"]) if data["series"] else None,
            tuple(Path(p) for p in data["templates"]),
            tuple(Path(p) for p in data["assets"]),
        )


def _key(inputs: Inputs, name: str, lang: str, draft: bool, meeting: str, read: dict | None) -> str:
    reads = registry.get(name).reads  # what it reads on the template search path
    templates = [f for folder in inputs.templates for part in reads for f in _files(folder, part)]
    catalogs = catalog_files()
    known = ",".join(registry.MODULES)  # the outputs there are: another set links, lists and lays out otherwise
    h = hashlib.sha256()
    for piece in (__version__, known, name, lang, str(draft), meeting, digest(templates, read=read),
                  digest(catalogs, read=read)):
        h.update(piece.encode() + b"\0")
    return h.hexdigest()


def output_key(inputs: Inputs, name: str, lang: str, draft: bool, read: dict | None = None) -> str:
    """The key over the input files themselves: computed without reading the meeting's YAML (`read`: see
    `digest`)."""
    return _key(inputs, name, lang, draft, digest(inputs.files(), read=read), read)


def projection(meeting, lang: str) -> bytes:
    """The validated meeting as an output in `lang` reads it: every field in order, each bilingual text in `lang`
    only.  Comments, layout and the other language's texts are not in it."""
    from pydantic import BaseModel

    from meetingpress.schema import Localized

    def seen(value):
        if isinstance(value, Localized):
            return value.get(lang)
        if isinstance(value, BaseModel):
            return [type(value).__name__, {name: seen(getattr(value, name)) for name in type(value).model_fields}]
        if isinstance(value, dict):
            return {str(key): seen(child) for key, child in value.items()}
        if isinstance(value, (list, tuple)):
            return [seen(child) for child in value]
        return [type(value).__name__, str(value)] if value is not None else None

    return json.dumps(seen(meeting), ensure_ascii=False).encode()


def content_key(inputs: Inputs, name: str, lang: str, draft: bool, seen: bytes, read: dict | None = None) -> str:
    """The key over what the output reads: the meeting's `projection` for its language instead of the meeting
    file's bytes; the series file (whole), the image folders, templates and catalogs as in `output_key`.  An
    output whose file-level key changed but whose content key did not would come out the same: the build keeps
    it."""
    files = ([inputs.series] if inputs.series else []) + [f for folder in inputs.assets for f in _files(folder, ".")]
    return _key(inputs, name, lang, draft, hashlib.sha256(seen).hexdigest() + digest(files, read=read), read)


def state_path(output: Path, meeting_id: str) -> Path:
    return output / STATE_DIR / f"{meeting_id}.json"


def recorded(output: Path) -> set[str]:
    """The ids of the meetings that have a build record in `output`."""
    return {p.stem for p in (output / STATE_DIR).glob("*.json")}


def read_state(output: Path, meeting_id: str) -> dict:
    """A meeting's build record, or {} where there is none (or it cannot be read: the next build rewrites it)."""
    try:
        return json.loads(state_path(output, meeting_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_current(output: Path, meeting_id: str, state: dict, key: str, label: str, kind: str = "key") -> bool:
    """True when the output `label` ("news.nl") was built from `key` (of `kind`: "key" from `output_key`,
    "content" from `content_key`) and its files are intact."""
    entry = state.get("outputs", {}).get(label)
    if not entry or entry.get(kind) != key:
        return False
    for filename, expected in entry["files"].items():
        path = output / meeting_id / filename
        if not path.is_file() or file_hash(path.read_bytes()) != expected:
            return False
    return True


def all_current(output: Path, meeting_id: str, draft: bool, read: dict | None = None) -> bool:
    """Every output of a meeting is current; decided without reading the meeting file's YAML."""
    state = read_state(output, meeting_id)
    if not state.get("inputs") or not state.get("outputs") or "index" not in state:
        return False  # (a record without the archive's entry is rewritten once)
    try:
        inputs = Inputs.from_json(state["inputs"])
    except (KeyError, TypeError):
        return False
    read = {} if read is None else read  # (see `digest`)
    for label in state["outputs"]:
        name, lang = label.split(".", 1)
        if name not in registry.outputs():
            return False
        if not is_current(output, meeting_id, state, output_key(inputs, name, lang, draft, read), label):
            return False
    return True


def state_bytes(inputs: Inputs, outputs: dict[str, dict], index: dict | None = None) -> bytes:
    """The state record; `index` is what the archive lists (see archive.entry)."""
    state = {"inputs": inputs.to_json(), "outputs": outputs}
    if index is not None:
        state["index"] = index
    return (json.dumps(state, indent=1, sort_keys=True) + "\n").encode()
