"""Building one framework's graph: its description, and every fact with its sources.

Provenance is per value, by one mechanism: each cited triple ``s p o`` is also described by an
``rdf:Statement`` (``rdf:subject s ; rdf:predicate p ; rdf:object o``) carrying one
``dct:source`` per source that states it. A move and its kind, a requirement and its
proficiency, a role and its level are separate triples, so each has its own sources. Structural
triples (a node's type as a qualified node, its framework, its scheme, the ends of a move, the
skill of a requirement) are not cited: they hold by construction.

Sources are pages of the framework (``pm:SourceDocument``, with the page URL and, where one
applies, a section anchor) and editorial rules (``pm:EditorialSource`` with the reason in words,
e.g. how a framework's wording was read as a proficiency). Unknown values are left out: a move
no framework gives years for has no ``pm:yearsMin``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmgraph.iris import FRAMEWORK_NS
from pmgraph.vocab import PM, PREFIXES, PROFICIENCY

if TYPE_CHECKING:
    from collections.abc import Iterable

    import rdflib
    from rdflib.term import Node, URIRef

__all__ = ["FRAMEWORK_BASE", "Description", "Framework", "TRACKS", "FUNCTIONS", "KINDS", "github_anchor", "cite"]

#: Every framework's IRIs start here: ``<FRAMEWORK_BASE><id>`` is the framework (and its named
#: graph); ``<FRAMEWORK_BASE><id>/role/<key>`` its roles, and so on.
FRAMEWORK_BASE = FRAMEWORK_NS

TRACKS = {"ic": "IndividualContributor", "management": "PeopleManagement", "executive": "Executive"}
FUNCTIONS = {
    "product": "ProductFunction", "marketing": "MarketingFunction", "design": "DesignFunction",
    "engineering": "EngineeringFunction", "operations": "OperationsFunction",
    "general management": "GeneralManagementFunction", "delivery": "DeliveryFunction",
    "business analysis": "BusinessAnalysisFunction", "user research": "UserResearchFunction",
    "data": "DataFunction",
}
KINDS = {"promotion": "PromotionWithinTrack", "ic-to-management": "ICToManagement", "lateral": "LateralMove",
         "into-executive": "IntoExecutive"}


@dataclass(frozen=True)
class Description:
    """Where a framework comes from: what ``pmgraph frameworks`` lists and every view credits."""

    id: str  #: short name, e.g. "ddat"; also the prefix of its role names ("ddat:product manager")
    title: str
    publisher: str
    url: str  #: the original page
    licence: str  #: the licence's IRI
    licence_name: str
    attribution: str  #: the attribution the licence asks for, shown wherever the data appears
    retrieved: str  #: ISO date the files were taken
    repository: str  #: where the files were taken from
    commit: str  #: the commit they were taken at ("" when each file has its own: see ``files``)
    #: (file name under sources/<id>/, commit or "") for each original read
    files: tuple[tuple[str, str], ...] = ()
    #: licence files kept beside the data (copied next to ontology/frameworks/<id>.ttl)
    licence_files: tuple[str, ...] = ()


@dataclass
class Framework:
    """A framework's graph under construction. Keys are slugs; IRIs are minted from them."""

    description: Description
    graph: rdflib.Graph = field(init=False)

    def __post_init__(self) -> None:
        import rdflib
        from rdflib import DCTERMS, RDF, XSD, Literal, URIRef

        self._rdf, self._dct, self._xsd, self._literal, self._uri = RDF, DCTERMS, XSD, Literal, URIRef
        d = self.description
        self.iri = URIRef(FRAMEWORK_BASE + d.id)
        self.graph = rdflib.Graph(bind_namespaces="none")
        for prefix in ("pm", "prof", "rdf", "rdfs", "skos", "dct", "schema", "xsd"):
            self.graph.bind(prefix, PREFIXES[prefix])
        for kind in ("role", "skill", "requirement", "transition", "statement", "source"):
            self.graph.bind(f"{d.id}{kind}" if kind != "source" else f"{d.id}src", f"{self.iri}/{kind}/")
        self.graph.bind(f"{d.id}scheme", f"{self.iri}/scheme/")
        self.graph.bind("fw", FRAMEWORK_BASE)
        g, i = self.graph, self.iri
        g.add((i, RDF.type, PM.Framework))
        g.add((i, RDF.type, PM.SourceDocument))
        g.add((i, DCTERMS.title, Literal(d.title, lang="en")))
        g.add((i, DCTERMS.publisher, Literal(d.publisher)))
        g.add((i, URIRef(PREFIXES["schema"] + "url"), Literal(d.url, datatype=XSD.anyURI)))
        g.add((i, DCTERMS.license, URIRef(d.licence)))
        g.add((i, DCTERMS.source, URIRef(d.url)))  # what this data is converted from: the framework as published
        g.add((i, PM.licenceName, Literal(d.licence_name)))
        g.add((i, PM.attribution, Literal(d.attribution, lang="en")))
        g.add((i, PM.retrievedOn, Literal(d.retrieved, datatype=XSD.date)))
        g.add((i, PM.repository, Literal(d.repository, datatype=XSD.anyURI)))
        if d.commit:
            g.add((i, PM.commit, Literal(d.commit)))
        for name, commit in d.files:
            g.add((i, PM.sourceFile, Literal(f"{name} @ {commit}" if commit else name)))
        for scheme in ("roles", "skills"):
            node = self._scheme(scheme)
            g.add((node, RDF.type, URIRef(PREFIXES["skos"] + "ConceptScheme")))
            g.add((node, URIRef(PREFIXES["skos"] + "prefLabel"), Literal(f"{d.title}: {scheme}", lang="en")))
            g.add((node, DCTERMS.isPartOf, i))

    # ------------------------------------------------------------------ naming

    def mint(self, kind: str, key: str) -> URIRef:
        """The IRI of ``key`` among this framework's ``kind`` ("role", "skill", ...)."""
        if not key or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-." for c in key):
            raise ValueError(f"{key!r}: keys are lower-case slugs (a-z, 0-9, '-', '.')")
        return self._uri(f"{self.iri}/{kind}/{key}")

    def _scheme(self, name: str) -> URIRef:
        return self._uri(f"{self.iri}/scheme/{name}")

    def _in_scheme(self, node: URIRef, name: str) -> None:
        # A framework's schemes are flat (a level is pm:level, never skos:broader), so every concept
        # is a top concept; stated both ways, for queries without SKOS inference.
        skos, scheme = PREFIXES["skos"], self._scheme(name)
        self.graph.add((node, self._uri(skos + "inScheme"), scheme))
        self.graph.add((node, self._uri(skos + "topConceptOf"), scheme))
        self.graph.add((scheme, self._uri(skos + "hasTopConcept"), node))

    # ------------------------------------------------------------------ sources

    def page(self, key: str, url: str, title: str) -> URIRef:
        """A page (or a section of one: put its anchor in ``url``) of the framework, to cite."""
        node = self.mint("source", key)
        g = self.graph
        g.add((node, self._rdf.type, PM.SourceDocument))
        g.add((node, self._dct.title, self._literal(title, lang="en")))
        g.add((node, self._uri(PREFIXES["schema"] + "url"), self._literal(url, datatype=self._xsd.anyURI)))
        g.add((node, self._dct.isPartOf, self.iri))
        return node

    def editorial(self, key: str, reason: str, *, notation: str | None = None) -> URIRef:
        """An editorial rule of this framework's conversion, with the reason a reviewer can check.

        With ``notation`` (a short name: "level order", "grade to level", "CDF wording") the rule
        *computes* a value from stated facts and is also a ``pm:DerivationRule``: a value citing it
        is derived. Without, it only maps names (a page stating a fact under another name still
        states it) and stays a plain ``pm:EditorialSource``."""
        node = self.mint("source", key)
        g = self.graph
        g.add((node, self._rdf.type, PM.EditorialSource))
        if notation is not None:
            g.add((node, self._rdf.type, PM.DerivationRule))
            g.add((node, self._uri(PREFIXES["skos"] + "notation"), self._literal(notation)))
        g.add((node, self._dct.title, self._literal(f"{self.description.title}: {key} (editorial)", lang="en")))
        g.add((node, self._uri(PREFIXES["skos"] + "definition"), self._literal(reason, lang="en")))
        g.add((node, self._dct.isPartOf, self.iri))
        return node

    def cite(self, subject: Node, predicate: URIRef, obj: Node, sources: tuple[URIRef, ...] | list[URIRef]) -> None:
        """Add ``subject predicate obj`` and the statement saying who states it."""
        if not sources:
            raise ValueError(f"no source for {subject} {predicate} {obj}: every fact cites one")
        g = self.graph
        g.add((subject, predicate, obj))
        digest = hashlib.sha256(f"{subject.n3()} {predicate.n3()} {obj.n3()}".encode()).hexdigest()[:20]
        statement = self.mint("statement", digest)
        g.add((statement, self._rdf.type, self._rdf.Statement))
        g.add((statement, self._rdf.subject, subject))
        g.add((statement, self._rdf.predicate, predicate))
        g.add((statement, self._rdf.object, obj))
        for source in sources:
            g.add((statement, self._dct.source, source))

    # ------------------------------------------------------------------ facts

    def role(self, key: str, label: str, *, sources: list[URIRef], level: int, level_sources: list[URIRef],
             track: str, track_sources: list[URIRef], function: str, function_sources: list[URIRef],
             url: str | None = None, synonyms: tuple[str, ...] = ()) -> URIRef:
        """A role as the framework names it, at its ``level`` within this framework (1 = entry)."""
        node = self.mint("role", key)
        skos, g = PREFIXES["skos"], self.graph
        self.cite(node, self._rdf.type, PM.Role, sources)
        g.add((node, self._rdf.type, self._uri(PREFIXES["schema"] + "Occupation")))
        self._in_scheme(node, "roles")
        g.add((node, PM.framework, self.iri))
        self.cite(node, self._uri(skos + "prefLabel"), self._literal(label, lang="en"), sources)
        for synonym in synonyms:
            self.cite(node, self._uri(skos + "altLabel"), self._literal(synonym, lang="en"), sources)
        self.cite(node, PM.level, self._literal(level), level_sources)
        self.cite(node, PM.track, PM[TRACKS[track]], track_sources)
        self.cite(node, PM.function, PM[FUNCTIONS[function]], function_sources)
        if url is not None:
            g.add((node, self._uri(PREFIXES["schema"] + "url"), self._literal(url, datatype=self._xsd.anyURI)))
        return node

    def grade(self, role: URIRef, grade: str, sources: list[URIRef]) -> None:
        """The framework's own grade for ``role`` ("7", "G7 (Grade 7)"), as it writes it."""
        self.cite(role, PM.grade, self._literal(grade), sources)

    def skill(self, key: str, label: str, *, sources: list[URIRef], url: str | None = None) -> URIRef:
        """A skill (or competency, topic) as the framework names it."""
        node = self.mint("skill", key)
        skos, g = PREFIXES["skos"], self.graph
        self.cite(node, self._rdf.type, PM.Skill, sources)
        self._in_scheme(node, "skills")
        g.add((node, PM.framework, self.iri))
        self.cite(node, self._uri(skos + "prefLabel"), self._literal(label, lang="en"), sources)
        if url is not None:
            g.add((node, self._uri(PREFIXES["schema"] + "url"), self._literal(url, datatype=self._xsd.anyURI)))
        return node

    def requirement(self, role: URIRef, skill: URIRef, *, sources: list[URIRef], proficiency: str | None = None,
                    proficiency_sources: list[URIRef] | None = None) -> URIRef:
        """``role`` calls for ``skill``; at ``proficiency`` (awareness ... authority) when the
        framework says which (or a documented rule reads it from its wording), else unknown."""
        node = self.mint("requirement", f"{_local(role)}--{_local(skill)}")
        g = self.graph
        g.add((node, self._rdf.type, PM.SkillRequirement))
        g.add((node, PM.framework, self.iri))
        g.add((node, PM.skill, skill))
        g.add((role, PM.hasSkillRequirement, node))
        self.cite(role, PM.requiresSkill, skill, sources)
        if proficiency is not None:
            self.cite(node, PM.proficiency, PROFICIENCY[proficiency], proficiency_sources or [])
        return node

    def move(self, source: URIRef, target: URIRef, *, kind: str, sources: list[URIRef],
             kind_sources: list[URIRef] | None = None) -> URIRef:
        """A move the framework states (a "next step", a level order, a move into the job family).
        No years: no framework states them."""
        node = self.mint("transition", f"{_local(source)}--{_local(target)}")
        g = self.graph
        g.add((node, self._rdf.type, PM.Transition))
        g.add((node, PM.framework, self.iri))
        g.add((node, PM.fromRole, source))
        g.add((node, PM.toRole, target))
        shortcut = PM.lateralMoveTo if kind == "lateral" else PM.promotesTo
        self.cite(source, shortcut, target, sources)
        self.cite(node, PM.transitionKind, PM[KINDS[kind]], kind_sources or sources)
        return node

    def reports_to(self, role: URIRef, manager: URIRef, sources: list[URIRef]) -> None:
        self.cite(role, PM.reportsTo, manager, sources)

    def span(self, role: URIRef, low: int, high: int, sources: list[URIRef]) -> None:
        """How many direct reports ``role`` has, as the framework states it (low = high for one number)."""
        if not 0 <= low <= high:
            raise ValueError(f"span {low}-{high} of {role}: need 0 <= low <= high")
        self.cite(role, PM.directReportsMin, self._literal(low), sources)
        self.cite(role, PM.directReportsMax, self._literal(high), sources)


def _local(node: URIRef) -> str:
    return str(node).rsplit("/", 1)[1]


def github_anchor(heading: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a Markdown heading (lower case, punctuation dropped, spaces to '-');
    repeats get -1, -2, ... in page order, counted in ``seen``."""
    base = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


def cite(graph: rdflib.Graph, subject: Node, predicate: URIRef, obj: Node, sources: Iterable[Node], *, name: str,
         comment: str | None = None, derived_from: Iterable[Node] = (), stated: bool = True) -> URIRef:
    """Add ``subject predicate obj`` to ``graph`` (unless ``stated`` is False: the triple lives in
    another file) and the statement citing it to ``sources``: one
    mechanism for the generated reference files (the crosswalk, the framework citations, the
    requirements). The statement is ``stmt:<name>-<the first 20 hex digits of the SHA-256 of
    "s p o">`` (terms in N-Triples), so the same triple gets the same statement; ``comment``
    becomes its ``rdfs:comment``, each of ``derived_from`` a ``prov:wasDerivedFrom``."""
    from rdflib import DCTERMS, RDF, RDFS, Literal, URIRef

    if stated:
        graph.add((subject, predicate, obj))
    digest = hashlib.sha256(f"{subject.n3()} {predicate.n3()} {obj.n3()}".encode()).hexdigest()[:20]
    statement = URIRef(f"{PREFIXES['stmt']}{name}-{digest}")
    for pair in ((RDF.type, RDF.Statement), (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj)):
        graph.add((statement, *pair))
    for source in sources:
        graph.add((statement, DCTERMS.source, source))
    if comment:
        graph.add((statement, RDFS.comment, Literal(comment, lang="en")))
    for origin in derived_from:
        graph.add((statement, URIRef(PREFIXES["prov"] + "wasDerivedFrom"), origin))
    return statement
