"""Files into a pyoxigraph Store, without rdflib: the short road from Turtle to a projection.

:func:`pmgraph.load` wraps the same store in an rdflib Graph. ``pmgraph path`` and the other
projection commands need only the store, and skipping rdflib and oxrdflib saves ~0.3 s of
imports on a first run (``benchmarks/bench_scale.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from .errors import InvalidDataError
from .iris import PM_NS, PREFIXES
from .resources import ontology_files

__all__ = ["load_store", "load_file", "RDF_FORMATS", "FUNCTIONAL"]

#: File suffix -> (oxrdflib format, rdflib format).
RDF_FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("ox-turtle", "turtle"),
    ".turtle": ("ox-turtle", "turtle"),
    ".nt": ("ox-ntriples", "nt"),
    ".n3": ("ox-n3", "n3"),
    ".rdf": ("ox-xml", "xml"),
    ".owl": ("ox-xml", "xml"),
    ".xml": ("ox-xml", "xml"),
    ".jsonld": ("ox-json-ld", "json-ld"),
}

#: oxrdflib format -> pyoxigraph RdfFormat attribute.
OX_FORMATS = {"ox-turtle": "TURTLE", "ox-ntriples": "N_TRIPLES", "ox-n3": "N3", "ox-xml": "RDF_XML",
              "ox-json-ld": "JSON_LD"}

_SKOS = PREFIXES["skos"]
#: Properties that hold one value per subject (skos:prefLabel: one per language), as IRIs. Two
#: values merged from different files are a conflict (:func:`pmgraph.graph.find_conflicts`).
FUNCTIONAL: tuple[str, ...] = (
    *(PM_NS + name for name in ("level", "track", "function")), _SKOS + "prefLabel",
    *(PM_NS + name for name in ("yearsMin", "yearsMax", "fromRole", "toRole", "transitionKind", "skill",
                                "proficiency", "importance")),
)


def formats_for(path: Path) -> tuple[str, str]:
    """(oxrdflib format, rdflib format) of ``path`` by suffix; a missing or unknown file raises."""
    if not path.exists():
        raise InvalidDataError("no such file; check the path", file=str(path))
    if path.is_dir():
        raise InvalidDataError("is a directory, not an RDF file", file=str(path))
    formats = RDF_FORMATS.get(path.suffix.lower())
    if formats is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InvalidDataError(
            f"unknown RDF file type {path.suffix or '(none)'!r}; use one of {known}", file=str(path)
        )
    return formats


def syntax_error(path: Path, error: SyntaxError) -> InvalidDataError:
    """``file:line: Turtle syntax error: ...`` from pyoxigraph's or rdflib's SyntaxError."""
    line = error.lineno
    message = error.msg or str(error)
    lines = getattr(error, "lines", None)  # rdflib's BadSyntax: 0-based line, reason in _why
    if lines is not None:
        line = lines + 1
        message = getattr(error, "_why", message)
    message = message.strip().splitlines()[0] if message.strip() else "syntax error"
    return InvalidDataError(f"Turtle syntax error: {message}", file=str(path), line=line)


def load_file(store, path: str | PathLike[str], *, bulk: bool = False) -> None:
    """Parse one RDF file into the default graph of pyoxigraph ``store``; a bad file raises
    :class:`InvalidDataError`. Nothing of a file that fails to parse is added, unless ``bulk``
    (the faster loader for a store about to be thrown away on failure).
    """
    import pyoxigraph as ox

    path = Path(path)
    ox_format = getattr(ox.RdfFormat, OX_FORMATS[formats_for(path)[0]])
    loader = store.bulk_load if bulk else store.load
    with reading(path):
        # The base IRI rdflib's parser would use, so relative IRIs resolve alike on both engines.
        loader(path=str(path), format=ox_format, base_iri=path.absolute().as_uri(), to_graph=ox.DefaultGraph())


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn a parser's errors on ``path`` (pyoxigraph's or rdflib's) into one-line errors
    (:class:`InvalidDataError`) naming the file."""
    try:
        yield
    except SyntaxError as error:  # rdflib's BadSyntax is one too
        raise syntax_error(path, error) from None
    except UnicodeDecodeError as error:
        raise InvalidDataError(f"not UTF-8 text ({error.reason} at byte {error.start})", file=str(path)) from None
    except OSError as error:
        raise InvalidDataError(f"cannot read: {error.strerror or error}", file=str(path)) from None
    except ValueError as error:  # e.g. a JSON-LD document that is not JSON
        raise InvalidDataError(f"cannot parse: {error}", file=str(path)) from None


def load_store(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True):
    """The bundled ontology plus ``files`` in one pyoxigraph Store, checked for merge conflicts.

    What :func:`pmgraph.load` does, without rdflib; :func:`pmgraph.projection.project` accepts
    the store. Raises :class:`InvalidDataError` for a missing or malformed file and for two
    files that give one subject different values of a single-valued property.

    Examples
    --------
    >>> from pmgraph.projection import project
    >>> career = project(load_store(["tests/data/ladder.ttl"]))
    >>> "fx-cpo" in career.roles
    True
    """
    import pyoxigraph as ox

    store = ox.Store()
    extra = [Path(f) for f in files]
    sources = [*(ontology_files() if bundled else []), *extra]
    if not extra:
        for path in sources:
            load_file(store, path)
        return store
    # A merge conflict needs two files to give one subject a single-valued property. Every
    # conflict therefore involves a file other than the largest: load those first, note the
    # (subject, property) pairs they state, load the largest, and look only at those pairs.
    largest = max(sources, key=_size)
    for path in sources:
        if path is not largest:
            load_file(store, path)
    watched = {(q.subject, q.predicate) for p in FUNCTIONAL
               for q in store.quads_for_pattern(None, ox.NamedNode(p), None, ox.DefaultGraph())}
    load_file(store, largest)
    if any(_several(store, s, p) for s, p in watched):
        # Two values somewhere: tell a merge conflict (two files disagree) from a file's own
        # error, or from one value written two ways (2.0 and 2.00), with rdflib: a rare path.
        from .graph import raise_merge_conflicts

        raise_merge_conflicts(store, extra, bundled=bundled)
    return store


def _several(store, subject, predicate) -> bool:
    """Whether ``subject`` has two values of ``predicate`` (prefLabels: two in one language)."""
    import pyoxigraph as ox

    seen = set()
    for quad in store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph()):
        slot = getattr(quad.object, "language", None) if predicate.value == _SKOS + "prefLabel" else None
        if slot in seen:
            return True
        seen.add(slot)
    return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # load_file reports it
