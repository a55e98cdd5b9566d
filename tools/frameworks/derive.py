"""Reference moves the frameworks state: a framework's move between two roles whose reference
counterparts (in the crosswalk, a close match or a framework role broader than the reference one)
are joined by a reference move cites that move's framework pages on the reference move, per value
(an ``rdf:Statement`` on its shortcut triple). A reporting line is cited the same way, and a
reference role by the pages of the framework roles that are the same job (close matches).

Each citation keeps the framework statement's conversion rules (a move read from the level order
is derived, not stated), adds the crosswalk rule ``src:crosswalk-broad`` where an end is reached
through a broad match, and is one statement per framework and grade (``stmt:framework-<id>-...``
for a value the framework states, ``stmt:framework-<id>-derived-...`` for one derived by a rule).
A reporting line a framework states also derives the reference move between the two roles'
close matches, where the reference ladder has it (the rule ``src:rule-next-step-from-reporting-line``).
Frameworks whose roles are untitled levels (Monzo), and framework levels named by no title (Sourcegraph's
PM IC3 to IC5), are not cited for a reference role's title.

Only existing reference moves gain citations, and only where both ends match (closely, or the
framework role covers the reference one) and the move goes the same way with the same kind of
shortcut; nothing is added to the reference ladder's
shape here. The cited pages (and their frameworks) are described alongside, so the bundled graph
knows who they are without loading the frameworks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from pmgraph.iris import FRAMEWORK_NS, PREFIXES

from .. import ONTOLOGY
from . import FRAMEWORKS
from .base import cite
from .crosswalk import add_link_rules, link_rule

if TYPE_CHECKING:
    import rdflib

__all__ = ["NEXT_STEP_RULE", "UNTITLED", "UNTITLED_ROLES", "describe", "framework_citations"]

_PM = PREFIXES["pm"]

#: The rule deriving a reference move from a reporting line a framework states.
NEXT_STEP_RULE = PREFIXES["src"] + "rule-next-step-from-reporting-line"
_NEXT_STEP_TITLE = "pmgraph rule: the next step from a stated reporting line"
_NEXT_STEP_DEFINITION = (
    "Where a framework states that one of its roles reports to another, and the reference ladder has a move "
    "between the two roles' same-job counterparts (close matches in the crosswalk), that move is derived from the "
    "reporting line: the role a person reports to is a step they can take next. The rule adds no move; it cites "
    "the framework page for a move the reference ladder already has.")
#: Frameworks whose roles are untitled levels ("Product, level 3"): no page of theirs states a job
#: title, so they are not cited for a reference role being the job its title names.
UNTITLED = frozenset({"monzo"})
#: Framework roles whose pages name no title of the kind their reference counterpart has: Sourcegraph
#: names only "Product Manager" (roles-index.md) and unnamed IC levels above it, so its IC3, IC4 and
#: IC5 are not cited for "Senior", "Principal" or "Distinguished Product Manager" being that job.
UNTITLED_ROLES = frozenset(f"{FRAMEWORK_NS}sourcegraph/role/product-manager-{level}" for level in ("ic3", "ic4", "ic5"))


def framework_citations(crosswalk: rdflib.Graph) -> rdflib.Graph:
    """Statements citing framework pages for the reference roles, moves and reporting lines the
    frameworks also state, with the pages' and frameworks' descriptions; ``crosswalk`` is
    :func:`~.crosswalk.crosswalk`'s graph.

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from tools.frameworks.crosswalk import crosswalk
    >>> cited = framework_citations(crosswalk())
    >>> pm, spm = (URIRef("https://w3id.org/pmgraph/role/" + r) for r in ("product-manager", "senior-product-manager"))
    >>> any(cited.value(s, RDF.subject) == pm and cited.value(s, RDF.object) == spm
    ...     for s in cited.subjects(RDF.type, RDF.Statement))
    True
    """
    import rdflib
    from rdflib import DCTERMS, RDF, SKOS, Literal, URIRef

    base = ONTOLOGY
    reference = rdflib.Graph()
    reference.parse(base / "roles.ttl", format="turtle")
    promotes, lateral = URIRef(_PM + "promotesTo"), URIRef(_PM + "lateralMoveTo")
    editorial_class, rule_class = URIRef(_PM + "EditorialSource"), URIRef(_PM + "DerivationRule")
    # framework role -> the reference roles it stands for, with the kind of link: its close matches,
    # and those it is broader than (GitLab's "Engineering" discipline covers the reference Software Engineer)
    counterpart: dict[URIRef, set[tuple[URIRef, str]]] = defaultdict(set)
    for link, kind in ((SKOS.closeMatch, "close"), (SKOS.broadMatch, "broad")):
        for ref, framework_role in crosswalk.subject_objects(link):
            counterpart[URIRef(str(framework_role))].add((URIRef(str(ref)), kind))
    out = rdflib.Graph(bind_namespaces="none")
    for prefix in ("pm", "role", "stmt", "src", "rdf", "dct", "schema", "skos", "prov"):
        out.bind(prefix, PREFIXES[prefix])
    for framework in FRAMEWORKS:
        out.bind(f"{framework}statement", f"{FRAMEWORK_NS}{framework}/statement/")
    close: dict[URIRef, set[URIRef]] = defaultdict(set)  # framework role -> its close reference roles
    for ref, framework_role in crosswalk.subject_objects(SKOS.closeMatch):
        close[URIRef(str(framework_role))].add(URIRef(str(ref)))
    broad_rule, step_rule = URIRef(link_rule("broad")), URIRef(NEXT_STEP_RULE)
    out.add((step_rule, RDF.type, editorial_class))
    out.add((step_rule, RDF.type, rule_class))
    out.add((step_rule, SKOS.notation, Literal("reporting line")))
    out.add((step_rule, DCTERMS.title, Literal(_NEXT_STEP_TITLE, lang="en")))
    out.add((step_rule, SKOS.definition, Literal(_NEXT_STEP_DEFINITION, lang="en")))
    placing = (URIRef(_PM + "track"), URIRef(_PM + "function"))
    used_broad = False
    reports = URIRef(_PM + "reportsTo")
    role_class = URIRef(_PM + "Role")
    described: set[URIRef] = set()
    for framework in FRAMEWORKS:
        graph = rdflib.Graph()
        graph.parse(base / "frameworks" / f"{framework}.ttl", format="turtle")
        for statement in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
            predicate = graph.value(statement, RDF.predicate)
            source, target = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
            steps: list[tuple[URIRef, URIRef, URIRef]] = []  # reference moves a stated reporting line implies
            if predicate in (promotes, lateral, reports):
                # a move or reporting line between two roles the reference ladder has, joined the same way
                triples = [((a, URIRef(str(predicate)), b), "broad" in (ka, kb))
                           for a, ka in sorted(counterpart.get(URIRef(str(source)), ()))
                           for b, kb in sorted(counterpart.get(URIRef(str(target)), ())) if a != b]
                if predicate == reports:
                    steps = [(a, promotes, b) for a in sorted(close.get(URIRef(str(source)), ()))
                             for b in sorted(close.get(URIRef(str(target)), ())) if a != b]
            elif predicate in placing:
                # the role's track or function, where its close match states the same value
                triples = [((a, URIRef(str(predicate)), URIRef(str(target))), False)
                           for a in sorted(close.get(URIRef(str(source)), ()))]
            elif predicate == RDF.type and target == role_class and framework not in UNTITLED \
                    and str(source) not in UNTITLED_ROLES:
                # the role itself, where the reference role is the same job (a close match)
                triples = [((a, RDF.type, role_class), False) for a in sorted(close.get(URIRef(str(source)), ()))]
            else:
                continue
            cited = sorted(URIRef(str(p)) for p in graph.objects(statement, DCTERMS.source))
            pages = [p for p in cited if (p, RDF.type, editorial_class) not in graph]
            if not pages:
                continue  # stated only by a conversion rule: nothing for the reference to cite
            derived = any((p, RDF.type, rule_class) in graph for p in cited)
            entries = [(triple, cited + [broad_rule] if broad else cited, derived or broad)
                       for triple, broad in triples]
            if not derived:  # a reporting line the framework states: the next step up, by the rule
                entries += [(triple, pages + [step_rule], True) for triple in steps]
            for triple, sources, is_derived in entries:
                if triple not in reference:
                    continue
                used_broad = used_broad or broad_rule in sources
                name = f"framework-{framework}{'-derived' if is_derived else ''}"
                cite(out, *triple, sources, name=name, derived_from=[statement], stated=False)
                for page in sources:
                    if page not in described and page not in (broad_rule, step_rule):
                        described.add(page)
                        describe(out, graph, page)
    if used_broad:
        add_link_rules(out)
    _editorial_placings(out, reference)
    return out


def _editorial_placings(out: rdflib.Graph, reference: rdflib.Graph) -> None:
    """Cite each reference role's level, and its track and function where no framework page (nor
    a hand-written statement) does, to ``src:editorial``, with the reason a reviewer can check:
    the level is the reference ladder's own scale (one above the role below it), a track or
    function no bundled framework states for a close match is editorial judgement."""
    import rdflib
    from rdflib import RDF, SKOS, URIRef

    reference = reference + rdflib.Graph().parse(ONTOLOGY / "article.ttl", format="turtle")
    editorial = URIRef(PREFIXES["src"] + "editorial")
    level_p, promotes = URIRef(_PM + "level"), URIRef(_PM + "promotesTo")
    cited = {(g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
             for g in (out, reference) for st in g.subjects(RDF.type, RDF.Statement)}

    def label(role: rdflib.term.Node) -> str:
        return str(reference.value(role, SKOS.prefLabel))

    def words(node: rdflib.term.Node) -> str:  # pm:PeopleManagement -> "people management"
        name = str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1].removesuffix("Function")
        return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()

    for role in sorted(set(reference.subjects(RDF.type, URIRef(_PM + "Role"))), key=str):
        level = reference.value(role, level_p)
        if reference.value(role, URIRef(_PM + "framework")) is not None or level is None:
            continue
        below = sorted(f"{label(r)} (level {reference.value(r, level_p)})" for r in reference.subjects(promotes, role))
        reason = (f"editorial: the reference ladder places {label(role)} at level {level} of its own scale"
                  + (f", one step above {' and '.join(below)}" if below else ", the entry to its ladder")
                  + "; no framework's grade or level is on that scale")
        cite(out, role, level_p, level, [editorial], name="reference-placing", comment=reason, stated=False)
        for name in ("track", "function"):
            predicate = URIRef(_PM + name)
            for value in sorted(reference.objects(role, predicate), key=str):
                if (role, predicate, value) in cited:
                    continue
                reason = (f"editorial: the reference ladder puts {label(role)} in the {words(value)} {name}; "
                          f"no bundled framework states it for a role that is the same job")
                cite(out, role, predicate, value, [editorial], name="reference-placing", comment=reason, stated=False)


def describe(out: rdflib.Graph, graph: rdflib.Graph, node: rdflib.URIRef) -> None:
    """Copy what identifies a page (and, once, its framework) into ``out``: types, title, URL,
    the framework it is part of, and the framework's licence and attribution."""
    from rdflib import DCTERMS, RDF, URIRef

    skos = PREFIXES["skos"]
    keep = {RDF.type, DCTERMS.title, DCTERMS.isPartOf, DCTERMS.license, DCTERMS.publisher,
            URIRef(PREFIXES["schema"] + "url"), URIRef(_PM + "attribution"), URIRef(_PM + "licenceName"),
            URIRef(skos + "notation"), URIRef(skos + "definition")}
    for predicate, obj in graph.predicate_objects(node):
        if predicate in keep:
            out.add((node, predicate, obj))
    framework = graph.value(node, DCTERMS.isPartOf)
    if framework is not None and (framework, RDF.type, None) not in out:
        describe(out, graph, URIRef(str(framework)))
