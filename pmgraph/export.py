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

N-Triples and N-Quads are the sorted lines as pyoxigraph writes them. Turtle, TriG, RDF/XML and
JSON-LD are written here: Turtle writes numbers bare only in canonical form (rdflib's parser reads
a bare ``01`` as ``"1"``, pyoxigraph's writer would write one), pyoxigraph's RDF/XML loses ``\\r``
and writes malformed XML for a predicate ending in a digit, and its JSON-LD has no ``@context``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidDataError, excerpt
from .iris import PM_NS, PREFIXES
from .resources import framework_graphs, ontology_dir, ontology_files

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["Format", "FORMATS", "format_for", "export", "jsonld_context"]


@dataclass(frozen=True)
class Format:
    """One output format of :func:`export`.

    Attributes
    ----------
    name : str
        What ``format=`` and ``pmgraph export --format`` call it.
    suffixes : tuple of str
        File suffixes that mean this format (``pmgraph export -o FILE`` guesses by them).
    media_type : str
        Its IANA media type.
    quads : bool
        Whether it carries named graphs (N-Quads, TriG) or only the default graph.
    """

    name: str
    suffixes: tuple[str, ...]
    media_type: str
    quads: bool = False


#: The formats of :func:`export`, by name.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", (".ttl",), "text/turtle"),
    Format("n-triples", (".nt",), "application/n-triples"),
    Format("n-quads", (".nq",), "application/n-quads", quads=True),
    Format("trig", (".trig",), "application/trig", quads=True),
    Format("json-ld", (".jsonld",), "application/ld+json"),
    Format("rdf-xml", (".rdf", ".owl"), "application/rdf+xml"),
)}

_RDF = PREFIXES["rdf"]
_XSD = PREFIXES["xsd"]
_RDF_TYPE = _RDF + "type"
_XSD_STRING = _XSD + "string"
_LANG_STRING = _RDF + "langString"
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]


def format_for(path: str | PathLike[str]) -> str | None:
    """The name of the format a file's suffix stands for (case-insensitive), or None.

    Examples
    --------
    >>> format_for("pmgraph.ttl"), format_for("graph.JSONLD"), format_for("ontology.owl"), format_for("notes.txt")
    ('turtle', 'json-ld', 'rdf-xml', None)
    """
    suffix = Path(path).suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


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
    :mod:`pmgraph.export`. JSON-LD has a real ``@context`` (:func:`jsonld_context`, plus the
    prefixes and value types of the vocabularies the graph uses).

    Parameters
    ----------
    files : iterable of path-like
        RDF files merged into the graph (Turtle, N-Triples, N3, RDF/XML, JSON-LD by suffix).
    bundled : bool
        Start from the bundled ontology; ``False`` writes only ``files`` (and, for the quad
        formats, the frameworks' named graphs).
    format : str
        A name in :data:`FORMATS`: ``"turtle"``, ``"n-triples"``, ``"n-quads"``, ``"trig"``,
        ``"json-ld"`` or ``"rdf-xml"``.

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
        ``format`` is not a name in :data:`FORMATS`.

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
    """
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    chosen = FORMATS[format]
    extra = [Path(f) for f in files]
    if extra:
        from .loading.store import load_store

        load_store(extra, bundled=bundled)  # the errors every command gives: malformed files, merge conflicts
    data = _read([*(ontology_files() if bundled else []), *extra], quads=chosen.quads)
    if chosen.name == "json-ld":
        content = _jsonld(data)
    elif chosen.name == "rdf-xml":
        content = _rdfxml(data)
    elif chosen.name in ("turtle", "trig"):
        content = _turtle(data)
    else:  # N-Triples and N-Quads: the sorted lines themselves, as pyoxigraph's writers write them
        content = data.text
    if content is not data.text:  # the lines themselves need no reading back
        _check_reads_back(content, data, chosen)
    return content


class _Data:
    """What one export writes: its triples (or quads), sorted, as (graph, N-Triples line) pairs
    (graph "" for the default graph) and as N-Quads ``text``; the same as pyoxigraph ``quads``, and
    the ``prefixes`` to write them with, worked out when first asked for (N-Triples and N-Quads
    need neither)."""

    def __init__(self, lines: list[tuple[str, str]], declared: dict[str, str]) -> None:
        self.lines = lines
        self.text = "".join(f"{line} {graph} .\n" if graph else f"{line} .\n" for graph, line in lines).encode("utf-8")
        self._declared = declared

    @cached_property
    def quads(self) -> list[ox.Quad]:
        import pyoxigraph as ox

        return list(ox.parse(self.text, format=ox.RdfFormat.N_QUADS))

    @cached_property
    def prefixes(self) -> dict[str, str]:
        return _used_prefixes(self.text, self._declared)


#: A prefix name every format reads alike (Turtle allows more; JSON-LD and RDF/XML less).
_PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
#: How a quad sorts: (graph, subject, not rdf:type, its N-Quads line without graph and " .").
_Key = tuple[str, str, bool, str]
_TYPE = f"<{_RDF_TYPE}>"


def _read(sources: list[Path], *, quads: bool) -> _Data:
    """``sources`` parsed into the default graph (with the frameworks' named graphs when ``quads``),
    deduplicated, blank nodes relabelled by first appearance, sorted.

    Each quad is handled as its N-Quads line (``str`` of a pyoxigraph quad, which is what its
    N-Quads writer writes): reading a term's attributes costs more than the whole line, and
    sorting strings is fast. The sorted lines are parsed back into quads for the other writers.
    """
    labels: dict[str, ox.BlankNode] = {}
    declared: dict[str, str] = {}
    found: set[_Key] = set()
    named = list(framework_graphs().items()) if quads else []
    for path, graph in [*((p, "") for p in sources), *((p, f"<{g}>") for g, p in named)]:
        found.update(_parse(path, graph, labels, declared, quads=quads))
    return _Data([(graph, line) for graph, _subject, _typed, line in sorted(found)], declared)


def _parse(path: Path, graph: str, labels: dict[str, ox.BlankNode], declared: dict[str, str], *,
           quads: bool) -> Iterator[_Key]:
    """The sort keys of one file's quads, read as :func:`pmgraph.loading.formats.load_file` reads it
    (same format, base IRI, byte-order mark), its default graph put in ``graph`` (``<IRI>``; "" for
    the default graph), its own named graphs only when ``quads``. Its prefixes are added to
    ``declared`` (a name or namespace already there is kept)."""
    import pyoxigraph as ox

    from .loading.formats import BOM, OX_FORMATS, formats_for, reading

    ox_format = getattr(ox.RdfFormat, OX_FORMATS[formats_for(path)[0]])
    with reading(path):
        content = path.read_bytes()
        if content.startswith(BOM):
            content = content[len(BOM):]
        parser = ox.parse(content, format=ox_format, base_iri=path.absolute().as_uri(), rename_blank_nodes=True)
        parsed = list(parser)
    bound = set(declared.values())
    for name, namespace in parser.prefixes.items():
        if _PREFIX_NAME.fullmatch(name) and name not in declared and namespace not in bound:
            declared[name] = namespace
            bound.add(namespace)
    # Only a dataset format gives named graphs: JSON-LD, and N3 (its formulas are blank-node graphs).
    dataset = ox_format in (ox.RdfFormat.JSON_LD, ox.RdfFormat.N3)
    for quad in parsed:
        line = str(quad)
        if not dataset and "_:" not in line and "<<" not in line:
            subject, predicate, _rest = line.split(" ", 2)
            yield (graph, subject, predicate != _TYPE, line)
            continue
        # a blank node, a triple term or a named graph (or a literal that looks like one): the slow way
        subject_term, object_term = _relabel(quad.subject, labels), _relabel(quad.object, labels)
        graph_name = quad.graph_name
        own = "" if isinstance(graph_name, ox.DefaultGraph) else str(_relabel(graph_name, labels))
        if own and not quads:
            continue
        triple = ox.Triple(subject_term, quad.predicate, object_term)
        yield (own or graph, str(subject_term), quad.predicate.value != _RDF_TYPE, str(triple))


def _relabel(term: Any, labels: dict[str, ox.BlankNode]) -> Any:
    """``term`` with its blank nodes named by first appearance (``b0``, ``b1``, ...), inside triple terms too."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        found = labels.get(term.value)
        if found is None:
            found = labels[term.value] = ox.BlankNode(f"b{len(labels)}")
        return found
    if isinstance(term, ox.Triple):
        return ox.Triple(_relabel(term.subject, labels), term.predicate, _relabel(term.object, labels))
    return term


def _used_prefixes(text: bytes, declared: dict[str, str]) -> dict[str, str]:
    """pmgraph's prefixes (:data:`pmgraph.iris.PREFIXES`, always, in their order), then the files'
    own prefixes whose namespace some IRI of the N-Quads ``text`` starts with, by name."""
    iris = sorted(_iris(text))
    chosen = dict(PREFIXES)
    taken = set(chosen.values())
    for name in sorted(declared):
        namespace = declared[name]
        if name in chosen or namespace in taken:
            continue
        at = bisect_left(iris, namespace)
        if at < len(iris) and iris[at].startswith(namespace):
            chosen[name] = namespace
            taken.add(namespace)
    return chosen


_IRI = re.compile(rb"<([^<>\s]*)>")


def _iris(text: bytes) -> set[str]:
    """Every IRI of the N-Quads ``text`` (subjects, predicates, objects, datatypes, graph names, in
    triple terms too), and any text in a literal that looks like one: for choosing prefixes, where
    one too many does no harm."""
    return {match.decode("utf-8") for match in set(_IRI.findall(text))}


# --- Turtle and TriG -------------------------------------------------------------------------------

#: A local name written after a prefix: ASCII, no escapes, not starting with "-" or "." nor ending
#: in "." (Turtle allows more; a name it needs to escape is written as a whole IRI instead).
_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
#: Numbers written bare (``3``, ``1.0``, ``true``) only in these canonical forms: a parser that reads
#: a bare number as a value and writes it back (rdflib: ``01`` -> ``"1"``) then keeps the lexical form.
_BARE = {_XSD + "integer": re.compile(r"0|-?[1-9][0-9]*"), _XSD + "decimal": re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+"),
         _XSD + "boolean": re.compile(r"true|false")}


class _TurtleNames:
    """IRIs as prefixed names (the longest namespace whose rest is a plain local name), else ``<IRI>``."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self._by_length = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._done: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        found = self._done.get(iri)
        if found is None:
            found = f"<{iri}>"
            for name, namespace in self._by_length:
                if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                    found = f"{name}:{iri[len(namespace):]}"
                    break
            self._done[iri] = found
        return found

    def term(self, text: str) -> str:
        """One term of an N-Triples line, as Turtle writes it."""
        if text.startswith("<<") or text.startswith("_:"):
            return text  # a triple term (with full IRIs: valid Turtle 1.2) or a blank node
        if text.startswith("<"):
            return self.iri(text[1:-1])
        end = text.rindex('"')
        if not text.startswith("^^<", end + 1):
            return text  # a plain string or one with a language tag: as N-Triples writes it
        datatype = text[end + 4:-1]
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(text, 1, end) and (datatype != _XSD + "decimal" or _decimal_kept(text[1:end])):
            return text[1:end]
        return f"{text[:end + 1]}^^{self.iri(datatype)}"


def _decimal_kept(lexical: str) -> bool:
    from decimal import Decimal

    return str(Decimal(lexical)) == lexical  # "0.0000001" would come back as "1E-7"


def _turtle(data: _Data) -> bytes:
    """Turtle, or TriG when ``data`` has named graphs (the default graph first, then one
    ``graph { ... }`` block each), from the sorted lines: one block per subject, ``rdf:type`` first
    as ``a``, the objects of one predicate joined by ``,``."""
    names = _TurtleNames(data.prefixes)
    out = ["".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in data.prefixes.items())]
    graph: str | None = None
    subject = predicate = ""
    indent = ""
    for in_graph, line in data.lines:
        s, p, o = line.split(" ", 2)
        if in_graph != graph:
            if subject:
                out.append(" .\n")
            if graph:
                out.append("}\n")
            graph, subject = in_graph, ""
            if in_graph:
                out.append(f"\n{names.term(in_graph)} {{\n")
                indent = "\t"
            else:
                out.append("\n")
        if s != subject:
            if subject:
                out.append(" .\n")
            subject, predicate = s, ""
            out.append(f"{indent}{names.term(s)} ")
        if p != predicate:
            if predicate:
                out.append(f" ;\n{indent}\t")
            predicate = p
            out.append("a " if p == _TYPE else f"{names.term(p)} ")
        else:
            out.append(" , ")
        out.append(names.term(o))
    if subject:
        out.append(" .\n")
    if graph:
        out.append("}\n")
    return "".join(out).encode("utf-8")


# --- RDF/XML ----------------------------------------------------------------------------------------

_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NAME_START_CHAR = re.compile(f"[{_NAME_START}]")
_NAME_CHAR = re.compile(f"[{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]")
#: What XML 1.0 cannot carry at all, even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: rdf: names that RDF/XML reserves for its syntax; none can be a property element.
_RESERVED = {_RDF + name for name in ("RDF", "ID", "about", "bagID", "parseType", "resource", "nodeID", "li",
                                       "aboutEach", "aboutEachPrefix", "Description", "datatype")}


def _split_name(iri: str) -> tuple[str, str] | None:
    """``iri`` as (namespace, local name) with the longest local name that is an XML name, or None."""
    start = len(iri)
    while start > 0 and _NAME_CHAR.fullmatch(iri[start - 1]):
        start -= 1
    while start < len(iri) and not _NAME_START_CHAR.fullmatch(iri[start]):
        start += 1
    if start == len(iri) or start == 0:
        return None
    return iri[:start], iri[start:]


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_attribute(text: str) -> str:
    return (_xml_text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;"))


def _rdfxml(data: _Data) -> bytes:
    """The default graph as flat RDF/XML: one ``rdf:Description`` per subject, in order."""
    import pyoxigraph as ox

    names: dict[str, tuple[str, str]] = {}  # predicate IRI -> (namespace, local)
    for quad in data.quads:
        predicate = quad.predicate.value
        if predicate in names:
            continue
        split = _split_name(predicate)
        if split is None or predicate in _RESERVED:
            raise InvalidDataError(f"the predicate <{predicate}> cannot be written in RDF/XML (its IRI does not end "
                                   "in a name XML allows); choose turtle, n-triples or json-ld")
        names[predicate] = split
    # XML reserves the names beginning "xml" (any case): such a prefix gets a generated name.
    prefix_of = {namespace: name for name, namespace in data.prefixes.items() if not name.lower().startswith("xml")}
    used = sorted({namespace for namespace, _local in names.values()} | {_RDF})
    generated = 0
    for namespace in used:
        if namespace not in prefix_of:
            generated += 1
            while f"ns{generated}" in data.prefixes:
                generated += 1
            prefix_of[namespace] = f"ns{generated}"
    declared = sorted((prefix_of[namespace], namespace) for namespace in used)
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF']
    out += [f'\n    xmlns:{name}="{_xml_attribute(namespace)}"' for name, namespace in declared]
    out.append(">\n")
    subject: object = None
    for quad in data.quads:
        if quad.subject != subject:
            if subject is not None:
                out.append("  </rdf:Description>\n")
            subject = quad.subject
            out.append(f"  <rdf:Description {_xml_node(quad.subject, 'about')}>\n")
        namespace, local = names[quad.predicate.value]
        element = f"{prefix_of[namespace]}:{local}"
        obj = quad.object
        if isinstance(obj, ox.Literal):
            _xml_check(obj.value, "a literal")
            if obj.direction is not None:
                raise _rdf12("RDF/XML", obj)
            if obj.language:
                attribute = f' xml:lang="{_xml_attribute(obj.language)}"'
            elif obj.datatype.value == _XSD_STRING:
                attribute = ""
            else:
                attribute = f' rdf:datatype="{_xml_attribute(obj.datatype.value)}"'
            out.append(f"    <{element}{attribute}>{_xml_text(obj.value)}</{element}>\n")
        else:
            out.append(f"    <{element} {_xml_node(obj, 'resource')}/>\n")
    if subject is not None:
        out.append("  </rdf:Description>\n")
    out.append("</rdf:RDF>\n")
    return "".join(out).encode("utf-8")


def _xml_node(term: Any, attribute: str) -> str:
    """``rdf:about="IRI"`` / ``rdf:resource="IRI"``, or ``rdf:nodeID="b0"`` for a blank node."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f'rdf:nodeID="{term.value}"'
    if isinstance(term, ox.NamedNode):
        _xml_check(term.value, "an IRI")
        return f'rdf:{attribute}="{_xml_attribute(term.value)}"'
    raise _rdf12("RDF/XML", term)


def _xml_check(text: str, what: str) -> None:
    bad = _NOT_XML.search(text)
    if bad:
        raise InvalidDataError(f"{what} {excerpt(text)} holds U+{ord(bad.group()):04X}, which XML 1.0 cannot "
                               "carry; choose turtle, n-triples or json-ld")


def _rdf12(name: str, term: Any) -> InvalidDataError:
    return InvalidDataError(f"{excerpt(str(term))} is RDF 1.2 (a triple term or a base direction), which {name} "
                            "does not carry here; choose turtle, n-triples, n-quads or trig")


# --- JSON-LD ----------------------------------------------------------------------------------------

#: How a term of a JSON-LD context reads a bare string: as a node (``"@id"``), a literal of a
#: datatype (its IRI), a string in a language (``("@language", tag)``), or a plain string
#: (``("@language", None)``).
_Coercion = str | tuple[str, str | None]

_DEFAULT_LANGUAGE = "en"
_GEN_DELIMS = tuple(":/?#[]@")


@cache
def _schema_terms() -> tuple[tuple[str, str, _Coercion | None], ...]:
    """(local name, IRI, coercion) of every class and property ``schema.ttl`` declares in pmgraph's
    namespace; a property's coercion from its kind and ``rdfs:range``, a class's None."""
    import pyoxigraph as ox

    schema = ontology_dir() / "schema.ttl"
    triples = list(ox.parse(path=str(schema), format=ox.RdfFormat.TURTLE))
    types: dict[str, set[str]] = {}
    ranges: dict[str, str] = {}
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode) or not t.subject.value.startswith(PM_NS):
            continue
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types.setdefault(t.subject.value, set()).add(t.object.value)
        elif t.predicate.value == _RDFS + "range" and isinstance(t.object, ox.NamedNode):
            ranges[t.subject.value] = t.object.value
    terms: list[tuple[str, str, _Coercion | None]] = []
    for iri in sorted(types):
        local = iri[len(PM_NS):]
        kinds = types[iri]
        coercion: _Coercion | None
        if _OWL + "ObjectProperty" in kinds:
            coercion = "@id"
        elif _OWL + "DatatypeProperty" in kinds:
            value_range = ranges.get(iri)
            if value_range == _LANG_STRING:
                coercion = ("@language", _DEFAULT_LANGUAGE)
            elif value_range in (None, _XSD_STRING):
                coercion = ("@language", None)
            else:
                coercion = value_range
        elif _OWL + "Class" in kinds or _RDFS + "Class" in kinds:
            coercion = None
        else:
            continue
        terms.append((local, iri, coercion))
    return tuple(terms)


def jsonld_context() -> dict[str, Any]:
    """pmgraph's JSON-LD context: ``@vocab`` pmgraph's ontology, English as the default language,
    pmgraph's prefixes, and a term for every class and property of ``ontology/schema.ttl`` — object
    properties read their values as IRIs (``"@type": "@id"``), datatype properties as literals of
    their ``rdfs:range`` (``level``: ``xsd:integer``), as strings without a language where the
    range is ``xsd:string``, and in English where it is ``rdf:langString``.

    A property whose name is also a prefix (``skill``) is the term ``pm:skill``, so that
    ``skill:sql`` still means a skill. :func:`export` writes this context, plus the prefixes and
    value types of the other vocabularies the graph uses.

    Examples
    --------
    >>> context = jsonld_context()
    >>> context["@vocab"], context["@language"], context["Role"]
    ('https://w3id.org/pmgraph/ontology#', 'en', 'pm:Role')
    >>> context["level"], context["reportsTo"]
    ({'@id': 'pm:level', '@type': 'xsd:integer'}, {'@id': 'pm:reportsTo', '@type': '@id'})
    >>> context["pm:skill"], context["skill"]
    ({'@id': 'pm:skill', '@type': '@id'}, 'https://w3id.org/pmgraph/skill/')
    """
    return _context(_Compactor(_jsonld_prefixes(PREFIXES, set())), {})[0]


def _jsonld_prefixes(prefixes: dict[str, str], schemes: set[str]) -> dict[str, str]:
    """The prefixes a JSON-LD context can carry: JSON-LD 1.1 expands ``p:x`` only where ``p``'s IRI
    ends in a gen-delim; a prefix named like an IRI scheme of the graph (``urn``) would turn that
    absolute IRI into a compact one; and a file's prefix named like a schema term gives way to it
    (pmgraph's own prefixes do not: the term becomes ``pm:<name>``)."""
    local_names = {local for local, _iri, _coercion in _schema_terms()}
    return {name: namespace for name, namespace in prefixes.items()
            if namespace.endswith(_GEN_DELIMS) and name not in schemes and name != "_"
            and (name in PREFIXES or name not in local_names)}


class _Compactor:
    """IRIs as compact IRIs (``pm:level``) with ``prefixes``, the longest namespace first, else whole."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        self._by_length = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._done: dict[str, str] = {}

    def compact(self, iri: str) -> str:
        found = self._done.get(iri)
        if found is None:
            found = iri
            for name, namespace in self._by_length:
                # "p://x" would read as an absolute IRI with the scheme p, not as a compact one
                if iri.startswith(namespace) and not iri[len(namespace):].startswith("//"):
                    found = f"{name}:{iri[len(namespace):]}"
                    break
            self._done[iri] = found
        return found


def _context(compactor: _Compactor, extra: dict[str, tuple[str, _Coercion]]) -> tuple[dict[str, Any], dict[str, str]]:
    """The context (``@vocab``, ``@language``, the compactor's prefixes, the schema's terms, and
    ``extra``: compact IRI -> (IRI, coercion)) and the term name of each IRI that has one."""
    context: dict[str, Any] = {"@vocab": PM_NS, "@language": _DEFAULT_LANGUAGE, **compactor.prefixes}
    names: dict[str, str] = {}
    for local, iri, coercion in _schema_terms():
        name = local if local not in context else compactor.compact(iri)
        context[name] = _definition(compactor.compact(iri), coercion, compactor)
        names[iri] = name
    for name, (iri, coercion) in extra.items():
        context[name] = _definition(name, coercion, compactor)
        names[iri] = name
    return context, names


def _definition(iri: str, coercion: _Coercion | None, compactor: _Compactor) -> Any:
    if coercion is None:
        return iri
    if isinstance(coercion, tuple):
        return {"@id": iri, coercion[0]: coercion[1]}
    return {"@id": iri, "@type": coercion if coercion == "@id" else compactor.compact(coercion)}


def _jsonld(data: _Data) -> bytes:
    """The default graph as one JSON-LD document: ``@context`` and ``@graph`` (a node object per
    subject, in order), every literal a string in its lexical form (never a JSON number)."""
    import pyoxigraph as ox

    for quad in data.quads:
        if isinstance(quad.object, ox.Triple) or (isinstance(quad.object, ox.Literal) and quad.object.direction):
            raise _rdf12("JSON-LD", quad.object)
    schemes = {scheme for scheme, _colon, rest in (iri.partition(":") for iri in _iris(data.text))
               if not rest.startswith("//")}
    compactor = _Compactor(_jsonld_prefixes(data.prefixes, schemes))
    schema = {iri: coercion for _local, iri, coercion in _schema_terms()}
    objects: dict[str, list[Any]] = {}
    for quad in data.quads:
        objects.setdefault(quad.predicate.value, []).append(quad.object)
    extra: dict[str, tuple[str, _Coercion]] = {}
    for predicate in sorted(objects):
        key = compactor.compact(predicate)
        if predicate not in schema and predicate != _RDF_TYPE and key != predicate:
            common = _common_coercion(objects[predicate])
            if common is not None:
                extra[key] = (predicate, common)
    context, names = _context(compactor, extra)
    reads: dict[str, tuple[str, _Coercion]] = {}  # predicate -> (key, how its key reads a bare string)
    for predicate in objects:
        coercion = extra[names[predicate]][1] if names.get(predicate) in extra else schema.get(predicate)
        reads[predicate] = (names.get(predicate) or compactor.compact(predicate),
                            ("@language", _DEFAULT_LANGUAGE) if coercion is None else coercion)

    nodes: list[dict[str, Any]] = []
    node: dict[str, Any] = {}
    subject: object = None
    for quad in data.quads:
        if quad.subject != subject:
            subject = quad.subject
            node = {"@id": _node_id(quad.subject, compactor)}
            nodes.append(node)
        obj = quad.object
        if quad.predicate.value == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            node.setdefault("@type", []).append(names.get(obj.value) or compactor.compact(obj.value))
            continue
        key, coercion = reads[quad.predicate.value]
        node.setdefault(key, []).append(_value(obj, coercion, compactor))
    for each in nodes:
        for key, values in each.items():
            if isinstance(values, list) and len(values) == 1:
                each[key] = values[0]
    document = {"@context": context, "@graph": nodes}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _common_coercion(objects: list[Any]) -> _Coercion | None:
    """The one way every value of a property reads as a bare string, if there is one and it is not
    the default (a string in English): all nodes (``"@id"``), all literals of one datatype, all
    strings in one language, all plain strings; else None."""
    import pyoxigraph as ox

    kinds: set[_Coercion] = set()
    for obj in objects:
        if isinstance(obj, ox.NamedNode | ox.BlankNode):
            kinds.add("@id")
        elif isinstance(obj, ox.Literal):
            if obj.language:
                kinds.add(("@language", obj.language))
            elif obj.datatype.value == _XSD_STRING:
                kinds.add(("@language", None))
            else:
                kinds.add(obj.datatype.value)
        else:
            return None
        if len(kinds) > 1:
            return None
    (kind,) = kinds
    return None if kind == ("@language", _DEFAULT_LANGUAGE) else kind


def _node_id(term: Any, compactor: _Compactor) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compactor.compact(term.value)


def _value(obj: Any, coercion: _Coercion, compactor: _Compactor) -> Any:
    """``obj`` under a key whose term reads bare strings as ``coercion``: a bare string where that
    reads back as ``obj``, else an explicit ``{"@id"}`` or ``{"@value", "@type" / "@language"}``."""
    import pyoxigraph as ox

    if isinstance(obj, ox.NamedNode | ox.BlankNode):
        reference = _node_id(obj, compactor)
        return reference if coercion == "@id" else {"@id": reference}
    language, datatype = obj.language, obj.datatype.value
    if language:
        return obj.value if coercion == ("@language", language) else {"@value": obj.value, "@language": language}
    if datatype == _XSD_STRING:
        return obj.value if coercion == ("@language", None) else {"@value": obj.value}
    if coercion == datatype:
        return obj.value
    return {"@value": obj.value, "@type": compactor.compact(datatype)}


# --- reading back -----------------------------------------------------------------------------------

_READ_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "n-triples": "N_TRIPLES", "n-quads": "N_QUADS",
                 "json-ld": "JSON_LD", "rdf-xml": "RDF_XML"}


def _check_reads_back(content: bytes, data: _Data, chosen: Format) -> None:
    """Parse ``content`` again and compare it with ``data``, quad by quad as N-Quads text (blank
    node labels included: every writer here keeps them); a difference is an InvalidDataError."""
    import pyoxigraph as ox

    try:
        back = {str(quad) for quad in ox.parse(content, format=getattr(ox.RdfFormat, _READ_FORMATS[chosen.name]))}
    except SyntaxError as error:
        raise InvalidDataError(f"the graph cannot be written as {chosen.name}: what was written does not parse "
                               f"({str(error).splitlines()[0] if str(error) else 'syntax error'})") from None
    meant = {f"{line} {graph}" if graph else line for graph, line in data.lines}
    if back != meant:
        example = min(meant - back or back - meant)
        raise InvalidDataError(f"the graph cannot be written as {chosen.name}: {len(meant ^ back)} triple(s) would "
                               f"read back differently, e.g. {excerpt(example, 200)}; choose another format")
