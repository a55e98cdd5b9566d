"""Reading the projection from a graph: the SELECT queries, their rows, the parts read lazily.

Everything is read by a few SPARQL SELECT queries, passed as plain strings with full PREFIX
declarations, so the same code runs against the embedded Oxigraph store and a remote SPARQL
endpoint. On the embedded store, what a command may not need (skill requirements and so each
move's effort, responsibilities and reporting lines, the name tables) is read on first use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType, NotImplementedType
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict, TypeVar, cast, overload

import networkx as nx

from ..iris import FRAMEWORK_NS, PM_NS, PROLOGUE
from .model import (
    KINDS,
    ROLE_NS,
    SKILL_NS,
    Attributes,
    CareerGraph,
    Evidence,
    Requirement,
    RoleRecord,
    SourceRecord,
    classify,
    effort_needed,
    local_id,
    normalise,
)

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib
    from rdflib.query import ResultRow

__all__ = ["build", "runner", "LazyMapping", "moves_digraph"]

#: One row of a SELECT: a ``str`` per variable, ``None`` where unbound. Which variables a query
#: may leave unbound is up to the query, so the row is typed loosely (the queries' results).
Row: TypeAlias = tuple[Any, ...]
#: Runs a SELECT and returns its rows (see :func:`runner`).
Run: TypeAlias = Callable[[str], list[Row]]
#: A concept's IRI -> its label to show (see ``name`` in :func:`build`), in a namespace.
_Name: TypeAlias = Callable[[str, str], str]
#: A kind's name tables: folded name -> id, and the folded names several concepts share.
_Tables: TypeAlias = tuple[Mapping[str, str], Mapping[str, tuple[str, ...]]]

_K = TypeVar("_K")
_V = TypeVar("_V")


class _Links(TypedDict):
    """The projection's links (see :func:`_links`), read together."""

    responsibilities: Mapping[str, Mapping[str, str]]
    reports_to: Mapping[str, tuple[str, ...]]
    reporting_sources: Mapping[str, Mapping[str, tuple[str, ...]]]
    requirement_sources: Mapping[str, Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]]
    requirement_evidence: Mapping[str, Mapping[str, tuple[Evidence, Evidence]]]
    reporting_evidence: Mapping[str, Mapping[str, Evidence]]
    responsibility_evidence: Mapping[str, Mapping[str, Evidence]]


class _Classifier:
    """The :class:`Evidence` of a value from its statements' source IRIs (see :func:`classify`)."""

    def __init__(self, sources: Mapping[str, SourceRecord]):
        self._sources = sources
        self._made: dict[frozenset[frozenset[str]], Evidence] = {}

    def __call__(self, statements: Iterable[Iterable[str]]) -> Evidence:
        key = frozenset(frozenset(s) for s in statements)
        found = self._made.get(key)
        if found is None:
            get = self._sources.get
            found = self._made[key] = classify(
                [(get(i) or SourceRecord(i, None, None, "document")) for i in group] for group in key)
        return found


def _best_label(labels: Iterable[tuple[str | None, str]]) -> str | None:
    """The label to show from (language, text) pairs: English, then untagged, then any; by text."""
    ranked = sorted(labels, key=lambda pair: ({"en": 0, None: 1}.get(pair[0], 2), pair[1]))
    return ranked[0][1] if ranked else None


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:  # an ill-typed literal; validation reports it
        return None


def _int(value: str | None) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


_PREFIX_BLOCK = PROLOGUE

# Roles with everything the projection keeps of them, in one pass over the roles (their labels
# and synonyms too: the concepts query below leaves roles out).
_ROLES_QUERY = _PREFIX_BLOCK + """
SELECT ?role ?label (LANG(?label) AS ?language) ?alt ?level ?track ?function ?definition
       ?experienceMin ?experienceMax ?experienceSource ?grade ?note WHERE {
  ?role a pm:Role .
  OPTIONAL { ?role skos:prefLabel ?label }
  OPTIONAL { ?role skos:altLabel ?alt }
  OPTIONAL { ?role pm:level ?level }
  OPTIONAL { ?role pm:track ?track }
  OPTIONAL { ?role pm:function ?function }
  OPTIONAL { ?role skos:definition ?definition }
  OPTIONAL { ?role pm:experienceYearsMin ?experienceMin ; pm:experienceYearsMax ?experienceMax
    OPTIONAL { ?statement rdf:subject ?role ; rdf:predicate pm:experienceYearsMin ; dct:source ?experienceSource } }
  OPTIONAL { ?role pm:grade ?grade }
  OPTIONAL { ?role pm:requirementsNote ?note }
}"""

_CONCEPTS_QUERY = _PREFIX_BLOCK + """
SELECT ?concept ?type ?label (LANG(?label) AS ?language) ?alt WHERE {
  VALUES ?type { pm:Skill pm:Track pm:Function pm:TransitionKind pm:Importance pm:Responsibility }
  ?concept a ?type .
  OPTIONAL { ?concept skos:prefLabel ?label }
  OPTIONAL { ?concept skos:altLabel ?alt }
}"""

_TRANSITIONS_QUERY = _PREFIX_BLOCK + """
SELECT ?transition ?from ?to ?kind ?yearsMin ?yearsMax WHERE {
  ?transition a pm:Transition ; pm:fromRole ?from ; pm:toRole ?to .
  OPTIONAL { ?transition pm:transitionKind ?kind }
  OPTIONAL { ?transition pm:yearsMin ?yearsMin }
  OPTIONAL { ?transition pm:yearsMax ?yearsMax }
}"""

# Who states each move, and who states its years, as plain joins of their own: inside the
# transitions query (OPTIONAL around a UNION) Oxigraph probed them per row, 126 s on 1M triples.
#   "move": the statements citing a move's shortcut triple (every bundled move is cited so);
#   "node": the transition node's own dct:source (a graph that cites whole nodes, e.g. an import);
#   "years": statements citing the years themselves (none: an estimate at best).
# Each row names its statement (the node for "node"): the grade of evidence is a statement's.
_TRANSITION_SOURCES_QUERIES = {
    "move": _PREFIX_BLOCK + """
SELECT ?from ?to ?source ?statement WHERE {
  VALUES ?shortcut { pm:promotesTo pm:lateralMoveTo }
  ?statement rdf:predicate ?shortcut ; rdf:subject ?from ; rdf:object ?to ; dct:source ?source .
}""",
    "node": _PREFIX_BLOCK + """
SELECT ?from ?to ?source ?transition WHERE {
  ?transition a pm:Transition ; pm:fromRole ?from ; pm:toRole ?to ; dct:source ?source .
}""",
    "years": _PREFIX_BLOCK + """
SELECT ?from ?to ?source ?statement WHERE {
  ?transition a pm:Transition ; pm:fromRole ?from ; pm:toRole ?to .
  ?statement rdf:subject ?transition ; rdf:predicate pm:yearsMin ; dct:source ?source .
}""",
}

_SOURCES_QUERY = _PREFIX_BLOCK + """
SELECT ?source ?type ?title ?url ?part ?notation ?attribution ?definition WHERE {
  VALUES ?type { pm:Framework pm:SourceDocument pm:EditorialSource pm:DerivationRule }
  ?source a ?type .
  OPTIONAL { ?source dct:title ?title }
  OPTIONAL { ?source schema:url ?url }
  OPTIONAL { ?source dct:isPartOf ?part }
  OPTIONAL { ?source skos:notation ?notation }
  OPTIONAL { ?source pm:attribution ?attribution }
  OPTIONAL { ?source skos:definition ?definition }
}"""

# One row per role, its requirements packed as "skill rank importance" lines: a 1M-triple graph
# has ~80k requirements, and reading them as 80k rows of four terms dominated the projection.
_REQUIREMENT_ENTRIES = """ pm:hasSkillRequirement ?requirement .
  ?requirement pm:skill ?skill ; pm:proficiency ?proficiency .
  ?proficiency pm:rank ?rank .
  OPTIONAL { ?requirement pm:importance ?importance }
  FILTER(isIRI(?skill))
  BIND(CONCAT(STR(?skill), " ", STR(?rank), " ", COALESCE(STR(?importance), "-")) AS ?entry)"""
_REQUIREMENTS_QUERY = (_PREFIX_BLOCK
                       + '\nSELECT ?role (GROUP_CONCAT(?entry; separator="\\n") AS ?entries) WHERE {\n  ?role'
                       + _REQUIREMENT_ENTRIES + "\n} GROUP BY ?role")


def _role_requirements_query(iri: str) -> str:
    """The requirements of the role ``iri`` alone, packed as :data:`_REQUIREMENTS_QUERY` packs them."""
    return (_PREFIX_BLOCK + f'\nSELECT ?role (GROUP_CONCAT(?entry; separator="\\n") AS ?entries) WHERE {{\n'
            f"  BIND(<{iri}> AS ?role)\n  <{iri}>" + _REQUIREMENT_ENTRIES + "\n} GROUP BY ?role")


_SKILL_CATEGORIES_QUERY = _PREFIX_BLOCK + """
SELECT ?skill ?label WHERE {
  ?skill a pm:Skill ; skos:broader ?category . ?category skos:prefLabel ?label .
}"""

_PROFICIENCY_QUERY = _PREFIX_BLOCK + """
SELECT ?rank ?label WHERE {
  ?proficiency a pm:ProficiencyLevel ; pm:rank ?rank .
  OPTIONAL { ?proficiency skos:prefLabel ?label }
}"""

_LINKS_QUERY = _PREFIX_BLOCK + """
SELECT ?role ?predicate ?object WHERE {
  VALUES ?predicate { pm:hasResponsibility pm:reportsTo }
  ?role a pm:Role ; ?predicate ?object .
}"""

_REPORTING_SOURCES_QUERY = _PREFIX_BLOCK + """
SELECT ?role ?manager ?source ?statement WHERE {
  ?statement rdf:predicate pm:reportsTo ; rdf:subject ?role ; rdf:object ?manager ; dct:source ?source .
}"""

# Who states each requirement: the statements citing its pm:requiresSkill shortcut, or (in a graph
# that cites nodes as a whole) the requirement node's own dct:source; and who states its
# proficiency: the statements citing the proficiency triple. Three plain joins: one query with a
# UNION inside the requirement join made Oxigraph probe per row (minutes on 1M triples).
_REQUIREMENT_SOURCES_QUERIES = {
    "r": _PREFIX_BLOCK + """
SELECT ?role ?skill ?source ?statement WHERE {
  ?statement rdf:predicate pm:requiresSkill ; rdf:subject ?role ; rdf:object ?skill ; dct:source ?source .
}""",
    "n": _PREFIX_BLOCK + """
SELECT ?role ?skill ?source ?requirement WHERE {
  ?role pm:hasSkillRequirement ?requirement . ?requirement pm:skill ?skill ; dct:source ?source .
}""",
    "p": _PREFIX_BLOCK + """
SELECT ?role ?skill ?source ?statement WHERE {
  ?role pm:hasSkillRequirement ?requirement . ?requirement pm:skill ?skill ; pm:proficiency ?level .
  ?statement rdf:subject ?requirement ; rdf:predicate pm:proficiency ; rdf:object ?level ; dct:source ?source .
}""",
}

_RESPONSIBILITY_SOURCES_QUERY = _PREFIX_BLOCK + """
SELECT ?role ?responsibility ?source ?statement WHERE {
  ?statement rdf:predicate pm:hasResponsibility ; rdf:subject ?role ; rdf:object ?responsibility ; dct:source ?source .
}"""

# --------------------------------------------------------------------------- reading rows


def _value(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | None) -> str | None:
    return None if term is None else term.value


def runner(graph: rdflib.Graph | pyoxigraph.Store) -> tuple[Run, bool]:
    """A function running a SELECT on ``graph``, and whether ``graph`` is the embedded store.

    The function returns plain rows: tuples in the SELECT's variable order holding IRIs, blank
    node ids and literals' lexical forms as ``str``, ``None`` where unbound. On the embedded
    Oxigraph store the query runs in pyoxigraph directly, skipping rdflib's per-value term
    conversion (the projection of a 1M-triple graph reads ~100k rows), and the function holds
    the pyoxigraph store, not the rdflib graph; elsewhere (rdflib's own store, a remote
    endpoint) it goes through ``graph.query``.
    """
    if type(graph).__module__ == "pyoxigraph":  # a Store from pmgraph.loading.store.load_store: no rdflib
        inner: pyoxigraph.Store | None = cast("pyoxigraph.Store", graph)
    else:  # an rdflib Graph (rdflib is loaded already)
        from ..loading.engines import oxigraph_store

        inner = oxigraph_store(graph)
    if inner is not None:
        store = inner

        def run_in_pyoxigraph(query: str) -> list[Row]:
            return [tuple(map(_value, solution)) for solution in cast("pyoxigraph.QuerySolutions", store.query(query))]

        return run_in_pyoxigraph, True

    def run(query: str) -> list[Row]:
        # rdflib types a result's rows as triples, ResultRows or an ASK's bool: a SELECT's are ResultRows
        rows = cast("Iterable[ResultRow]", graph.query(query))
        return [tuple(None if v is None else str(v) for v in row) for row in rows]

    return run, False


class LazyMapping(Mapping[_K, _V]):
    """A read-only mapping built on first use (the cache's parts, the links of a big graph)."""

    def __init__(self, build: Callable[[], Mapping[_K, _V]]):
        self._build: Callable[[], Mapping[_K, _V]] | None = build
        self._data: Mapping[_K, _V] | None = None

    def _get(self) -> Mapping[_K, _V]:
        if self._data is None:
            build = self._build
            assert build is not None  # dropped only once the data is built
            self._data = _read_directly(self, build())
            self._build = None  # drop what building needed (a store, a cache reader)
        return self._data

    def __getitem__(self, key: _K) -> _V:
        return self._get()[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _read_directly(lazy: Mapping[_K, _V], data: Mapping[_K, _V]) -> Mapping[_K, _V]:
    """Point ``lazy``'s get/keys/items/values at ``data``, now built: no Python-level call per
    read from then on (a 5,000-role page reads ~75k entries)."""
    patched: Any = lazy  # instance attributes shadowing the class's methods, which mypy does not allow
    patched.get, patched.keys, patched.items, patched.values = data.get, data.keys, data.items, data.values
    return data


def moves_digraph(nodes: dict[str, Attributes], edges: list[tuple[str, str, Attributes]]) -> nx.DiGraph[str]:
    """A DiGraph holding ``nodes`` (id -> attributes) and ``edges`` (u, v, attributes).

    The same graph as ``add_nodes_from`` + ``add_edges_from`` would build, with networkx's
    adjacency dicts filled directly: on 13k roles those two calls' per-item bookkeeping cost
    more than reading the cache.
    """
    digraph: nx.DiGraph[str] = nx.DiGraph()
    succ: dict[str, dict[str, Attributes]] = {n: {} for n in nodes}
    pred: dict[str, dict[str, Attributes]] = {n: {} for n in nodes}
    for u, v, data in edges:
        if u not in succ or v not in succ:  # not expected from a projection; keep networkx's rules
            digraph.add_nodes_from(nodes.items())
            digraph.add_edges_from(edges)
            return digraph
        succ[u][v] = data
        pred[v][u] = data
    internals: Any = digraph  # networkx's own dicts, which its stubs leave out
    internals._node.update(nodes)
    internals._succ.update(succ)  # _adj is the same dict as _succ in a DiGraph
    internals._pred.update(pred)
    return digraph


_KIND_OF_SOURCE = {PM_NS + "Framework": "framework", PM_NS + "SourceDocument": "document",
                   PM_NS + "EditorialSource": "editorial", PM_NS + "DerivationRule": "rule"}


def read_sources(rows: list[Row]) -> dict[str, SourceRecord]:
    """Source IRI -> its record, from :data:`_SOURCES_QUERY` rows (a framework is also a document;
    an editorial source of a framework is editorial; a derivation rule, also an editorial source, is a rule)."""
    found: dict[str, list[Any]] = {}
    rank = {"rule": 0, "editorial": 1, "framework": 2, "document": 3}
    for iri, kind, title, url, part, notation, attribution, definition in rows:
        entry = found.setdefault(iri, [None, None, "document", None, None, None, None])
        what = _KIND_OF_SOURCE.get(kind, "document")
        if rank[what] < rank[entry[2]]:
            entry[2] = what
        for i, value in ((0, title), (1, url), (4, notation), (5, attribution), (6, definition)):
            if value is not None and (entry[i] is None or value < entry[i]):
                entry[i] = value
        if part is not None and part.startswith(FRAMEWORK_NS):
            entry[3] = part[len(FRAMEWORK_NS):]
    records = {}
    for iri, (title, url, kind, framework, notation, attribution, definition) in found.items():
        if kind == "framework":
            framework = iri[len(FRAMEWORK_NS):] if iri.startswith(FRAMEWORK_NS) else framework
        records[iri] = SourceRecord(iri, title, url, kind, framework, notation, attribution, definition)
    return records


def build(run: Run, *, lazy: bool) -> CareerGraph:
    """The projection from the rows ``run`` returns; ``lazy``: read some parts on first use."""
    prefs: dict[str, list[tuple[str | None, str]]] = defaultdict(list)  # concept -> (language, label)
    alts: dict[str, set[str]] = defaultdict(set)
    typed: dict[str, set[str]] = defaultdict(set)

    def named(concept: str, label: str | None, language: str | None, alt: str | None) -> None:
        if label is not None:
            entry = (language or None, label)
            if entry not in prefs[concept]:
                prefs[concept].append(entry)
        if alt is not None:
            alts[concept].add(alt)

    for concept, kind, label, language, alt in run(_CONCEPTS_QUERY):
        typed[kind].add(concept)
        named(concept, label, language, alt)
    role_rows: dict[str, list[str | None]] = {}
    experience_sources: dict[str, set[str]] = defaultdict(set)
    grades: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, str] = {}  # role -> why it has no skill requirement (pm:requirementsNote)
    # values: level, track, function, definition, experience min and max
    for iri, label, language, alt, *values, experience_source, grade, note in run(_ROLES_QUERY):
        named(iri, label, language, alt)
        if note is not None:
            notes.setdefault(iri, note)
        if experience_source is not None:
            experience_sources[iri].add(experience_source)
        if grade is not None:
            grades[iri].add(grade)
        record = role_rows.get(iri)
        if record is None:
            role_rows[iri] = values
        else:  # several rows: labels, synonyms, or a second value (validation reports it); keep the first
            record[:] = [old if old is not None else new for old, new in zip(record, values)]
    typed[KINDS["role"]] = set(role_rows)
    label_of = {concept: _best_label(labels) for concept, labels in prefs.items()}

    @overload
    def name(iri: str, namespace: str = "") -> str: ...
    @overload
    def name(iri: str | None, namespace: str = "") -> str | None: ...

    def name(iri: str | None, namespace: str = "") -> str | None:
        if iri is None:
            return None
        return label_of.get(iri) or local_id(iri, namespace) or iri
    roles: dict[str, RoleRecord] = {}
    iri_to_id: dict[str, str] = {}
    for iri in sorted(role_rows):
        level, track, function, definition, least, most = role_rows[iri]
        rid = local_id(iri, ROLE_NS)
        iri_to_id[iri] = rid
        low, high = _number(least), _number(most)
        roles[rid] = RoleRecord(
            id=rid, iri=iri, label=label_of.get(iri) or rid, level=_int(level),
            track=name(track, PM_NS), function=name(function, PM_NS),
            synonyms=tuple(sorted(alts.get(iri, ()))), definition=definition,
            experience=None if low is None or high is None else (low, high),
            experience_sources=tuple(sorted(experience_sources.get(iri, ()))),
            grades=tuple(sorted(grades.get(iri, ()))), requirements_note=notes.get(iri),
        )

    proficiency: dict[int, str] = {}
    for rank, label in run(_PROFICIENCY_QUERY):
        rank = _int(rank)
        if rank is not None:
            proficiency[rank] = label if label is not None else str(rank)

    skills = {local_id(iri, SKILL_NS): name(iri, SKILL_NS) for iri in sorted(typed[KINDS["skill"]])}
    categories: dict[str, str] = {}
    for skill_iri, category_label in sorted(run(_SKILL_CATEGORIES_QUERY)):
        categories.setdefault(local_id(skill_iri, SKILL_NS), category_label)
    # Requirements are immutable and a big graph repeats the same (skill, rank, importance)
    # across thousands of roles: make each once. Entries are "skill-iri rank importance-iri|-".
    made: dict[str, Requirement | None] = {}

    def read_requirements(rows: list[Row]) -> Mapping[str, Mapping[str, Requirement]]:
        requirements: dict[str, dict[str, Requirement]] = defaultdict(dict)
        for role_iri, entries in rows:
            role = iri_to_id.get(role_iri)
            if role is None or not entries:
                continue
            needs = requirements[role]
            for entry in entries.split("\n"):
                requirement: Requirement | None | Literal[False] = made.get(entry, False)
                if requirement is False:
                    requirement = made[entry] = _requirement(entry, proficiency, name)
                if requirement is None:
                    continue
                previous = needs.get(requirement.skill)
                if previous is None or requirement.rank > previous.rank:
                    needs[requirement.skill] = requirement
        return _freeze(requirements)

    requirements: Mapping[str, Mapping[str, Requirement]]
    if lazy:
        requirements = _Requirements(
            lambda: read_requirements(run(_REQUIREMENTS_QUERY)),
            lambda rid: read_requirements(run(_role_requirements_query(roles[rid].iri))).get(rid)
            if rid in roles and ":" in roles[rid].iri else NotImplemented,  # a blank node: read all
        )
    else:
        requirements = read_requirements(run(_REQUIREMENTS_QUERY))

    # (source, target) -> [kind, years min, years max, {cited IRIs}, {IRIs citing the years},
    #                      {statement citing the move: {its sources}}]
    edges: dict[tuple[str, str], list[Any]] = {}
    for _transition, source, target, kind, low, high in run(_TRANSITIONS_QUERY):
        source, target = iri_to_id.get(source), iri_to_id.get(target)
        if source is None or target is None:
            continue
        edge = edges.get((source, target))
        if edge is None:
            edge = edges[(source, target)] = [None, None, None, set(), set(), defaultdict(set)]
        for i, value in ((0, kind), (1, low), (2, high)):
            if value is not None and edge[i] is None:
                edge[i] = name(kind, PM_NS) if i == 0 else _number(value)
    for which, query in _TRANSITION_SOURCES_QUERIES.items():
        for source, target, cited, statement in run(query):
            found = edges.get((iri_to_id.get(source, ""), iri_to_id.get(target, "")))
            if found is not None:
                found[4 if which == "years" else 3].add(cited)
                if which != "years":
                    found[5][statement].add(cited)
    sources = read_sources(run(_SOURCES_QUERY))
    evidence = _Classifier(sources)

    nodes: dict[str, Attributes] = {
        rid: {"label": role.label, "level": role.level, "track": role.track, "function": role.function}
        for rid, role in roles.items()}  # sorted: node and edge order make results deterministic
    moves: list[tuple[str, str, Attributes]] = []
    for (source, target) in sorted(edges):
        kind, low, high, cited, years_cited, statements = edges[(source, target)]
        low = high if low is None else low
        high = low if high is None else high
        move: Attributes = {"kind": kind or "transition", "years_min": low, "years_max": high,
                            "years_mid": None if low is None else (low + high) / 2,
                            "sources": tuple(sorted(cited)), "years_sources": tuple(sorted(years_cited)), "hops": 1,
                            "evidence": evidence(statements.values())}
        if not lazy:
            move["effort"] = effort_needed(requirements.get(target, {}), requirements.get(source, {}))
        moves.append((source, target, move))
    digraph = moves_digraph(nodes, moves)

    def name_tables(kind: str) -> _Tables:
        """Folded name -> id for one kind of concept, and the names several concepts share."""
        table: dict[str, str] = {}
        clashes: dict[str, set[str]] = defaultdict(set)
        namespace = {"role": ROLE_NS, "skill": SKILL_NS}.get(kind, PM_NS)
        entries: list[tuple[str, set[str], set[str]]] = []  # (key, its id and IRI, its names)
        for iri in sorted(typed[KINDS[kind]]):
            key = iri_to_id.get(iri) if kind == "role" else (
                local_id(iri, SKILL_NS) if kind == "skill" else name(iri, namespace))
            if key is None:
                continue
            names_of = {*(label for _language, label in prefs.get(iri, ())), *alts.get(iri, ())}
            if kind in ("track", "function"):  # "ProductFunction" -> "product function"
                names_of.add(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_id(iri, namespace)))
            entries.append((key, {iri, local_id(iri, namespace)}, names_of))
        # Ids and IRIs first: they are unique; a label or synonym never shadows one.
        for key, ids, _names in entries:
            for form in ids:
                table.setdefault(normalise(form), key)
        for key, ids, names_of in entries:
            for form in names_of:
                folded = normalise(form)
                if table.setdefault(folded, key) != key and folded not in {normalise(i) for i in ids}:
                    clashes[folded] |= {table[folded], key}
        return MappingProxyType(table), MappingProxyType({k: tuple(sorted(v)) for k, v in clashes.items()})

    # Each kind's tables are built when a name of that kind is first looked up: a path between
    # two roles named by id needs none, one named by label the roles' only.
    tables: dict[str, _Tables] = {}
    names: _PerKind[Mapping[str, str]] = _PerKind(tables, name_tables, 0)
    ambiguous: _PerKind[Mapping[str, tuple[str, ...]]] = _PerKind(tables, name_tables, 1)

    def links() -> _Links:
        return _links(run, iri_to_id, name, evidence)

    shared: LazyMapping[str, Any] = LazyMapping(links)  # a _Links: each part is typed by the field it fills below
    if not lazy:
        shared._get()  # a remote or rdflib graph: read now, and hold no reference to it
    return CareerGraph(
        _moves=digraph,
        _effort_pending=[True] if lazy else [],
        roles=MappingProxyType(roles),
        requirements=requirements,
        responsibilities=LazyMapping(lambda: shared["responsibilities"]),
        reports_to=LazyMapping(lambda: shared["reports_to"]),
        reporting_sources=LazyMapping(lambda: shared["reporting_sources"]),
        requirement_sources=LazyMapping(lambda: shared["requirement_sources"]),
        requirement_evidence=LazyMapping(lambda: shared["requirement_evidence"]),
        reporting_evidence=LazyMapping(lambda: shared["reporting_evidence"]),
        responsibility_evidence=LazyMapping(lambda: shared["responsibility_evidence"]),
        skills=MappingProxyType(dict(sorted(skills.items()))),
        skill_categories=MappingProxyType(categories),
        proficiency=MappingProxyType(dict(sorted(proficiency.items()))),
        _names=names,
        _ambiguous=ambiguous,
        sources=MappingProxyType(dict(sorted(sources.items()))),
    )


class _PerKind(Mapping[str, _V]):
    """Kind ("role", "skill", "track", "function") -> one of that kind's name tables, built on
    first use by ``build(kind)``, which returns both (they share ``built``)."""

    def __init__(self, built: dict[str, _Tables], build: Callable[[str], _Tables], index: Literal[0, 1]):
        self._built, self._build, self._index = built, build, index

    def __getitem__(self, kind: str) -> _V:
        if kind not in self._built:
            if kind not in KINDS:
                raise KeyError(kind)
            self._built[kind] = self._build(kind)
        # _V: the table at index 0 (names) or 1 (names several concepts share), as the caller declares
        return cast(_V, self._built[kind][self._index])

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


def _requirement(entry: str, proficiency: Mapping[int, str], name: _Name) -> Requirement | None:
    """The :class:`Requirement` packed in ``entry`` ("skill-iri rank importance-iri|-"), or None."""
    skill_iri, rank_text, importance = entry.split(" ")
    rank = _int(rank_text)
    if rank is None:
        return None
    return Requirement(skill=local_id(skill_iri, SKILL_NS), label=name(skill_iri, SKILL_NS), rank=rank,
                       proficiency=proficiency.get(rank, str(rank)),
                       importance=None if importance == "-" else name(importance, PM_NS))


class _Requirements(Mapping[str, Mapping[str, Requirement]]):
    """Role id -> skill id -> :class:`Requirement`, read from the store when first asked for.

    The first few roles asked for are read one by one, each with a query of its own (a path's
    efforts need a dozen roles); after that, or when iterated, every role's at once.
    """

    _ONE_BY_ONE = 32

    def __init__(self, read_all: Callable[[], Mapping[str, Mapping[str, Requirement]]],
                 read_one: Callable[[str], Mapping[str, Requirement] | None | NotImplementedType]):
        self._read_all: Callable[[], Mapping[str, Mapping[str, Requirement]]] | None = read_all
        self._read_one: Callable[[str], Mapping[str, Requirement] | None | NotImplementedType] | None = read_one
        self._all: Mapping[str, Mapping[str, Requirement]] | None = None
        self._some: dict[str, Mapping[str, Requirement] | None] = {}

    def _everything(self) -> Mapping[str, Mapping[str, Requirement]]:
        if self._all is None:
            read_all = self._read_all
            assert read_all is not None  # dropped only once everything is read
            self._all = _read_directly(self, read_all())
            self._read_all = self._read_one = None  # drop the store
            self._some = {}
        return self._all

    def __getitem__(self, role: str) -> Mapping[str, Requirement]:
        if self._all is None and len(self._some) < self._ONE_BY_ONE:
            read_one = self._read_one
            assert read_one is not None  # dropped only once everything is read
            found = self._some[role] if role in self._some else read_one(role)
            if found is not NotImplemented:
                self._some[role] = found
                if found is None:
                    raise KeyError(role)
                return found
        return self._everything()[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())


def _freeze(table: Mapping[str, Mapping[str, _V]]) -> Mapping[str, Mapping[str, _V]]:
    # Sorted inside too: engines return rows in their own order (GROUP_CONCAT's differs between
    # the embedded store and a remote one), and the same graph must give the same projection.
    return MappingProxyType({k: MappingProxyType(dict(sorted(v.items()))) for k, v in sorted(table.items())})


def _links(run: Run, iri_to_id: Mapping[str, str], name: Callable[[str], str], evidence: _Classifier) -> _Links:
    """Responsibilities, reporting lines and the sources citing them, as the projection holds them."""
    responsibilities: dict[str, dict[str, str]] = defaultdict(dict)
    reports_to: dict[str, set[str]] = defaultdict(set)
    has_responsibility = PM_NS + "hasResponsibility"
    for role, predicate, obj in run(_LINKS_QUERY):
        role = iri_to_id.get(role)
        if role is None:
            continue
        if predicate == has_responsibility:
            responsibilities[role][obj] = name(obj) or obj
        elif obj in iri_to_id:
            reports_to[role].add(iri_to_id[obj])

    reporting_sources: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    reporting_statements: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for role, manager, cited, statement in run(_REPORTING_SOURCES_QUERY):
        role, manager = iri_to_id.get(role), iri_to_id.get(manager)
        if role is not None and manager is not None and manager in reports_to.get(role, ()):
            reporting_sources[role][manager].add(cited)
            reporting_statements[(role, manager)][statement].add(cited)
    cited_requirements: dict[str, dict[str, tuple[set[str], set[str]]]] = defaultdict(dict)
    # (role, skill) -> ({statement: sources} of the requirement, of its proficiency)
    requirement_statements: dict[tuple[str, str], tuple[dict[str, set[str]], dict[str, set[str]]]] = {}
    for which, query in _REQUIREMENT_SOURCES_QUERIES.items():
        for role, skill, cited, statement in run(query):
            role = iri_to_id.get(role)
            if role is None or skill is None:  # any skill IRI: a framework's own skills are cited too
                continue
            skill = local_id(skill, SKILL_NS)
            entry = cited_requirements[role].setdefault(skill, (set(), set()))
            entry[1 if which == "p" else 0].add(cited)
            groups = requirement_statements.setdefault((role, skill), (defaultdict(set), defaultdict(set)))
            groups[1 if which == "p" else 0][statement].add(cited)
    responsibility_statements: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for role, duty, cited, statement in run(_RESPONSIBILITY_SOURCES_QUERY):
        role = iri_to_id.get(role)
        if role is not None and duty in responsibilities.get(role, {}):
            responsibility_statements[(role, duty)][statement].add(cited)
    requirement_evidence: dict[str, dict[str, tuple[Evidence, Evidence]]] = defaultdict(dict)
    for (role, skill), (stated, levels) in requirement_statements.items():
        requirement_evidence[role][skill] = (evidence(stated.values()), evidence(levels.values()))
    reporting_evidence: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for role, managers in reports_to.items():
        for manager in managers:
            reporting_evidence[role][manager] = evidence(reporting_statements.get((role, manager), {}).values())
    responsibility_evidence: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for role, duties in responsibilities.items():
        for duty in duties:
            responsibility_evidence[role][duty] = evidence(responsibility_statements.get((role, duty), {}).values())
    return {
        "requirement_evidence": _freeze(requirement_evidence),
        "reporting_evidence": _freeze(reporting_evidence),
        "responsibility_evidence": _freeze(responsibility_evidence),
        "requirement_sources": MappingProxyType({
            role: MappingProxyType({skill: (tuple(sorted(r)), tuple(sorted(p)))
                                    for skill, (r, p) in sorted(skills.items())})
            for role, skills in sorted(cited_requirements.items())}),
        "responsibilities": _freeze(responsibilities),
        "reports_to": MappingProxyType({k: tuple(sorted(v)) for k, v in sorted(reports_to.items())}),
        "reporting_sources": MappingProxyType({
            role: MappingProxyType({m: tuple(sorted(c)) for m, c in sorted(managers.items())})
            for role, managers in sorted(reporting_sources.items())}),
    }
