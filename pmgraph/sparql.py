"""SPARQL for analysts: run read-only queries, saved queries, and format their results.

Queries run on Oxigraph (pyoxigraph) directly when the graph is an embedded Oxigraph graph,
and through the SPARQL 1.1 Protocol when the graph lives in a remote store (see
:mod:`pmgraph.remote`). Either way:

- the project's prefixes (:data:`pmgraph.vocab.PREFIXES`) are predeclared;
- a query is read-only: SPARQL Update is refused, and so is ``SERVICE`` (a query must not reach
  the network); ``FROM <url>`` only names a graph of the store, nothing is fetched;
- parameters are bound by value: an inline ``VALUES`` block opening the top-level WHERE group,
  built from validated RDF terms (``term.n3()``), never by formatting user text into the query;
- a syntax error raises :class:`~pmgraph.errors.QueryError` with the line and column.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .errors import EndpointError, QueryError, QueryRefusedError  # noqa: F401 (re-exported)
from .resources import queries_dir
from .vocab import PREFIXES, ROLE, SKILL, PROFICIENCY

__all__ = [
    "QueryResult",
    "SavedQuery",
    "Parameter",
    "run_query",
    "run_saved",
    "bind_parameters",
    "saved_queries",
    "load_saved",
    "read_query_file",
    "format_result",
    "add_labels",
    "compact",
    "check_query",
    "FORMATS",
    "TABULAR_FORMATS",
    "GRAPH_FORMATS",
]

TABULAR_FORMATS = ("table", "csv", "tsv", "json", "xml", "markdown")
GRAPH_FORMATS = ("turtle", "json-ld", "n-triples", "rdf-xml")
FORMATS = TABULAR_FORMATS + GRAPH_FORMATS

UPDATE_KEYWORDS = frozenset(
    "INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split()
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})

Term = URIRef | BNode | Literal


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query.

    ``kind`` is ``"select"`` (``variables`` and ``rows``, each row a tuple of rdflib terms or
    ``None`` for unbound), ``"ask"`` (``boolean``) or ``"graph"`` (CONSTRUCT and DESCRIBE:
    ``graph``, an :class:`rdflib.Graph`).
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    graph: rdflib.Graph | None = field(default=None, compare=False)

    def __len__(self) -> int:
        if self.kind == "graph":
            return len(self.graph) if self.graph is not None else 0
        if self.kind == "ask":
            return 1
        return len(self.rows)

    def dicts(self) -> list[dict[str, Term]]:
        """The rows as dicts, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows
        ]

    def column(self, variable: str) -> list[Term | None]:
        """All values of one variable, in row order."""
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]


# ----------------------------------------------------------------------------- scanning

# A small SPARQL tokenizer: enough to find keywords outside strings, IRIs and comments.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<word>[^\W\d][\w\-.]*(?<!\.)(?::[\w\-.:%\\]*)?|:[\w\-.:%\\]*)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(text: str) -> str:
    # SPARQL resolves \u escapes before parsing, so a keyword may hide behind them.
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _tokens(text: str) -> Iterator[re.Match[str]]:
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match


def _keywords(text: str) -> Iterator[tuple[str, re.Match[str], int]]:
    """Bare words (no colon) in upper case, with their match and brace depth."""
    depth = 0
    for match in _tokens(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and ":" not in match.group():
            yield match.group().upper(), match, depth


def query_form(text: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, or an update's."""
    for word, _match, _depth in _keywords(_unescape(text)):
        if word in ("PREFIX", "BASE"):
            continue
        return word
    return ""


def check_query(text: str) -> str:
    """Check a query without running it; return its form (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Raises :class:`QueryError` for a syntax error (with line and column), for SPARQL Update
    (pmgraph queries are read-only) and for ``SERVICE`` (queries must not reach the network).

    Examples
    --------
    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    pmgraph.errors.QueryRefusedError: Refused: DELETE is SPARQL Update and pmgraph queries are read-only. Change the ontology files and reload instead.
    """
    form = _refuse(text)
    _parse_only(text)
    return form


def _refuse(text: str) -> str:
    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise QueryRefusedError(
            f"Refused: {form} is SPARQL Update and pmgraph queries are read-only. "
            "Change the ontology files and reload instead.",
            reason="update",
        )
    for word, _match, _depth in _keywords(_unescape(text)):
        if word == "SERVICE":
            raise QueryRefusedError(
                "Refused: SERVICE is not allowed; pmgraph queries cannot reach the network. "
                "Load the other data with --data instead.",
                reason="service",
            )
    return form


_SYNTAX = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def _syntax_error(error: SyntaxError, text: str) -> QueryError:
    raw = str(error.msg if getattr(error, "msg", None) else error)
    match = _SYNTAX.search(raw)
    if not match:
        return QueryError(f"SPARQL syntax error: {raw.strip().splitlines()[0]}")
    line, column, message = int(match.group(1)), int(match.group(2)), match.group(3).strip()
    if message.startswith("expected one of Prefix not found") or "Prefix not found" in message:
        undeclared = _undeclared_prefix(text)
        if undeclared is not None:
            prefix, line, column = undeclared
            return QueryError(
                f"SPARQL syntax error at line {line}, column {column}: prefix {prefix + ':'!r} is not "
                f"declared; add PREFIX {prefix}: <...> or use one of {', '.join(PREFIXES)}",
                line=line,
                column=column,
            )
    message = " ".join(message.split())
    if len(message) > 200:
        message = message[:200].rsplit(",", 1)[0] + ", ..."
    return QueryError(
        f"SPARQL syntax error at line {line}, column {column}: {message}", line=line, column=column
    )


def _undeclared_prefix(text: str) -> tuple[str, int, int] | None:
    declared = _declared_prefixes(text) | set(PREFIXES) | {"_"}
    for match in _tokens(text):
        if match.lastgroup == "word" and ":" in match.group():
            prefix = match.group().split(":", 1)[0]
            if prefix not in declared:
                before = text[: match.start()]
                line = before.count("\n") + 1
                column = match.start() - (before.rfind("\n") + 1) + 1
                return prefix, line, column
    return None


# ----------------------------------------------------------------------------- terms


def _from_ox(term) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term in a result: {term!r}")  # RDF-star triples


def _as_term(value) -> Term:
    if isinstance(value, (URIRef, BNode, Literal)):
        return value
    if isinstance(value, (bool, int, float, Decimal, str)):
        return Literal(value)
    raise QueryError(f"Parameter value {value!r} is not an RDF term, string or number.")


_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _safe_iri(term: URIRef) -> URIRef:
    if _IRI_BAD.search(str(term)) or ":" not in str(term):
        raise QueryError(f"Parameter value {str(term)!r} is not a valid IRI.")
    return term


# ----------------------------------------------------------------------------- running


def _oxigraph_store(graph: rdflib.Graph):
    """The pyoxigraph Store behind an embedded Oxigraph graph, or None."""
    inner = getattr(graph.store, "_inner", None)
    try:
        import pyoxigraph as ox
    except ImportError:  # pragma: no cover - a hard dependency
        return None
    return inner if isinstance(inner, ox.Store) else None


def _declared_prefixes(text: str) -> set[str]:
    declared = set()
    tokens = [m for m in _tokens(text)]
    for i, match in enumerate(tokens[:-1]):
        if match.lastgroup == "word" and match.group().upper() == "PREFIX":
            declared.add(tokens[i + 1].group().rstrip(":").split(":")[0])
    return declared


def _prologue(text: str) -> str:
    declared = _declared_prefixes(text)
    return "".join(
        f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared
    )


def _inline_values(text: str, params: Mapping[str, Term]) -> str:
    """``text`` with ``VALUES (?a ?b) { (t1 t2) }`` opening the top-level WHERE group."""
    if not params:
        return text
    position = None
    seen_form = False
    after_where = False
    depth = 0
    for match in _tokens(text):
        kind = match.lastgroup
        if kind == "word" and ":" not in match.group():
            word = match.group().upper()
            if depth == 0 and word in QUERY_FORMS:
                seen_form = True
            if depth == 0 and word == "WHERE":
                after_where = True
        if kind == "open":
            if depth == 0 and seen_form:
                form = query_form(text)
                if form != "CONSTRUCT" or after_where:
                    position = match.end()
                    break
            depth += 1
        elif kind == "close":
            depth -= 1
    if position is None:
        raise QueryError("Cannot bind parameters: the query has no WHERE group.")
    names = " ".join(f"?{name}" for name in params)
    values = " ".join(term.n3() for term in params.values())
    return f"{text[:position]} VALUES ({names}) {{ ({values}) }} {text[position:]}"


def _substitute(text: str, params: Mapping[str, Term]) -> str | None:
    """``text`` with each parameter variable replaced by its (checked, serialised) term.

    Constants in the query let the engine use its indexes: on a 1M-triple graph a query whose
    role sits in an OPTIONAL ran in 1 ms this way and 1 s with a VALUES block. Where a variable is
    an alias target, or sits in a VALUES clause, substitution would change the query: return
    None and let :func:`_bind` fall back to VALUES.
    """
    names = {f"?{name}" for name in params} | {f"${name}" for name in params}
    out: list[str] = []
    last = 0
    previous = ""
    in_projection = in_modifier = in_values = False
    parens = 0
    for match in _tokens(text):
        kind, token = match.lastgroup, match.group()
        upper = token.upper() if kind == "word" else ""
        if upper == "SELECT":
            in_projection, parens = True, 0
        elif upper in ("WHERE", "FROM") or kind == "open":
            in_projection = in_modifier = False
            in_values = False if kind == "open" and in_values == "data" else in_values
        elif upper == "BY":
            in_modifier = True
        elif upper in ("LIMIT", "OFFSET", "HAVING"):
            in_modifier = False
        elif upper == "VALUES":
            in_values = True
        if kind == "open" and in_values is True:
            in_values = "data"
        elif kind == "close" and in_values == "data":
            in_values = False
        elif kind == "other" and token == "(":
            parens += 1
        elif kind == "other" and token == ")":
            parens -= 1
        if kind == "var" and token in names:
            if previous == "AS" or in_values:
                return None
            term = params[token[1:]].n3()
            if in_projection and parens == 0:
                replacement = f"({term} AS {token})"
            elif in_modifier:
                replacement = f"({term})"
            else:
                replacement = term
            out.append(text[last:match.start()])
            out.append(replacement)
            last = match.end()
        previous = upper or token
    out.append(text[last:])
    return "".join(out)


def _bind(text: str, params: Mapping[str, Term]) -> str:
    """``text`` with ``params`` bound by value: as constants where that is the same query, else VALUES."""
    if not params:
        return text
    substituted = _substitute(text, params)
    if substituted is not None:
        try:
            _parse_only(substituted)
            return substituted
        except QueryError:
            pass
    return _inline_values(text, params)


def run_query(
    graph: rdflib.Graph,
    query: str,
    *,
    params: Mapping[str, object] | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query on ``graph``.

    CLI twin: ``pmgraph query -e QUERY``.

    Parameters
    ----------
    graph : rdflib.Graph
        An embedded graph from :func:`pmgraph.load` or a remote one from
        :func:`pmgraph.remote.connect`.
    query : str
        SELECT, ASK, CONSTRUCT or DESCRIBE; the prefixes of :data:`pmgraph.vocab.PREFIXES`
        need not be declared.
    params : mapping of str to RDF term, str or number, optional
        Values for variables of the query, bound by value (never by text substitution).
    max_rows : int, optional
        Refuse (with :class:`QueryError`) a result of more rows (or triples) than this.

    Raises
    ------
    QueryError
        A syntax error (with ``line`` and ``column``), an update, ``SERVICE``, or too many rows.

    Examples
    --------
    >>> import pmgraph
    >>> from pmgraph.resources import ontology_dir
    >>> graph = pmgraph.load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> result = run_query(graph, "SELECT ?boss WHERE { ?role pm:reportsTo ?boss }",
    ...                    params={"role": ROLE["fx-pm"]})
    >>> [compact(term) for term in result.column("boss")]
    ['role:fx-gpm']
    >>> run_query(graph, "ASK { role:fx-cpo pm:level 6 }").boolean
    True
    """
    _refuse(query)
    bound = {name: _as_term(value) for name, value in (params or {}).items()}
    for name, term in bound.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"Parameter name {name!r} is not a SPARQL variable name.")
        if isinstance(term, URIRef):
            _safe_iri(term)
    store = _oxigraph_store(graph)
    if store is not None:
        return _run_oxigraph(store, query, bound, max_rows)
    return _run_rdflib(graph, query, bound, max_rows)


def _too_many(max_rows: int) -> QueryError:
    return QueryRefusedError(
        f"Refused: the result has more than {max_rows} rows; add a LIMIT or narrow the query.",
        reason="size",
    )


def _run_oxigraph(store, query: str, params: Mapping[str, Term], max_rows: int | None) -> QueryResult:
    import pyoxigraph as ox

    if params:
        _parse_only(query)  # errors point into the user's text, not the bound one
    try:
        answer = store.query(_bind(query, params), prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error(error, query) from None
    except OSError as error:
        raise QueryError(f"Query failed: {error}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = []
        for solution in answer:
            if max_rows is not None and len(rows) >= max_rows:
                raise _too_many(max_rows)
            rows.append(tuple(_from_ox(solution[i]) for i in range(len(variables))))
        return QueryResult("select", variables=variables, rows=tuple(rows))
    result_graph = _result_graph()
    for count, triple in enumerate(answer, 1):
        if max_rows is not None and count > max_rows:
            raise _too_many(max_rows)
        result_graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
    return QueryResult("graph", graph=result_graph)


_PARSER = None


def _parse_only(query: str) -> None:
    """Syntax-check ``query`` locally (an empty store evaluates nothing), for good errors.

    A text that passed once is remembered: saved queries are checked on every run.
    """
    if query in _CHECKED:
        return
    _check_syntax(query)
    if len(_CHECKED) > 512:
        _CHECKED.clear()
    _CHECKED.add(query)


_CHECKED: set[str] = set()


def _check_syntax(query: str) -> None:
    global _PARSER
    import pyoxigraph as ox

    if _PARSER is None:
        _PARSER = ox.Store()
    try:
        _PARSER.query(query, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error(error, query) from None


def _run_rdflib(graph: rdflib.Graph, query: str, params: Mapping[str, Term], max_rows: int | None) -> QueryResult:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    if isinstance(graph.store, SPARQLStore):
        _parse_only(query)
        text = _prologue(query) + _bind(query, params)
        if query_form(query) in ("CONSTRUCT", "DESCRIBE"):
            return _remote_graph_query(graph, text, max_rows)
        try:
            answer = graph.query(text)
        except Exception as error:  # urllib / HTTP errors from the remote store
            raise EndpointError(f"The SPARQL endpoint failed to answer: {error}") from None
    else:
        # A plain in-memory rdflib graph: rdflib's own engine, bindings by initBindings.
        _parse_only(query)
        answer = graph.query(_prologue(query) + _bind(query, params))
    if answer.type == "ASK":
        return QueryResult("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = tuple(str(v) for v in answer.vars or ())
        rows = tuple(tuple(row) for row in answer)
        if max_rows is not None and len(rows) > max_rows:
            raise _too_many(max_rows)
        return QueryResult("select", variables=variables, rows=rows)
    result_graph = _result_graph()
    for triple in answer.graph if answer.graph is not None else answer:
        result_graph.add(triple)
    if max_rows is not None and len(result_graph) > max_rows:
        raise _too_many(max_rows)
    return QueryResult("graph", graph=result_graph)


def _remote_graph_query(graph: rdflib.Graph, text: str, max_rows: int | None) -> QueryResult:
    """CONSTRUCT/DESCRIBE over the protocol as N-Triples (rdflib's SPARQLStore mangles them)."""
    import urllib.error
    import urllib.parse
    import urllib.request

    form = {"query": text}
    if isinstance(graph.identifier, URIRef) and str(graph.identifier) != "urn:x-rdflib:default":
        form["default-graph-uri"] = str(graph.identifier)
    request = urllib.request.Request(
        graph.store.query_endpoint, data=urllib.parse.urlencode(form).encode(),
        headers={"Accept": "application/n-triples", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as reply:
            body = reply.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(f"The SPARQL endpoint answered {error.code}: {detail}") from None
    except OSError as error:
        raise EndpointError(f"Cannot reach the SPARQL endpoint: {error}") from None
    result_graph = _result_graph()
    result_graph.parse(data=body, format="nt")
    if max_rows is not None and len(result_graph) > max_rows:
        raise _too_many(max_rows)
    return QueryResult("graph", graph=result_graph)


def _result_graph() -> rdflib.Graph:
    result_graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        result_graph.bind(prefix, namespace, override=True, replace=True)
    return result_graph


# ----------------------------------------------------------------------------- saved queries


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a saved query.

    ``type`` is one of ``role``, ``skill``, ``proficiency``, ``iri``, ``string``, ``integer``,
    ``decimal``; ``default`` is the value as a user would type it, or ``None`` (required).
    """

    name: str
    type: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A query from ``queries/*.rq``: its name (file stem), description, parameters and text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path | None = None

    @property
    def form(self) -> str:
        return query_form(self.text)


PARAMETER_TYPES = ("role", "skill", "proficiency", "iri", "string", "integer", "decimal")

_PARAM_LINE = re.compile(
    r"^#\s*param:\s*(?P<name>\w+)\s*\((?P<type>\w+)\)\s*(?:—|--|-|:)\s*(?P<text>.*?)"
    r"(?:;\s*default\s+(?P<default>.+?))?\s*$"
)


def _parse_header(name: str, text: str, path: Path | None) -> SavedQuery:
    description_lines: list[str] = []
    parameters: list[Parameter] = []
    in_description = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if re.match(r"#\s*description:", stripped):
            description_lines.append(stripped.split(":", 1)[1].strip())
            in_description = True
            continue
        match = _PARAM_LINE.match(stripped)
        if match:
            in_description = False
            kind = match.group("type").lower()
            if kind not in PARAMETER_TYPES:
                raise QueryError(
                    f"{path or name}: parameter {match.group('name')!r} has unknown type {kind!r}; "
                    f"use one of {', '.join(PARAMETER_TYPES)}."
                )
            parameters.append(
                Parameter(match.group("name"), kind, match.group("text").strip(), match.group("default"))
            )
            continue
        if in_description and stripped.lstrip("#").strip():
            description_lines.append(stripped.lstrip("#").strip())
        else:
            in_description = False
    return SavedQuery(name, " ".join(description_lines), tuple(parameters), text, path)


def saved_queries() -> list[SavedQuery]:
    """The saved queries shipped in ``queries/``, sorted by name.

    CLI twin: ``pmgraph queries``.

    Examples
    --------
    >>> names = [q.name for q in saved_queries()]
    >>> "reporting-chain" in names
    True
    """
    directory = queries_dir()
    return [read_query_file(path) for path in sorted(directory.glob("*.rq"))]


def read_query_file(path: str | Path) -> SavedQuery:
    """Read a ``.rq`` file with its comment header (description, parameters)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"Cannot read query file {str(path)!r}: {error.strerror or error}") from None
    return _parse_header(path.stem, text, path)


def load_saved(name: str) -> SavedQuery:
    """The saved query called ``name``; an unknown name raises :class:`QueryError`.

    Examples
    --------
    >>> load_saved("reporting-chain").parameters[0].name
    'role'
    """
    path = queries_dir() / f"{name}.rq"
    if "/" not in name and "\\" not in name and path.is_file():
        return read_query_file(path)
    queries = {q.name: q for q in saved_queries()}
    close = difflib.get_close_matches(name, list(queries), n=3)
    hint = " Did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""
    raise QueryError(f"No saved query {name!r}.{hint} Run 'pmgraph queries' to list them.")


def _expand_name(value: str) -> URIRef | None:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I) or value.startswith("urn:"):
        return URIRef(value)
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    return None


def _resolve_role(graph: rdflib.Graph, value: str) -> URIRef:
    # Hook: the shared resolver (labels, synonyms, "did you mean") lives in pmgraph.projection
    # (issue 3). Until it is merged, accept IRIs, prefixed names, ids and exact labels.
    try:
        from .projection import resolve_role  # type: ignore[attr-defined]
    except ImportError:
        resolve_role = None
    iri = _expand_name(value)
    if iri is not None:
        return iri
    if resolve_role is not None:
        from .projection import project

        return URIRef(project(graph).roles[resolve_role(graph, value)].iri)
    return _resolve_concept(graph, value, ROLE, "pm:Role", "role")


def _resolve_concept(graph: rdflib.Graph, value: str, namespace, cls: str, what: str) -> URIRef:
    iri = _expand_name(value)
    if iri is not None:
        return iri
    candidate = namespace[value.strip()]
    result = run_query(
        graph,
        f"SELECT ?c ?label WHERE {{ ?c a {cls} . "
        "OPTIONAL { ?c skos:prefLabel|skos:altLabel ?label } }",
    )
    labels: dict[str, tuple[URIRef, str]] = {}
    for concept, label in result.rows:
        if concept == candidate:
            return candidate
        if label is not None:
            labels[str(label).casefold()] = (concept, str(label))
    found = labels.get(value.strip().casefold())
    if found is not None:
        return found[0]
    close = [labels[c][1] for c in difflib.get_close_matches(value.casefold(), list(labels), n=3)]
    if what == "role":
        from .errors import UnknownRoleError

        raise UnknownRoleError(value, tuple(close))
    hint = " Did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""
    raise QueryError(f"Unknown {what} {value!r}.{hint}")


def _parse_value(graph: rdflib.Graph, parameter: Parameter, value: str) -> Term:
    kind = parameter.type
    try:
        if kind == "role":
            return _resolve_role(graph, value)
        if kind == "skill":
            return _resolve_concept(graph, value, SKILL, "pm:Skill", "skill")
        if kind == "proficiency":
            return _resolve_concept(graph, value, PROFICIENCY, "pm:ProficiencyLevel", "proficiency")
        if kind == "iri":
            iri = _expand_name(value)
            if iri is None:
                raise ValueError("not an IRI or prefixed name")
            return _safe_iri(iri)
        if kind == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
    except (ValueError, InvalidOperation) as error:
        raise QueryError(
            f"Parameter {parameter.name!r} must be {kind_article(kind)}; got {value!r} ({error})."
        ) from None
    return Literal(value)


def kind_article(kind: str) -> str:
    return {"iri": "an IRI", "integer": "an integer"}.get(kind, f"a {kind}")


def _guess_term(value: str) -> Term:
    """A value for an undeclared parameter: an IRI, a number, or else a string."""
    iri = _expand_name(value)
    if iri is not None:
        return _safe_iri(iri)
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Literal(Decimal(value), datatype=XSD.decimal)
    return Literal(value)


def bind_parameters(
    graph: rdflib.Graph, saved: SavedQuery | None, values: Mapping[str, str]
) -> dict[str, Term]:
    """Turn user-typed ``values`` into RDF terms by the declared parameter types.

    Declared parameters missing from ``values`` take their defaults; a parameter without a
    default must be given. Without a declaration (an inline query), values are read as IRIs
    (``<...>`` or a prefixed name), integers, decimals or strings.
    """
    declared = {p.name: p for p in saved.parameters} if saved else {}
    if saved is not None:
        unknown = [name for name in values if name not in declared]
        if unknown and declared:
            raise QueryError(
                f"Query {saved.name!r} has no parameter {unknown[0]!r}; "
                f"its parameters are {', '.join(declared)}."
            )
        if unknown:
            declared = {}
    bound: dict[str, Term] = {}
    for name, parameter in declared.items():
        value = values.get(name, parameter.default)
        if value is None:
            raise QueryError(
                f"Query {saved.name!r} needs --param {name}=VALUE ({parameter.description})."
            )
        bound[name] = _parse_value(graph, parameter, value)
    for name, value in values.items():
        if name not in declared:
            bound[name] = _guess_term(value)
    return bound


def run_saved(
    graph: rdflib.Graph, name: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run the saved query ``name`` with user-typed parameter values.

    CLI twin: ``pmgraph query NAME --param name=value``.

    Examples
    --------
    >>> import pmgraph
    >>> from pmgraph.resources import ontology_dir
    >>> graph = pmgraph.load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> result = run_saved(graph, "reporting-chain", {"role": "role:fx-pm"})
    >>> [compact(term) for term in result.column("manager")]
    ['role:fx-gpm', 'role:fx-director', 'role:fx-cpo']
    """
    saved = load_saved(name)
    return run_query(graph, saved.text, params=bind_parameters(graph, saved, params or {}))


# ----------------------------------------------------------------------------- formatting

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
    labels: dict[URIRef, str] = {}
    for start in range(0, len(iris), 500):
        chunk = " ".join(_safe_iri(i).n3() for i in iris[start:start + 500])
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


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render ``result`` as text.

    ``table`` and ``markdown`` show compact names; ``csv``, ``tsv``, ``json`` and ``xml`` are the
    W3C SPARQL 1.1 results formats; a graph result renders as ``turtle``, ``json-ld``,
    ``n-triples`` or ``rdf-xml`` (``table`` means Turtle for a graph).

    Examples
    --------
    >>> result = QueryResult("select", ("role", "level"), ((ROLE["cpo"], Literal(6)),))
    >>> print(format_result(result))
    role     | level
    ---------+------
    role:cpo | 6
    >>> format_result(result, "csv").splitlines()
    ['role,level', 'https://w3id.org/pmgraph/role/cpo,6']
    """
    if fmt not in FORMATS:
        raise QueryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if result.kind == "graph":
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise QueryError(
                f"A CONSTRUCT or DESCRIBE result is a graph; use --format {' or '.join(GRAPH_FORMATS)}, not {fmt}."
            )
        return _format_graph(result.graph, fmt)
    if fmt in GRAPH_FORMATS:
        raise QueryError(
            f"A {result.kind.upper()} result is a table; --format {fmt} is for CONSTRUCT and DESCRIBE."
        )
    return _FORMATTERS[fmt](result)


def _format_graph(graph: rdflib.Graph, fmt: str) -> str:
    if fmt == "json-ld":
        context = {p: ns for p, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, indent=2)
    if fmt == "rdf-xml":
        return graph.serialize(format="pretty-xml")
    if fmt == "n-triples":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    return graph.serialize(format="turtle")


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    header = list(result.variables)
    body = [[compact(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells):
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


def _csv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.boolean):
        return str(term)
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def _tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(t) for t in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict:
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


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, indent=1)


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


_FORMATTERS = {
    "table": _table,
    "markdown": _markdown,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "xml": _xml,
}
