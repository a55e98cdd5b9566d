"""The rows of a SELECT answer from Oxigraph: its terms as rdflib terms, and its closing
``ORDER BY`` applied in Python where that gives the same order.

Oxigraph sorts by comparing terms decoded from its dictionary, one pair at a time: ordering the
12,879 roles of a 1M-triple graph by track, level and IRI took ~80 ms of a ~175 ms query
(``benchmarks/bench_scale.py``, roles-by-track-and-level). Python sorts the same rows by keys
made once per distinct term in a few milliseconds. :func:`split_order` finds an order this
module can apply (plain variables, ``ASC``/``DESC``, nothing after it) and :func:`sort_rows`
applies it, or says it cannot: for values SPARQL leaves to the engine to order (blank nodes,
language-tagged strings, dates, numbers beside strings in one column), the engine sorts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef

if TYPE_CHECKING:  # types only: the aliases exist for type checkers, not at run time
    import re
    from typing import TypeAlias

    import pyoxigraph

    #: A term of a solution as pyoxigraph gives it; None is an unbound variable.
    OxTerm: TypeAlias = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple | None
    #: A term of a row as rdflib's; None is an unbound variable.
    Cell: TypeAlias = URIRef | BNode | Literal | None
    #: One solution, a cell per variable of the answer.
    Row: TypeAlias = tuple[Cell, ...]
    #: What :func:`_key` sorts a term by: (rank, kind of literal, value).
    SortKey: TypeAlias = tuple[int, str, str | int | float | Decimal]

__all__ = ["from_ox", "rows_of", "split_order", "sort_rows"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + name for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_STRING = _XSD + "string"


def from_ox(term: OxTerm) -> URIRef | BNode | Literal | None:
    """The rdflib term for pyoxigraph ``term`` (None stays None)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return str.__new__(URIRef, term.value)  # Oxigraph checked the IRI; skip rdflib's check
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    from ..errors import QueryError

    raise QueryError("The query's result holds an RDF 1.2 triple term (TRIPLE(...) or << ... >>), "
                     "which pmgraph cannot show; return its parts with SUBJECT(), PREDICATE(), OBJECT().")


def rows_of(answer: pyoxigraph.QuerySolutions, max_rows: int | None = None, *,
            too_many: Callable[[int], Exception] | None = None) -> list[Row]:
    """The solutions of pyoxigraph ``answer`` as tuples of rdflib terms; more than ``max_rows``
    raises ``too_many(max_rows)``. Each distinct term is converted once: answers repeat levels,
    tracks and years thousands of times, and an rdflib Literal costs microseconds to make."""
    made: dict[OxTerm, Cell] = {}
    get = made.get

    def convert(term: OxTerm) -> Cell:
        if term is None:
            return None
        found = get(term)
        if found is None:
            found = made[term] = from_ox(term)
        return found

    if max_rows is None:
        return [tuple(map(convert, solution)) for solution in answer]
    rows: list[Row] = []
    for solution in answer:
        if len(rows) >= max_rows:
            raise too_many(max_rows) if too_many else ValueError(f"more than {max_rows} rows")
        rows.append(tuple(map(convert, solution)))
    return rows


def split_order(text: str, tokens: Sequence[re.Match[str]]) -> tuple[str, tuple[tuple[str, bool], ...]] | None:
    """``text`` without its closing top-level ``ORDER BY``, and that order as (variable,
    descending) pairs; None when there is none, or it holds an expression or is followed by
    anything (``LIMIT``, ``OFFSET``, ``VALUES``): the engine keeps those.

    ``tokens`` are the matches of pmgraph's SPARQL tokenizer over ``text`` (comments dropped).

    Examples
    --------
    >>> from pmgraph.sparql.query import sparql_tokens
    >>> text = "SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a DESC(?b)"
    >>> split_order(text, list(sparql_tokens(text)))
    ('SELECT ?a ?b WHERE { ?a ?p ?b } ', (('a', False), ('b', True)))
    >>> text = "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3"
    >>> split_order(text, list(sparql_tokens(text))) is None
    True
    """
    depth, at = 0, None
    for i, match in enumerate(tokens):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif (kind == "word" and depth == 0 and match.group().upper() == "ORDER" and i + 1 < len(tokens)
              and tokens[i + 1].group().upper() == "BY"):
            at = i
    if at is None:
        return None
    rest = [m.group() for m in tokens[at + 2:]]
    order: list[tuple[str, bool]] = []
    i = 0
    while i < len(rest):
        if rest[i][0] in "?$":
            order.append((rest[i][1:], False))
            i += 1
        elif rest[i].upper() in ("ASC", "DESC") and rest[i + 1:i + 2] == ["("] and rest[i + 2:i + 3] \
                and rest[i + 2][0] in "?$" and rest[i + 3:i + 4] == [")"]:
            order.append((rest[i + 2][1:], rest[i].upper() == "DESC"))
            i += 4
        else:
            return None
    if not order:
        return None
    return text[:tokens[at].start()], tuple(order)


def sort_rows(variables: Sequence[str], rows: list[Row], order: Sequence[tuple[str, bool]]) -> list[Row] | None:
    """``rows`` sorted as SPARQL's ``ORDER BY`` would sort them, or None when a value is one
    SPARQL leaves to the engine to order.

    Unbound sorts first, then IRIs (by their text), then literals: numbers by value or plain
    strings by their text, one kind to a column. Rows equal on every key keep their order.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> rows = [(URIRef("http://x/b"), Literal(2)), (URIRef("http://x/a"), Literal(10)), (None, Literal(2))]
    >>> [tuple(map(str, r)) for r in sort_rows(["r", "n"], rows, [("n", True), ("r", False)])]
    [('http://x/a', '10'), ('None', '2'), ('http://x/b', '2')]
    >>> sort_rows(["r"], [(Literal("chef", lang="fr"),)], [("r", False)]) is None
    True
    """
    index = {name: i for i, name in enumerate(variables)}
    if any(name not in index for name, _descending in order):
        return None
    keys: list[tuple[int, dict[Cell, SortKey], bool]] = []
    for name, descending in order:
        column = index[name]
        keyed: dict[Cell, SortKey] = {}
        kinds: set[str] = set()
        for row in rows:
            term = row[column]
            if term not in keyed:
                key = _key(term)
                if key is None:
                    return None
                kinds.add(key[1] if key[0] == 2 else "")
                keyed[term] = key
        if len(kinds - {""}) > 1:  # numbers beside strings: SPARQL does not say which come first
            return None
        keys.append((column, keyed, descending))
    ordered = list(rows)
    if len({descending for _c, _k, descending in keys}) == 1:  # one pass with a composite key
        ordered.sort(key=lambda row: tuple(keyed[row[column]] for column, keyed, _d in keys),
                     reverse=keys[0][2])
    else:  # least significant first: Python's sort is stable, descending ones too
        for column, keyed, descending in reversed(keys):
            def by_column(row: Row, column: int = column, keyed: dict[Cell, SortKey] = keyed) -> SortKey:
                return keyed[row[column]]  # a def, not a lambda: mypy cannot type a lambda's defaults

            ordered.sort(key=by_column, reverse=descending)
    return ordered


def _key(term: Cell) -> SortKey | None:
    if term is None:
        return (0, "", "")
    if isinstance(term, URIRef):
        return (1, "", str(term))
    if isinstance(term, Literal) and term.language is None:
        datatype = str(term.datatype) if term.datatype is not None else _STRING
        if datatype == _STRING:
            return (2, "string", str(term))
        if datatype in _NUMERIC and isinstance(term.value, (int, float, Decimal)) and term.value == term.value:
            return (2, "number", term.value)  # NaN (which is not equal to itself) stays out
    return None
