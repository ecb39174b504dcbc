"""One theme: change one colour in theme.yaml and all three outputs (and the archive) follow."""

from __future__ import annotations

import zipfile

import pikepdf
from conftest import REPO

NEW = "#7a1f4e"


def colour_in_pdf(path, hex_colour: str) -> bool:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    wanted = [round(r, 2), round(g, 2), round(b, 2)]
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG") and [round(float(x), 2) for x in operands] == wanted:
                    return True
    return False


def test_one_colour_changes_every_output(example_copy):
    theme = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
    old = "#1f4e79"
    assert f'primary: "{old}"' in theme
    assert example_copy.run("build") == 0
    out = example_copy.output / "2017-sp-5"
    assert colour_in_pdf(out / "report.en.pdf", old) and not colour_in_pdf(out / "report.en.pdf", NEW)

    example_copy.template("theme.yaml", theme.replace(old, NEW))
    assert example_copy.run("build") == 0
    assert f"--primary: {NEW};" in (out / "news.nl.html").read_text(encoding="utf-8")
    assert f"--primary: {NEW};" in (example_copy.output / "index.html").read_text(encoding="utf-8")
    assert colour_in_pdf(out / "report.en.pdf", NEW) and not colour_in_pdf(out / "report.en.pdf", old)
    with zipfile.ZipFile(out / "slides.en.pptx") as deck:
        themes = [deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/theme/")]
    assert any(NEW[1:].upper() in t.upper() for t in themes)
    assert not any(old[1:].upper() in t.upper() for t in themes)
