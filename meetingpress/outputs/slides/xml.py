"""Where the deck goes below python-pptx's public API: shapes, parts and the package → the XML they are made of.

Every use of python-pptx's internals (`_element`, `_txBody`, `_rels`,
`pptx.oxml`, `pptx.opc`, a part's blob) and of lxml on its XML is here, and
nowhere else in the slides package.  Each function says why the public API
does not do: mostly because the deck states what a client would otherwise
inherit (insets, line pitch, language, fonts), or removes what python-pptx
can only add.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from meetingpress.outputs.slides.fit import EMU_PER_PT, Box, Para, indent_pt, para_size, pitch, space_before

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
SLIDE_NUMBER_FIELD = "{6E1D4B55-3A51-4C0A-9D3E-5B2F6A1C7D02}"
P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def _a(parent, tag: str, **attrs) -> etree._Element:
    return etree.SubElement(parent, f"{{{A}}}{tag}", {k: str(v) for k, v in attrs.items()})


def _spc(value: float) -> str:
    return str(int(round(value * 100)))


# ---------------------------------------------------------------- shapes


def drop_shape(shape) -> None:
    """Remove a shape from its slide: python-pptx can add shapes but has no way to delete one."""
    element = shape._element
    element.getparent().remove(element)


def is_vertical(placeholder) -> bool:
    """Whether a placeholder holds vertical text: python-pptx does not expose a placeholder's `orient`."""
    return placeholder.element.ph_orient == "vert"


def describe(shape, descr: str, name: str) -> None:
    """A shape's description for screen readers and its name: python-pptx has no API for `descr`; the name is
    set beside it so that both stay in the order the deck has always written them."""
    c_nv_pr = shape._element._nvXxPr.cNvPr
    c_nv_pr.set("descr", descr)
    c_nv_pr.set("name", f"{name} {c_nv_pr.get('id')}")


# ---------------------------------------------------------------- text


def prepare(shape, anchor: str = "top") -> etree._Element:
    """Empty the text frame and set wrap, insets, anchor and no autofit; returns the txBody.

    python-pptx drops an inset equal to the default and has no API for
    columns, rotation or direction; each is written out, so that a layout's
    own values cannot change the width the text was measured for."""
    from pptx.enum.text import MSO_AUTO_SIZE

    base = Box(0, 0)  # its default insets: the ones text is measured with
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    body_pr = frame._txBody.bodyPr
    for side, inset in (("lIns", base.inset_x), ("rIns", base.inset_x), ("tIns", base.inset_y), ("bIns", base.inset_y)):
        body_pr.set(side, str(inset))
    body_pr.set("anchor", ANCHORS[anchor])
    for name, value in (("rtlCol", "0"), ("vert", "horz"), ("numCol", "1"), ("rot", "0")):
        body_pr.set(name, value)
    tx_body = frame._txBody
    for p in tx_body.findall(f"{{{A}}}p"):
        tx_body.remove(p)
    return tx_body


def _paragraph(tx_body, para: Para, size: float, first: bool):
    """A paragraph with its indent, line pitch, spacing and bullet: python-pptx has no API for bullets or
    numbering, nor for a hanging indent."""
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
    """Run properties stating everything a layout could otherwise lend: python-pptx has no API for a run's
    language, case, letter spacing or complex-script font, nor for the properties of a paragraph's end."""
    rpr = _a(parent, tag, lang=lang, sz=int(round(psize * 100)), b=int(bold), i=int(italic), cap="none", spc="0",
             dirty="0")
    if colour:
        _a(_a(rpr, "solidFill"), "schemeClr", val=colour)
    # pitchFamily 34 (proportional, sans serif): a client without the font substitutes a sans-serif one.
    _a(rpr, "latin", typeface=family, pitchFamily="34", charset="0")
    _a(rpr, "cs", typeface=family, pitchFamily="34", charset="0")
    return rpr


def write_text(shape, paras: Sequence[Para], size: float, *, lang: str, family: str, anchor: str = "top") -> None:
    """Replace the shape's text by `paras` set at `size` (each paragraph scaled by its `scale`); a "\\n" in a
    span is a line break, a span's `href` a hyperlink."""
    tx_body = prepare(shape, anchor)
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


def write_slide_number(shape, number: int, size: float, *, lang: str, family: str) -> None:
    """A real slide-number field (PowerPoint and LibreOffice renumber it), right-aligned: python-pptx has no API
    for fields."""
    tx_body = prepare(shape, "middle")
    p = _a(tx_body, "p")
    ppr = _a(p, "pPr", marL=0, indent=0, algn="r")
    _a(_a(ppr, "lnSpc"), "spcPts", val=_spc(pitch(size, Para(()))))
    _a(ppr, "buNone")
    field = _a(p, "fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
    _run_props(field, "rPr", size, lang, family)
    _a(field, "t").text = str(number)
    _run_props(p, "endParaRPr", size, lang, family)


# ---------------------------------------------------------------- the package


def set_theme(prs, name: str, colours: dict[str, str], family: str) -> None:
    """Colours (`dk1`, `accent2` … → "#rrggbb") and one font family into every theme part (slide masters and
    notes master): python-pptx has no API for themes, and keeps a theme as a blob, not as XML."""
    from pptx.opc.package import XmlPart

    for part in prs.part.package.iter_parts():
        if not part.content_type.endswith("theme+xml"):
            continue
        root = part._element if isinstance(part, XmlPart) else etree.fromstring(part.blob)
        root.set("name", name)
        for scheme_element in root.iter(f"{{{A}}}clrScheme", f"{{{A}}}fmtScheme"):
            scheme_element.set("name", name)
        for clr_scheme in root.iter(f"{{{A}}}clrScheme"):
            for slot in clr_scheme:
                slot_name = etree.QName(slot).localname
                if slot_name in colours:
                    for child in list(slot):
                        slot.remove(child)
                    etree.SubElement(slot, f"{{{A}}}srgbClr", val=colours[slot_name][1:].upper())
        for font_scheme in root.iter(f"{{{A}}}fontScheme"):
            font_scheme.set("name", family)
            for latin in font_scheme.iter(f"{{{A}}}latin"):
                latin.set("typeface", family)
        if not isinstance(part, XmlPart):
            part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_slides(prs) -> None:
    """Remove every slide, and the named sections that list them: python-pptx cannot delete a slide."""
    from pptx.oxml.ns import qn

    slide_ids = prs.slides._sldIdLst
    for sld_id in list(slide_ids):
        rId = sld_id.rId
        slide_ids.remove(sld_id)
        prs.part.drop_rel(rId)
    ext_lst = prs.part._element.find(qn("p:extLst"))
    if ext_lst is not None:
        for ext in list(ext_lst):
            if ext.get("uri") == P14_SECTIONS:
                ext_lst.remove(ext)


def drop_relationships(prs, package: Sequence[str], presentation: Sequence[str]) -> None:
    """Forget the package's and the presentation's relationships whose type ends in one of these (a thumbnail,
    printer settings): python-pptx keeps every part it read and has no API to drop one."""
    for owner, endings in ((prs.part.package, tuple(package)), (prs.part, tuple(presentation))):
        for rId, rel in list(owner._rels.items()):
            if rel.reltype.endswith(endings):
                owner._rels.pop(rId)


def clear_core_properties(prs) -> None:
    """Empty core properties, whatever the master carried: python-pptx can set each property but not remove one
    (a template's keywords, its last-printed date)."""
    from pptx.oxml.coreprops import CT_CoreProperties

    prs.core_properties._element = CT_CoreProperties.new_coreProperties()


def set_app_properties(prs, blob: bytes) -> None:
    """The app properties part (docProps/app.xml) replaced whole: python-pptx has no API for it."""
    for rel in prs.part.package._rels.values():
        if rel.reltype.endswith("extended-properties"):
            rel.target_part.blob = blob


def tag_language(prs, tag: str) -> None:
    """`lang` on every run, field, line break, paragraph end and default run style, in every part (slides,
    notes, layouts, masters), and a template's stale date fields emptied: python-pptx reaches neither the
    notes' nor the masters' runs."""
    from pptx.opc.package import XmlPart

    for part in prs.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        root = part._element
        for run in root.iter(f"{{{A}}}r", f"{{{A}}}fld", f"{{{A}}}br"):
            rpr = run.find(f"{{{A}}}rPr")
            if rpr is None:
                rpr = etree.Element(f"{{{A}}}rPr")
                run.insert(0, rpr)
        for props in root.iter(f"{{{A}}}rPr", f"{{{A}}}endParaRPr", f"{{{A}}}defRPr"):
            props.set("lang", tag)
            props.attrib.pop("altLang", None)
        for field in root.iter(f"{{{A}}}fld"):
            if field.get("type", "").startswith("datetime") and field.find(f"{{{A}}}t") is not None:
                field.find(f"{{{A}}}t").text = ""  # clients fill in their own


def chart_workbook(frame) -> bytes:
    """The workbook a chart keeps its data in: python-pptx writes it but does not expose it."""
    return frame.chart.part.chart_workbook.xlsx_part.blob


def replace_chart_workbook(frame, blob: bytes) -> None:
    frame.chart.part.chart_workbook.update_from_xlsx_blob(blob)
