import logging
import os
from pathlib import Path

import pytest

import pmgraph
from pmgraph.resources import ontology_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
LADDER = DATA / "ladder.ttl"

# rdflib logs a traceback for each ill-typed literal; the validator reports them itself.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


def require_or_skip(available: bool, what: str) -> None:
    """Skip when a real part is missing on a developer machine; fail in CI (CI=true)."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required in CI but missing; .ci/run must install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def bundled():
    """The bundled ontology, loaded once per test session (read-only: do not modify)."""
    return pmgraph.load()


@pytest.fixture(scope="session")
def ladder_files():
    return [ontology_dir() / "schema.ttl", LADDER]


@pytest.fixture(scope="session")
def ladder(ladder_files):
    """The tiny hand-checkable fixture ladder (read-only: do not modify)."""
    return pmgraph.load(ladder_files, bundled=False)
