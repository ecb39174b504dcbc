"""The pass after WeasyPrint over the report's PDF (pikepdf): its tags made to keep the PDF/UA-1 promise.

WeasyPrint 70 tags what it lays out, box by box and page by page.  This pass
turns that into the structure a screen reader needs, with the same bytes for
the same input:

- every marked-content sequence is in the structure tree or an artifact: the
  running head and footer (margin boxes, whose tags WeasyPrint cannot put in
  the tree before PDF 2.0) become `/Artifact /Pagination`, and anything painted
  outside marked content (the cover's circles) an `/Artifact` of its own
  (marks.py);
- one element per thing: no `NonStruct` wrappers, no heading inside a heading,
  no link inside a link to the same place (and no second, overlapping link
  annotation for it); a section, list or table split over pages is one element;
- a list of links within the report (the contents) is a `TOC` of `TOCI`s;
- a table's header cells say whether they head a row or a column;
- the parent tree is rebuilt from the new tree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

from meetingpress.outputs.report.marks import artifacts

HEADINGS = frozenset({"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})
# Elements that WeasyPrint starts anew on every page they continue on.
CONTINUED = frozenset({"/Part", "/Sect", "/Div", "/Art", "/L", "/LBody", "/BlockQuote", "/Table", "/TBody", "/TOC"})
WRAPPERS = frozenset({"/NonStruct"})
KEEP_EMPTY = frozenset({"/Figure", "/TR", "/TH", "/TD"})  # an empty cell still holds its place


@dataclass(eq=False)
class Node:
    """A structure element in memory: its type, its page (index), its kids and its other keys."""

    tag: str
    page: int
    kids: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mcid:
    page: int
    number: int


@dataclass(eq=False)
class Annot:
    obj: pikepdf.Object
    page: int


def read(elem, pages: dict) -> Node:
    """The structure element `elem` and everything under it, as Nodes."""
    page = pages.get(elem.Pg.objgen, 0) if "/Pg" in elem else 0
    node = Node(str(elem.S), page, extra={k: elem[k] for k in elem.keys() if k not in ("/Type", "/S", "/K", "/P", "/Pg")})
    kids = elem.get("/K")
    for kid in kids if isinstance(kids, Array) else [] if kids is None else [kids]:
        if isinstance(kid, int):
            node.kids.append(Mcid(page, int(kid)))
        elif kid.get("/Type") == "/MCR":
            node.kids.append(Mcid(pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page, int(kid.MCID)))
        elif kid.get("/Type") == "/OBJR":
            node.kids.append(Annot(kid.Obj, pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page))
        else:
            node.kids.append(read(kid, pages))
    return node


def target(annot: Annot):
    """Where a link annotation goes: its destination or its URI."""
    obj = annot.obj
    if "/Dest" in obj:
        return ("dest", str(obj.Dest))
    action = obj.get("/A")
    return ("uri", str(action.get("/URI"))) if action is not None else None


def targets(node: Node) -> set:
    return {target(kid) for kid in node.kids if isinstance(kid, Annot)}


def flatten(kids: list, parent: Node | None, dropped: list) -> list:
    """Kids without wrappers, headings in headings, links in links to the same place, and empty elements."""
    out = []
    for kid in kids:
        if not isinstance(kid, Node):
            out.append(kid)
            continue
        kid.kids = flatten(kid.kids, kid, dropped)
        inner_heading = parent is not None and parent.tag in HEADINGS and kid.tag in HEADINGS
        same_link = (parent is not None and parent.tag == "/Link" and kid.tag == "/Link"
                     and targets(kid) <= targets(parent))
        if kid.tag in WRAPPERS or inner_heading or same_link:
            for grandkid in kid.kids:
                if same_link and isinstance(grandkid, Annot):
                    dropped.append(grandkid)
                else:
                    out.append(grandkid)
        elif kid.kids or kid.tag in KEEP_EMPTY:
            if kid.tag == "/Link":
                inner_links(kid, targets(kid), dropped)
            if any(isinstance(k, Node) for k in kid.kids):  # text beside elements: in a Span of its own, in order
                kid.kids = [Node("/Span", k.page, [k]) if isinstance(k, Mcid) else k for k in kid.kids]
            out.append(kid)
    return out


def inner_links(node: Node, places: set, dropped: list) -> None:
    """Drop the link annotations inside a Link (on its text's boxes) that go where the Link goes."""
    for kid in node.kids:
        if isinstance(kid, Node) and kid.tag != "/Link":
            kept = [k for k in kid.kids if not (isinstance(k, Annot) and target(k) in places)]
            dropped.extend(k for k in kid.kids if isinstance(k, Annot) and target(k) in places)
            kid.kids = kept
            inner_links(kid, places, dropped)
        elif isinstance(kid, Node):
            inner_links(kid, targets(kid), dropped)


def starts_anew(node: Node) -> bool:
    first = next((kid for kid in node.kids if isinstance(kid, Node)), None)
    return first is not None and (first.tag in HEADINGS or first.tag == "/Lbl")


def first_node(node: Node) -> Node | None:
    return next((kid for kid in node.kids if isinstance(kid, Node)), None)


def continues_item(prev: Node, kid: Node) -> bool:
    """Whether list item `kid` is the rest of `prev` on a new page: it lacks the label a labelled list's items
    start with, or, in a list without labels, it starts with the nested list that ended `prev`."""
    if starts_anew(prev):
        return not starts_anew(kid)
    body = first_node(kid)
    body = first_node(body) if body is not None and body.tag == "/LBody" else body
    return body is not None and body.tag == "/L"


def join(kids: list) -> list:
    """Siblings that are one element split over pages, joined (a new section starts with its heading)."""
    out = []
    for kid in kids:
        prev = out[-1] if out else None
        if (isinstance(kid, Node) and isinstance(prev, Node) and kid.tag == prev.tag
                and (kid.tag in CONTINUED or (kid.tag == "/LI" and continues_item(prev, kid)))
                and kid.page > prev.page and not starts_anew(kid)):
            prev.kids.extend(kid.kids)
            continue
        out.append(kid)
    for kid in out:
        if isinstance(kid, Node):
            kid.kids = join(kid.kids)
    return out


def is_internal_link(node) -> bool:
    return (isinstance(node, Node) and node.tag == "/Link"
            and any(isinstance(k, Annot) and "/Dest" in k.obj for k in node.kids))


def toc_entry(item: Node) -> list | None:
    """The kids of a TOCI for a list item that holds one link within the report (and sub-entries), else None."""
    parts = []
    for kid in item.kids:
        if isinstance(kid, Node) and kid.tag == "/LBody":
            parts.extend(kid.kids)
        elif not (isinstance(kid, Node) and kid.tag == "/Lbl"):
            parts.append(kid)
    links = [p for p in parts if is_internal_link(p)]
    lists = [p for p in parts if isinstance(p, Node) and p.tag in ("/L", "/TOC")]
    if len(links) != 1 or len(links) + len(lists) != len(parts):
        return None
    return parts


def contents(node: Node) -> Node:
    """A list of links within the report becomes a TOC of TOCIs, nested lists too."""
    for kid in node.kids:
        if isinstance(kid, Node):
            contents(kid)
    if node.tag != "/L":
        return node
    items = [kid for kid in node.kids if isinstance(kid, Node) and kid.tag == "/LI"]
    entries = [toc_entry(item) for item in items]
    if items and len(items) == len(node.kids) and all(entries):
        node.tag = "/TOC"
        for item, entry in zip(items, entries, strict=True):
            item.tag, item.kids = "/TOCI", [Node("/TOC", k.page, k.kids, k.extra) if k.tag == "/L" else k
                                            for k in entry if isinstance(k, Node)]
    return node


def header_scope(node: Node) -> None:
    """Header cells get /Scope: /Row when they open a row of data cells, else /Column."""
    for kid in node.kids:
        if isinstance(kid, Node):
            header_scope(kid)
    if node.tag != "/TR":
        return
    cells = [kid for kid in node.kids if isinstance(kid, Node) and kid.tag in ("/TH", "/TD")]
    for index, cell in enumerate(cells):
        if cell.tag == "/TH":
            row = index == 0 and len(cells) > 1 and all(c.tag == "/TD" for c in cells[1:])
            attributes = Dictionary(cell.extra.get("/A", Dictionary(O=Name.Table)))
            if "/Scope" not in attributes:
                attributes.Scope = Name.Row if row else Name.Column
            cell.extra["/A"] = attributes


def write(pdf, node: Node, parent, page_refs, parents: dict, annots: list):
    """A new StructElem for `node` under `parent`; fills `parents` ({(page, mcid): elem}) and `annots`."""
    elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(node.tag), P=parent, Pg=page_refs[node.page]))
    for key, value in node.extra.items():
        elem[key] = value
    kids = Array()
    for kid in node.kids:
        if isinstance(kid, Mcid):
            if kid.page == node.page:
                kids.append(kid.number)
            else:
                kids.append(Dictionary(Type=Name.MCR, Pg=page_refs[kid.page], MCID=kid.number))
            parents[(kid.page, kid.number)] = elem
        elif isinstance(kid, Annot):
            kid.obj.StructParent = len(page_refs) + len(annots)
            annots.append(elem)
            kids.append(Dictionary(Type=Name.OBJR, Pg=page_refs[kid.page], Obj=kid.obj))
        else:
            kids.append(write(pdf, kid, elem, page_refs, parents, annots))
    elem.K = kids
    return elem


def tidy(data: bytes) -> bytes:
    """The PDF WeasyPrint wrote, with the structure described in this module's docstring."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        page_refs = [page.obj for page in pdf.pages]
        pages = {ref.objgen: index for index, ref in enumerate(page_refs)}
        kids = root.K if isinstance(root.K, Array) else [root.K]
        tree = [read(kid, pages) for kid in kids]
        dropped: list[Annot] = []
        tree = join(flatten(tree, None, dropped))
        for node in tree:
            contents(node)
            header_scope(node)
        gone = {annot.obj.objgen for annot in dropped}
        for ref in page_refs:
            if "/Annots" in ref:
                kept = [a for a in ref.Annots if a.objgen not in gone]
                if kept:
                    ref.Annots = Array(kept)
                else:
                    del ref.Annots
        parents: dict = {}
        annots: list = []
        root.K = Array([write(pdf, node, root, page_refs, parents, annots) for node in tree])
        nums = Array()
        for index, page in enumerate(pdf.pages):
            mine = {number: elem for (p, number), elem in parents.items() if p == index}
            nums.extend([index, Array([mine.get(n) for n in range(max(mine, default=-1) + 1)])])
            page.obj.StructParents = index
            artifacts(pdf, page, set(mine))
        for offset, elem in enumerate(annots):
            nums.extend([len(page_refs) + offset, elem])
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(page_refs) + len(annots)
        out = io.BytesIO()
        # The /ID's first half stays WeasyPrint's (the meeting's); XMP as WeasyPrint wrote it; objects packed.
        pdf.save(out, deterministic_id=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
