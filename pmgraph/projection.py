"""The networkx projection of the graph, and name resolution.

Everything paths and skill deltas need is read from the RDF graph by a few SPARQL SELECT
queries, passed as plain strings with full PREFIX declarations, so the same code runs against
the embedded Oxigraph store and a remote SPARQL endpoint (rdflib ``SPARQLStore``). After that it
is networkx and Python. :func:`project` builds the projection once per graph object and caches it.

Role and skill names from users are normalised by :func:`normalise` and resolved in one place,
:func:`resolve_role` (and its twin for skills, :func:`resolve_skill`).
"""

from __future__ import annotations

import gc
import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import networkx as nx
from .errors import UnknownRoleError

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib
from .iris import PM_NS, PREFIXES

__all__ = [
    "CareerGraph",
    "RoleRecord",
    "Requirement",
    "project",
    "normalise",
    "resolve_role",
    "resolve_skill",
    "resolve_track",
    "resolve_function",
]

_PREFIX_BLOCK = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())

# Roles with everything the projection keeps of them, in one pass over the roles (their labels
# and synonyms too: the concepts query below leaves roles out).
_ROLES_QUERY = _PREFIX_BLOCK + """
SELECT ?role ?label (LANG(?label) AS ?language) ?alt ?level ?track ?function ?definition WHERE {
  ?role a pm:Role .
  OPTIONAL { ?role skos:prefLabel ?label }
  OPTIONAL { ?role skos:altLabel ?alt }
  OPTIONAL { ?role pm:level ?level }
  OPTIONAL { ?role pm:track ?track }
  OPTIONAL { ?role pm:function ?function }
  OPTIONAL { ?role skos:definition ?definition }
}"""

_CONCEPTS_QUERY = _PREFIX_BLOCK + """
SELECT ?concept ?type ?label (LANG(?label) AS ?language) ?alt WHERE {
  VALUES ?type { pm:Skill pm:Track pm:Function pm:TransitionKind pm:Importance pm:Responsibility }
  ?concept a ?type .
  OPTIONAL { ?concept skos:prefLabel ?label }
  OPTIONAL { ?concept skos:altLabel ?alt }
}"""

_TRANSITIONS_QUERY = _PREFIX_BLOCK + """
SELECT ?transition ?from ?to ?kind ?yearsMin ?yearsMax ?source WHERE {
  ?transition a pm:Transition ; pm:fromRole ?from ; pm:toRole ?to .
  OPTIONAL { ?transition pm:transitionKind ?kind }
  OPTIONAL { ?transition pm:yearsMin ?yearsMin }
  OPTIONAL { ?transition pm:yearsMax ?yearsMax }
  OPTIONAL { ?transition dct:source ?source }
}"""

# One row per role, its requirements packed as "skill rank importance" lines: a 1M-triple graph
# has ~80k requirements, and reading them as 80k rows of four terms dominated the projection.
_REQUIREMENT_ENTRIES = """ pm:hasSkillRequirement ?requirement .
  ?requirement pm:skill ?skill ; pm:proficiency ?proficiency .
  ?proficiency pm:rank ?rank .
  OPTIONAL { ?requirement pm:importance ?importance }
  FILTER(isIRI(?skill))
  BIND(CONCAT(STR(?skill), " ", STR(?rank), " ", COALESCE(STR(?importance), "-")) AS ?entry)"""
_REQUIREMENTS_QUERY = (_PREFIX_BLOCK + '\nSELECT ?role (GROUP_CONCAT(?entry; separator="\\n") AS ?entries) WHERE {\n  ?role'
                       + _REQUIREMENT_ENTRIES + "\n} GROUP BY ?role")


def _role_requirements_query(iri: str) -> str:
    """The requirements of the role ``iri`` alone, packed as :data:`_REQUIREMENTS_QUERY` packs them."""
    return (_PREFIX_BLOCK + f'\nSELECT ?role (GROUP_CONCAT(?entry; separator="\\n") AS ?entries) WHERE {{\n'
            f"  BIND(<{iri}> AS ?role)\n  <{iri}>" + _REQUIREMENT_ENTRIES + "\n} GROUP BY ?role")


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
SELECT ?role ?manager ?source WHERE {
  ?statement rdf:predicate pm:reportsTo ; rdf:subject ?role ; rdf:object ?manager ; dct:source ?source .
}"""


@dataclass(frozen=True)
class RoleRecord:
    """One role as the projection sees it.

    ``id`` is the IRI's local part under ``https://w3id.org/pmgraph/role/`` (the full IRI for a
    role minted elsewhere); ``track`` and ``function`` are their preferred labels.
    """

    id: str
    iri: str
    label: str
    level: int | None
    track: str | None
    function: str | None
    synonyms: tuple[str, ...] = ()
    definition: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "iri": self.iri, "label": self.label, "level": self.level,
            "track": self.track, "function": self.function, "synonyms": list(self.synonyms),
            "definition": self.definition,
        }


@dataclass(frozen=True)
class Requirement:
    """A role's need for a skill: proficiency ``rank`` (and its label) and importance."""

    skill: str
    label: str
    rank: int
    proficiency: str
    importance: str | None


@dataclass(frozen=True, eq=False)
class CareerGraph:
    """The projection: a :class:`networkx.DiGraph` of roles and transitions, plus lookups.

    Nodes are role ids with attributes ``label``, ``level``, ``track``, ``function``; edges are
    transitions with ``kind`` (its label: "promotion", "lateral move", ...), ``years_min``,
    ``years_max``, ``years_mid``, ``sources`` (IRIs), ``hops`` (1) and ``effort`` (proficiency
    steps the target role needs beyond the source role). One transition per ordered pair.
    Treat it as read-only: it is shared by every call on the same loaded graph.

    Built from the embedded store, the skill requirements are read when first used (a role's
    own when one role's are asked for), and so is each move's effort: a path by hops or years
    on a 1M-triple graph needs the requirements of the roles on it only.
    """

    #: The roles and moves; a move's "effort" may be missing until :attr:`digraph` is read.
    _moves: nx.DiGraph = field(repr=False)
    roles: Mapping[str, RoleRecord]
    requirements: Mapping[str, Mapping[str, Requirement]]
    responsibilities: Mapping[str, Mapping[str, str]]
    reports_to: Mapping[str, tuple[str, ...]]
    skills: Mapping[str, str]
    proficiency: Mapping[int, str]
    _names: Mapping[str, Mapping[str, str]] = field(repr=False)
    #: role id -> manager id -> the sources citing that reporting line (IRIs, sorted)
    reporting_sources: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    _ambiguous: Mapping[str, Mapping[str, tuple[str, ...]]] = field(repr=False, default_factory=dict)
    #: [True] while some moves lack their effort
    _effort_pending: list = field(repr=False, default_factory=list)

    @property
    def digraph(self) -> nx.DiGraph:
        """Roles and transitions as a :class:`networkx.DiGraph`, every edge with its ``effort``."""
        if self._effort_pending:
            for u, v, data in self._moves.edges(data=True):
                if "effort" not in data:
                    data["effort"] = self.effort(u, v)
            self._effort_pending.clear()
        return self._moves

    def effort(self, source: str, target: str) -> int:
        """The effort of the move ``source`` -> ``target``: proficiency steps to learn."""
        data = self._moves.edges[source, target]
        found = data.get("effort")
        if found is None:
            found = data["effort"] = _effort(self.requirements.get(target, {}), self.requirements.get(source, {}))
        return found

    def label(self, role: str) -> str:
        """The preferred label of role id ``role``."""
        return self.roles[role].label

    def skill_label(self, skill: str) -> str:
        return self.skills.get(skill, skill)

    def proficiency_label(self, rank: int) -> str:
        return self.proficiency.get(rank, str(rank))

    def to_dict(self) -> dict:
        """Plain data (JSON-ready) from which :meth:`from_dict` rebuilds an equal projection."""
        return {
            "roles": [r.to_dict() for r in self.roles.values()],
            "edges": [[u, v, {**d, "sources": list(d["sources"])}] for u, v, d in self.digraph.edges(data=True)],
            "requirements": {role: [[q.skill, q.label, q.rank, q.proficiency, q.importance] for q in needs.values()]
                             for role, needs in self.requirements.items()},
            "responsibilities": {role: dict(duties) for role, duties in self.responsibilities.items()},
            "reports_to": {role: list(managers) for role, managers in self.reports_to.items()},
            "reporting_sources": {role: {m: list(s) for m, s in managers.items()}
                                  for role, managers in self.reporting_sources.items()},
            "skills": dict(self.skills),
            "proficiency": [[rank, label] for rank, label in self.proficiency.items()],
            "names": {kind: dict(table) for kind, table in self._names.items()},
            "ambiguous": {kind: {k: list(v) for k, v in table.items()} for kind, table in self._ambiguous.items()},
        }


# --------------------------------------------------------------------------- names


def normalise(text: str) -> str:
    """Fold a name for matching: case, accents and punctuation do not count.

    Examples
    --------
    >>> normalise("  Chief-Product  Officer! ")
    'chief product officer'
    >>> normalise("Head of Product (HoP)")
    'head of product hop'
    """
    text = str(text)
    if not text.isascii():  # strip accents; plain ASCII (nearly every name) skips this
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_ALNUM.sub(" ", text.casefold()).split())


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _local(iri: str, namespace: str) -> str:
    return iri[len(namespace):] if iri.startswith(namespace) else iri


_ROLE_NS, _SKILL_NS = PREFIXES["role"], PREFIXES["skill"]
_KINDS = {"role": PM_NS + "Role", "skill": PM_NS + "Skill", "track": PM_NS + "Track", "function": PM_NS + "Function"}


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


def _int(value) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


# --------------------------------------------------------------------------- reading rows


def _value(term) -> str | None:
    return None if term is None else term.value


def _runner(graph) -> tuple[Callable[[str], list[tuple]], bool]:
    """A function running a SELECT on ``graph``, and whether ``graph`` is the embedded store.

    The function returns plain rows: tuples in the SELECT's variable order holding IRIs, blank
    node ids and literals' lexical forms as ``str``, ``None`` where unbound. On the embedded
    Oxigraph store the query runs in pyoxigraph directly, skipping rdflib's per-value term
    conversion (the projection of a 1M-triple graph reads ~100k rows), and the function holds
    the pyoxigraph store, not the rdflib graph; elsewhere (rdflib's own store, a remote
    endpoint) it goes through ``graph.query``.
    """
    store = getattr(graph, "store", None)
    inner = getattr(store, "_inner", None) if getattr(store, "_store", None) is not None else None
    if inner is None and type(graph).__module__ == "pyoxigraph":  # a Store from pmgraph.store.load_store
        inner = graph
    if inner is not None:
        def run(query: str) -> list[tuple]:
            return [tuple(map(_value, solution)) for solution in inner.query(query)]

        return run, True

    def run(query: str) -> list[tuple]:
        return [tuple(None if v is None else str(v) for v in row) for row in graph.query(query)]

    return run, False


class _Lazy(Mapping):
    """A read-only mapping built on first use (the cache's parts, the links of a big graph)."""

    def __init__(self, build: Callable[[], Mapping]):
        self._build = build
        self._data: Mapping | None = None

    def _get(self) -> Mapping:
        if self._data is None:
            self._data = self._build()
            self._build = None  # drop what building needed (a store, a cache reader)
        return self._data

    def __getitem__(self, key):
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _digraph(nodes: dict[str, dict], edges: list[tuple[str, str, dict]]) -> nx.DiGraph:
    """A DiGraph holding ``nodes`` (id -> attributes) and ``edges`` (u, v, attributes).

    The same graph as ``add_nodes_from`` + ``add_edges_from`` would build, with networkx's
    adjacency dicts filled directly: on 13k roles those two calls' per-item bookkeeping cost
    more than reading the cache.
    """
    digraph = nx.DiGraph()
    succ: dict[str, dict] = {n: {} for n in nodes}
    pred: dict[str, dict] = {n: {} for n in nodes}
    for u, v, data in edges:
        if u not in succ or v not in succ:  # not expected from a projection; keep networkx's rules
            digraph.add_nodes_from(nodes.items())
            digraph.add_edges_from(edges)
            return digraph
        succ[u][v] = data
        pred[v][u] = data
    digraph._node.update(nodes)
    digraph._succ.update(succ)  # _adj is the same dict as _succ in a DiGraph
    digraph._pred.update(pred)
    return digraph


# --------------------------------------------------------------------------- projection

_CACHE: dict[int, tuple[weakref.ref, CareerGraph]] = {}


def project(graph: rdflib.Graph | pyoxigraph.Store) -> CareerGraph:
    """The :class:`CareerGraph` of ``graph``, built on first use and cached per graph object.

    ``graph`` is an rdflib Graph from :func:`pmgraph.load` or :func:`pmgraph.remote.connect`,
    or a pyoxigraph Store from :func:`pmgraph.store.load_store` (projected afresh on each
    call: a Store takes no weak references). Build it again by loading again: a graph changed
    after its first projection is not re-read. On the embedded store, responsibilities and
    reporting lines are read when first used (a path needs neither). Accepts a :class:`CareerGraph` too and returns it unchanged.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> career = project(graph)
    >>> career.digraph.number_of_nodes(), career.digraph.number_of_edges()
    (8, 10)
    >>> project(graph) is career
    True
    """
    if isinstance(graph, CareerGraph):
        return graph
    if type(graph).__module__ == "pyoxigraph":  # no weak references to a Store: not cached
        return _project(graph)
    # rdflib Graphs compare and hash by identifier (every Oxigraph graph has the same one), so
    # key by object identity and check the weak reference still points at this graph.
    cached = _CACHE.get(id(graph))
    if cached is not None and cached[0]() is graph:
        return cached[1]
    career = _project(graph)
    key = id(graph)
    _CACHE[key] = (weakref.ref(graph, lambda _ref, key=key: _CACHE.pop(key, None)), career)
    return career


def _project(graph) -> CareerGraph:
    run, embedded = _runner(graph)
    collecting = gc.isenabled()
    gc.disable()  # ~1M new objects on a big graph: the cyclic collector would run hundreds of times
    try:
        career = _build(run, lazy=embedded)
    finally:
        if collecting:
            gc.enable()
    return career


def _build(run: Callable[[str], list[tuple]], *, lazy: bool) -> CareerGraph:
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
    role_rows: dict[str, list] = {}
    for iri, label, language, alt, *values in run(_ROLES_QUERY):  # values: level, track, function, definition
        named(iri, label, language, alt)
        record = role_rows.get(iri)
        if record is None:
            role_rows[iri] = values
        else:  # several rows: labels, synonyms, or a second value (validation reports it); keep the first
            record[:] = [old if old is not None else new for old, new in zip(record, values)]
    typed[_KINDS["role"]] = set(role_rows)
    label_of = {concept: _best_label(labels) for concept, labels in prefs.items()}

    def name(iri, namespace: str = "") -> str | None:
        if iri is None:
            return None
        return label_of.get(iri) or _local(iri, namespace) or iri
    roles: dict[str, RoleRecord] = {}
    iri_to_id: dict[str, str] = {}
    for iri in sorted(role_rows):
        level, track, function, definition = role_rows[iri]
        rid = _local(iri, _ROLE_NS)
        iri_to_id[iri] = rid
        roles[rid] = RoleRecord(
            id=rid, iri=iri, label=label_of.get(iri) or rid, level=_int(level),
            track=name(track, PM_NS), function=name(function, PM_NS),
            synonyms=tuple(sorted(alts.get(iri, ()))), definition=definition,
        )

    proficiency = {}
    for rank, label in run(_PROFICIENCY_QUERY):
        rank = _int(rank)
        if rank is not None:
            proficiency[rank] = label if label is not None else str(rank)

    skills = {_local(iri, _SKILL_NS): name(iri, _SKILL_NS) for iri in sorted(typed[_KINDS["skill"]])}
    # Requirements are immutable and a big graph repeats the same (skill, rank, importance)
    # across thousands of roles: make each once. Entries are "skill-iri rank importance-iri|-".
    made: dict[str, Requirement | None] = {}

    def read_requirements(rows) -> dict[str, Mapping[str, Requirement]]:
        requirements: dict[str, dict[str, Requirement]] = defaultdict(dict)
        for role_iri, entries in rows:
            role = iri_to_id.get(role_iri)
            if role is None or not entries:
                continue
            needs = requirements[role]
            for entry in entries.split("\n"):
                requirement = made.get(entry, False)
                if requirement is False:
                    requirement = made[entry] = _requirement(entry, proficiency, name)
                if requirement is None:
                    continue
                previous = needs.get(requirement.skill)
                if previous is None or requirement.rank > previous.rank:
                    needs[requirement.skill] = requirement
        return _freeze(requirements)

    if lazy:
        requirements = _Requirements(
            lambda: read_requirements(run(_REQUIREMENTS_QUERY)),
            lambda rid: read_requirements(run(_role_requirements_query(roles[rid].iri))).get(rid)
            if rid in roles and ":" in roles[rid].iri else NotImplemented,  # a blank node: read all
        )
    else:
        requirements = read_requirements(run(_REQUIREMENTS_QUERY))

    edges: dict[tuple[str, str], list] = {}
    for _transition, source, target, kind, low, high, cited in run(_TRANSITIONS_QUERY):
        source, target = iri_to_id.get(source), iri_to_id.get(target)
        if source is None or target is None:
            continue
        edge = edges.get((source, target))
        if edge is None:
            edge = edges[(source, target)] = [None, None, None, set()]
        for i, value in ((0, kind), (1, low), (2, high)):
            if value is not None and edge[i] is None:
                edge[i] = name(kind, PM_NS) if i == 0 else _number(value)
        if cited is not None:
            edge[3].add(cited)

    nodes = {rid: {"label": role.label, "level": role.level, "track": role.track, "function": role.function}
             for rid, role in roles.items()}  # sorted: node and edge order make results deterministic
    moves = []
    for (source, target) in sorted(edges):
        kind, low, high, cited = edges[(source, target)]
        low = high if low is None else low
        high = low if high is None else high
        move = {"kind": kind or "transition", "years_min": low, "years_max": high,
                "years_mid": None if low is None else (low + high) / 2, "sources": tuple(sorted(cited)), "hops": 1}
        if not lazy:
            move["effort"] = _effort(requirements.get(target, {}), requirements.get(source, {}))
        moves.append((source, target, move))
    digraph = _digraph(nodes, moves)

    def name_tables(kind: str) -> tuple[Mapping[str, str], Mapping[str, tuple[str, ...]]]:
        """Folded name -> id for one kind of concept, and the names several concepts share."""
        table: dict[str, str] = {}
        clashes: dict[str, set[str]] = defaultdict(set)
        namespace = {"role": _ROLE_NS, "skill": _SKILL_NS}.get(kind, PM_NS)
        entries = []
        for iri in sorted(typed[_KINDS[kind]]):
            key = iri_to_id.get(iri) if kind == "role" else (
                _local(iri, _SKILL_NS) if kind == "skill" else name(iri, namespace))
            if key is None:
                continue
            names_of = {*(label for _language, label in prefs.get(iri, ())), *alts.get(iri, ())}
            if kind in ("track", "function"):  # "ProductFunction" -> "product function"
                names_of.add(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _local(iri, namespace)))
            entries.append((key, {iri, _local(iri, namespace)}, names_of))
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
    tables: dict[str, tuple] = {}
    names, ambiguous = _PerKind(tables, name_tables, 0), _PerKind(tables, name_tables, 1)

    def links() -> dict[str, Mapping]:
        return _links(run, iri_to_id, name)

    shared = _Lazy(links)
    if not lazy:
        shared._get()  # a remote or rdflib graph: read now, and hold no reference to it
    return CareerGraph(
        _moves=digraph,
        _effort_pending=[True] if lazy else [],
        roles=MappingProxyType(roles),
        requirements=requirements,
        responsibilities=_Lazy(lambda: shared["responsibilities"]),
        reports_to=_Lazy(lambda: shared["reports_to"]),
        reporting_sources=_Lazy(lambda: shared["reporting_sources"]),
        skills=MappingProxyType(dict(sorted(skills.items()))),
        proficiency=MappingProxyType(dict(sorted(proficiency.items()))),
        _names=names,
        _ambiguous=ambiguous,
    )


class _PerKind(Mapping):
    """Kind ("role", "skill", "track", "function") -> one of that kind's name tables, built on
    first use by ``build(kind)``, which returns both (they share ``built``)."""

    def __init__(self, built: dict[str, tuple], build: Callable[[str], tuple], index: int):
        self._built, self._build, self._index = built, build, index

    def __getitem__(self, kind: str) -> Mapping:
        if kind not in self._built:
            if kind not in _KINDS:
                raise KeyError(kind)
            self._built[kind] = self._build(kind)
        return self._built[kind][self._index]

    def __iter__(self):
        return iter(_KINDS)

    def __len__(self) -> int:
        return len(_KINDS)


def _requirement(entry: str, proficiency: dict[int, str], name) -> Requirement | None:
    """The :class:`Requirement` packed in ``entry`` ("skill-iri rank importance-iri|-"), or None."""
    skill_iri, rank_text, importance = entry.split(" ")
    rank = _int(rank_text)
    if rank is None:
        return None
    return Requirement(skill=_local(skill_iri, _SKILL_NS), label=name(skill_iri, _SKILL_NS), rank=rank,
                       proficiency=proficiency.get(rank, str(rank)),
                       importance=None if importance == "-" else name(importance, PM_NS))


class _Requirements(Mapping):
    """Role id -> skill id -> :class:`Requirement`, read from the store when first asked for.

    The first few roles asked for are read one by one, each with a query of its own (a path's
    efforts need a dozen roles); after that, or when iterated, every role's at once.
    """

    _ONE_BY_ONE = 32

    def __init__(self, read_all: Callable[[], Mapping], read_one: Callable[[str], object]):
        self._read_all: Callable[[], Mapping] | None = read_all
        self._read_one = read_one
        self._all: Mapping | None = None
        self._some: dict[str, Mapping | None] = {}

    def _everything(self) -> Mapping:
        if self._all is None:
            self._all = self._read_all()
            self._read_all = self._read_one = None  # drop the store
            self._some = {}
        return self._all

    def __getitem__(self, role: str) -> Mapping[str, Requirement]:
        if self._all is None and len(self._some) < self._ONE_BY_ONE:
            found = self._some[role] if role in self._some else self._read_one(role)
            if found is not NotImplemented:
                self._some[role] = found
                if found is None:
                    raise KeyError(role)
                return found
        return self._everything()[role]

    def __iter__(self):
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())


def _freeze(table: Mapping[str, Mapping]) -> Mapping[str, Mapping]:
    # Sorted inside too: engines return rows in their own order (GROUP_CONCAT's differs between
    # the embedded store and a remote one), and the same graph must give the same projection.
    return MappingProxyType({k: MappingProxyType(dict(sorted(v.items()))) for k, v in sorted(table.items())})


def _links(run: Callable[[str], list[tuple]], iri_to_id: Mapping[str, str], name) -> dict[str, Mapping]:
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
    for role, manager, cited in run(_REPORTING_SOURCES_QUERY):
        role, manager = iri_to_id.get(role), iri_to_id.get(manager)
        if role is not None and manager is not None and manager in reports_to.get(role, ()):
            reporting_sources[role][manager].add(cited)
    return {
        "responsibilities": _freeze(responsibilities),
        "reports_to": MappingProxyType({k: tuple(sorted(v)) for k, v in sorted(reports_to.items())}),
        "reporting_sources": MappingProxyType({
            role: MappingProxyType({m: tuple(sorted(c)) for m, c in sorted(managers.items())})
            for role, managers in sorted(reporting_sources.items())}),
    }


def _effort(needed: Mapping[str, Requirement], held: Mapping[str, Requirement | int]) -> int:
    """Proficiency steps to go from ``held`` to ``needed``: the sum of rank increases."""
    total = 0
    for skill, requirement in needed.items():
        have = held.get(skill, 0)
        have = have.rank if isinstance(have, Requirement) else have
        total += max(0, requirement.rank - have)
    return total


# --------------------------------------------------------------------------- resolution


def _lookup(career: CareerGraph, kind: str, name: str) -> tuple[str | None, tuple[str, ...]]:
    text = str(name)
    if kind == "role":
        if text.startswith("role:"):
            text = text[len("role:"):]
        # A role's exact id or IRI names it before any label could: no table needed.
        rid = text if text in career.roles else _local(text, _ROLE_NS)
        if rid in career.roles and (rid == text or career.roles[rid].iri == text):
            return rid, ()
    table = career._names[kind]
    key = normalise(text)
    clash = career._ambiguous.get(kind, {}).get(key)
    if clash and key not in {normalise(c) for c in clash}:
        # A label or synonym shared by several concepts: name none, suggest them all.
        shown = [career.roles[c].label if kind == "role" else career.skill_label(c) if kind == "skill" else c for c in clash]
        return None, tuple(f"{label} ({cid})" for label, cid in zip(shown, clash))
    if key in table:
        return table[key], ()
    if text in table.values():
        return text, ()
    import difflib  # only a miss needs suggestions

    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in table), key=lambda x: (-x[0], x[1]))
    best = scored[0][0] if scored else 0.0
    # Only the near-best matches: one clear winner should not come with two weak runners-up.
    close = [k for score, k in scored if score >= max(0.6, best - 0.08)]
    # Substring matches catch "product officer" -> "Chief Product Officer".
    close += [k for k in sorted(table) if key and len(key) >= 3 and key in k and k not in close]
    suggestions: list[str] = []
    for candidate in close:
        found = table[candidate]
        shown = career.roles[found].label if kind == "role" else (
            career.skill_label(found) if kind == "skill" else found)
        if shown not in suggestions:
            suggestions.append(shown)
    return None, tuple(suggestions[:3])


def resolve_role(graph: rdflib.Graph | CareerGraph, name: str) -> str:
    """The id of the role called ``name``: an IRI, an id, a preferred label or a synonym.

    Case, accents and punctuation do not count. An unknown name raises
    :class:`~pmgraph.errors.UnknownRoleError` carrying up to three close matches.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_role(graph, "fixture chief-product officer"), resolve_role(graph, "fcpo")
    ('fx-cpo', 'fx-cpo')
    >>> resolve_role(graph, "https://w3id.org/pmgraph/role/fx-pm")
    'fx-pm'
    >>> resolve_role(graph, "Fixture Principle PM")
    Traceback (most recent call last):
    ...
    pmgraph.errors.UnknownRoleError: Unknown role 'Fixture Principle PM'. Did you mean 'Fixture Principal PM'?
    """
    career = project(graph)
    found, suggestions = _lookup(career, "role", name)
    if found is None:
        raise UnknownRoleError(str(name), suggestions)
    return found


def resolve_skill(graph: rdflib.Graph | CareerGraph, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The id of the skill called ``name`` (or ``None``) and the closest skill labels.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_skill(graph, "ROADMAPPING")
    ('fx-roadmapping', ())
    >>> resolve_skill(graph, "coachin")
    (None, ('Coaching',))
    """
    return _lookup(project(graph), "skill", name)


def resolve_track(graph: rdflib.Graph | CareerGraph, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The preferred label of the track called ``name`` ("IC", "management", ...) or ``None``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_track(graph, "IC")
    ('individual contributor', ())
    """
    return _lookup(project(graph), "track", name)


def resolve_function(graph: rdflib.Graph | CareerGraph, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The preferred label of the function called ``name`` ("product", ...) or ``None``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_function(graph, "Marketing"), resolve_function(graph, "marketting")
    (('marketing', ()), (None, ('marketing',)))
    """
    return _lookup(project(graph), "function", name)
