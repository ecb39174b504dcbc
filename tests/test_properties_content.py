"""Property tests for issue 15: any `series:` name and any theme.yaml value end in a good check or in `file:line`
problems, never a traceback; a series never comes from outside content/series/, and a theme that passes gives
safe CSS.  `MEETINGPRESS_HYPOTHESIS_SCALE` multiplies the examples, as in test_properties.py.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from conftest import EXAMPLE, REPO, copy_series
from hypothesis import event, given
from hypothesis import strategies as st
from test_properties import HOSTILE, settings_for, yaml_string

from meetingpress.cli import main
from meetingpress.loading.theme import theme
from meetingpress.paths import BUILTIN_TEMPLATES
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

PROBLEM_LINE = re.compile(r"^(\S*/)?(content/(m|series/strategic-partnerships)|templates/theme)\.yaml:\d+:\d+: \S")
DECOY = "decoy series that must never be used"
DECOY_SERIES = f"name: {{nl: {DECOY}, en: {DECOY}}}\norganisers: [Decoy]\n"


def run_check(root: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check"], root=root)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output and "internal error" not in output, output
    assert code in (0, 1), output
    if code == 1:
        lines = [line for line in output.splitlines() if line and not line.startswith("✗")]
        assert lines and all(PROBLEM_LINE.match(line) for line in lines), output
    return code, output


piece = st.sampled_from(["..", ".", "", "series", "strategic-partnerships", "m", "evil", "~", "C:", "%2e%2e", "\\..", "sub"])
series_names = st.one_of(
    st.text(max_size=24),
    st.lists(piece, min_size=1, max_size=5).map("/".join),
    st.lists(piece, min_size=1, max_size=5).map("\\".join),
    st.sampled_from(["strategic-partnerships", "Strategic-Partnerships", "strategic-partnerships.yaml",
                     "strategic-partnerships ", "/etc/passwd", "../m/evil", "{outside}/evil", "../../outside/evil", "sub/evil"]),
)


@given(series_names)
@settings_for(150)
def test_any_series_name_is_a_good_check_or_a_problem_and_never_a_file_elsewhere(capsys, name):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        (root / "content" / "m").mkdir(parents=True)
        (Path(tmp) / "outside").mkdir()
        copy_series(root)
        (root / "content" / "series" / "sub").mkdir()
        for decoy in (root / "content" / "m" / "evil.yaml", Path(tmp) / "outside" / "evil.yaml",
                      root / "content" / "series" / "sub" / "evil.yaml"):
            decoy.write_text(DECOY_SERIES, encoding="utf-8")
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            "series: strategic-partnerships", f"series: {yaml_string(name.replace('{outside}', tmp + '/outside'))}")
        path = root / "content" / "m.yaml"
        path.write_text(text, encoding="utf-8")
        code, output = run_check(root, capsys)
        event(f"check exit code {code}")
        if code == 0:
            (item,) = load_all(Project(root), [path])
            assert item.inherited.name == "strategic-partnerships" == name, output
            assert DECOY not in str(item.meeting.series)


colour = st.one_of(
    st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True),
    st.text(max_size=10),
    st.sampled_from(["red", "#fff", "#12345g", "#1f4e79; }", "#1f4e79 !important", "rgb(1,2,3)", "#1f4e79\n"]),
)
family = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}( [A-Za-z0-9]{1,6})?", fullmatch=True),
    st.text(max_size=20),
    st.sampled_from(["Lato", "Lato (Regular) #1", "Lato'; } body { display: none } x { a: '", "Lato\\", "Lato</style>",
                     "Lato, serif", "Lato;", "'Lato'", " Lato", "Lato  Pro", *HOSTILE[:12]]),
)
font = st.one_of(
    st.sampled_from(["fonts/Lato-Regular.ttf", "fonts/Lato-Bold.ttf", "../fonts/Lato-Regular.ttf", "/etc/passwd",
                     "fonts/Lato-Regular.woff", "fonts/Missing.ttf", "fonts/../../theme.yaml", "fonts/", "theme.yaml",
                     "C:\\fonts\\x.ttf", "file:///etc/x.ttf"]),
    st.text(max_size=16),
)
logo = st.one_of(st.none(), st.none(), st.sampled_from(["images/missing.png", "../x.png", "/etc/hostname", "theme.yaml",
                                             "fonts/Lato-Regular.ttf"]), st.text(max_size=12))
FONT_STYLES = ("regular", "italic", "bold", "bold_italic", "light")
COLOURS = ("primary", "accent", "text", "muted", "background", "tint")


GOOD_COLOURS = {name: "#1f4e79" for name in COLOURS}
GOOD_FONTS = {style: f"fonts/Lato-{style.title().replace('_', '')}.ttf" for style in FONT_STYLES}


def one_changed(good: dict, values) -> st.SearchStrategy:
    """`good`, or `good` with one or all values drawn from `values`."""
    keys = st.sampled_from(sorted(good))
    return st.one_of(st.just(good), st.builds(lambda key, value: {**good, key: value}, keys, values),
                     st.fixed_dictionaries({key: values for key in good}))


@given(st.fixed_dictionaries({
    "colors": one_changed(GOOD_COLOURS, colour),
    "family": family,
    "fonts": one_changed(GOOD_FONTS, font),
    "logo": logo,
}))
@settings_for(150)
def test_any_theme_value_is_a_good_check_or_a_problem_at_its_line(capsys, values):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        (root / "content").mkdir(parents=True)
        copy_series(root)
        (root / "content" / "m.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        lines = ["colors:"] + [f"  {name}: {yaml_string(value)}" for name, value in values["colors"].items()]
        lines += ["fonts:", f"  family: {yaml_string(values['family'])}"]
        lines += [f"  {style}: {yaml_string(value)}" for style, value in values["fonts"].items()]
        lines += [f"logo: {'null' if values['logo'] is None else yaml_string(values['logo'])}"]
        (root / "templates").mkdir()
        (root / "templates" / "theme.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        code, output = run_check(root, capsys)
        event(f"check exit code {code}")
        if code == 0:
            read = theme(Project(root).templates())
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+)*", read.fonts.family)
            assert all(re.fullmatch(r"#[0-9a-f]{6}", value) for _name, value in read.colors)
            css = read.css()
            assert css.count("{") == css.count("}") == 1 and "<" not in css and "\\" not in css


def test_the_built_in_theme_passes():
    assert theme((BUILTIN_TEMPLATES,)).problems() == []
    assert (REPO / "templates" / "theme.yaml").is_file()
