"""Generated documentation stays in step with what generates it."""

from pathlib import Path

from click.testing import CliRunner

import pmgraph
from pmgraph.audit.reference import ontology_reference
from pmgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_ontology_reference_page_is_current(bundled):
    page = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert page == ontology_reference(bundled), "regenerate: pmgraph reference -o docs/ontology.md --force"


def test_ontology_reference_lists_every_role_and_skill(bundled):
    from rdflib import RDF, SKOS

    page = ontology_reference(bundled)
    for cls in (pmgraph.PM.Role, pmgraph.PM.Skill):
        for node in bundled.subjects(RDF.type, cls):
            assert str(bundled.value(node, SKOS.prefLabel)) in page


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in sorted(cli.commands):
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"'pmgraph {name} --help' shows no example"


def test_cli_reference_is_current():
    """docs/cli.md is every command's --help, written by its cog block; regenerate with cog -r."""
    from cogapp import Cog

    status = Cog().main(["cog", "--check", str(ROOT / "docs" / "cli.md")])
    assert status == 0, "docs/cli.md is out of date: regenerate with  cog -r docs/cli.md"


def test_cli_reference_covers_every_command():
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"\n## pmgraph {name}\n" in page
