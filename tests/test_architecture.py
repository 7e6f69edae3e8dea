"""The package layout stays acyclic: walk every import in src/eventlens (lazy ones too)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PKG = SRC / "eventlens"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PKG.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, typing: bool = False) -> list[tuple[str, list[str]]]:
    """(module, names) for every import of an eventlens module in ``path``: runtime ones
    (lazy ones inside functions too), plus ``if TYPE_CHECKING:`` ones with ``typing``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node) and not typing:
            for child in node.orelse:  # only the else branch runs
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names if a.name.startswith("eventlens"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("eventlens"):
                found.append((node.module, [a.name for a in node.names]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _edges(typing: bool = False) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        for module, names in _imports(path, typing):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
            if len(targets) < len(names) or not names:
                targets.append(module)
            edges[name].update(t for t in targets if t != name and t in MODULES)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            connect(v)
    return found


def _group(module: str) -> str:
    """A stage package ("eventlens.events") or a top-level module ("eventlens.records")."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_the_walker_sees_imports() -> None:
    edges = _edges()
    assert "eventlens.records" in edges["eventlens.pipeline"]
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def test_no_import_circle_between_modules() -> None:
    # Strict: type-only imports count too, so shared types sit in their own module.
    assert _cycles(_edges(typing=True)) == []


def test_no_import_circle_between_packages() -> None:
    # Runtime imports only: stages name ``Resources`` in annotations, and resources.py
    # loads the stages' knowledge bases lazily.
    grouped: dict[str, set[str]] = defaultdict(set)
    for src, targets in _edges().items():
        for dst in targets:
            if _group(src) != _group(dst):
                grouped[_group(src)].add(_group(dst))
    assert _cycles(grouped) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_imported_from_another_module(name: str) -> None:
    private = [
        f"{module}.{n}"
        for module, names in _imports(MODULES[name])
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert private == []


def test_every_stage_package_has_a_stage_module() -> None:
    stages = ["article", "dates", "quotes", "actors", "events", "places", "store", "inputs",
              "ingest", "batch", "web", "cli", "eval"]  # fmt: skip
    missing = [s for s in stages if f"eventlens.{s}.stage" not in MODULES]
    assert missing == []


def test_architecture_doc_names_every_package_and_module() -> None:
    doc = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted({p.parent.name for p in PKG.glob("*/__init__.py")})
    assert [p for p in packages if f"`{p}/`" not in doc] == []
    top = sorted(p.name for p in PKG.glob("*.py") if not p.name.startswith("__"))
    assert [m for m in top if f"`{m}`" not in doc] == []
