"""The graph as one file: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

CLI twin: ``pmgraph export``.

Three promises, each checked by ``tests/test_export.py``:

- **Literals as written.** A pyoxigraph Store keeps values, not spellings: ``"1.0"^^xsd:decimal``
  comes back out of it as ``"1"``, ``"01"^^xsd:integer`` as ``"1"``. So the export does not read
  the loaded graph; it parses the same files again with pyoxigraph's parser, which keeps every
  lexical form, and writes those terms. (Merge conflicts and malformed files are found first by
  :func:`pmgraph.loading.store.load_store`, with the same one-line errors as every command.)
  Language tags come out in lower case, as RDF 1.1 allows (``"x"@en-GB`` is ``"x"@en-gb``: tags
  compare case-insensitively).
- **Same input, same bytes.** Triples are sorted (by graph, subject, ``rdf:type`` first, predicate,
  object, each as its N-Triples text); blank nodes are labelled ``b0``, ``b1``, ... in the order
  they first appear in the files; prefixes are written in a fixed order. Nothing depends on hash
  seeds or set order. (Two *different* files holding the same graph may still label their blank
  nodes differently: that would need RDF canonicalisation, whose cost is exponential in the
  worst case, ~6 s for an 8-node clique here, unbounded beyond.)
- **Reads back as the same graph.** Every output is parsed again before it is returned and
  compared, term for term, with what was meant to be written. A graph a format cannot carry
  (a predicate RDF/XML cannot split into a namespace and an XML name, a control character in
  XML, RDF 1.2 triple terms in JSON-LD or RDF/XML) raises :class:`InvalidDataError` naming the
  term, never a wrong file.

The writing is :mod:`pmgraph.exchange.write`'s, the one graph writer query results use too; the
formats are the registry's (:data:`pmgraph.loading.formats.RDF_FORMATS`), by name or alias.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from ..loading.formats import RDF_FORMATS, RdfFormat, format_names, format_of_suffix, rdf_format
from ..resources import ontology_files
from .lines import read_lines
from .write import jsonld_context, write

__all__ = ["FORMATS", "format_for", "export_format", "export", "jsonld_context"]

#: The formats of :func:`export`, by name: every format of the registry that pmgraph writes.
FORMATS: dict[str, RdfFormat] = {name: f for name, f in RDF_FORMATS.items() if f.writer is not None}


def format_for(path: str | PathLike[str]) -> str | None:
    """The name of the format a file's suffix stands for (case-insensitive), or None.

    Examples
    --------
    >>> format_for("pmgraph.ttl"), format_for("graph.JSONLD"), format_for("ontology.owl"), format_for("notes.txt")
    ('turtle', 'json-ld', 'rdf-xml', None)
    """
    found = format_of_suffix(path)
    return found.name if found is not None and found.name in FORMATS and Path(path).suffix.lower() in found.suffixes \
        else None


def export(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True, format: str = "turtle") -> bytes:
    """The bundled ontology plus ``files``, written in ``format``: the same bytes for the same input.

    CLI twin: ``pmgraph export`` (``--data FILE`` gives ``files``; ``--framework ID`` gives the
    schema and that framework's file, with ``bundled=False``).

    The triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the default graph: what
    :func:`pmgraph.load` loads and every command reads. The quad formats (N-Quads, TriG) hold
    that default graph plus the named graphs of pmgraph's dataset: each bundled framework's data
    in ``https://w3id.org/pmgraph/framework/<id>`` (every framework, whatever the default graph
    holds, as in every store pmgraph fills) and any named graph a JSON-LD file of ``files``
    declares. They leave out :data:`~pmgraph.resources.WHOLE_GRAPH`, the stores' copy of the
    default graph under a name, which would only repeat it.

    Literals keep their lexical form (``"1.0"^^xsd:decimal`` stays ``1.0``), language tags come
    out in lower case, and blank nodes are labelled ``b0``, ``b1``, ... by first appearance; see
    this module. JSON-LD has a real ``@context`` (:func:`jsonld_context`, plus the
    prefixes and value types of the vocabularies the graph uses).

    Parameters
    ----------
    files : iterable of path-like
        RDF files merged into the graph (any format of the registry, by suffix: Turtle, N-Triples,
        N-Quads, TriG, JSON-LD, RDF/XML, N3; their named graphs go into the quad formats).
    bundled : bool
        Start from the bundled ontology; ``False`` writes only ``files`` (and, for the quad
        formats, the frameworks' named graphs).
    format : str
        A name in :data:`FORMATS`: ``"turtle"``, ``"n-triples"``, ``"n-quads"``, ``"trig"``,
        ``"json-ld"`` or ``"rdf-xml"``, or an alias (``"ttl"``, ``"nt"``, ``"nquads"``, ``"jsonld"``,
        ``"xml"``, ...; see :func:`export_format`).

    Returns
    -------
    bytes
        The document, UTF-8.

    Raises
    ------
    InvalidDataError
        A file is missing or malformed, two files disagree on a single-valued property, or
        the graph holds something ``format`` cannot carry (the message names it).
    ValueError
        ``format`` is not a name or alias in :data:`FORMATS`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "mine.ttl"
    >>> _ = mine.write_text('@prefix pm: <https://w3id.org/pmgraph/ontology#> .\\n'
    ...                     '<https://example.org/role/x> pm:yearsMin 1.0 .\\n', encoding="utf-8")
    >>> print(export([mine], bundled=False).decode().splitlines()[-1])
    <https://example.org/role/x> pm:yearsMin 1.0 .
    >>> print(export([mine], bundled=False, format="n-triples").decode(), end="")
    <https://example.org/role/x> <https://w3id.org/pmgraph/ontology#yearsMin> "1.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .
    >>> import json
    >>> document = json.loads(export([mine], bundled=False, format="json-ld"))
    >>> document["@graph"], document["@context"]["yearsMin"]
    ([{'@id': 'https://example.org/role/x', 'yearsMin': '1.0'}], {'@id': 'pm:yearsMin', '@type': 'xsd:decimal'})
    >>> export(format="turtle") == export(format="turtle")
    True
    """  # noqa: E501 (a doctest's output is one line)
    chosen = export_format(format)
    extra = [Path(f) for f in files]
    if extra:
        from ..loading.store import load_store

        load_store(extra, bundled=bundled)  # the errors every command gives: malformed files, merge conflicts
    return write(read_lines([*(ontology_files() if bundled else []), *extra], quads=chosen.quads), chosen)


def export_format(name: str) -> RdfFormat:
    """The format of :func:`export` called ``name`` (or an alias: ``ttl``, ``nt``, ``nquads``,
    ``jsonld``, ``xml``, ... in any case); ValueError naming the formats otherwise.

    Examples
    --------
    >>> export_format("nquads").name, export_format("XML").name
    ('n-quads', 'rdf-xml')
    """
    try:
        found = rdf_format(name)
    except ValueError:
        found = None
    if found is None or found.name not in FORMATS:
        raise ValueError(f"Unknown format {name!r}; choose one of {format_names(FORMATS.values())}")
    return found


