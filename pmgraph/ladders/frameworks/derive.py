"""Reference moves the frameworks state: a framework's move between two roles whose reference
counterparts (close matches in the crosswalk) are joined by a reference move cites that move's
framework pages on the reference move, per value (an ``rdf:Statement`` on its shortcut triple).

Only existing reference moves gain citations, and only where both ends match closely and the
move goes the same way with the same kind of shortcut; nothing is added to the reference ladder's
shape here. The cited pages (and their frameworks) are described alongside, so the bundled graph
knows who they are without loading the frameworks.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING

from ...iris import PREFIXES
from ...resources import ontology_dir
from . import FRAMEWORKS

if TYPE_CHECKING:
    import rdflib

__all__ = ["framework_citations"]

_PM = PREFIXES["pm"]


def framework_citations(crosswalk: rdflib.Graph) -> rdflib.Graph:
    """Statements citing framework pages for the reference moves the frameworks also state, with
    the pages' and frameworks' descriptions; ``crosswalk`` is :func:`~.crosswalk.crosswalk`'s graph.

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from pmgraph.ladders.frameworks.crosswalk import crosswalk
    >>> cited = framework_citations(crosswalk())
    >>> pm, spm = (URIRef("https://w3id.org/pmgraph/role/" + r) for r in ("product-manager", "senior-product-manager"))
    >>> any(cited.value(s, RDF.subject) == pm and cited.value(s, RDF.object) == spm
    ...     for s in cited.subjects(RDF.type, RDF.Statement))
    True
    """
    import rdflib
    from rdflib import DCTERMS, RDF, SKOS, URIRef

    base = ontology_dir()
    reference = rdflib.Graph()
    reference.parse(base / "roles.ttl", format="turtle")
    promotes, lateral = URIRef(_PM + "promotesTo"), URIRef(_PM + "lateralMoveTo")
    counterpart: dict[URIRef, set[URIRef]] = defaultdict(set)  # framework role -> its close reference roles
    for ref, framework_role in crosswalk.subject_objects(SKOS.closeMatch):
        counterpart[URIRef(str(framework_role))].add(URIRef(str(ref)))
    out = rdflib.Graph(bind_namespaces="none")
    for prefix in ("pm", "role", "stmt", "rdf", "dct", "schema", "skos"):
        out.bind(prefix, PREFIXES[prefix])
    described: set[URIRef] = set()
    for framework in FRAMEWORKS:
        graph = rdflib.Graph()
        graph.parse(base / "frameworks" / f"{framework}.ttl", format="turtle")
        for statement in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
            predicate = graph.value(statement, RDF.predicate)
            if predicate not in (promotes, lateral):
                continue
            source, target = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
            pages = sorted(URIRef(str(p)) for p in graph.objects(statement, DCTERMS.source)
                           if (p, RDF.type, URIRef(_PM + "EditorialSource")) not in graph)
            if not pages:
                continue  # stated only by a conversion rule: nothing for the reference to cite
            for ref_source in sorted(counterpart.get(URIRef(str(source)), ())):
                for ref_target in sorted(counterpart.get(URIRef(str(target)), ())):
                    shortcut = (ref_source, URIRef(str(predicate)), ref_target)
                    if ref_source == ref_target or shortcut not in reference:
                        continue
                    _cite(out, shortcut, pages)
                    for page in pages:
                        if page not in described:
                            described.add(page)
                            _describe(out, graph, page)
    return out


def _cite(out: rdflib.Graph, triple: tuple[rdflib.URIRef, rdflib.URIRef, rdflib.URIRef],
          pages: list[rdflib.URIRef]) -> None:
    from rdflib import DCTERMS, RDF, URIRef

    subject, predicate, obj = triple
    digest = hashlib.sha256(f"{subject.n3()} {predicate.n3()} {obj.n3()}".encode()).hexdigest()[:20]
    statement = URIRef(f"{PREFIXES['stmt']}framework-{digest}")
    for pair in ((RDF.type, RDF.Statement), (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj)):
        out.add((statement, *pair))
    for page in pages:
        out.add((statement, DCTERMS.source, page))


def _describe(out: rdflib.Graph, graph: rdflib.Graph, node: rdflib.URIRef) -> None:
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
        _describe(out, graph, URIRef(str(framework)))
