"""How much the translation memory saves: the match rate of the next meeting of the example series.

    python benchmarks/bench_memory.py

In a temporary copy of the project: `new strategic-partnerships` makes meeting 6; its Dutch is written the
way an officer starts the next meeting of a series (the place, the participants, the category and the
closing line taken over from meeting 5, the closing line with its topic changed; every other text new);
then `export --to en` of meeting 6 with the memory of the archive (meeting 5 and the series file).  Prints
how many units got an exact match, a fuzzy one, or none, and the share of source words covered.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
TAKEN_OVER = {
    "place": "Amsterdam",
    "participants.who": "namens organisaties in de strategische partnerschappen en vertegenwoordigers van het "
                        "Ministerie van Buitenlandse Zaken",
    "category": "Nieuws",
    "closing[0]": "Hier vind je de [presentatie](@slides) en het volledige, Engelstalige [verslag](@report) van de "
                  "bijeenkomst over de samenwerking met zuidelijke partners.",
}


def write_dutch(path: Path) -> None:
    """Every Dutch TODO of the scaffold: the texts taken over, or a new sentence of its own."""
    from meetingpress.loading.read import load
    from meetingpress.translation.translatable import fields

    source = load(path)
    names = list(fields(source))
    text, count = path.read_text(encoding="utf-8"), iter(range(1, 1000))
    for name in names:
        new = TAKEN_OVER.get(name, f"Een nieuwe tekst over het zesde thema, deel {next(count)}.")
        text = text.replace('nl: "TODO: write the Dutch text"', f"nl: {new!r}".replace("'", '"'), 1)
    text = text.replace(" TODO: replace 1 with the real number.", "").replace("  count: 1\n", "  count: 25\n")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    from meetingpress.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO / "content", root / "content")
        os.chdir(tmp)
        assert cli(["new", "strategic-partnerships", "--date", str(dt.date(2018, 5, 24))], root=root) == 0
        meeting = root / "content" / "strategic-partnerships-6.yaml"
        write_dutch(meeting)
        assert cli(["export", "--to", "en", str(meeting), "-o", "sp-6.xlf"], root=root) == 0
        units = etree.parse("sp-6.xlf").getroot().findall(".//x:trans-unit", NS)
        exact = fuzzy = words = covered = 0
        for unit in units:
            qualities = [int(a.get("match-quality").rstrip("%")) for a in unit.findall("x:alt-trans", NS)]
            n = len(re.findall(r"\w+", unit.findtext("x:source", namespaces=NS)))
            words += n
            if qualities and max(qualities) == 100:
                exact, covered = exact + 1, covered + n
            elif qualities:
                fuzzy, covered = fuzzy + 1, covered + n
        print(f"{len(units)} units: {exact} exact, {fuzzy} fuzzy, {len(units) - exact - fuzzy} without a match; "
              f"match rate {(exact + fuzzy) / len(units):.0%} of the units, {covered / words:.0%} of the source words")


if __name__ == "__main__":
    main()
