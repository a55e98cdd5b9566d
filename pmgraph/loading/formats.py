"""The RDF formats pmgraph reads and writes, in one registry; one file parsed into a pyoxigraph
Store, its errors one line each.

The lowest step of loading, shared by both engines (:mod:`pmgraph.loading.engines`), the cache,
``pmgraph export`` and query results (:mod:`pmgraph.exchange`) and the endpoint's content
negotiation (:mod:`pmgraph.sparql`). Like rdflib's plugin registry, one table holds each format's
name, the aliases people type (rdflib's and Jena riot's: ``ttl``, ``nt``, ``nquads``, ``jsonld``,
``xml``, ...), its media types, its file suffixes, its reader and its writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidDataError
from ..iris import PM_NS, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["RdfFormat", "RDF_FORMATS", "rdf_format", "format_names", "format_of_suffix", "format_of_file",
           "FUNCTIONAL", "syntax_error", "load_file", "reading"]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF format: what it is called, how it is recognised, how it is read and written.

    Attributes
    ----------
    name : str
        pmgraph's name (``--format``, ``format=``).
    aliases : tuple of str
        Other names accepted for it, in any case: rdflib's and Jena riot's common names.
    media_types : tuple of str
        Its media types, the IANA one first; the endpoint offers them all.
    suffixes : tuple of str
        File suffixes that mean it, for reading and writing (``pmgraph export -o FILE`` guesses by them).
    oxigraph : str
        Its reader: the ``pyoxigraph.RdfFormat`` attribute that parses it.
    rdflib : str
        Its reader on the ``rdflib`` engine: rdflib's parser name.
    writer : str or None
        Which of :mod:`pmgraph.exchange`'s writers writes it: ``"lines"`` (sorted N-Triples or
        N-Quads lines), ``"turtle"`` (Turtle and TriG), ``"json-ld"``, ``"rdf-xml"``; None for a
        format pmgraph reads only (N3: a graph asked for as N3 is written as Turtle, which is N3).
    quads : bool
        Whether pmgraph writes named graphs in it (N-Quads, TriG) or only the default graph.
    datasets : bool
        Whether its documents can hold named graphs (also JSON-LD, and N3's formulas): read into
        the store's named graphs, beside the default graph.
    more_suffixes : tuple of str
        Suffixes read as this format but never guessed for writing (``.xml`` is too many things).
    """

    name: str
    aliases: tuple[str, ...]
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]
    oxigraph: str
    rdflib: str
    writer: str | None
    quads: bool = False
    datasets: bool = False
    more_suffixes: tuple[str, ...] = ()

    @property
    def media_type(self) -> str:
        """Its IANA media type."""
        return self.media_types[0]

    def reader(self) -> pyoxigraph.RdfFormat:
        """The ``pyoxigraph.RdfFormat`` that parses it."""
        import pyoxigraph as ox

        found: pyoxigraph.RdfFormat = getattr(ox.RdfFormat, self.oxigraph)
        return found


#: Every RDF format pmgraph knows, by name, in the order pmgraph lists them.
RDF_FORMATS: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("turtle", ("ttl",), ("text/turtle", "application/x-turtle"), (".ttl",), "TURTLE", "turtle",
              "turtle", more_suffixes=(".turtle",)),
    RdfFormat("n-triples", ("nt", "ntriples"), ("application/n-triples", "text/plain"), (".nt",), "N_TRIPLES",
              "nt", "lines"),
    RdfFormat("n-quads", ("nquads", "nq"), ("application/n-quads",), (".nq",), "N_QUADS", "nquads", "lines",
              quads=True, datasets=True),
    RdfFormat("trig", (), ("application/trig",), (".trig",), "TRIG", "trig", "turtle", quads=True, datasets=True),
    RdfFormat("json-ld", ("jsonld",), ("application/ld+json", "application/json"), (".jsonld",), "JSON_LD",
              "json-ld", "json-ld", datasets=True),
    RdfFormat("rdf-xml", ("xml", "rdf/xml", "rdfxml", "application/rdf+xml"), ("application/rdf+xml",),
              (".rdf", ".owl"), "RDF_XML", "xml", "rdf-xml", more_suffixes=(".xml",)),
    RdfFormat("n3", (), ("text/n3",), (".n3",), "N3", "n3", None, datasets=True),
)}

_BY_NAME = {alias.lower(): f for f in RDF_FORMATS.values() for alias in (f.name, *f.aliases)}
_BY_SUFFIX = {suffix: f for f in RDF_FORMATS.values() for suffix in (*f.suffixes, *f.more_suffixes)}


def format_names(formats: Iterable[RdfFormat] | None = None) -> str:
    """The names of ``formats`` (every format by default) with their aliases, for a message:
    ``turtle (ttl), n-triples (nt, ntriples), ...``."""
    chosen = RDF_FORMATS.values() if formats is None else formats
    return ", ".join(f"{f.name} ({', '.join(f.aliases)})" if f.aliases else f.name for f in chosen)


def rdf_format(name: str) -> RdfFormat:
    """The format called ``name``: pmgraph's name or an alias, in any case.

    Examples
    --------
    >>> rdf_format("nquads").name, rdf_format("TTL").name, rdf_format("application/rdf+xml").name
    ('n-quads', 'turtle', 'rdf-xml')
    >>> rdf_format("yaml")
    Traceback (most recent call last):
    ...
    ValueError: Unknown RDF format 'yaml'; choose one of turtle (ttl), n-triples (nt, ntriples), n-quads (nquads, nq), trig, json-ld (jsonld), rdf-xml (xml, rdf/xml, rdfxml, application/rdf+xml), n3
    """  # noqa: E501 (a doctest's output is one line)
    found = _BY_NAME.get(name.lower())
    if found is None:
        raise ValueError(f"Unknown RDF format {name!r}; choose one of {format_names()}")
    return found


def format_of_suffix(path: str | PathLike[str]) -> RdfFormat | None:
    """The format a file's suffix stands for (case-insensitive), or None."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def format_of_file(path: Path) -> RdfFormat:
    """The format of RDF file ``path`` by its suffix; a missing or unknown file raises."""
    if not path.exists():
        raise InvalidDataError("no such file; check the path", file=str(path))
    if path.is_dir():
        raise InvalidDataError("is a directory, not an RDF file", file=str(path))
    found = format_of_suffix(path)
    if found is None:
        known = ", ".join(sorted(_BY_SUFFIX))
        raise InvalidDataError(
            f"unknown RDF file type {path.suffix or '(none)'!r}; use one of {known}", file=str(path)
        )
    return found


_SKOS = PREFIXES["skos"]
#: Properties that hold one value per subject (skos:prefLabel: one per language), as IRIs. Two
#: values merged from different files are a conflict (:func:`pmgraph.loading.conflicts.find_conflicts`).
FUNCTIONAL: tuple[str, ...] = (
    *(PM_NS + name for name in ("level", "track", "function")), _SKOS + "prefLabel",
    *(PM_NS + name for name in ("yearsMin", "yearsMax", "fromRole", "toRole", "transitionKind", "skill",
                                "proficiency", "importance")),
)


#: The UTF-8 byte-order mark some editors put at the start of a file.
BOM = b"\xef\xbb\xbf"

def syntax_error(path: Path, error: SyntaxError) -> InvalidDataError:
    """``file:line: Turtle syntax error: ...`` (the file's format by its suffix) from pyoxigraph's or
    rdflib's SyntaxError."""
    line = error.lineno
    message = error.msg or str(error)
    lines = getattr(error, "lines", None)  # rdflib's BadSyntax: 0-based line, reason in _why
    if lines is not None:
        line = lines + 1
        message = getattr(error, "_why", message)
    message = message.strip().splitlines()[0] if message.strip() else "syntax error"
    found = _BY_SUFFIX.get(Path(path).suffix.lower())
    kind = _TITLES.get(found.name, found.name) if found is not None else "Turtle"
    return InvalidDataError(f"{kind} syntax error: {message}", file=str(path), line=line)


#: How an error names a format (its own spelling, not the option's).
_TITLES = {"turtle": "Turtle", "n-triples": "N-Triples", "n-quads": "N-Quads", "trig": "TriG", "json-ld": "JSON-LD",
           "rdf-xml": "RDF/XML", "n3": "N3"}


def load_file(store: pyoxigraph.Store, path: str | PathLike[str], *, bulk: bool = False,
              graph: str | None = None) -> None:
    """Parse one RDF file into the default graph of pyoxigraph ``store`` (or the named graph
    ``graph``), and a dataset format's named graphs (N-Quads, TriG, JSON-LD) into the store's named
    graphs of those names; a bad file raises :class:`InvalidDataError`. Nothing of a file that fails to parse
    is added, unless ``bulk`` (the faster loader for a store about to be thrown away on failure).
    """
    import pyoxigraph as ox

    path = Path(path)
    ox_format = format_of_file(path).reader()
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
