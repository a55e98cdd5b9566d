"""The notebooks run top to bottom on the installed package, and are kept without outputs in git."""

import html
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds


def test_the_analyst_notebooks_are_there():
    assert {"01-paths-and-deltas.ipynb", "02-sparql-for-analysts.ipynb", "03-visualisations.ipynb",
            "04-your-own-ladder.ipynb", "views.ipynb"} <= {n.name for n in NOTEBOOKS}


@pytest.fixture(scope="module")
def run_notebook(tmp_path_factory):
    """Runs a notebook top to bottom, once per test module (a kernel run takes seconds): returns
    the executed notebook and whether the repository was left as it was."""
    runs = {}

    def run(notebook: Path):
        if notebook not in runs:
            require_or_skip(_kernel_available(), "nbclient, nbformat and ipykernel")
            from nbclient import NotebookClient

            # The kernel is a child process: it imports this tree's pmgraph, draws without a display,
            # and has a HOME of its own, so a run leaves nothing behind.
            home = tmp_path_factory.mktemp(notebook.stem)
            with pytest.MonkeyPatch.context() as env:
                env.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
                env.setenv("MPLBACKEND", "Agg")
                env.setenv("MPLCONFIGDIR", str(home / "mpl"))
                env.setenv("TMPDIR", str(home))
                before = _repository_status()
                book = nbformat.read(notebook, as_version=4)
                NotebookClient(book, timeout=CELL_TIMEOUT, kernel_name="python3",
                               resources={"metadata": {"path": str(notebook.parent)}}).execute()
                runs[notebook] = book, _repository_status() == before
        return runs[notebook]

    return run


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_errors(notebook, run_notebook):
    book, repository_unchanged = run_notebook(notebook)
    errors = [output for cell in book.cells if cell.cell_type == "code" for output in cell.outputs
              if output.output_type == "error"]
    assert errors == []
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    assert repository_unchanged, "the notebook wrote into the repository"


def _repository_status() -> str:
    """Files git sees as changed or new (or '' outside a git checkout, e.g. from an sdist)."""
    found = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                           capture_output=True, text=True)
    return found.stdout if found.returncode == 0 else ""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stripped(notebook):
    """Committed notebooks carry no outputs and no execution counts (clear them before committing)."""
    book = nbformat.read(notebook, as_version=4)
    nbformat.validate(book)
    for index, cell in enumerate(book.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{notebook.name} cell {index} has outputs"
            assert cell.execution_count is None, f"{notebook.name} cell {index} has an execution count"
        assert "attachments" not in cell or not cell.attachments


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_uses_only_the_public_api(notebook):
    book = nbformat.read(notebook, as_version=4)
    source = "\n".join(cell.source for cell in book.cells if cell.cell_type == "code")
    for line in source.splitlines():
        if "pmgraph" in line and ("import" in line or "pmgraph." in line):
            assert "._" not in line and "import _" not in line, line
    assert "import pmgraph" in source


# ----------------------------------------------------------------------------- notebooks/views.ipynb, in detail

VIEWS = ROOT / "notebooks" / "views.ipynb"


def _kernel_available() -> bool:
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def executed(run_notebook):
    """views.ipynb, run once for this module (the same run test_notebook_runs_without_errors checks)."""
    return run_notebook(VIEWS)[0]


@pytest.mark.slow
def test_views_notebook_displays_every_view_inline(executed):
    titles = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            page = output.get("data", {}).get("text/html")
            if page:
                assert page.startswith("<iframe srcdoc=")
                inner = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
                assert "new vis.Network" in inner
                titles.append(re.search(r"<title>(.*?)</title>", inner).group(1))
    assert titles == ["Career graph", "Around Group Product Manager",
                      "Path: Product Manager → Chief Product Officer",
                      "Skills: Product Manager → Group Product Manager", "Org chart"]


@pytest.mark.slow
def test_path_caption_prints(executed):
    printed = "".join(o.get("text", "") for o in executed.cells[4].outputs if o.get("output_type") == "stream")
    assert "Product Manager → Chief Product Officer" in printed and "years" in printed
