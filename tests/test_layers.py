"""The package's shape: stages layered, no import cycles, small modules that say what they do.

The layers are declared in pyproject.toml (`[tool.importlinter]`) and checked
by import-linter, which nobody here wrote; cycles are found on the import
graph it builds (grimp), lazy imports inside functions included.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import grimp
from conftest import REPO

PACKAGE = REPO / "meetingpress"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "_builtin" not in p.parts)


def test_each_stage_imports_only_the_stages_below_it():
    # in a process of its own: import-linter configures logging, which would silence WeasyPrint's in later tests
    lint = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", lint, str(REPO / "pyproject.toml")], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def cycles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index, low, on, stack, found, counter = {}, {}, set(), [], [], 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_cycles():
    graph = grimp.build_graph("meetingpress", exclude_type_checking_imports=True)
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    (tmp_path / "ring").mkdir()
    (tmp_path / "ring" / "__init__.py").write_text("")
    (tmp_path / "ring" / "a.py").write_text("def f():\n    from ring import b\n")
    (tmp_path / "ring" / "b.py").write_text("from ring import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(grimp.build_graph("ring")) == [["ring.a", "ring.b"]]


def test_every_module_is_under_300_lines_and_says_what_it_does():
    long = {str(p.relative_to(REPO)): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
    silent = [str(p.relative_to(REPO)) for p in MODULES if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert silent == []
