"""Packaging: a non-editable install, run from another directory, ships and loads the ontology."""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The installed copy must be what runs, even when the suite itself runs with PYTHONPATH=<checkout>.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment holding pmgraph's wheel (dependencies borrowed from this one)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(work),
         str(ROOT)],
        check=True,
    )
    (wheel,) = work.glob("pmgraph-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # Borrow the dependencies (rdflib, networkx, ...) without the editable pmgraph: a plain path
    # entry, so the .pth files (the editable install's hook) in that directory are not run.
    Path(site, "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
    )
    return env_dir, wheel, work


def test_wheel_ships_ontology_and_queries(installed):
    import zipfile

    _env, wheel, _work = installed
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("schema.ttl", "skills.ttl", "roles.ttl", "shapes.ttl"):
        assert f"pmgraph/ontology/{name}" in names
    assert any(n.startswith("pmgraph/queries/") for n in names)
    for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):  # serve's home page, offline
        assert f"pmgraph/sparql/static/yasgui/{name}" in names


def test_wheel_ships_every_subpackage_and_its_types(installed):
    import zipfile

    _env, wheel, _work = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pmgraph/py.typed" in names  # PEP 561: type checkers read pmgraph's annotations
    sources = {str(p.relative_to(ROOT)) for p in (ROOT / "pmgraph").rglob("*.py")}
    assert sources <= names, sorted(sources - names)
    # The build tools (the framework converters) and the originals they read stay out of the wheel.
    assert not [n for n in names if n.startswith(("tools/", "sources/", "pmgraph/ladders/frameworks/"))]
    assert "pmgraph/ladders/catalogue.py" in names  # what `pmgraph frameworks` runs on


def test_sdist_holds_the_build_tools_and_the_originals(tmp_path):
    """``python -m tools.frameworks`` runs from an unpacked sdist: the converters, their originals
    and the files they write are all in it."""
    import tarfile

    from hatchling.builders.sdist import SdistBuilder

    (sdist,) = SdistBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    tools = {str(p.relative_to(ROOT)) for p in (ROOT / "tools").rglob("*.py")}
    assert "tools/frameworks/__main__.py" in tools and tools <= names, sorted(tools - names)
    assert {"sources/monzo/product.md", "sources/monzo/LICENSE", "ontology/crosswalk.ttl"} <= names


def test_installed_package_loads_ontology_from_another_directory(installed, tmp_path):
    env_dir, _wheel, _work = installed
    code = (
        "import pmgraph, pmgraph.resources as r; g = pmgraph.load(); "
        "print(pmgraph.__file__); print(r.ontology_dir()); print(len(g))"
    )
    out = subprocess.run(
        [env_dir / "bin" / "python", "-c", code], cwd=tmp_path, check=True, capture_output=True, text=True,
        env=CLEAN_ENV,
    ).stdout.splitlines()
    assert out[0].startswith(str(env_dir)), out  # the installed copy, not the source tree
    assert out[1].startswith(str(env_dir)) and out[1].endswith("pmgraph/ontology")
    assert int(out[2]) > 1000


def test_installed_console_script_runs(installed, tmp_path):
    env_dir, _wheel, _work = installed
    result = subprocess.run([env_dir / "bin" / "pmgraph", "validate"], cwd=tmp_path, capture_output=True, text=True,
                            env=CLEAN_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("valid:")
    result = subprocess.run([env_dir / "bin" / "python", "-m", "pmgraph", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, env=CLEAN_ENV)
    assert result.returncode == 0 and "pmgraph, version" in result.stdout


def test_installed_quick_start_main_job(installed, tmp_path):
    """The README's first command, on the installed copy: twice, the second from the cache."""
    env_dir, _wheel, _work = installed
    env = {**CLEAN_ENV, "PMGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    command = [env_dir / "bin" / "pmgraph", "path", "product manager", "chief product officer"]
    first = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    second = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert first.stdout.startswith("Product Manager -> Chief Product Officer")
    assert (tmp_path / "cache").is_dir()
