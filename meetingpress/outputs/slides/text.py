"""Text and pictures onto a slide: `Para`s + size + place → shapes whose every run states its size and font.

Each text frame gets explicit insets, word wrap and `noAutofit` (autofit is
never relied on: `pptx_fit` has already chosen the size), each paragraph an
explicit line pitch, spacing and bullet, and each run its size, weight, slant,
font and language.  Colours are theme colours (`tx1`, `tx2`, `accent2`, …),
which `pptx_master.apply_theme` takes from theme.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from meetingpress.outputs.slides.fit import EMU_PER_PT, Box, Para, Span, indent_pt, para_size, pitch, space_before

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
SLIDE_NUMBER_FIELD = "{6E1D4B55-3A51-4C0A-9D3E-5B2F6A1C7D02}"
ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def _a(parent, tag: str, **attrs) -> etree._Element:
    return etree.SubElement(parent, f"{{{A}}}{tag}", {k: str(v) for k, v in attrs.items()})


def _spc(value: float) -> str:
    return str(int(round(value * 100)))


def box_of(shape, box: Box | None = None) -> Box:
    """The `Box` a shape's text is measured in (insets as `prepare` writes them)."""
    base = box or Box(0, 0)
    return Box(int(shape.width), int(shape.height), base.inset_x, base.inset_y)


def place(shape, left: int, top: int, width: int, height: int) -> None:
    """Give the shape its own position, so nothing depends on inheritance."""
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def prepare(shape, anchor: str = "top", box: Box | None = None) -> etree._Element:
    """Empty the text frame and set wrap, insets, anchor and no autofit; returns the txBody."""
    from pptx.enum.text import MSO_AUTO_SIZE

    base = box or Box(0, 0)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    body_pr = frame._txBody.bodyPr
    for side, inset in (("lIns", base.inset_x), ("rIns", base.inset_x), ("tIns", base.inset_y), ("bIns", base.inset_y)):
        body_pr.set(side, str(inset))  # explicit: a layout's own insets must not change the measured width
    body_pr.set("anchor", ANCHORS[anchor])
    for name, value in (("rtlCol", "0"), ("vert", "horz"), ("numCol", "1"), ("rot", "0")):
        body_pr.set(name, value)  # a layout's columns or rotated text would defeat the measurement
    tx_body = frame._txBody
    for p in tx_body.findall(f"{{{A}}}p"):
        tx_body.remove(p)
    return tx_body


def _paragraph(tx_body, para: Para, size: float, first: bool):
    psize = para_size(size, para)
    p = _a(tx_body, "p")
    indent = int(indent_pt(size, para) * EMU_PER_PT)
    ppr = _a(p, "pPr", marL=indent, indent=-indent if para.bullet else 0)  # a hanging bullet, or all indented
    if para.align:
        ppr.set("algn", ALIGN[para.align])
    _a(_a(ppr, "lnSpc"), "spcPts", val=_spc(pitch(size, para)))
    _a(_a(ppr, "spcBef"), "spcPts", val="0" if first else _spc(space_before(size, para)))
    _a(_a(ppr, "spcAft"), "spcPts", val="0")
    if para.bullet:
        _a(_a(ppr, "buClr"), "schemeClr", val="accent2")
        _a(ppr, "buSzPct", val="100000")
        _a(ppr, "buFont", typeface="+mn-lt")
        if para.bullet == "number":
            _a(ppr, "buAutoNum", type="arabicPeriod", startAt=para.number)
        else:
            _a(ppr, "buChar", char="•")
    else:
        _a(ppr, "buNone")
    return p, psize


def _run_props(parent, tag: str, psize: float, lang: str, family: str, *, bold=False, italic=False,
               colour=None) -> etree._Element:
    # Explicit case and spacing too: a layout's all-caps or letter-spaced style would widen the measured text.
    rpr = _a(parent, tag, lang=lang, sz=int(round(psize * 100)), b=int(bold), i=int(italic), cap="none", spc="0",
             dirty="0")
    if colour:
        _a(_a(rpr, "solidFill"), "schemeClr", val=colour)
    # pitchFamily 34 (proportional, sans serif): a client without the font substitutes a sans-serif one.
    _a(rpr, "latin", typeface=family, pitchFamily="34", charset="0")
    _a(rpr, "cs", typeface=family, pitchFamily="34", charset="0")
    return rpr


def write(shape, paras: Sequence[Para], size: float, *, lang: str, family: str, anchor: str = "top",
          box: Box | None = None) -> None:
    """Replace the shape's text by `paras` set at `size` (each paragraph scaled by its `scale`)."""
    tx_body = prepare(shape, anchor, box)
    for i, para in enumerate(paras):
        p, psize = _paragraph(tx_body, para, size, first=i == 0)
        for span in para.spans:
            for j, piece in enumerate(span.text.split("\n")):
                if j:  # a forced line break (a balanced title)
                    _run_props(_a(p, "br"), "rPr", psize, lang, family, bold=span.bold, italic=span.italic,
                               colour=para.colour)
                if not piece and span.text:
                    continue
                run = _a(p, "r")
                rpr = _run_props(run, "rPr", psize, lang, family, bold=span.bold, italic=span.italic,
                                 colour=para.colour)
                if span.href:
                    rId = shape.part.relate_to(span.href, HYPERLINK, is_external=True)
                    etree.SubElement(rpr, f"{{{A}}}hlinkClick", {f"{{{R}}}id": rId})
                _a(run, "t").text = piece
        _run_props(p, "endParaRPr", psize, lang, family, colour=para.colour)


def write_slide_number(shape, number: int, size: float, *, lang: str, family: str, box: Box | None = None) -> None:
    """A real slide-number field (PowerPoint and LibreOffice renumber it), right-aligned."""
    tx_body = prepare(shape, "middle", box)
    p = _a(tx_body, "p")
    ppr = _a(p, "pPr", marL=0, indent=0, algn="r")
    _a(_a(ppr, "lnSpc"), "spcPts", val=_spc(pitch(size, Para(()))))
    _a(ppr, "buNone")
    field = _a(p, "fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
    _run_props(field, "rPr", size, lang, family)
    _a(field, "t").text = str(number)
    _run_props(p, "endParaRPr", size, lang, family)


def picture(slide, path, alt: str, left: int, top: int, max_width: int, max_height: int, right_align=True):
    """Add an image (a path or a stream of its bytes) scaled to fit the box (aspect kept), with `alt` as its
    description for screen readers."""
    pic = slide.shapes.add_picture(path if hasattr(path, "read") else str(path), left, top)
    scale = min(max_width / pic.width, max_height / pic.height)
    width, height = int(pic.width * scale), int(pic.height * scale)
    place(pic, left + (max_width - width if right_align else 0), top, width, height)
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", alt)
    c_nv_pr.set("name", f"Picture {c_nv_pr.get('id')}")
    return pic


def with_breaks(para: Para, lines: Sequence[str]) -> Para:
    """The paragraph with a "\\n" where each of `lines` ends (the spaces there dropped), emphasis kept."""
    text = "".join(span.text for span in para.spans)
    cuts, pos = [], 0  # (start, end) of the spaces each break replaces
    for line in lines[:-1]:
        pos = text.index(line, pos) + len(line) if line else pos
        end = pos
        while end < len(text) and text[end] == " ":
            end += 1
        cuts.append((pos, end))
        pos = end
    spans, offset = [], 0
    for span in para.spans:
        start, out = offset, []
        for i, ch in enumerate(span.text, start):
            cut = next((c for c in cuts if c[0] <= i < c[1] or c[0] == i == c[1]), None)
            if cut is None:
                out.append(ch)
            elif i == cut[0]:  # the first space of the break, or the letter a too-long word breaks before
                out.append("\n")
                if cut[0] == cut[1]:
                    out.append(ch)
        offset += len(span.text)
        spans.append(Span("".join(out), span.bold, span.italic, span.href))
    return replace(para, spans=tuple(spans))
