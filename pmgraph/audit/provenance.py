"""Provenance in figures: for each kind of fact, how many there are and how each is supported —
stated by a source document (a framework's page, the article), derived from stated facts by a
documented rule (``pm:DerivationRule``), an editorial judgement only, or nobody — for the reference
ladder and for each bundled framework. A fact takes its strongest statement's grade (stated >
derived > editorial): a statement citing a rule is derived; else one citing a document stated.

CLI twin: ``pmgraph provenance [--format json]``.

A value on a qualified node (a move's years, a requirement's proficiency) is cited *per value*
when an ``rdf:Statement`` names that very triple. Where only the node as a whole carries
``dct:source`` (today's reference ladder), the value counts as "cited only as a whole": the node's
sources may state the move or the requirement without stating that number or level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import partial
from os import PathLike
from typing import TYPE_CHECKING, cast

from ..iris import FRAMEWORK_NS, PROLOGUE
from ..resources import framework_files

if TYPE_CHECKING:
    import rdflib

__all__ = ["KINDS", "FactCount", "provenance"]

_PROLOGUE = PROLOGUE

#: A fact's own citation: statements naming ``?s ?p ?o`` (bound by each query), as ?source.
_STATED = "{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dct:source ?source . BIND(\"value\" AS ?how) }"
#: The node's own citation, a statement of its own (?st is the node).
_SELF = '{ ?fact dct:source ?source . BIND("self" AS ?how) BIND(?fact AS ?st) }'
_NODE = '{ ?fact dct:source ?source . BIND("node" AS ?how) BIND(?fact AS ?st) }'

#: kind -> the query giving (?fact ?scope ?source ?how ?st) rows (?st: the statement citing ?source);
#: ?how is "value" (a statement names the
#: triple), "node" (the qualified node's own dct:source: the value is cited only as a whole), or
#: "self" (the node's dct:source, for a fact that is the node itself: a role, a move, a requirement).
_QUERIES: dict[str, str] = {
    "roles": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?fact a pm:Role . OPTIONAL { ?fact pm:framework ?scope }
  BIND(?fact AS ?s) BIND(rdf:type AS ?p) BIND(pm:Role AS ?o)
  OPTIONAL { SELF UNION STATED }
}""",
    "moves": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?fact a pm:Transition ; pm:fromRole ?s ; pm:toRole ?o . OPTIONAL { ?fact pm:framework ?scope }
  VALUES ?p { pm:promotesTo pm:lateralMoveTo } ?s ?p ?o .
  OPTIONAL { SELF UNION STATED }
}""",
    "move years": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?fact a pm:Transition ; pm:yearsMin ?o . OPTIONAL { ?fact pm:framework ?scope }
  BIND(?fact AS ?s) BIND(pm:yearsMin AS ?p)
  OPTIONAL { NODE UNION STATED }
}""",
    "requirements": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?s pm:hasSkillRequirement ?fact . ?fact pm:skill ?o . OPTIONAL { ?fact pm:framework ?scope }
  BIND(pm:requiresSkill AS ?p)
  OPTIONAL { SELF UNION STATED }
}""",
    "proficiencies": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?fact a pm:SkillRequirement ; pm:proficiency ?o . OPTIONAL { ?fact pm:framework ?scope }
  BIND(?fact AS ?s) BIND(pm:proficiency AS ?p)
  OPTIONAL { NODE UNION STATED }
}""",
    "reporting lines": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?s pm:reportsTo ?o . BIND(pm:reportsTo AS ?p) OPTIONAL { ?s pm:framework ?scope }
  BIND(CONCAT(STR(?s), " ", STR(?o)) AS ?fact)
  OPTIONAL { STATED }
}""",
    "responsibilities": """
SELECT ?fact ?scope ?source ?how ?st WHERE {
  ?s pm:hasResponsibility ?o . BIND(pm:hasResponsibility AS ?p) OPTIONAL { ?s pm:framework ?scope }
  BIND(CONCAT(STR(?s), " ", STR(?o)) AS ?fact)
  OPTIONAL { STATED }
}""",
}
KINDS = tuple(_QUERIES)

_EDITORIAL = _PROLOGUE + "\nSELECT ?source WHERE { ?source a pm:EditorialSource }"
_RULES = _PROLOGUE + "\nSELECT ?source WHERE { ?source a pm:DerivationRule }"


@dataclass(frozen=True)
class FactCount:
    """One kind of fact in one scope ("reference" or a framework id), counted by grade of evidence.

    Cited per value (or, for a role, move or requirement, by its node): ``stated``, a source
    document states it; ``derived``, a documented rule derives it (and no document states it);
    ``editorial``, only editorial judgement does. ``as_a_whole``: a value cited only through its
    node's sources; ``unsourced``: nobody. The five add up to ``total``; ``sourced`` is stated
    plus derived.
    """

    scope: str
    kind: str
    total: int
    stated: int
    derived: int
    editorial: int
    as_a_whole: int
    unsourced: int

    @property
    def sourced(self) -> int:
        """Stated or derived: a source document, or a rule from what one states, supports it."""
        return self.stated + self.derived

    @property
    def sourced_share(self) -> float:
        return self.sourced / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "sourced": self.sourced}


def _scope(iri: str | None) -> str:
    if iri is None:
        return "reference"
    return iri[len(FRAMEWORK_NS):] if iri.startswith(FRAMEWORK_NS) else iri


def provenance(files: Iterable[str | PathLike[str]] = (), *, graph: rdflib.Graph | None = None) -> list[FactCount]:
    """Who states what: the reference ladder (the bundled ontology plus ``files``) and each bundled
    framework, one :class:`FactCount` per scope and kind of fact. With ``graph`` (a remote store's,
    from :func:`pmgraph.loading.remote.connect`), what that graph holds instead.

    CLI twin: ``pmgraph provenance``; ``pmgraph --endpoint URL provenance`` for a store.

    Examples
    --------
    >>> counts = {(c.scope, c.kind): c for c in provenance()}
    >>> roles = counts["reference", "roles"]
    >>> roles.total == roles.stated + roles.derived + roles.editorial + roles.as_a_whole + roles.unsourced
    True
    >>> counts["ddat", "move years"].total  # no framework states years
    0
    """
    select: Callable[[str], list[tuple[str | None, ...]]]
    if graph is None:
        from ..loading.store import load_store, select as select_in

        store = load_store([*framework_files(), *files])
        select = partial(select_in, store)
    else:
        select = partial(_select_remote, graph)
    editorial = {row[0] for row in select(_EDITORIAL)}
    rules = {row[0] for row in select(_RULES)}

    def grade(cited: set[str | None]) -> int:  # a statement's: 0 stated, 1 derived, 2 editorial
        return 1 if cited & rules else 0 if cited - editorial else 2
    found: list[FactCount] = []
    scopes = ["reference", *(path.stem for path in framework_files())]
    for kind, body in _QUERIES.items():
        query = _PROLOGUE + body.replace("SELF", _SELF).replace("NODE", _NODE).replace("STATED", _STATED)
        # (scope, fact) -> how -> statement -> its sources
        facts: dict[tuple[str, str], dict[str, dict[str | None, set[str | None]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(set)))
        for fact, scope, source, how, statement in select(query):
            assert fact is not None  # every query binds it
            entry = facts[(_scope(scope), fact)]
            if source is not None and how is not None:
                entry[how][statement or fact].add(source)
        tally: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
        for (scope, _fact), by_how in facts.items():
            counts = tally[scope]
            counts[0] += 1
            own = [*by_how["value"].values(), *by_how["self"].values()]
            if own:
                counts[1 + min(grade(cited) for cited in own)] += 1
            elif by_how["node"]:
                counts[4] += 1
            else:
                counts[5] += 1
        for scope in [*scopes, *sorted(set(tally) - set(scopes))]:
            total, stated, derived, judged, whole, none = tally.get(scope, [0] * 6)
            found.append(FactCount(scope, kind, total, stated, derived, judged, whole, none))
    order = {scope: i for i, scope in enumerate(scopes)}
    return sorted(found, key=lambda c: (order.get(c.scope, len(order)), c.scope, KINDS.index(c.kind)))


def _select_remote(graph: rdflib.Graph, query: str) -> list[tuple[str | None, ...]]:
    """As :func:`pmgraph.loading.store.select`, on a remote graph (over the SPARQL 1.1 Protocol)."""
    answer = graph.query(query)  # sent as is: rdflib's SPARQLStore parses nothing locally
    # A SELECT's answer iterates rows of terms (rdflib types it loosely).
    return [tuple(None if term is None else str(term) for term in row)
            for row in cast("Iterable[tuple[object, ...]]", answer)]
