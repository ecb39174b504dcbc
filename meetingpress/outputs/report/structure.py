"""The report's structure tree in memory (`Node`s, as tags.py reads them from WeasyPrint's objects) → the
tree a screen reader needs: wrappers, headings in headings and links in links dropped, elements split over
pages joined, the contents made a `TOC`, table headers given their scope (what tags.py's docstring lists)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydyf import Dictionary, Object

HEADINGS = frozenset({"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})
# Elements that WeasyPrint starts anew on every page they continue on.
CONTINUED = frozenset({"/Part", "/Sect", "/Div", "/Art", "/L", "/LBody", "/BlockQuote", "/Table", "/TBody", "/TOC"})
WRAPPERS = frozenset({"/NonStruct"})
KEEP_EMPTY = frozenset({"/Figure", "/TR", "/TH", "/TD"})  # an empty cell still holds its place


@dataclass(eq=False)
class Node:
    """A structure element in memory: its type, its page (index), its kids, its other keys, and the dictionary
    WeasyPrint made for it (None for an element this pass adds)."""

    tag: str
    page: int
    kids: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    obj: Dictionary | None = None


@dataclass(frozen=True)
class Mcid:
    page: int
    number: int


@dataclass(eq=False)
class Annot:
    """A link annotation: its dictionary, its page and the reference to it."""

    obj: Dictionary
    page: int
    ref: bytes


def _value(item) -> bytes:
    return item.data if isinstance(item, Object) else str(item).encode()


def target(annot: Annot):
    """Where a link annotation goes: its destination or its URI."""
    obj = annot.obj
    if "Dest" in obj:
        return ("dest", _value(obj["Dest"]))
    action = obj.get("A")
    return ("uri", _value(action.get("URI"))) if action is not None else None


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
            and any(isinstance(k, Annot) and "Dest" in k.obj for k in node.kids))


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
            item.tag, item.kids = "/TOCI", [Node("/TOC", k.page, k.kids, k.extra, k.obj) if k.tag == "/L" else k
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
            attributes = Dictionary(cell.extra.get("A") or {"O": "/Table"})
            attributes.setdefault("Scope", "/Row" if row else "/Column")
            cell.extra["A"] = attributes
