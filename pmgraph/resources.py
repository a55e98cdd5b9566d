"""The one place that locates files shipped with pmgraph.

In a wheel the ontology and the saved queries live inside the package (``pmgraph/ontology``,
``pmgraph/queries``); in a source checkout they are the top-level ``ontology/`` and ``queries/``.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from .iris import BASE, FRAMEWORK_NS

__all__ = ["ontology_dir", "ontology_files", "framework_files", "framework_graph", "framework_graphs", "shapes_file",
           "queries_dir", "templates_dir", "WHOLE_GRAPH"]

#: The named graph that holds the whole graph (what the default graph holds) in every store
#: pmgraph fills: the embedded one, the cache's, ``pmgraph serve``'s, and a store after ``publish``.
#: ``FROM <https://w3id.org/pmgraph/graph>`` therefore means the same everywhere.
WHOLE_GRAPH = BASE + "graph"

#: The files that make up "the ontology", in load order. Shapes are not data: see shapes_file().
ONTOLOGY_FILES = ("schema.ttl", "skills.ttl", "roles.ttl", "requirements.ttl", "article.ttl", "crosswalk.ttl")
SHAPES_FILE = "shapes.ttl"


def _shipped(name: str) -> Path:
    packaged = Path(__file__).resolve().parent / name  # the wheel puts the files in the package
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def ontology_dir() -> Path:
    """The directory holding the bundled ontology files."""
    return _shipped("ontology")


def ontology_files() -> list[Path]:
    """The bundled ontology's data files (schema, skills, roles, the crosswalk to the frameworks), in load order."""
    base = ontology_dir()
    return [base / name for name in ONTOLOGY_FILES]


def framework_files() -> list[Path]:
    """The bundled career frameworks' data files (``frameworks/<id>.ttl``), sorted by id.

    Not part of :func:`ontology_files`: commands use the reference ladder unless asked for a
    framework.
    """
    return sorted((ontology_dir() / "frameworks").glob("*.ttl"))


def framework_graph(path: str | PathLike[str]) -> str | None:
    """The named graph of a bundled framework's data file (``https://w3id.org/pmgraph/framework/<id>``),
    or None for any other file.

    Examples
    --------
    >>> framework_graph(ontology_dir() / "frameworks" / "ddat.ttl")
    'https://w3id.org/pmgraph/framework/ddat'
    >>> framework_graph(ontology_dir() / "roles.ttl") is None
    True
    """
    try:
        resolved = Path(path).resolve()
    except OSError:
        return None
    for known in framework_files():
        if known.resolve() == resolved:
            return FRAMEWORK_NS + known.stem
    return None


def framework_graphs() -> dict[str, Path]:
    """Every bundled framework's named graph IRI -> its data file, sorted by IRI.

    pmgraph's dataset (:func:`pmgraph.loading.store.add_named_graphs`) carries each of them as a
    named graph, whether or not the framework is in the default graph (``--framework``).
    """
    return {FRAMEWORK_NS + path.stem: path for path in framework_files()}


def shapes_file() -> Path:
    """The bundled SHACL shapes."""
    return ontology_dir() / SHAPES_FILE


def queries_dir() -> Path:
    """The directory holding the saved SPARQL queries (``*.rq``)."""
    return _shipped("queries")


def templates_dir() -> Path:
    """The directory holding pmgraph's HTML page templates (inside the package in both layouts)."""
    return Path(__file__).resolve().parent / "templates"
