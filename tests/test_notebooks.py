"""The notebooks run top to bottom in a real Jupyter kernel, and the views display inline."""

import html
import re

import pytest

from tests.conftest import ROOT, require_or_skip

NOTEBOOK = ROOT / "notebooks" / "views.ipynb"


def _kernel_available() -> bool:
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def executed():
    require_or_skip(_kernel_available(), "nbclient, nbformat and ipykernel")
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


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


def test_path_caption_prints(executed):
    printed = "".join(o.get("text", "") for o in executed.cells[4].outputs if o.get("output_type") == "stream")
    assert "Product Manager → Chief Product Officer" in printed and "years" in printed
