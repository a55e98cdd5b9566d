from pathlib import Path

import pytest

import pmgraph
from pmgraph.resources import ontology_dir

LADDER = Path(__file__).parent / "data" / "ladder.ttl"


def load_ladder():
    return pmgraph.load([ontology_dir() / "schema.ttl", LADDER], bundled=False)


@pytest.fixture(scope="session")
def ladder():
    """The fixture ladder of tests/data/ladder.ttl (diagram at its top)."""
    return load_ladder()


def bundled_content_present() -> bool:
    return all(p.exists() for p in pmgraph.resources.ontology_files())


@pytest.fixture(scope="session")
def bundled():
    return pmgraph.load()
