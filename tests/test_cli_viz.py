"""pmgraph viz: views by option, exclusive options, atomic output, errors and help."""

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli
from tests.conftest import LADDER
from tests.test_viz import external_refs, page_data


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(cli, ["--data", str(LADDER), *args], catch_exceptions=False)
    return invoke


@pytest.mark.parametrize("args, title", [
    ([], "Career graph"),
    (["--focus", "product manager", "--depth", "2"], "Around Product Manager"),
    (["--path", "pm", "cpo", "--by", "years", "-k", "2", "--no-lateral"],
     "Path: Product Manager → Chief Product Officer"),
    (["--delta", "senior product manager", "group product manager"],
     "Skills: Senior Product Manager → Group Product Manager"),
    (["--org"], "Org chart"),
])
def test_each_view_writes_a_self_contained_page(run, tmp_path, args, title):
    result = run("viz", "-o", "out.html", *args)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in page
    assert external_refs(page) == []
    assert result.stdout == "" and "wrote out.html" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_default_is_the_career_graph_in_pmgraph_html(run, tmp_path):
    assert run("viz").exit_code == 0
    nodes, _ = page_data((tmp_path / "pmgraph.html").read_text(encoding="utf-8"))
    assert {"fx-pm", "product-manager"} <= {n["id"] for n in nodes}  # --data merged with the bundled graph


def test_dash_writes_to_stdout(run):
    result = run("viz", "--org", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, message", [
    (["--org", "--focus", "pm"], "--focus and --org are different views"),
    (["--path", "pm", "cpo", "--delta", "pm", "gpm"], "--path and --delta are different views"),
    (["--depth", "2"], "--depth goes with --focus"),
    (["--by", "years"], "--by goes with --path"),
    (["--org", "--no-lateral", "--avoid", "pm"], "--avoid, --no-lateral go with --path"),
    (["--path", "pm"], "requires 2 arguments"),
    (["--path", "pm", "cpo", "--track", "sideways"], "unknown track 'sideways'"),
])
def test_usage_errors_exit_2(run, args, message):
    result = run("viz", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_refuses_to_overwrite_a_file_without_force(run, tmp_path):
    """One policy for every command that writes: an existing file is kept unless --force."""
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("viz", "-o", "notes.txt")
    assert result.exit_code == 1 and "already exists — pass --force to overwrite it" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_overwrites_an_html_page_with_force(run, tmp_path):
    (tmp_path / "old.html").write_text("<p>old</p>", encoding="utf-8")
    assert run("viz", "--org", "-o", "old.html").exit_code == 1
    assert run("viz", "--org", "-o", "old.html", "--force").exit_code == 0
    assert "Org chart" in (tmp_path / "old.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--focus", "Fixture Principle PM"], "Did you mean 'Fixture Principal PM'?"),
    (["--path", "fx-pm", "fx-cpo", "--max-steps", "2"], "within 2 steps"),
])
def test_domain_errors_exit_1_without_traceback(run, tmp_path, args, message):
    result = run("viz", *args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "pmgraph.html").exists()


def test_help_has_examples_and_names_the_python_twin():
    result = CliRunner().invoke(cli, ["viz", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "pmgraph viz --org -o org.html" in result.output
    assert "pmgraph.viz.career_view(graph)" in result.output


def test_same_bytes_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"focus-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "pmgraph", "viz", "--focus", "group product manager", "--depth", "2",
                        "-o", str(out)], check=True, env=env, capture_output=True)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
