"""RDF files by suffix, and one file parsed into a pyoxigraph Store, its errors one line each.

The lowest step of loading, shared by both engines (:mod:`pmgraph.loading.engines`) and the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidDataError
from ..iris import PM_NS, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["RDF_FORMATS", "OX_FORMATS", "FUNCTIONAL", "formats_for", "syntax_error", "load_file", "reading"]

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
#: values merged from different files are a conflict (:func:`pmgraph.loading.conflicts.find_conflicts`).
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


#: The UTF-8 byte-order mark some editors put at the start of a file.
BOM = b"\xef\xbb\xbf"

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


def load_file(store: pyoxigraph.Store, path: str | PathLike[str], *, bulk: bool = False,
              graph: str | None = None) -> None:
    """Parse one RDF file into the default graph of pyoxigraph ``store`` (or the named graph
    ``graph``); a bad file raises :class:`InvalidDataError`. Nothing of a file that fails to parse
    is added, unless ``bulk`` (the faster loader for a store about to be thrown away on failure).
    """
    import pyoxigraph as ox

    path = Path(path)
    ox_format = getattr(ox.RdfFormat, OX_FORMATS[formats_for(path)[0]])
    loader = store.bulk_load if bulk else store.load
    if ox_format == ox.RdfFormat.JSON_LD:
        _check_nesting(path)
    with reading(path):
        # The base IRI rdflib's parser would use, so relative IRIs resolve alike on both engines.
        target = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        with path.open("rb") as head:
            marked = head.read(len(BOM)) == BOM
        if marked:  # a UTF-8 byte-order mark, which RDF formats allow but the parser takes for text
            loader(input=path.read_bytes()[len(BOM):], format=ox_format, base_iri=path.absolute().as_uri(),
                   to_graph=target)
        else:
            loader(path=str(path), format=ox_format, base_iri=path.absolute().as_uri(), to_graph=target)


#: The deepest nesting of objects and arrays a JSON-LD file may have (real ones have a few levels;
#: the parser's memory grows with the square of the depth, and thousands of levels crash it).
MAX_JSON_DEPTH = 64


def _check_nesting(path: Path) -> None:
    """Refuse a JSON-LD file nested deeper than MAX_JSON_DEPTH before the parser sees it."""
    import json

    with reading(path):
        try:
            document = json.loads(path.read_bytes())
        except RecursionError:
            document = None
            depth = MAX_JSON_DEPTH + 1
        else:
            depth, level = 0, [(document, 1)]
            while level and depth <= MAX_JSON_DEPTH:
                node, at = level.pop()
                depth = max(depth, at)
                children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
                level.extend((child, at + 1) for child in children if isinstance(child, (dict, list)))
        if depth > MAX_JSON_DEPTH:
            raise InvalidDataError(f"JSON-LD nested more than {MAX_JSON_DEPTH} levels deep; flatten it "
                                   "(a JSON-LD processor's flatten or compact does)", file=str(path))


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
    except MemoryError as error:  # e.g. the parser's 16 MiB limit on one token (a huge literal)
        raise InvalidDataError(f"too large to parse: {str(error)[:120] or 'out of memory'}", file=str(path)) from None
    except OSError as error:
        raise InvalidDataError(f"cannot read: {error.strerror or error}", file=str(path)) from None
    except ValueError as error:  # e.g. a JSON-LD document that is not JSON
        raise InvalidDataError(f"cannot parse: {error}", file=str(path)) from None
