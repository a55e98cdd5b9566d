"""The curated API is typed for users: a type checker sees each ``pmgraph.<name>`` with its real type
(not ``Any``, though the names load lazily at run time), a wrong call is an error, and so is a
misspelt name."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pmgraph

ROOT = Path(__file__).resolve().parents[1]
CURATED = sorted(set(pmgraph.__all__))

USER_CODE = """\
import pmgraph

graph = pmgraph.load()
{reveals}
path = pmgraph.shortest_path(graph, "product manager", "cpo")
reveal_type(path.years_min)
pmgraph.shortest_path(graph, "product manager", "cpo", by=3)
pmgraph.shortest_pth(graph, "product manager", "cpo")
"""


def test_a_users_type_checker_sees_real_types(tmp_path):
    snippet = tmp_path / "user.py"
    snippet.write_text(USER_CODE.format(reveals="\n".join(f"reveal_type(pmgraph.{name})" for name in CURATED)),
                       encoding="utf-8")
    # From the project (its mypy settings, its warm cache), with this tree's pmgraph first on the path.
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(snippet)], cwd=ROOT,
                         env={**os.environ, "MYPYPATH": str(ROOT)}, capture_output=True, text=True, timeout=900)
    lines = {int(m[1]): m[2] for m in re.finditer(r"^.*user\.py:(\d+): (.*)$", run.stdout, re.MULTILINE)}
    revealed = {name: lines.get(4 + i, "") for i, name in enumerate(CURATED)}
    for name, note in revealed.items():
        assert note.startswith("note: Revealed type is "), (name, run.stdout + run.stderr)
        assert note != 'note: Revealed type is "Any"', name
    assert "-> rdflib.graph.Graph" in revealed["load"]
    assert "-> pmgraph.career.paths.Path" in revealed["shortest_path"]
    assert revealed["__version__"] == 'note: Revealed type is "str"'
    assert revealed["UnknownRoleError"].endswith('-> pmgraph.errors.UnknownRoleError"')

    after = 4 + len(CURATED) + 1
    assert lines[after] == 'note: Revealed type is "float | None"'
    assert lines[after + 1].startswith('error: Argument "by" to "shortest_path" has incompatible type "int"')
    assert lines[after + 2] == 'error: Module has no attribute "shortest_pth"  [attr-defined]'
    assert len([line for line in lines.values() if line.startswith("error:")]) == 2, run.stdout


def test_every_curated_name_is_there_at_run_time_and_listed_once():
    assert len(pmgraph.__all__) == len(CURATED)
    for name in CURATED:
        assert getattr(pmgraph, name) is not None, name
