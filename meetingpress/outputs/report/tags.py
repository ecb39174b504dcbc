"""The report's PDF objects as WeasyPrint lays them out → the same objects with the structure tree a screen
reader needs (PDF/UA-1), before they are written, with the same bytes for the same input.

WeasyPrint 70 tags what it lays out, box by box and page by page.  This pass
(called by `objects.finisher`, on WeasyPrint's pydyf objects, so nothing is
parsed or written twice) turns that into one tree:

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

The elements left out of the tree, and the link annotations dropped, stay in
the file as empty dictionaries that nothing refers to (pydyf numbers objects by
their place, so they cannot be taken out).
"""

from __future__ import annotations

from pydyf import Array, Dictionary, Object

from meetingpress.outputs.report.marks import artifacts
from meetingpress.outputs.report.structure import Annot, Mcid, Node, contents, flatten, header_scope, join


class Objects:
    """WeasyPrint's PDF objects, looked up by reference (`b"12 0 R"`)."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.page_refs = list(pdf.page_references)
        self.pages = {ref: index for index, ref in enumerate(self.page_refs)}

    def __getitem__(self, ref) -> Object:
        return self.pdf.objects[int(ref.split()[0])]

    def page(self, holder: dict, default: int = 0) -> int:
        return self.pages.get(holder["Pg"], default) if "Pg" in holder else default


def read(ref: bytes, objects: Objects) -> Node:
    """The structure element at `ref` and everything under it, as Nodes."""
    elem = objects[ref]
    page = objects.page(elem)
    node = Node(elem["S"], page, extra={k: v for k, v in elem.items() if k not in ("Type", "S", "K", "P", "Pg")},
                obj=elem)
    kids = elem.get("K")
    for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
        if isinstance(kid, int):
            node.kids.append(Mcid(page, kid))
            continue
        holder = objects[kid] if isinstance(kid, bytes) else kid
        if holder.get("Type") == "/MCR":
            node.kids.append(Mcid(objects.page(holder, page), int(holder["MCID"])))
        elif holder.get("Type") == "/OBJR":
            node.kids.append(Annot(objects[holder["Obj"]], objects.page(holder, page), holder["Obj"]))
        else:
            node.kids.append(read(kid, objects))
    return node


def write(objects: Objects, node: Node, parent: bytes, parents: dict, annots: list, made: set) -> bytes:
    """The StructElem for `node` under `parent` (WeasyPrint's dictionary for it, refilled, or a new one), its
    reference; fills `parents` ({(page, mcid): reference}), `annots` (the reference of each link's element) and
    `made` (the ids of the elements written)."""
    pdf, page_refs = objects.pdf, objects.page_refs
    elem = node.obj
    if elem is None:
        elem = Dictionary()
        pdf.add_object(elem)
    made.add(id(elem))
    elem.clear()
    elem.update({"Type": "/StructElem", "S": node.tag, "P": parent, "Pg": page_refs[node.page], **node.extra})
    kids = Array()
    for kid in node.kids:
        if isinstance(kid, Mcid):
            if kid.page == node.page:
                kids.append(kid.number)
            else:
                kids.append(Dictionary({"Type": "/MCR", "Pg": page_refs[kid.page], "MCID": kid.number}))
            parents[(kid.page, kid.number)] = elem.reference
        elif isinstance(kid, Annot):
            kid.obj["StructParent"] = len(page_refs) + len(annots)
            annots.append(elem.reference)
            kids.append(Dictionary({"Type": "/OBJR", "Pg": page_refs[kid.page], "Obj": kid.ref}))
        else:
            kids.append(write(objects, kid, elem.reference, parents, annots, made))
    elem["K"] = kids
    return elem.reference


def tidy(pdf) -> None:
    """WeasyPrint's PDF objects (`pydyf.PDF`, before they are written), with the structure this module's
    docstring describes."""
    objects = Objects(pdf)
    root = objects[pdf.catalog["StructTreeRoot"]]
    kids = root["K"] if isinstance(root["K"], list) else [root["K"]]
    tree = [read(kid, objects) for kid in kids]
    dropped: list[Annot] = []
    tree = join(flatten(tree, None, dropped))
    for node in tree:
        contents(node)
        header_scope(node)
    gone = {annot.ref for annot in dropped}
    for ref in objects.page_refs:
        page = objects[ref]
        if "Annots" in page:
            kept = [a for a in page["Annots"] if a not in gone]
            if kept:
                page["Annots"] = Array(kept)
            else:
                del page["Annots"]
    parents: dict = {}
    annots: list = []
    made: set = set()
    root["K"] = Array([write(objects, node, pdf.catalog["StructTreeRoot"], parents, annots, made) for node in tree])
    nums = Array()
    for index, ref in enumerate(objects.page_refs):
        mine = {number: elem for (p, number), elem in parents.items() if p == index}
        nums.extend([index, Array([mine.get(n, "null") for n in range(max(mine, default=-1) + 1)])])
        page = objects[ref]
        page["StructParents"] = index
        artifacts(objects[page["Contents"]], set(mine))
    for offset, elem in enumerate(annots):
        nums.extend([len(objects.page_refs) + offset, elem])
    objects[root["ParentTree"]]["Nums"] = nums
    root["ParentTreeNextKey"] = len(objects.page_refs) + len(annots)
    left_out = {id(annot.obj) for annot in dropped}
    for obj in pdf.objects:  # the elements, object references and link annotations the tree no longer holds
        if isinstance(obj, Dictionary) and id(obj) not in made and (
                obj.get("Type") in ("/StructElem", "/OBJR") or id(obj) in left_out):
            obj.clear()
