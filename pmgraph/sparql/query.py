"""Running read-only queries: checking them, binding their parameters, and the engines behind them.

Queries run on Oxigraph (pyoxigraph) directly when the graph is an embedded Oxigraph graph,
and through the SPARQL 1.1 Protocol when the graph lives in a remote store (see
:mod:`pmgraph.loading.remote`). Either way:

- the project's prefixes (:data:`pmgraph.vocab.PREFIXES`) are predeclared;
- a query is read-only: SPARQL Update is refused, and so is ``SERVICE`` (a query must not reach
  the network); ``FROM <url>`` only names a graph of the store, nothing is fetched;
- parameters are bound by value, from validated RDF terms (``term.n3()``), never by formatting
  user text into the query: as constants in place of the variable where that keeps the query
  (indexes then apply), else as a ``VALUES`` block opening the top-level WHERE group;
- a syntax error raises :class:`~pmgraph.errors.QueryError` with the line and column.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import rdflib
from rdflib import BNode, Literal, URIRef

from ..errors import QueryError, QueryRefusedError
from ..loading.engines import oxigraph_store
from ..loading.formats import RDF_FORMATS
from ..vocab import BASE as BASE_IRI, PREFIXES
from .rows import rows_of, sort_rows, split_order

if TYPE_CHECKING:
    import typing
    from collections.abc import Iterable

    import pyoxigraph
    from rdflib.term import Node

__all__ = [
    "QueryResult",
    "Dataset",
    "Term",
    "BASE_IRI",
    "run_query",
    "check_query",
    "query_form",
    "FORMATS",
    "TABULAR_FORMATS",
    "GRAPH_FORMATS",
    "sparql_tokens",
    "safe_iri",
    "inline_values",
]

#: The formats of a SELECT's or an ASK's answer: a table, Markdown, and the W3C results formats.
TABULAR_FORMATS = ("text", "csv", "tsv", "json", "xml", "markdown")
#: The formats of a CONSTRUCT's or DESCRIBE's graph: every RDF format of the registry
#: (:data:`pmgraph.loading.formats.RDF_FORMATS`), each also by its aliases.
GRAPH_FORMATS = tuple(RDF_FORMATS)
FORMATS = TABULAR_FORMATS + GRAPH_FORMATS

UPDATE_KEYWORDS = frozenset(
    "INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split()
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_PARSING = threading.Lock()  # rdflib's SPARQL parser (pyparsing) is not thread-safe

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
    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(character, text)


def sparql_tokens(text: str) -> Iterator[re.Match[str]]:
    """The tokens of SPARQL ``text`` (strings, IRIs, variables, words, braces, other characters),
    comments left out: enough to find keywords outside strings, IRIs and comments."""
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match


def _keywords(text: str) -> Iterator[tuple[str, re.Match[str], int]]:
    """Bare words (no colon) in upper case, with their match and brace depth."""
    depth = 0
    for match in sparql_tokens(text):
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
    """  # noqa: E501 (a doctest's output is one line)
    form = _refuse(text)
    _parse_only(text)
    return form


#: The deepest nesting of brackets a query may have: the engine's parser recurses once per level
#: and overflows its stack (a segmentation fault) at about 3,000.
MAX_NESTING = 128


def _check_nesting(text: str) -> None:
    """Refuse ``text`` if its brackets (``{``, ``(``, ``[``, counted in the raw text, strings and
    comments included — over-counting only ever refuses more) nest deeper than :data:`MAX_NESTING`."""
    depth = deepest = 0
    for character in text:
        if character in "{([":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    raise QueryRefusedError(f"Refused: the query nests brackets more than {MAX_NESTING} deep; "
                                            "flatten it.", reason="size")
        elif character in "})]":
            depth = max(depth - 1, 0)


def _refuse(text: str) -> str:
    _check_nesting(text)
    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise QueryRefusedError(
            f"Refused: {form} is SPARQL Update and pmgraph queries are read-only. "
            "Change the ontology files and reload instead.",
            reason="update",
        )
    if _uses_service(text):
        raise QueryRefusedError(
            "Refused: SERVICE is not allowed; pmgraph queries cannot reach the network. "
            "Load the other data into the graph instead (pmgraph.load(files)).",
            reason="service",
        ).remedy("files", "into the graph instead (pmgraph.load(files)).")
    return form


def _uses_service(text: str) -> bool:
    """Whether ``text`` holds a ``SERVICE`` pattern, by a real parse (rdflib's SPARQL 1.1 grammar)
    walked for service patterns — never by scanning tokens, which comments, escapes and line ends
    fooled. A text that does not even hold the letters is let through unparsed; one rdflib cannot
    parse but that holds them is refused, since the engine's grammar might read a SERVICE there.
    Underneath, queries run where sockets cannot be opened (:mod:`pmgraph.sparql.sandbox`)."""
    if "service" not in _unescape(text).lower():
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        with _PARSING:
            tree = parseQuery(text)
    except Exception:  # pyparsing's ParseException, or its recursion on deep nesting: cannot tell
        return True
    return any(node.name == "ServiceGraphPattern" for node in _nodes(tree))


def _nodes(tree: object) -> Iterator[Any]:
    """Every rdflib ``CompValue`` in a parse tree, without recursion (deep queries stay safe)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            stack.extend(cast("Iterable[object]", node))


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
    for match in sparql_tokens(text):
        if match.lastgroup == "word" and ":" in match.group():
            prefix = match.group().split(":", 1)[0]
            if prefix not in declared:
                before = text[: match.start()]
                line = before.count("\n") + 1
                column = match.start() - (before.rfind("\n") + 1) + 1
                return prefix, line, column
    return None


# ----------------------------------------------------------------------------- terms


def _as_term(value: object) -> Term:
    if isinstance(value, (URIRef, BNode, Literal)):
        return value
    if isinstance(value, (bool, int, float, Decimal, str)):
        return Literal(value)
    raise QueryError(f"Parameter value {value!r} is not an RDF term, string or number.")


_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def safe_iri(term: URIRef) -> URIRef:
    """``term``, if it is an IRI that can be written into a query; else :class:`QueryError`."""
    if _IRI_BAD.search(str(term)) or ":" not in str(term):
        raise QueryError(f"Parameter value {str(term)!r} is not a valid IRI.")
    return term


# ----------------------------------------------------------------------------- running


def _declared_prefixes(text: str) -> set[str]:
    declared = set()
    tokens = [m for m in sparql_tokens(text)]
    for i, match in enumerate(tokens[:-1]):
        if match.lastgroup == "word" and match.group().upper() == "PREFIX":
            declared.add(tokens[i + 1].group().rstrip(":").split(":")[0])
    return declared


def _prologue(text: str) -> str:
    declared = _declared_prefixes(text)
    return "".join(
        f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared
    )


def inline_values(text: str, params: Mapping[str, Term]) -> str:
    """``text`` with ``VALUES (?a ?b) { (t1 t2) }`` opening the top-level WHERE group."""
    if not params:
        return text
    position = None
    seen_form = False
    after_where = False
    depth = 0
    for match in sparql_tokens(text):
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
    in_projection = in_modifier = False
    in_values: bool | typing.Literal["data"] = False  # True after VALUES, "data" inside its block
    parens = 0
    for match in sparql_tokens(text):
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
    return inline_values(text, params)


def run_query(
    graph: rdflib.Graph,
    query: str,
    *,
    params: Mapping[str, object] | None = None,
    max_rows: int | None = None,
    dataset: Dataset | None = None,
    base_iri: str | None = BASE_IRI,
) -> QueryResult:
    """Run a read-only SPARQL query on ``graph``.

    CLI twin: ``pmgraph query -e QUERY``.

    Parameters
    ----------
    graph : rdflib.Graph
        An embedded graph from :func:`pmgraph.load` or a remote one from
        :func:`pmgraph.loading.remote.connect`.
    query : str
        SELECT, ASK, CONSTRUCT or DESCRIBE; the prefixes of :data:`pmgraph.vocab.PREFIXES`
        need not be declared.
    params : mapping of str to RDF term, str or number, optional
        Values for variables of the query, bound by value (never by text substitution).
    max_rows : int, optional
        Refuse (with :class:`QueryError`) a result of more rows (or triples) than this.
    dataset : Dataset, optional
        The RDF dataset to query, as the SPARQL 1.1 Protocol's ``default-graph-uri`` and
        ``named-graph-uri`` give it; it replaces the query's own ``FROM`` and ``FROM NAMED``.
        Embedded graphs only.
    base_iri : str, optional
        What relative IRIs in the query resolve against: ``https://w3id.org/pmgraph/`` unless
        the query says ``BASE`` (the same in the embedded graph, on ``pmgraph serve`` and sent
        to a remote store); None for none.

    Raises
    ------
    QueryError
        A syntax error (with ``line`` and ``column``), an update, ``SERVICE``, or too many rows.

    Examples
    --------
    >>> import pmgraph
    >>> from pmgraph.resources import ontology_dir
    >>> graph = pmgraph.load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> from pmgraph.vocab import ROLE
    >>> from pmgraph.sparql.formats import compact
    >>> result = run_query(graph, "SELECT ?boss WHERE { ?role pm:reportsTo ?boss }",
    ...                    params={"role": ROLE["fx-pm"]})
    >>> [compact(term) for term in result.column("boss")]
    ['role:fx-gpm']
    >>> run_query(graph, "ASK { role:fx-cpo pm:level 6 }").boolean
    True
    """
    _refuse(query)
    bound = {name: _as_term(value) for name, value in (params or {}).items()}
    variables = ({token[1:] for kind, token in ((m.lastgroup, m.group()) for m in sparql_tokens(query))
                  if kind == "var"}
                 if bound else set())
    for name, term in bound.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"Parameter name {name!r} is not a SPARQL variable name.")
        if name not in variables:  # bound to nothing, it would be silently ignored
            raise QueryError(f"Parameter {name!r} matches no variable of the query (no ?{name}); "
                             f"its variables are {', '.join(sorted(variables)) or 'none'}.")
        if isinstance(term, URIRef):
            safe_iri(term)
    _check_patterns(query, bound)
    store = oxigraph_store(graph)
    if store is not None:
        return _run_oxigraph(store, query, bound, max_rows, dataset or Dataset(), base_iri)
    if dataset is not None and not dataset.empty:
        raise QueryError("A dataset (default-graph-uri, named-graph-uri) is for embedded graphs; "
                         "name the graphs with FROM and FROM NAMED in the query instead.")
    return _run_rdflib(graph, query, bound, max_rows, base_iri)


@dataclass(frozen=True)
class Dataset:
    """An RDF dataset for one query (SPARQL 1.1 Protocol, section 2.1.4): the graphs merged into
    its default graph and its named graphs, by IRI. When either is given, both replace the
    query's ``FROM`` / ``FROM NAMED`` (an empty one is then empty)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.default_graphs and not self.named_graphs

    def engine_options(self) -> dict[str, Any]:
        """Keyword arguments for pyoxigraph's ``Store.query``."""
        if self.empty:
            return {}
        import pyoxigraph as ox

        return {"default_graph": [ox.NamedNode(iri) for iri in self.default_graphs],
                "named_graphs": [ox.NamedNode(iri) for iri in self.named_graphs]}


#: A call that takes a regular expression; only queries with one are parsed for their patterns.
_PATTERN_CALL = re.compile(r"(?i)\b(regex|replace)\s*\(")


def _check_patterns(query: str, params: Mapping[str, Term]) -> None:
    """Refuse a REGEX or REPLACE whose pattern (a literal, or a bound parameter) the engine cannot
    compile: SPARQL makes that an error inside the filter, so the query would silently match
    nothing. The engine itself judges each pattern (its regex dialect is the one that counts)."""
    if not _PATTERN_CALL.search(query):
        return
    from ..errors import excerpt

    for function, pattern, flags in _patterns(query, params):
        if not _engine_compiles(pattern, flags):
            raise QueryError(f"Invalid regular expression {excerpt(pattern)}"
                             + (f" with flags {excerpt(flags)}" if flags else "")
                             + f" in {function}: it would match nothing. SPARQL uses XPath regular "
                             "expressions (flags: s, m, i, x, q); escape a literal '[' or '(' as '\\\\['.")


def _patterns(query: str, params: Mapping[str, Term]) -> list[tuple[str, str, str]]:
    """(function, pattern, flags) of each REGEX / REPLACE whose pattern is known before running."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        with _PARSING:
            tree = parseQuery(query)
    except Exception:  # rdflib's grammar differs here and there from the engine's: check nothing
        return []

    def constant(node: object) -> str | None:
        while isinstance(node, CompValue):
            if node.name == "literal" and isinstance(node.get("string"), Literal):
                return str(node["string"])
            if set(node) != {"expr"}:
                return None
            node = node["expr"]
        if isinstance(node, rdflib.Variable) and str(node) in params:
            return str(params[str(node)])
        return str(node) if isinstance(node, Literal) else None

    found: list[tuple[str, str, str]] = []
    for node in _nodes(tree):
        if node.name in ("Builtin_REGEX", "Builtin_REPLACE"):
            # Not .get(): a CompValue answers a missing key with the key's own name.
            pattern = constant(node["pattern"]) if "pattern" in node else None
            flags = constant(node["flags"]) if "flags" in node else ""
            if pattern is not None and flags is not None:
                found.append((node.name.split("_")[1], pattern, flags))
    return found


def _engine_compiles(pattern: str, flags: str) -> bool:
    global _PARSER
    import pyoxigraph as ox

    if _PARSER is None:
        _PARSER = ox.Store()
    probe = f"SELECT ?ok WHERE {{ BIND(REGEX(\"\", {Literal(pattern).n3()}, {Literal(flags).n3()}) AS ?ok) }}"
    solutions = cast("pyoxigraph.QuerySolutions", _PARSER.query(probe))
    return any(solution["ok"] is not None for solution in solutions)


def _too_many(max_rows: int) -> QueryError:
    return QueryRefusedError(
        f"Refused: the result has more than {max_rows} rows; add a LIMIT or narrow the query.",
        reason="size",
    )


def _run_oxigraph(
    store: pyoxigraph.Store, query: str, params: Mapping[str, Term], max_rows: int | None, dataset: Dataset,
    base_iri: str | None,
) -> QueryResult:
    import pyoxigraph as ox

    if params:
        _parse_only(query)  # errors point into the user's text, not the bound one
    bound = _bind(query, params)
    order = _order_in_python(bound)
    options = {"prefixes": PREFIXES, "base_iri": base_iri, **dataset.engine_options()}
    try:
        answer = store.query(bound if order is None else order[0], **options)
    except SyntaxError as error:
        raise _syntax_error(error, query) from None
    except OSError as error:
        raise QueryError(f"Query failed: {error}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = rows_of(answer, max_rows, too_many=_too_many)
        if order is not None:
            ordered = sort_rows(variables, rows, order[1])
            if ordered is None:  # values the engine orders in its own way: let it sort them
                again = cast("pyoxigraph.QuerySolutions", store.query(bound, **options))  # a SELECT's answer
                ordered = rows_of(again, max_rows, too_many=_too_many)
            rows = ordered
        return QueryResult("select", variables=variables, rows=tuple(rows))
    # A CONSTRUCT's triples go into a graph on Oxigraph too, as they are: rdflib terms are made
    # only when the result is read (adding them one by one to rdflib's memory store cost more
    # than the query).
    from ..loading.engines import wrap_store

    store = ox.Store()
    if max_rows is None:  # all in Rust: the answer written as N-Triples and read into the store
        store.load(answer.serialize(format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    else:  # one by one, to refuse at the first triple too many
        quads = []
        default = ox.DefaultGraph()
        for count, triple in enumerate(answer, 1):
            if count > max_rows:
                raise _too_many(max_rows)
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, default))
        store.extend(quads)
    return QueryResult("graph", graph=wrap_store(store, namespaces="core"))


def _order_in_python(text: str) -> tuple[str, tuple[tuple[str, bool], ...]] | None:
    """A SELECT without its closing ORDER BY, and that order, when pmgraph can sort the rows
    itself (see :mod:`pmgraph.sparql.rows`); remembered per query text."""
    if text in _ORDERS:
        return _ORDERS[text]
    found = None
    if "\\u" not in text and "\\U" not in text and query_form(text) == "SELECT":
        found = split_order(text, list(sparql_tokens(text)))
        if found is not None:
            _parse_only(text)  # the whole query must stand: without its ORDER BY it might run where it would not
    if len(_ORDERS) > 512:
        _ORDERS.clear()
    _ORDERS[text] = found
    return found


_ORDERS: dict[str, tuple[str, tuple[tuple[str, bool], ...]] | None] = {}
_PARSER: pyoxigraph.Store | None = None


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
        _PARSER.query(query, prefixes=PREFIXES, base_iri=BASE_IRI)  # relative IRIs are no error
    except SyntaxError as error:
        raise _syntax_error(error, query) from None


def _run_rdflib(graph: rdflib.Graph, query: str, params: Mapping[str, Term], max_rows: int | None,
                base_iri: str | None) -> QueryResult:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    if isinstance(graph.store, SPARQLStore):
        _parse_only(query)
        text = _prologue(query) + _bind(query, params)
        if base_iri is not None and not _declares_base(query):
            text = f"BASE <{base_iri}>\n" + text
        if query_form(query) in ("CONSTRUCT", "DESCRIBE"):
            return _remote_graph_query(graph, text, max_rows)
        answer = graph.query(text)  # the store's failures are EndpointErrors (loading.remote)
    else:
        # A plain in-memory rdflib graph: rdflib's own engine, bindings by initBindings.
        _parse_only(query)
        answer = graph.query(_prologue(query) + _bind(query, params), base=base_iri)
    if answer.type == "ASK":
        return QueryResult("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = tuple(str(v) for v in answer.vars or ())
        # rdflib types a result's items loosely (triples, booleans or rows): a SELECT's are rows of terms.
        rows = tuple(tuple(row) for row in cast("Iterable[tuple[Term | None, ...]]", answer))
        if max_rows is not None and len(rows) > max_rows:
            raise _too_many(max_rows)
        return QueryResult("select", variables=variables, rows=rows)
    result_graph = _result_graph()
    # As above: a CONSTRUCT's or DESCRIBE's result iterates triples.
    triples = answer.graph if answer.graph is not None else cast("Iterable[tuple[Node, Node, Node]]", answer)
    for triple in triples:
        result_graph.add(triple)
    if max_rows is not None and len(result_graph) > max_rows:
        raise _too_many(max_rows)
    return QueryResult("graph", graph=result_graph)


def _declares_base(text: str) -> bool:
    """Whether the query's prologue has a BASE of its own."""
    return any(kind == "word" and token.upper() == "BASE"
               for kind, token in ((m.lastgroup, m.group()) for m in sparql_tokens(text)))


def _remote_graph_query(graph: rdflib.Graph, text: str, max_rows: int | None) -> QueryResult:
    """CONSTRUCT/DESCRIBE over the protocol as N-Triples (rdflib's SPARQLStore mangles them)."""
    from ..loading.remote import construct

    result_graph = _result_graph()
    for triple in construct(graph, text):
        result_graph.add(triple)
    if max_rows is not None and len(result_graph) > max_rows:
        raise _too_many(max_rows)
    return QueryResult("graph", graph=result_graph)


def _result_graph() -> rdflib.Graph:
    result_graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        result_graph.bind(prefix, namespace, override=True, replace=True)
    return result_graph
