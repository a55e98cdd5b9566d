"""Every Examples section in the library's docstrings runs."""

import doctest
import importlib
import pkgutil

import pytest

import pmgraph

MODULES = sorted(
    name for _finder, name, _pkg in pkgutil.walk_packages(pmgraph.__path__, "pmgraph.")
    if name != "pmgraph.__main__" and name.split(".")[1] != "cli"
)


@pytest.mark.parametrize("name", ["pmgraph", *MODULES])
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
