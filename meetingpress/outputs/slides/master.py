"""The deck's starting point: template search path + theme → empty `Presentation` and its three layouts.

A user's own master: put `slides.pptx` (or a PowerPoint template,
`slides.potx`) into the project's `templates/` folder (docs/slides.md).  Its layouts are found by what they
hold, never by name, so a template in any language works:

- title slide: a centred-title placeholder (with a subtitle if possible);
- content: one title and one body/content placeholder, the largest such;
- section: one title and one text placeholder, the title lowest on the slide;
  else a title-only layout; else the content layout.

Without `slides.pptx` the built-in master is made here from python-pptx's
default file: 16:9 (13.333 × 7.5 in), three layouts with placeholders placed
for it, and nothing else of the default kept.  Either way the deck's colour
scheme and fonts are set from `theme.yaml` (the report's theme): dark 1 =
text, light 1 = background, dark 2 = primary, light 2 = tint, accent 1 =
primary, accent 2 = accent, accent 3 = muted; headings and body in the theme
family.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meetingpress.errors import RenderError

IN = 914400
W, H = 12192000, 6858000
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
SLIDE_NUMBER_FIELD = "{6E1D4B55-3A51-4C0A-9D3E-5B2F6A1C7D01}"


@dataclass(frozen=True)
class Layouts:
    title: object
    content: object
    section: object


def open_base(templates: tuple[Path, ...], theme):
    """(Presentation, Layouts): the user's `slides.pptx` if there is one, else the built-in master."""
    from pptx import Presentation

    from meetingpress.outputs.slides.own_master import open_master, own_master

    path = own_master(templates)
    if path is None:
        prs = Presentation()
        _build_master(prs)
    else:
        prs = open_master(path)
    apply_theme(prs, theme)
    return prs, find_layouts(prs, str(path) if path else "built-in master")


# ---------------------------------------------------------------- layouts by placeholder type


def _kinds(layout):
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    kinds = {}
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        if kind in (PH.DATE, PH.FOOTER, PH.SLIDE_NUMBER):
            continue
        if ph.element.ph_orient == "vert" or None in (ph.left, ph.top, ph.width, ph.height):
            return None  # vertical text, or a placeholder without a position: not usable
        kinds.setdefault(kind, []).append(ph)
    return kinds


def _only(kinds, **wanted) -> bool:
    """True when the layout holds exactly these placeholders: `_only(kinds, TITLE=1, BODY=1)`."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    return {k: len(v) for k, v in kinds.items()} == {PH[name]: n for name, n in wanted.items()}


def _middle(ph) -> int:
    return ph.top + ph.height // 2


def find_layouts(prs, where: str) -> Layouts:
    """The title, content and section layouts, chosen by the placeholders they hold (see the docstring)."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    layouts = [(layout, _kinds(layout)) for master in prs.slide_masters for layout in master.slide_layouts]
    layouts = [(layout, kinds) for layout, kinds in layouts if kinds is not None]

    def area(ph):
        return ph.width * ph.height

    content = [
        (area((kinds.get(PH.OBJECT) or kinds[PH.BODY])[0]), i, layout)
        for i, (layout, kinds) in enumerate(layouts)
        if _only(kinds, TITLE=1, OBJECT=1) or _only(kinds, TITLE=1, BODY=1)
    ]
    if not content:
        raise RenderError(f"{where}: no slide layout with one title and one text placeholder; the deck needs one")
    content_layout = max(content, key=lambda c: (c[0], -c[1]))[2]
    titles = [layout for layout, kinds in layouts if _only(kinds, CENTER_TITLE=1, SUBTITLE=1)]
    titles += [layout for layout, kinds in layouts if PH.CENTER_TITLE in kinds and PH.SUBTITLE not in kinds
               and len(kinds) == 1]
    sections = sorted(
        ((_middle(kinds[PH.TITLE][0]), layout) for layout, kinds in layouts
         if layout is not content_layout and _only(kinds, TITLE=1, BODY=1)
         and _middle(kinds[PH.TITLE][0]) > prs.slide_height * 0.3),
        key=lambda s: -s[0],
    )
    title_only = [layout for layout, kinds in layouts if _only(kinds, TITLE=1)]
    section = sections[0][1] if sections else (title_only[0] if title_only else content_layout)
    return Layouts(titles[0] if titles else content_layout, content_layout, section)


# ---------------------------------------------------------------- theme colours and fonts


def apply_theme(prs, theme) -> None:
    """theme.yaml's colours and font family into every theme part (slide masters and notes master)."""
    from lxml import etree
    from pptx.opc.package import XmlPart

    c = theme.colors
    scheme = {
        "dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.tint,
        "accent1": c.primary, "accent2": c.accent, "accent3": c.muted, "accent4": c.primary,
        "accent5": c.accent, "accent6": c.muted, "hlink": c.primary, "folHlink": c.muted,
    }
    for part in prs.part.package.iter_parts():
        if not part.content_type.endswith("theme+xml"):
            continue
        root = part._element if isinstance(part, XmlPart) else etree.fromstring(part.blob)
        root.set("name", "meetingpress")
        for scheme_element in root.iter(f"{{{A}}}clrScheme", f"{{{A}}}fmtScheme"):
            scheme_element.set("name", "meetingpress")
        for clr_scheme in root.iter(f"{{{A}}}clrScheme"):
            for slot in clr_scheme:
                name = etree.QName(slot).localname
                if name in scheme:
                    for child in list(slot):
                        slot.remove(child)
                    etree.SubElement(slot, f"{{{A}}}srgbClr", val=scheme[name][1:].upper())
        for font_scheme in root.iter(f"{{{A}}}fontScheme"):
            font_scheme.set("name", theme.fonts.family)
            for latin in font_scheme.iter(f"{{{A}}}latin"):
                latin.set("typeface", theme.fonts.family)
        if not isinstance(part, XmlPart):
            part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- the built-in master


def _xfrm(x, y, cx, cy) -> str:
    return f'<a:xfrm><a:off x="{int(x * IN)}" y="{int(y * IN)}"/><a:ext cx="{int(cx * IN)}" cy="{int(cy * IN)}"/></a:xfrm>'


def _rect(id_, x, y, cx, cy, colour) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{id_}" name="Decoration {id_}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def _ph(id_, name, ph, box, anchor="t", size=None, colour=None, bold=False, bullets=True, align="l", field=None) -> str:
    fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else ""
    sz = f' sz="{size * 100}"' if size else ""
    b = ' b="1"' if bold else ""
    bu = "" if bullets else '<a:buNone/>'
    margin = "" if bullets else ' marL="0" indent="0"'
    lvl1 = f'<a:lvl1pPr{margin} algn="{align}">{bu}<a:defRPr{sz}{b}>{fill}</a:defRPr></a:lvl1pPr>'
    text = f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr/><a:t>‹#›</a:t></a:fld>' if field else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{id_}" name="{name} {id_}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{_xfrm(*box)}</p:spPr><p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" '
        f'rIns="91440" bIns="45720" anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle>{lvl1}</a:lstStyle>'
        f"<a:p>{text}<a:endParaRPr/></a:p></p:txBody></p:sp>"
    )


# Boxes in inches (x, y, width, height) on the 13.333 × 7.5 in slide.  One grid for every layout: every
# text box starts at LEFT, so every text starts at EDGE (the box plus its 0.1 in inset), and so do the
# orange rules; every box ends at the same right margin.
LEFT, EDGE, WIDTH = 0.6, 0.7, 12.133
TITLE_BOX = (LEFT, 0.3, WIDTH, 1.4)
BODY_BOX = (LEFT, 1.95, WIDTH, 4.75)
NUMBER_BOX = (10.733, 6.9, 2.0, 0.4)
COVER_TITLE_BOX = (LEFT, 1.2, WIDTH, 3.0)
COVER_SUB_BOX = (LEFT, 4.65, WIDTH, 1.95)

_MASTER = [
    _rect(10, 0, 0, 13.334, 0.1, "tx2"),
    _rect(11, EDGE, 6.98, 0.6, 0.06, "accent2"),
    _ph(2, "Title", 'type="title"', TITLE_BOX, "b", 36, "tx2", bold=True),
    _ph(3, "Text", 'type="body" idx="1"', BODY_BOX, "t", 24, "tx1"),
    _ph(4, "Date", 'type="dt" sz="half" idx="2"', (0.6, 6.9, 3.0, 0.4), "ctr", 12, "accent3", bullets=False),
    _ph(5, "Footer", 'type="ftr" sz="quarter" idx="3"', (3.8, 6.9, 5.733, 0.4), "ctr", 12, "accent3", bullets=False,
        align="ctr"),
    _ph(6, "Slide Number", 'type="sldNum" sz="quarter" idx="4"', NUMBER_BOX, "ctr", 12, "accent3", bullets=False, align="r",
        field=True),
]
_LAYOUTS = {
    "title": ("Title", "bg2", [
        _rect(10, 0, 0, 0.35, 7.5, "tx2"),
        _rect(11, EDGE, 4.38, 1.4, 0.08, "accent2"),
        _ph(2, "Title", 'type="ctrTitle"', COVER_TITLE_BOX, "b", 44, "tx2", bold=True),
        _ph(3, "Subtitle", 'type="subTitle" idx="1"', COVER_SUB_BOX, "t", 24, "tx1", bullets=False),
    ]),
    "obj": ("Title and Content", None, [
        _ph(2, "Title", 'type="title"', TITLE_BOX, "b"),
        _ph(3, "Content", 'idx="1"', BODY_BOX, "t"),
        _ph(4, "Slide Number", 'type="sldNum" sz="quarter" idx="12"', NUMBER_BOX, "ctr", field=True, bullets=False, align="r"),
    ]),
    "secHead": ("Section", "tx2", [
        _rect(10, EDGE, 4.38, 1.4, 0.08, "accent2"),
        _ph(2, "Title", 'type="title"', COVER_TITLE_BOX, "b", 44, "bg1", bold=True),
        _ph(3, "Text", 'type="body" idx="1"', COVER_SUB_BOX, "t", 24, "bg2", bullets=False),
        _ph(4, "Slide Number", 'type="sldNum" sz="quarter" idx="12"', NUMBER_BOX, "ctr", 12, "bg2", bullets=False, align="r",
            field=True),
    ]),
}


def _set_shapes(root, shapes: list[str], name: str | None = None, background: str | None = None) -> None:
    from lxml import etree

    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    c_sld = root.find(f"{p}cSld")
    if name:
        c_sld.set("name", name)
    for old in c_sld.findall(f"{p}bg") + c_sld.findall(f"{p}extLst"):
        c_sld.remove(old)
    if background:
        c_sld.insert(0, etree.fromstring(
            f'<p:bg {NS}><p:bgPr><a:solidFill><a:schemeClr val="{background}"/></a:solidFill>'
            "<a:effectLst/></p:bgPr></p:bg>"
        ))
    tree = c_sld.find(f"{p}spTree")
    for old in list(tree)[2:]:
        tree.remove(old)
    for xml in shapes:
        tree.append(etree.fromstring(xml.replace("<p:sp>", f"<p:sp {NS}>", 1)))


def _build_master(prs) -> None:
    from lxml import etree

    prs.slide_width, prs.slide_height = W, H
    prs.part._element.sldSz.attrib.pop("type", None)  # 13.333 × 7.5 in has no named size; not "screen4x3"
    master = prs.slide_master
    keep = {"title", "obj", "secHead"}
    for layout in list(master.slide_layouts):
        kind = layout.element.get("type")
        if kind not in keep:
            master.slide_layouts.remove(layout)
            continue
        keep.discard(kind)
        name, background, shapes = _LAYOUTS[kind]
        _set_shapes(layout.element, shapes, name, background)
        layout.element.set("showMasterSp", "1" if kind == "obj" else "0")
    root = master.element
    _set_shapes(root, _MASTER, background="bg1")
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    title = root.find(f"{p}txStyles/{p}titleStyle/{{{A}}}lvl1pPr")
    title.set("algn", "l")
    title.find(f"{{{A}}}defRPr").set("b", "1")
    title.find(f"{{{A}}}defRPr/{{{A}}}solidFill/{{{A}}}schemeClr").set("val", "tx2")
    for bullet_font in root.find(f"{p}txStyles").iter(f"{{{A}}}buFont"):
        bullet_font.set("typeface", "+mn-lt")
    etree.cleanup_namespaces(root)
