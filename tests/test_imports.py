"""No import cycle in the package: the graph is built from the source (ast), every
import counted, at module level or inside a function, under TYPE_CHECKING or not."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "communique"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path = PKG) -> dict[str, set[str]]:
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                # "from . import x" names a submodule where x is one
                subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules]
                targets = subs or [mod]
                if subs and len(subs) < len(node.names):
                    targets.append(mod)
            for t in targets:
                while t and t not in modules:  # "communique.x.y" where y is a name in x
                    t = t.rpartition(".")[0]
                if t and t != name:
                    graph[name].add(t)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def by_subpackage(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between the package's first-level modules and subpackages
    (``communique.export.parquet`` counts as ``communique.export``)."""
    def top(m: str) -> str:
        return ".".join(m.split(".")[:2])

    out: dict[str, set[str]] = {}
    for m, deps in graph.items():
        out.setdefault(top(m), set()).update(top(d) for d in deps if top(d) != top(m))
    return out


def test_the_detector_finds_a_cycle(tmp_path):
    pkg = tmp_path / "communique"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import g\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    graph = import_graph(pkg)
    assert graph["communique.a"] == {"communique.sub.b"}
    assert graph["communique.c"] == {"communique.a"}
    assert find_cycles(graph) == [["communique.a", "communique.sub.b"]]
    assert find_cycles(by_subpackage(graph)) == [["communique.a", "communique.sub"]]


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    assert "communique.nlp.acts" in graph and graph["communique.cli"]
    cycles = find_cycles(graph)
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_no_import_cycle_between_subpackages():
    """``batch`` -> ``export.formats`` and ``export.parquet`` -> ``batch`` is no module
    cycle, but it is one between the two homes: neither can be understood alone."""
    cycles = find_cycles(by_subpackage(import_graph()))
    assert not cycles, "import cycles between subpackages: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_extraction_knows_nothing_of_storage_or_presentation():
    """``nlp`` and ``learn`` read text and write records; what stores, compares, exports or
    shows them sits above (the extractor once reached into ``storage.query`` to check a
    confidence floor)."""
    graph = import_graph()
    above = ("communique.storage", "communique.web", "communique.compare", "communique.export", "communique.cli",
             "communique.commands", "communique.corpus", "communique.report")
    wrong = sorted(f"{m} -> {t}" for m, targets in graph.items() if m.startswith(("communique.nlp", "communique.learn"))
                   for t in targets if t.startswith(above))
    assert not wrong, wrong
