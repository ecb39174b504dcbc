"""Hostile or unlucky input meets the build, check, export and import: each ends in a clear problem or a good
build, never in a traceback, a half-written meeting or a file touched outside output/ (issue 15)."""

from __future__ import annotations

import hashlib
import io

import pytest
from pptx import Presentation


def no_report(text: str) -> str:
    """The example with `outputs: report: []` (documented: build no report), its @report links pointing elsewhere."""
    return text.replace("number: 5\n", "number: 5\noutputs: {news: [nl], report: [], slides: [en]}\n").replace(
        "(@report)", "(https://example.org/report.pdf)"
    )


def tree(root):
    """Every file under root (output/ left out) with its bytes' hash and its mode: what a failed run must not touch."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(root).parts
    }


def outputs(project):
    return sorted(p.relative_to(project.output).as_posix() for p in project.output.rglob("*") if p.is_file()) \
        if project.output.exists() else []


def deck_text(path) -> str:
    deck = Presentation(io.BytesIO(path.read_bytes()))
    return "\n".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )


# 5. `outputs: report: []` builds no report, and the deck does not link one.


@pytest.mark.parametrize("resources", [False, True], ids=["no resources", "resources"])
def test_an_empty_report_list_builds_no_report(fixture_project, capsys, resources):
    def edit(text):
        text = no_report(text)
        if resources:
            text += "resources:\n  - title: {nl: Website van Partos, en: Partos website}\n    url: https://www.partos.nl\n"
        return text

    fixture_project.add_example("a.yaml", edit=edit)
    assert fixture_project.run("check") == 0
    assert fixture_project.run("build") == 0
    err = capsys.readouterr().err
    assert "Error" not in err and "Traceback" not in err
    assert [name for name in outputs(fixture_project) if name.startswith("a/")] == [
        "a/news.nl.fragment.html", "a/news.nl.html", "a/slides.en.pptx"
    ]
    text = deck_text(fixture_project.output / "a" / "slides.en.pptx")
    assert "Report of this meeting" not in text and "report.en.pdf" not in text
    assert "Thank you" in text
    assert ("Partos website" in text) == resources
