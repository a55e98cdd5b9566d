"""No module of pmgraph uses another module's private names.

A name that starts with ``_`` is its module's own business: the module may rename or drop it
without looking further. This reads every module under ``pmgraph/`` with :mod:`ast` and fails
on ``from .x import _name`` (absolute or relative) and on ``x._name`` where ``x`` is a pmgraph
module the importer imported (``from . import x`` / ``import pmgraph.x as x``). Dunders
(``__version__``) are public.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pmgraph"

# (importer, module, name) allowed to cross: none. A name another module needs is public.
ALLOWED: set[tuple[str, str, str]] = set()


def _module_name(path: Path) -> tuple[str, bool]:
    """The dotted name of the module at ``path`` and whether it is a package's ``__init__``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _resolve(importer: str, is_package: bool, module: str | None, level: int) -> str:
    """The absolute name ``from <level dots><module> import ...`` in ``importer`` refers to."""
    if level == 0:
        return module or ""
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _offences(source: str, importer: str, *, is_package: bool = False,
              known: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(importer, module, name) for each private name ``source``, the text of the module
    ``importer``, takes from another pmgraph module; ``known`` lists pmgraph's modules."""
    tree = ast.parse(source)
    found: list[tuple[str, str, str]] = []
    aliases: dict[str, str] = {}  # a local name bound to a pmgraph module -> that module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _resolve(importer, is_package, node.module, node.level)
            if module != "pmgraph" and not module.startswith("pmgraph."):
                continue
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                if submodule in known:
                    aliases[alias.asname or alias.name] = submodule
                    if _private(alias.name) and submodule != importer:
                        found.append((importer, module, alias.name))
                elif _private(alias.name) and module != importer:
                    found.append((importer, module, alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pmgraph") and alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and _private(node.attr)):
            found.append((importer, aliases[node.value.id], node.attr))
    return found


def test_the_resolver_reads_relative_imports() -> None:
    assert _resolve("pmgraph.cli.roles", False, None, 1) == "pmgraph.cli"
    assert _resolve("pmgraph.cli", True, "roles", 1) == "pmgraph.cli.roles"
    assert _resolve("pmgraph.sparql.endpoint.app", False, "query", 2) == "pmgraph.sparql.query"
    assert _resolve("pmgraph.career.names", False, "errors", 2) == "pmgraph.errors"


def test_the_check_finds_each_kind_of_use() -> None:
    source = """
from .model import _local, normalise, __version__
from ..loading import http
from pmgraph.errors import _rebuild
import pmgraph.iris as iris
from . import _own_helper
http._opener()
iris._private_thing
http.TIMEOUT
"""
    known = frozenset({"pmgraph.loading.http", "pmgraph.iris", "pmgraph.career.model"})
    assert sorted(_offences(source, "pmgraph.career.names", known=known)) == [
        ("pmgraph.career.names", "pmgraph.career", "_own_helper"),
        ("pmgraph.career.names", "pmgraph.career.model", "_local"),
        ("pmgraph.career.names", "pmgraph.errors", "_rebuild"),
        ("pmgraph.career.names", "pmgraph.iris", "_private_thing"),
        ("pmgraph.career.names", "pmgraph.loading.http", "_opener"),
    ]
    # A package's __init__ is a module like the others: its submodules' private names are theirs.
    assert _offences("from .roles import _helper", "pmgraph.cli", is_package=True) == [
        ("pmgraph.cli", "pmgraph.cli.roles", "_helper")]
    assert _offences("def f():\n    from .worker import _run", "pmgraph.sparql.endpoint.app") == [
        ("pmgraph.sparql.endpoint.app", "pmgraph.sparql.endpoint.worker", "_run")]


def test_no_private_name_is_imported_across_modules() -> None:
    known = frozenset(_module_name(path)[0] for path in _modules())
    offences = set()
    for path in _modules():
        importer, is_package = _module_name(path)
        source = path.read_text(encoding="utf-8")
        offences.update(_offences(source, importer, is_package=is_package, known=known))
    assert not offences - ALLOWED, "private names used across modules:\n" + "\n".join(
        f"{importer} uses {module}.{name}" for importer, module, name in sorted(offences - ALLOWED))
