"""CLI: pmgraph import and the global --data option, through CliRunner (exit code, stdout, stderr apart)."""

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ACME = str(ROOT / "examples" / "acme-ladder.yaml")
PRODUCT = str(ROOT / "tests" / "data" / "monzo" / "product.md")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_import_writes_the_ladder_and_says_so(tmp_path):
    out = tmp_path / "acme.ttl"
    result = run("import", ACME, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}: 6 roles, 5 skills, 7 transitions\n"
    assert out.read_text().startswith("# Written by pmgraph import.")
    validated = run("validate", str(out))
    assert validated.exit_code == 0, validated.output


def test_import_align_then_path_through_data(tmp_path):
    out = tmp_path / "product.ttl"
    result = run("import", PRODUCT, "-o", str(out), "--years", "1-2", "--align")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(", 4 roles aligned\n")
    # Level 3 ~ Senior PM and level 4 ~ Principal PM: either promotion then crossing, or crossing
    # then the bundled promotion -> 2 steps, one of them a 0-year lateral move.
    path = run("--data", str(out), "path", "Product level 3", "Principal Product Manager", "--format", "json")
    assert path.exit_code == 0, path.output
    assert '"hops": 2' in path.stdout and '"kind": "lateral move"' in path.stdout
    delta = run("--data", str(out), "delta", "Product level 1", "Product level 2")
    # the import's rule, not the framework, sets each level's proficiency: an estimate, and marked so
    assert delta.exit_code == 0 and "awareness (estimate) -> working (estimate)" in delta.stdout


@pytest.mark.parametrize("args, message", [
    (["import", "{bad}", "-o", "{out}"], "bad.yaml:2: YAML syntax error"),
    (["import", "{missing}", "-o", "{out}"], "no such file"),
    (["import", ACME, "-o", "{existing}"], "already exists — pass --force"),
    (["import", ACME, "-o", ACME], "is the input file"),
])
def test_import_errors_are_one_line_exit_1(tmp_path, args, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: X\nroles: [unclosed\n")
    existing = tmp_path / "existing.ttl"
    existing.write_text("keep")
    before = hashlib.sha256(Path(ACME).read_bytes()).hexdigest()
    values = {"out": tmp_path / "out.ttl", "bad": bad, "missing": tmp_path / "missing.yaml", "existing": existing}
    result = run(*[a.format(**values) for a in args])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert existing.read_text() == "keep"
    assert hashlib.sha256(Path(ACME).read_bytes()).hexdigest() == before
    assert not (tmp_path / "out.ttl").exists()


def test_force_overwrites(tmp_path):
    out = tmp_path / "acme.ttl"
    out.write_text("old")
    assert run("import", ACME, "-o", str(out), "--force").exit_code == 0
    assert out.read_text() != "old"


@pytest.mark.parametrize("args", [["--years", "1-x"], ["--years", "3-1"], ["--format", "xml"], []])
def test_usage_errors_exit_2(tmp_path, args):
    command = ["import", PRODUCT, *args] + (["-o", str(tmp_path / "o.ttl")] if args else [])
    result = run(*command)
    assert result.exit_code == 2, result.output


def test_data_conflict_is_one_line_exit_1(tmp_path):
    mine = tmp_path / "mine.ttl"
    mine.write_text("@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n"
                    "@prefix role: <https://w3id.org/pmgraph/role/> .\n"
                    "role:senior-product-manager pm:level 4 .\n")
    result = run("--data", str(mine), "path", "Senior PM", "Head of Product")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "pm:level is '3' (in the bundled ontology) and '4' (in" in result.stderr


def test_help_names_the_python_twin():
    result = run("import", "--help")
    assert result.exit_code == 0
    assert "pmgraph.ladders.rdf.import_ladder" in result.stdout and "--align" in result.stdout
