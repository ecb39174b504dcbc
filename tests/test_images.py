"""Images: PNG, JPEG or SVG from the meeting's own folder, fully decoded, within limits."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from test_build import news_only

LOGO = "logo:\n  file: {name}\n  alt: {{nl: Logo van Partos, en: Partos logo}}\n"


def png(width=200, height=100, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (30, 80, 120)).save(buffer, kind)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#1f4e79"/></svg>'


def with_logo(fp, name: str, data: bytes | None):
    fp.add_example("a.yaml", edit=lambda t: news_only(t) + LOGO.format(name=name))
    if data is not None:
        fp.add(f"a/{name}", data)


@pytest.mark.parametrize("name,data", [("logo.png", png()), ("logo.jpg", image("JPEG")), ("logo.svg", SVG)])
def test_good_images_pass(fixture_project, name, data):
    with_logo(fixture_project, name, data)
    assert fixture_project.run("check") == 0


BAD = [
    ("missing", "logo.png", None, "no image `logo.png` in a/"),
    ("wrong format", "logo.gif", image("GIF"), "is a GIF image; use PNG, JPEG or SVG"),
    ("not an image", "logo.png", b"just some text, not a picture", "is not a readable PNG or JPEG image"),
    ("truncated", "logo.png", png(400, 400, "RGB")[:300], "is not a readable PNG or JPEG image"),
    ("decompression bomb", "logo.png", png(9000, 9000, "1"), "far too large when decoded"),
    ("too big a file", "logo.png", b"\x89PNG" + b"\0" * (11 * 1024 * 1024), "images may be at most 10 MB"),
    ("svg with script", "logo.svg", SVG.replace(b"<rect", b"<script>alert(1)</script><rect"), "contains scripts"),
    ("svg with handler", "logo.svg", SVG.replace(b"<rect", b'<rect onload="alert(1)"'), "contains scripts"),
    ("svg linking out", "logo.svg", SVG.replace(b"<rect", b'<image href="file:///etc/hostname"/><rect'), "links to other"),
    ("malformed svg", "logo.svg", SVG[:-6], "is not a well-formed SVG"),
    ("a path", "../outside.png", None, "must be a file name inside the meeting's folder"),
]


@pytest.mark.parametrize("case,name,data,message", BAD, ids=[b[0] for b in BAD])
def test_bad_images_are_reported_at_the_logo_line(fixture_project, capsys, case, name, data, message):
    with_logo(fixture_project, name, data)
    assert fixture_project.run("check") == 1
    err = capsys.readouterr().err
    line = len((fixture_project.root / "content" / "a.yaml").read_text().splitlines()) - 1
    assert f"content/a.yaml:{line}:3: logo.file: " in err, err
    assert str(fixture_project.root) not in err
    assert message in err and "Traceback" not in err


def test_a_symlink_out_of_the_folder_is_refused(fixture_project, tmp_path, capsys):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png())
    with_logo(fixture_project, "logo.png", None)
    (fixture_project.root / "content" / "a").mkdir()
    os.symlink(outside, fixture_project.root / "content" / "a" / "logo.png")
    assert fixture_project.run("check") == 1
    assert "is a link to a file outside a/" in capsys.readouterr().err
