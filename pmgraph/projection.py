"""The networkx projection of the graph, and name resolution.

Everything paths and skill deltas need is read from the RDF graph by a few SPARQL SELECT
queries (:mod:`pmgraph.projection_read`), so the same code runs against the embedded Oxigraph
store and a remote SPARQL endpoint (rdflib ``SPARQLStore``). After that it is networkx and
Python. :func:`project` builds the projection once per graph object and caches it.

Role and skill names from users are normalised by :func:`normalise` and resolved in one place,
:func:`resolve_role` (and its twin for skills, :func:`resolve_skill`).
"""

from __future__ import annotations

import gc
import re
import unicodedata
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
    on a 1M-triple graph needs the requirements of the roles on it only. So are the
    responsibilities, reporting lines and name tables; until all are read, the projection
    keeps the pyoxigraph store alive (not the rdflib graph).
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
    from .projection_read import build, runner

    run, embedded = runner(graph)
    collecting = gc.isenabled()
    gc.disable()  # ~1M new objects on a big graph: the cyclic collector would run hundreds of times
    try:
        career = build(run, lazy=embedded)
    finally:
        if collecting:
            gc.enable()
    return career


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
