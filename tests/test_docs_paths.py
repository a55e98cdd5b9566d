"""Every public function of the paths and skills modules documents a runnable example; they run."""

import doctest
import inspect
from pathlib import Path

import pytest

import pmgraph.career.paths
import pmgraph.career.projection
import pmgraph.career.skills

ROOT = Path(__file__).resolve().parents[1]
MODULES = [pmgraph.career.paths, pmgraph.career.skills, pmgraph.career.projection]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests_run(module, monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples load tests/data/ladder.ttl
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_public_function_has_an_example(module):
    functions = [getattr(module, name) for name in module.__all__ if inspect.isfunction(getattr(module, name))]
    assert functions
    missing = [f.__name__ for f in functions if "Examples\n    --------\n    >>>" not in (f.__doc__ or "")]
    assert missing == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_library_is_quiet(module):
    source = inspect.getsource(module)
    for word in ("print(", "import click", "os.environ", "sys.exit"):
        assert word not in source
