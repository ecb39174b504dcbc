"""The template environment's compiled-template cache: kept between runs, recompiled on edits, never an error."""

from __future__ import annotations

import shutil

from meetingpress import templating


def fresh_environment(folder):
    """A new environment, as a new process would make it (`environment` keeps one per process)."""
    return templating.environment.__wrapped__("en", (folder,))


def test_compiled_templates_are_kept_and_an_edit_is_seen(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ _('Contents') }}: {{ text }}</p>", encoding="utf-8")
    assert fresh_environment(folder).get_template("page.html").render(text="a & b") == "<p>Contents: a &amp; b</p>"
    kept = list((tmp_path / "cache" / "meetingpress").glob("templates-*/*.cache"))
    assert len(kept) == 1
    (folder / "page.html").write_text("<p>changed {{ text }}</p>", encoding="utf-8")
    assert fresh_environment(folder).get_template("page.html").render(text="x") == "<p>changed x</p>"


def test_a_cache_that_cannot_be_used_is_no_error(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # the cache folder cannot be made
    assert fresh_environment(folder).get_template("page.html").render(text="x") == "<p>x</p>"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    env = fresh_environment(folder)
    shutil.rmtree(tmp_path / "cache")  # gone before the compiled template is written
    assert env.get_template("page.html").render(text="y") == "<p>y</p>"
