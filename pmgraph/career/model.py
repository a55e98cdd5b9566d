"""The projection's data types: roles, skill requirements and the :class:`CareerGraph`, and the
folding of names (:func:`normalise`) that keys its name tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import networkx as nx

from ..iris import FRAMEWORK_NS, PM_NS, PREFIXES

__all__ = ["CareerGraph", "RoleRecord", "Requirement", "SourceRecord", "RoleId", "normalise", "local_id",
           "effort_needed", "ROLE_NS", "SKILL_NS", "KINDS", "Evidence", "classify", "GRADES", "NO_EVIDENCE"]

#: A node's or a move's attributes in the projection's DiGraph: networkx types them as any values
#: (a node's are "label", "level", "track", "function"; a move's are listed on :class:`CareerGraph`).
Attributes: TypeAlias = dict[str, Any]
#: A role's id, a key of :attr:`CareerGraph.roles` ("senior-product-manager", "ddat:head-of-product"):
#: what the functions of :mod:`pmgraph.career` take, as networkx's take nodes of the graph. A name a
#: user typed becomes one through :func:`pmgraph.career.names.resolve_role`.
RoleId: TypeAlias = str


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
    #: years of experience a source recommends before the role (min, max), and who says so
    experience: tuple[float, float] | None = None
    experience_sources: tuple[str, ...] = ()
    #: the role's grade as its framework writes it ("10" at GitLab, "G6 (Grade 6)" in DDaT), if any
    grades: tuple[str, ...] = ()
    #: why the role has no skill requirement (pm:requirementsNote), if the data says
    requirements_note: str | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id, "iri": self.iri, "label": self.label, "level": self.level,
            "track": self.track, "function": self.function, "synonyms": list(self.synonyms),
            "definition": self.definition,
        }
        if self.grades:
            data["grades"] = list(self.grades)
        if self.requirements_note is not None:
            data["requirements_note"] = self.requirements_note
        if self.experience is not None:
            data["experience_years_min"], data["experience_years_max"] = self.experience
            data["experience_sources"] = list(self.experience_sources)
        return data


@dataclass(frozen=True)
class Requirement:
    """A role's need for a skill: proficiency ``rank`` (and its label) and importance."""

    skill: str
    label: str
    rank: int
    proficiency: str
    importance: str | None


@dataclass(frozen=True)
class SourceRecord:
    """A source as outputs cite it: a framework's page, a source document, or an editorial rule.

    ``short`` names it in one word for tables ("gitlab", "article", "editorial"); ``framework``
    is the id of the framework it belongs to, if any.
    """

    iri: str
    title: str | None
    url: str | None
    kind: str  #: "framework", "document", "rule" (a documented derivation rule) or "editorial"
    framework: str | None = None
    short: str | None = None
    attribution: str | None = None  #: what the licence asks to be shown with the data (a framework)
    definition: str | None = None  #: what a rule does (its skos:definition)

    @property
    def id(self) -> str:
        if self.iri.startswith(PREFIXES["src"]):
            return "src:" + self.iri[len(PREFIXES["src"]):]
        return local_id(self.iri, "")

    @property
    def editorial(self) -> bool:
        return self.kind == "editorial"

    @property
    def rule(self) -> bool:
        """A documented rule computing a value from stated facts: a value citing one is derived."""
        return self.kind == "rule"

    @property
    def document(self) -> bool:
        """A page or document stating facts (a framework's page, the article, an import)."""
        return self.kind in ("framework", "document")

    @property
    def name(self) -> str:
        """The short name: its notation, its framework, "editorial", its title, or its id."""
        return self.short or self.framework or ("editorial" if self.editorial else self.title or self.id)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "title": self.title, "url": self.url, "kind": self.kind,
                                   "framework": self.framework}
        if self.rule:
            data["notation"], data["definition"] = self.short, self.definition
        return data


#: The grades of evidence, strongest first: a source document states the value; a documented rule
#: derives it from stated facts; an editorial judgement alone.
GRADES = ("stated", "derived", "editorial")
#: Crosswalk links, strongest first (the rules ``src:crosswalk-close`` ...).
_LINKS = ("close", "broad", "narrow")


@dataclass(frozen=True)
class Evidence:
    """How a value is supported: its ``grade`` ("stated", "derived", "editorial"; None: no source).

    ``by`` names the documents of its strongest statements ("gitlab", "article"); ``rules`` the
    notations of the rules a derived value cites ("level order"); ``link`` the crosswalk link it
    is carried through ("close", "broad", "narrow"), if any; ``also`` the weaker grades other
    statements of the same value have.
    """

    grade: str | None
    by: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    link: str | None = None
    also: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        """0 stated, 1 derived, 2 editorial, 3 no source: lower is stronger."""
        return GRADES.index(self.grade) if self.grade in GRADES else len(GRADES)

    @property
    def words(self) -> str:
        """The grade in words: "stated by gitlab", "derived: level order (gitlab)", "editorial"."""
        from ..wording import evidence

        return evidence(self.grade, self.by, self.rules, self.link)

    def to_dict(self) -> dict[str, object]:
        return {"grade": self.grade, "by": list(self.by), "rules": list(self.rules), "link": self.link,
                "also": list(self.also)}

    def to_list(self) -> list[object]:
        """Compact form for the cache (see :meth:`from_list`); nothing for no evidence, which most
        moves of a large ladder of one's own have (a shorter cache entry, read faster)."""
        if self == NO_EVIDENCE:
            return []
        return [self.grade, list(self.by), list(self.rules), self.link, list(self.also)]

    @classmethod
    def from_list(cls, row: list[Any] | None) -> Evidence:
        if not row:
            return NO_EVIDENCE
        return _intern(cls(row[0], tuple(row[1]), tuple(row[2]), row[3], tuple(row[4])))


#: The evidence of a value no statement cites.
NO_EVIDENCE = Evidence(None)
_INTERNED: dict[Evidence, Evidence] = {}


def _intern(evidence: Evidence) -> Evidence:
    """One object per distinct evidence: a big ladder repeats a handful thousands of times."""
    return _INTERNED.setdefault(evidence, evidence)


def _grade(group: Collection[SourceRecord]) -> int:
    """A statement's grade (index into :data:`GRADES`): a rule makes it derived; else a document
    stated; else (editorial sources only) editorial."""
    if any(s.rule for s in group):
        return 1
    if any(not s.editorial for s in group):  # a document, or a source the graph does not describe
        return 0
    return 2


def _rule_name(source: SourceRecord) -> str:
    return source.short or source.title or source.id.rsplit("/", 1)[-1].removeprefix("src:")


def classify(groups: Iterable[Iterable[SourceRecord]]) -> Evidence:
    """The evidence of a value from its statements, each given as the sources it cites.

    A statement citing a rule (``pm:DerivationRule``) is derived; else one citing a document
    (``pm:SourceDocument``, ``pm:Framework``, or a source the graph does not describe) is stated;
    else editorial. The value takes its strongest statement's grade (stated > derived >
    editorial) and keeps the others in ``also``; no statement at all: grade None.

    Examples
    --------
    >>> page = SourceRecord("https://example.org/page", None, None, "framework", "gitlab")
    >>> rule = SourceRecord("https://example.org/order", None, None, "rule", "gitlab", "level order")
    >>> editorial = SourceRecord("https://w3id.org/pmgraph/source/editorial", None, None, "editorial")
    >>> classify([[page]]).words
    'stated by gitlab'
    >>> found = classify([[page, rule], [editorial]])
    >>> found.words, found.also
    ('derived: level order (gitlab)', ('editorial',))
    >>> classify([[editorial]]).grade, classify([]).grade
    ('editorial', None)
    """
    graded: dict[int, list[tuple[SourceRecord, ...]]] = {}
    for group in groups:
        group = tuple(group)
        if group:
            graded.setdefault(_grade(group), []).append(group)
    if not graded:
        return NO_EVIDENCE
    best = min(graded)
    chosen = [s for group in graded[best] for s in group]
    by = sorted({s.name for s in chosen if not s.rule and not s.editorial}
                | ({s.framework for s in chosen if s.rule and s.framework} if best == 1 else set()))
    rules: tuple[str, ...] = ()
    link: str | None = None
    if best == 1:
        links = [s.id.removeprefix("src:crosswalk-") for s in chosen if s.rule and s.id.startswith("src:crosswalk-")]
        link = min(links, key=lambda k: _LINKS.index(k) if k in _LINKS else len(_LINKS)) if links else None
        rules = tuple(sorted({_rule_name(s) for s in chosen if s.rule
                              and not s.id.startswith("src:crosswalk-")}))
    also = tuple(GRADES[g] for g in sorted(graded) if g != best)
    return _intern(Evidence(GRADES[best], tuple(by), rules, link, also))


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
    _moves: nx.DiGraph[str] = field(repr=False)
    roles: Mapping[str, RoleRecord]
    requirements: Mapping[str, Mapping[str, Requirement]]
    responsibilities: Mapping[str, Mapping[str, str]]
    reports_to: Mapping[str, tuple[str, ...]]
    skills: Mapping[str, str]
    proficiency: Mapping[int, str]
    _names: Mapping[str, Mapping[str, str]] = field(repr=False)
    #: role id -> manager id -> the sources citing that reporting line (IRIs, sorted)
    reporting_sources: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    #: role id -> skill id -> (the sources stating the requirement, the sources stating its proficiency)
    requirement_sources: Mapping[str, Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = field(
        default_factory=dict)
    _ambiguous: Mapping[str, Mapping[str, tuple[str, ...]]] = field(repr=False, default_factory=dict)
    #: [True] while some moves lack their effort
    _effort_pending: list[bool] = field(repr=False, default_factory=list)
    #: skill id -> the label of its category (skos:broader), where it has one
    skill_categories: Mapping[str, str] = field(default_factory=dict)
    #: source IRI -> what outputs show of it
    sources: Mapping[str, SourceRecord] = field(default_factory=dict)
    #: role id -> skill id -> the evidence of the requirement, and of its proficiency
    requirement_evidence: Mapping[str, Mapping[str, tuple[Evidence, Evidence]]] = field(default_factory=dict)
    #: role id -> manager id -> the evidence of that reporting line
    reporting_evidence: Mapping[str, Mapping[str, Evidence]] = field(default_factory=dict)
    #: role id -> responsibility IRI -> the evidence that the role has it
    responsibility_evidence: Mapping[str, Mapping[str, Evidence]] = field(default_factory=dict)

    @property
    def digraph(self) -> nx.DiGraph[str]:
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
        found: int | None = data.get("effort")
        if found is None:
            found = data["effort"] = effort_needed(self.requirements.get(target, {}), self.requirements.get(source, {}))
        return found

    def source(self, iri: str) -> SourceRecord:
        """The record of source ``iri``; a source the graph does not describe gets a bare one."""
        found = self.sources.get(iri)
        return found if found is not None else SourceRecord(iri, None, None, "document")

    def requirement_cited(self, role: str, skill: str) -> tuple[tuple[SourceRecord, ...], tuple[SourceRecord, ...]]:
        """Who states that ``role`` requires ``skill``, and who states its proficiency (records, by id)."""
        stated, levels = self.requirement_sources.get(role, {}).get(skill, ((), ()))
        return (tuple(sorted((self.source(i) for i in stated), key=lambda s: s.id)),
                tuple(sorted((self.source(i) for i in levels), key=lambda s: s.id)))

    def label(self, role: str) -> str:
        """The preferred label of role id ``role``."""
        return self.roles[role].label

    def skill_label(self, skill: str) -> str:
        return self.skills.get(skill, skill)

    def proficiency_label(self, rank: int) -> str:
        return self.proficiency.get(rank, str(rank))

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON-ready) from which :meth:`from_dict` rebuilds an equal projection."""
        return {
            "roles": [r.to_dict() for r in self.roles.values()],
            "edges": [[u, v, {**d, "sources": list(d["sources"]), "evidence": d.get("evidence", NO_EVIDENCE).to_dict()}]
                      for u, v, d in self.digraph.edges(data=True)],
            "requirements": {role: [[q.skill, q.label, q.rank, q.proficiency, q.importance] for q in needs.values()]
                             for role, needs in self.requirements.items()},
            "responsibilities": {role: dict(duties) for role, duties in self.responsibilities.items()},
            "reports_to": {role: list(managers) for role, managers in self.reports_to.items()},
            "reporting_sources": {role: {m: list(s) for m, s in managers.items()}
                                  for role, managers in self.reporting_sources.items()},
            "requirement_sources": {role: {skill: [list(r), list(p)] for skill, (r, p) in needs.items()}
                                    for role, needs in self.requirement_sources.items()},
            "requirement_evidence": {role: {skill: [r.to_dict(), p.to_dict()] for skill, (r, p) in needs.items()}
                                     for role, needs in self.requirement_evidence.items()},
            "reporting_evidence": {role: {m: e.to_dict() for m, e in managers.items()}
                                   for role, managers in self.reporting_evidence.items()},
            "responsibility_evidence": {role: {d: e.to_dict() for d, e in duties.items()}
                                        for role, duties in self.responsibility_evidence.items()},
            "skills": dict(self.skills),
            "skill_categories": dict(self.skill_categories),
            "proficiency": [[rank, label] for rank, label in self.proficiency.items()],
            "names": {kind: dict(table) for kind, table in self._names.items()},
            "ambiguous": {kind: {k: list(v) for k, v in table.items()} for kind, table in self._ambiguous.items()},
        }


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


def local_id(iri: str, namespace: str) -> str:
    """The id of ``iri``: its part after ``namespace``; ``<framework>:<key>`` for a bundled
    framework's role or skill (``ddat:senior-product-manager``); else the IRI itself."""
    if iri.startswith(namespace):
        return iri[len(namespace):]
    if iri.startswith(FRAMEWORK_NS):
        parts = iri[len(FRAMEWORK_NS):].split("/")
        if len(parts) == 3 and all(parts):
            return f"{parts[0]}:{parts[2]}"
    return iri


#: The namespaces under which a role's or a skill's id is its IRI's local part.
ROLE_NS, SKILL_NS = PREFIXES["role"], PREFIXES["skill"]
#: The classes of the concepts the projection names: kind -> class IRI.
KINDS = {"role": PM_NS + "Role", "skill": PM_NS + "Skill", "track": PM_NS + "Track", "function": PM_NS + "Function"}


def effort_needed(needed: Mapping[str, Requirement], held: Mapping[str, Requirement | int]) -> int:
    """Proficiency steps to go from ``held`` to ``needed``: the sum of rank increases."""
    total = 0
    for skill, requirement in needed.items():
        have = held.get(skill, 0)
        have = have.rank if isinstance(have, Requirement) else have
        total += max(0, requirement.rank - have)
    return total
