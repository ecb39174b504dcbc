"""The page content of the report's PDF after WeasyPrint: what the structure tree does not hold is an artifact.

Marked content whose MCID the structure tree does not reach (WeasyPrint's
running head and footer) becomes `/Artifact` of type Pagination, and a
graphics object painted outside any marked content (the cover's circles) is
wrapped in an `/Artifact` of its own.  Called by `tags.tidy`.
"""

from __future__ import annotations

import pikepdf
from pikepdf import ContentStreamInstruction, Dictionary, Name, Operator

# Content-stream operators that start and end a path object, and those that paint on their own.
PATH_START = frozenset({"m", "re"})
PATH_END = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"})
SINGLE = frozenset({"Do", "sh"})


def artifacts(pdf, page, tagged: set) -> None:
    """Marked content not in the tree becomes pagination artifacts; paint outside marked content, artifacts."""
    out = []
    depth = 0
    path_start = text_start = None
    artifact = [Name.Artifact]
    for inst in pikepdf.parse_content_stream(page):
        op = str(inst.operator)
        operands = list(inst.operands)
        if op in ("BDC", "BMC"):  # a graphics object with marked content inside is not wrapped again
            path_start = text_start = None
        if op == "BDC":
            props = operands[1]
            if isinstance(props, Dictionary) and "/MCID" in props and int(props.MCID) not in tagged:
                inst = ContentStreamInstruction([Name.Artifact, Dictionary(Type=Name.Pagination)], Operator("BDC"))
            depth += 1
        elif op == "BMC":
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif depth == 0:
            if op in PATH_START and path_start is None:
                path_start = len(out)
            elif op in PATH_END and path_start is not None:
                if op != "n":
                    out.insert(path_start, ContentStreamInstruction(artifact, Operator("BMC")))
                    out.append(inst)
                    inst = ContentStreamInstruction([], Operator("EMC"))
                path_start = None
            elif op == "BT":
                text_start = len(out)
            elif op == "ET" and text_start is not None:
                out.insert(text_start, ContentStreamInstruction(artifact, Operator("BMC")))
                out.append(inst)
                inst = ContentStreamInstruction([], Operator("EMC"))
                text_start = None
            elif op in SINGLE and text_start is None:
                out.append(ContentStreamInstruction(artifact, Operator("BMC")))
                out.append(inst)
                inst = ContentStreamInstruction([], Operator("EMC"))
        out.append(inst)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
