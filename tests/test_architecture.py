"""The architecture holds: families import one way down with no cycles (import-linter), every
family says what it owns, the package type-checks under ``mypy --strict``, and ``ruff check`` (its
rules in pyproject.toml) finds nothing."""

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pmgraph

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FAMILIES = ["pmgraph.loading", "pmgraph.career", "pmgraph.sparql", "pmgraph.ladders", "pmgraph.viz", "pmgraph.audit",
            "pmgraph.render", "pmgraph.cli"]
# python -m pmgraph runs the command line on import: not imported here.
MODULES = sorted(name for _finder, name, _pkg in pkgutil.walk_packages(pmgraph.__path__, "pmgraph.")
                 if name != "pmgraph.__main__")


def _lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BIN / "lint-imports", "pyproject.toml", "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("added, broken", [
    # a foundation module reaching up into a feature
    ({"pmgraph/errors.py": "from .career import paths"}, "pmgraph.errors -> pmgraph.career.paths"),
    # loading, below career, reaching up into it
    ({"pmgraph/loading/cache.py": "from ..career import model"}, "pmgraph.loading.cache -> pmgraph.career.model"),
    # two features that must not know each other
    ({"pmgraph/audit/validation.py": "from ..viz import page"}, "pmgraph.audit.validation -> pmgraph.viz.page"),
    # click outside the command line
    ({"pmgraph/render/career.py": "import click"}, "pmgraph.render.career -> click"),
    # a loop between two rooms of one family
    ({"pmgraph/career/catalogue.py": "from . import read", "pmgraph/career/read.py": "from . import catalogue"},
     "No cycles are allowed in pmgraph.career.\nIt could be made acyclic by removing 1 dependency:\n\n"
     "- .read -> .catalogue"),
    # the installed package reaching into the build tools (tools/, not in the wheel)
    ({"pmgraph/ladders/catalogue.py": "from tools.frameworks import FRAMEWORKS"},
     "pmgraph.ladders.catalogue -> tools"),
], ids=["foundation-up", "loading-up", "feature-to-feature", "click", "loop", "tools"])
def test_a_forbidden_import_breaks_a_contract_and_is_named(tmp_path, added, broken):
    """The contracts have teeth: on a copy with bad imports added, the same check fails and names them."""
    shutil.copytree(ROOT / "pmgraph", tmp_path / "pmgraph", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for file, line in added.items():
        target = tmp_path / file
        target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = _lint_imports(tmp_path, {**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode != 0, run.stdout
    assert "BROKEN" in run.stdout
    assert broken in run.stdout, run.stdout


@pytest.mark.parametrize("name", MODULES)
def test_every_module_says_what_it_holds(name):
    module = importlib.import_module(name)
    assert module.__doc__ and module.__doc__.strip(), f"{name} has no docstring"
    assert module.__doc__.strip().splitlines()[0].strip(), f"{name}: the docstring's first line is empty"


@pytest.mark.parametrize("name", FAMILIES)
def test_every_family_lists_what_it_offers(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list) and module.__all__
    for entry in module.__all__:  # each name is there, or is a room of the family
        assert hasattr(module, entry) or importlib.util.find_spec(f"{name}.{entry}") is not None, entry


def test_package_type_checks_strictly():
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "pmgraph", "tools"], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]


def test_ruff_is_clean():
    """``ruff check`` over the checkout (pmgraph, tools, tests, benchmarks, docs, notebooks), with
    the rules, the exclusions and each ignore's reason in pyproject.toml."""
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
