"""The template environment: sandboxed, autoescaping, and nothing compiled is kept on disk."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from meetingpress.outputs import templating


def fresh_environment(folder):
    """A new environment, as a new process would make it (`environment` keeps one per process)."""
    return templating.environment.__wrapped__("en", (folder,))


@pytest.mark.parametrize("expression", [
    "cycler.__init__.__globals__.os.popen('id').read()",
    "lipsum.__globals__['os'].system('id')",
    "''.__class__.__mro__[1].__subclasses__()",
    "range.__self__",
    "text.__class__",
])
def test_a_template_cannot_reach_python_internals(tmp_path, expression):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{{ " + expression + " }}", encoding="utf-8")
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        fresh_environment(folder).get_template("page.html").render(text="x")


def test_a_template_cannot_change_what_it_is_given(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{{ items.append(3) }}{{ items }}", encoding="utf-8")
    items = [1, 2]
    with pytest.raises(SecurityError):
        fresh_environment(folder).get_template("page.html").render(items=items)
    assert items == [1, 2]


@pytest.mark.parametrize("expression", [
    "path.read_text()",
    "path.open().read()",
    "path.parent.joinpath('secret.txt').read_bytes()",
    "path.parent.iterdir()|list",
])
def test_a_template_cannot_read_a_file_through_a_path_it_is_given(tmp_path, expression):
    """A report's logo and photos carry their paths; a template may show one but not use it."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (folder / "page.html").write_text("{{ " + expression + " }}", encoding="utf-8")
    with pytest.raises(SecurityError):
        fresh_environment(folder).get_template("page.html").render(path=tmp_path / "secret.txt")


def test_templates_still_translate_escape_and_format(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ _('Contents') }}: {{ text }} {{ 1234 | number }}</p>", encoding="utf-8")
    assert fresh_environment(folder).get_template("page.html").render(text="a & b") == "<p>Contents: a &amp; b 1,234</p>"


def test_nothing_compiled_is_kept_or_read_from_a_cache_folder(tmp_path, monkeypatch):
    """A cache written by an environment without the sandbox would let a template skip its checks: there is none."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    env = fresh_environment(folder)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(text="x") == "<p>x</p>"
    assert not (tmp_path / "cache").exists()
