"""Reference moves the frameworks state: a framework's move between two roles whose reference
counterparts (in the crosswalk, a close match or a framework role broader than the reference one)
are joined by a reference move cites that move's framework pages on the reference move, per value
(an ``rdf:Statement`` on its shortcut triple). A reporting line is cited the same way, and a
reference role by the pages of the framework roles that are the same job (close matches).

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

if TYPE_CHECKING:
    import rdflib

__all__ = ["describe", "framework_citations"]

_PM = PREFIXES["pm"]


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
    from rdflib import DCTERMS, RDF, SKOS, URIRef

    base = ONTOLOGY
    reference = rdflib.Graph()
    reference.parse(base / "roles.ttl", format="turtle")
    promotes, lateral = URIRef(_PM + "promotesTo"), URIRef(_PM + "lateralMoveTo")
    # framework role -> the reference roles it stands for: its close matches, and those it is
    # broader than (GitLab's "Engineering" discipline covers the reference Software Engineer)
    counterpart: dict[URIRef, set[URIRef]] = defaultdict(set)
    for link in (SKOS.closeMatch, SKOS.broadMatch):
        for ref, framework_role in crosswalk.subject_objects(link):
            counterpart[URIRef(str(framework_role))].add(URIRef(str(ref)))
    out = rdflib.Graph(bind_namespaces="none")
    for prefix in ("pm", "role", "stmt", "rdf", "dct", "schema", "skos", "prov"):
        out.bind(prefix, PREFIXES[prefix])
    for framework in FRAMEWORKS:
        out.bind(f"{framework}statement", f"{FRAMEWORK_NS}{framework}/statement/")
    close: dict[URIRef, set[URIRef]] = defaultdict(set)  # framework role -> its close reference roles
    for ref, framework_role in crosswalk.subject_objects(SKOS.closeMatch):
        close[URIRef(str(framework_role))].add(URIRef(str(ref)))
    reports = URIRef(_PM + "reportsTo")
    role_class = URIRef(_PM + "Role")
    described: set[URIRef] = set()
    for framework in FRAMEWORKS:
        graph = rdflib.Graph()
        graph.parse(base / "frameworks" / f"{framework}.ttl", format="turtle")
        for statement in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
            predicate = graph.value(statement, RDF.predicate)
            source, target = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
            if predicate in (promotes, lateral, reports):
                # a move or reporting line between two roles the reference ladder has, joined the same way
                triples = [(a, URIRef(str(predicate)), b) for a in sorted(counterpart.get(URIRef(str(source)), ()))
                           for b in sorted(counterpart.get(URIRef(str(target)), ())) if a != b]
            elif predicate == RDF.type and target == role_class:
                # the role itself, where the reference role is the same job (a close match)
                triples = [(a, RDF.type, role_class) for a in sorted(close.get(URIRef(str(source)), ()))]
            else:
                continue
            pages = sorted(URIRef(str(p)) for p in graph.objects(statement, DCTERMS.source)
                           if (p, RDF.type, URIRef(_PM + "EditorialSource")) not in graph)
            if not pages:
                continue  # stated only by a conversion rule: nothing for the reference to cite
            for triple in triples:
                if triple not in reference:
                    continue
                cite(out, *triple, pages, name="framework", derived_from=[statement], stated=False)
                for page in pages:
                    if page not in described:
                        described.add(page)
                        describe(out, graph, page)
    return out


def describe(out: rdflib.Graph, graph: rdflib.Graph, node: rdflib.URIRef) -> None:
    """Copy what identifies a page (and, once, its framework) into ``out``: types, title, URL,
    the framework it is part of, and the framework's licence and attribution."""
    from rdflib import DCTERMS, RDF, URIRef

    keep = {RDF.type, DCTERMS.title, DCTERMS.isPartOf, DCTERMS.license, DCTERMS.publisher,
            URIRef(PREFIXES["schema"] + "url"), URIRef(_PM + "attribution"), URIRef(_PM + "licenceName")}
    for predicate, obj in graph.predicate_objects(node):
        if predicate in keep:
            out.add((node, predicate, obj))
    framework = graph.value(node, DCTERMS.isPartOf)
    if framework is not None and (framework, RDF.type, None) not in out:
        describe(out, graph, URIRef(str(framework)))
