"""The ladder import is documented: runnable examples, the format page, the README section."""

import doctest
from pathlib import Path

import pmgraph.ladders.rdf
import pmgraph.loading.graph

ROOT = Path(__file__).resolve().parents[1]


def test_ladder_doctests_run(monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples read examples/acme-ladder.yaml
    for module in (pmgraph.ladders.rdf, pmgraph.loading.graph):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_format_page_and_readme_cover_the_import():
    page = (ROOT / "docs" / "ladder-format.md").read_text()
    for term in ("record", "years_min", "--years", "--align", "closeMatch", "--data", "--force"):
        assert term in page
    readme = (ROOT / "README.md").read_text()
    assert "## Bring your own ladder" in readme and "pmgraph import examples/acme-ladder.yaml" in readme
    for example in ("acme-ladder.yaml", "acme-ladder.csv"):
        assert (ROOT / "examples" / example).is_file()
    assert (ROOT / "tests" / "data" / "monzo" / "LICENSE").is_file()
