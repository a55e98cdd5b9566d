"""pmgraph's one graph writer: sorted lines (:mod:`pmgraph.exchange.lines`) as Turtle, TriG,
N-Triples, N-Quads, JSON-LD or RDF/XML, every output read back and compared before it is returned.

Used by ``pmgraph export`` and for the graph results of CONSTRUCT and DESCRIBE (``pmgraph query``,
``pmgraph serve``). N-Triples and N-Quads are the sorted lines as pyoxigraph writes them. Turtle,
TriG, RDF/XML and JSON-LD are written here: Turtle writes numbers bare only in canonical form
(rdflib's parser reads a bare ``01`` as ``"1"``, pyoxigraph's writer would write one),
pyoxigraph's RDF/XML loses ``\\r`` and writes malformed XML for a predicate ending in a digit, and
its JSON-LD has no ``@context``. Which writer writes a format is the registry's
(:data:`pmgraph.loading.formats.RDF_FORMATS`, ``writer``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from ..errors import InvalidDataError, excerpt
from ..iris import PM_NS, PREFIXES
from ..loading.formats import RdfFormat, rdf_format
from ..resources import ontology_dir
from .lines import Lines, iris_of

__all__ = ["write", "jsonld_context", "check_reads_back"]

_RDF = PREFIXES["rdf"]
_XSD = PREFIXES["xsd"]
_RDF_TYPE = _RDF + "type"
_XSD_STRING = _XSD + "string"
_LANG_STRING = _RDF + "langString"
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]

_TYPE = f"<{_RDF_TYPE}>"


def write(lines: Lines, format: RdfFormat) -> bytes:
    """``lines`` written in ``format``, UTF-8, read back and compared with ``lines``.

    A format pmgraph only reads (N3) is written as Turtle, which is N3. Raises
    :class:`InvalidDataError` for a graph ``format`` cannot carry (the message names the term).
    """
    if format.writer is None:
        format = rdf_format("turtle")
    if format.writer == "json-ld":
        content = _jsonld(lines)
    elif format.writer == "rdf-xml":
        content = _rdfxml(lines)
    elif format.writer == "turtle":
        content = _turtle(lines)
    else:  # N-Triples and N-Quads: the sorted lines themselves, as pyoxigraph's writers write them
        content = lines.text
    if content is not lines.text:  # the lines themselves need no reading back
        check_reads_back(content, lines, format)
    return content


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
        if (bare is not None and bare.fullmatch(text, 1, end)
                and (datatype != _XSD + "decimal" or _decimal_kept(text[1:end]))):
            return text[1:end]
        return f"{text[:end + 1]}^^{self.iri(datatype)}"


def _decimal_kept(lexical: str) -> bool:
    from decimal import Decimal

    return str(Decimal(lexical)) == lexical  # "0.0000001" would come back as "1E-7"


def _turtle(data: Lines) -> bytes:
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


def _rdfxml(data: Lines) -> bytes:
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


def _jsonld(data: Lines) -> bytes:
    """The default graph as one JSON-LD document: ``@context`` and ``@graph`` (a node object per
    subject, in order), every literal a string in its lexical form (never a JSON number)."""
    import pyoxigraph as ox

    for quad in data.quads:
        if isinstance(quad.object, ox.Triple) or (isinstance(quad.object, ox.Literal) and quad.object.direction):
            raise _rdf12("JSON-LD", quad.object)
    schemes = {scheme for scheme, colon, rest in (iri.partition(":") for iri in iris_of(data.text))
               if colon and not rest.startswith("//")}  # "<role>" in a literal's text names no scheme
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

def check_reads_back(content: bytes, data: Lines, chosen: RdfFormat) -> None:
    """Parse ``content`` again and compare it with ``data``, quad by quad as N-Quads text (blank
    node labels included: every writer here keeps them); a difference is an InvalidDataError."""
    import pyoxigraph as ox

    try:
        back = {str(quad) for quad in ox.parse(content, format=chosen.reader())}
    except SyntaxError as error:
        raise InvalidDataError(f"the graph cannot be written as {chosen.name}: what was written does not parse "
                               f"({str(error).splitlines()[0] if str(error) else 'syntax error'})") from None
    meant = {f"{line} {graph}" if graph else line for graph, line in data.lines}
    if back != meant:
        example = min(meant - back or back - meant)
        raise InvalidDataError(f"the graph cannot be written as {chosen.name}: {len(meant ^ back)} triple(s) would "
                               f"read back differently, e.g. {excerpt(example, 200)}; choose another format")
