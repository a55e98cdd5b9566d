"""Formatting query results: an aligned table, CSV/TSV/JSON/XML in the W3C SPARQL results
formats, Markdown, and for graph results every RDF format of the registry
(:data:`pmgraph.loading.formats.RDF_FORMATS`), written by pmgraph's one graph writer
(:mod:`pmgraph.exchange.write`, as ``pmgraph export`` writes).

CLI twin: ``pmgraph query --format F [--labels]``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import replace

import rdflib
from rdflib import BNode, Literal, URIRef

from ..errors import QueryError
from ..loading.formats import format_names, rdf_format
from ..vocab import PREFIXES
from .query import TABULAR_FORMATS, QueryResult, Term, run_query, safe_iri

__all__ = ["format_result", "add_labels", "compact"]


_PNAME_LOCAL = re.compile(r"^[\w][\w\-]*(?:\.[\w\-]+)*$")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact(term: Term | None) -> str:
    """A term as people read it: IRIs as prefixed names where possible, literals as their value.

    Examples
    --------
    >>> compact(URIRef("https://w3id.org/pmgraph/role/product-manager"))
    'role:product-manager'
    >>> compact(URIRef("https://example.org/x y"))
    '<https://example.org/x y>'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, namespace in _NAMESPACES:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                if local == "" or _PNAME_LOCAL.match(local):
                    return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def add_labels(graph: rdflib.Graph, result: QueryResult) -> QueryResult:
    """``result`` with a ``{var}_label`` column after each column that holds labelled IRIs.

    Labels are ``skos:prefLabel`` (English preferred) or ``rdfs:label``.
    CLI twin: ``pmgraph query --labels``.
    """
    if result.kind != "select":
        return result
    iris = sorted({t for row in result.rows for t in row if isinstance(t, URIRef)})
    if not iris:
        return result
    labels: dict[Term | None, str] = {}  # IRI -> label, looked up with any term of a row
    for start in range(0, len(iris), 500):
        chunk = " ".join(safe_iri(i).n3() for i in iris[start:start + 500])
        found = run_query(
            graph,
            f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {chunk} }} "
            "{ ?s skos:prefLabel ?label } UNION { ?s rdfs:label ?label } "
            "FILTER(LANG(?label) = '' || LANGMATCHES(LANG(?label), 'en')) }",
        )
        for subject, label in found.rows:
            labels.setdefault(subject, str(label))
    variables: list[str] = []
    positions: list[tuple[int, bool]] = []
    for index, name in enumerate(result.variables):
        variables.append(name)
        positions.append((index, False))
        if any(row[index] in labels for row in result.rows):
            variables.append(f"{name}_label")
            positions.append((index, True))
    rows = tuple(
        tuple(
            (Literal(labels[row[i]]) if row[i] in labels else None) if is_label else row[i]
            for i, is_label in positions
        )
        for row in result.rows
    )
    return replace(result, variables=tuple(variables), rows=rows)


def format_result(result: QueryResult, fmt: str = "text") -> str:
    """Render ``result`` as text.

    ``text`` and ``markdown`` show compact names (``table`` is an older name of ``text``); ``csv``,
    ``tsv``, ``json`` and ``xml`` are the W3C SPARQL 1.1 results formats; a graph result renders in
    any RDF format of the registry (``turtle``, ``n-triples``, ``n-quads``, ``trig``, ``json-ld``,
    ``rdf-xml``, ``n3``, or an alias: ``ttl``, ``nt``, ``nquads``, ``jsonld``, ``xml``, ...;
    ``text`` means Turtle).

    Examples
    --------
    >>> from pmgraph.vocab import ROLE
    >>> result = QueryResult("select", ("role", "level"), ((ROLE["cpo"], Literal(6)),))
    >>> print(format_result(result))
    role     | level
    ---------+------
    role:cpo | 6
    >>> format_result(result, "csv").splitlines()
    ['role,level', 'https://w3id.org/pmgraph/role/cpo,6']
    """
    if fmt == "table":  # the name text had before every command's --format said text
        fmt = "text"
    graph_format = _graph_format(fmt)
    if fmt not in TABULAR_FORMATS and graph_format is None:
        raise QueryError(f"Unknown format {fmt!r}; use one of {', '.join(TABULAR_FORMATS)} (SELECT, ASK), "
                         f"{format_names()} (CONSTRUCT, DESCRIBE).")
    if result.kind == "graph":
        if fmt == "text":
            graph_format = "turtle"
        if graph_format is None:
            raise QueryError(f"A CONSTRUCT or DESCRIBE result is a graph; use format text (Turtle), "
                             f"{format_names()}, not {fmt}.")
        assert result.graph is not None  # a graph result always carries its graph
        return _format_graph(result.graph, graph_format)
    if fmt not in TABULAR_FORMATS:
        raise QueryError(
            f"A {result.kind.upper()} result is a table; format {fmt} is for CONSTRUCT and DESCRIBE."
        )
    return _FORMATTERS[fmt](result)


def _graph_format(fmt: str) -> str | None:
    """The name of the RDF format ``fmt`` names (by name or alias), or None."""
    try:
        return rdf_format(fmt).name
    except ValueError:
        return None


def _format_graph(graph: rdflib.Graph, fmt: str) -> str:
    """``graph`` as ``pmgraph export`` writes a graph: sorted, pmgraph's prefixes, blank nodes
    labelled by first appearance, read back before it is returned. A query's result is one graph
    (the default graph of its answer): as N-Quads it is its N-Triples, as TriG its Turtle; N3,
    which pmgraph only reads, is its Turtle too."""
    from ..exchange.lines import graph_lines
    from ..exchange.write import write

    return write(graph_lines(graph), rdf_format(fmt)).decode("utf-8")


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    header = list(result.variables)
    body = [[compact(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in body)
    return "\n".join(out)


def _markdown(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true" if result.boolean else "false"

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    for row in result.rows:
        out.append("| " + " | ".join(cell(compact(t)) for t in row) + " |")
    return "\n".join(out)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _json(result: QueryResult, indent: int | None = 1) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    made: dict[Term, dict[str, str]] = {}  # a term once, however many rows hold it

    def term(t: Term) -> dict[str, str]:
        found = made.get(t)
        if found is None:
            found = made[t] = _json_term(t)
        return found

    variables = result.variables
    bindings = [{v: term(t) for v, t in zip(variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, indent=indent)


def _csv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buffer.getvalue()


def _xml(result: QueryResult) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for v, t in zip(result.variables, row):
                if t is None:
                    continue
                if isinstance(t, URIRef):
                    value = f"<uri>{escape(str(t))}</uri>"
                elif isinstance(t, BNode):
                    value = f"<bnode>{escape(str(t))}</bnode>"
                elif t.language:
                    value = f"<literal xml:lang={quoteattr(t.language)}>{escape(str(t))}</literal>"
                elif t.datatype is not None:
                    value = f"<literal datatype={quoteattr(str(t.datatype))}>{escape(str(t))}</literal>"
                else:
                    value = f"<literal>{escape(str(t))}</literal>"
                out.append(f"<binding name={quoteattr(v)}>{value}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _tsv(result: QueryResult) -> str:
    """TSV for what pyoxigraph will not write: every term in Turtle syntax, typed."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(t) for t in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):  # as given, even where rdflib would refuse to write it
        return "<" + str(term).replace(">", "%3E").replace("\t", "%09").replace("\n", "%0A") + ">"
    if isinstance(term, BNode):
        return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(term))
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


#: pmgraph's own writers, for answers pyoxigraph refuses to write (a remote store's odd terms).
_OWN = {"csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}


def _w3c(fmt: str) -> Callable[[QueryResult], str]:
    """The writer of W3C results format ``fmt``: pyoxigraph's own serialiser (SPARQL 1.1 results
    in JSON, XML, CSV and TSV), fed the answer as SPARQL JSON. pyoxigraph's TSV writes each term
    in Turtle syntax, so a decimal keeps its type (``"1"^^xsd:decimal``, never a bare ``1``).
    A term pyoxigraph refuses (a remote store's blank node ``nodeID://b1``, an IRI with a space)
    is written by pmgraph's own writer instead."""

    def write(result: QueryResult) -> str:
        import pyoxigraph as ox

        target = getattr(ox.QueryResultsFormat, fmt.upper())
        try:  # the answer is read as it is written: a refused term shows in serialize()
            parsed = ox.parse_query_results(_json(result, indent=None).encode("utf-8"),
                                            format=ox.QueryResultsFormat.JSON)
            written = parsed.serialize(format=target)
        except (SyntaxError, ValueError):
            return _OWN[fmt](result)
        assert written is not None  # no output given: the bytes come back
        text = written.decode("utf-8")
        return text if text.endswith("\n") else text + "\n"

    return write


_FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "text": _table,
    "markdown": _markdown,
    "csv": _w3c("csv"),
    "tsv": _w3c("tsv"),
    "json": _w3c("json"),
    "xml": _w3c("xml"),
}
