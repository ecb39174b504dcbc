"""`check` warns when the theme's colours fall short of WCAG AA for the sizes the report uses them at."""

from __future__ import annotations

import pytest
from conftest import REPO

from meetingpress.loading.contrast import PAIRS, ratio, shortfalls
from meetingpress.loading.theme import theme


def test_contrast_ratio_follows_wcag():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert ratio("#e07a1f", "#ffffff") == pytest.approx(3.01, abs=0.01)  # the old accent: too light for small text
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes 4.5:1


def test_the_default_theme_meets_wcag_aa():
    colours = dict(theme((REPO / "templates",)).colors)
    assert shortfalls(colours) == []
    assert {fg for fg, _bg, _use, _needed in PAIRS} <= set(colours)


def test_check_warns_at_the_colour_in_theme_yaml(example_copy, capsys):
    text = (REPO / "templates" / "theme.yaml").read_text(encoding="utf-8")
    assert example_copy.run("check") == 0
    assert "contrast" not in capsys.readouterr().err
    example_copy.template("theme.yaml", text.replace('accent: "#b35a12"', 'accent: "#e07a1f"'))
    assert example_copy.run("check") == 0  # a warning, not an error
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "contrast" in line]
    assert len(lines) == 2, err
    assert lines[0].startswith("templates/theme.yaml:5:3: colors.accent: warning: #e07a1f on background #ffffff")
    assert "3.01:1, below the 4.5:1" in lines[0]
    assert lines[1].startswith("templates/theme.yaml:8:3: colors.background: warning:")
