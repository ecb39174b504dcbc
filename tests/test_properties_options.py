"""The command line's options: a value out of range is a usage error (exit code 2) naming the option, never an
internal error or a build without the limit it asked for. Property-based, like tests/test_properties.py."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_build import news_only
from test_properties import settings_for

from meetingpress.build.limits import MEMORY_RANGE, TIMEOUT_RANGE
from meetingpress.cli import parser


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project whose only meeting is built already: a build with valid options then has nothing to render."""
    from conftest import FixtureProject

    project = FixtureProject(tmp_path_factory.mktemp("options") / "project")
    project.add_example("a.yaml", edit=news_only)
    assert project.run("build") == 0
    return project


@pytest.mark.parametrize(
    "option,value",
    [("--timeout", "inf"), ("--timeout", "-inf"), ("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "nan"),
     ("--timeout", "1e400"), ("--timeout", "soon"), ("--memory-limit", "0"), ("--memory-limit", "-5"),
     ("--memory-limit", "1.5"), ("--memory-limit", "99999999999999999999")],
)
def test_an_option_out_of_range_is_a_usage_error(built, capsys, option, value):
    before = sorted(p.stat().st_mtime_ns for p in built.output.rglob("*"))
    capsys.readouterr()
    assert built.run("build", "--force", f"{option}={value}") == 2
    err = capsys.readouterr().err
    assert f"argument {option}: {value!r} is not a" in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert sorted(p.stat().st_mtime_ns for p in built.output.rglob("*")) == before  # nothing was built


def test_a_port_out_of_range_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    assert "argument --port: '70000' is not a port" in capsys.readouterr().err


def expected_timeout(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and TIMEOUT_RANGE[0] <= value <= TIMEOUT_RANGE[1] else None


def expected_memory(text: str) -> int | None:
    try:
        value = int(text, 10)
    except ValueError:
        return None
    return value if MEMORY_RANGE[0] <= value <= MEMORY_RANGE[1] else None


numbers = (
    st.floats(allow_nan=True, allow_infinity=True).map(repr)
    | st.integers(-10**6, 10**13).map(str)
    | st.sampled_from(["inf", "Infinity", "-0", "0.0", "1e-9", "0x10", "1_000", " 300 ", "", "300s", "٣٠٠"])
    | st.text(max_size=8)
)


@given(timeout=numbers, memory=numbers)
@settings_for(200)
def test_any_options_give_a_build_or_a_usage_error(built, capsys, timeout, memory):
    """What the options parse to is what the build gets; anything else stops before building, with exit code 2."""
    args = ["build", f"--timeout={timeout}", f"--memory-limit={memory}"]
    wanted = expected_timeout(timeout), expected_memory(memory)
    capsys.readouterr()
    code = built.run(*args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err, captured.err
    if None in wanted:
        assert code == 2, captured
        bad = "--timeout" if wanted[0] is None else "--memory-limit"
        assert f"argument {bad}: " in captured.err
    else:
        assert code == 0, captured
        parsed = parser().parse_args(args)
        assert (parsed.timeout, parsed.memory_limit) == wanted
