"""The ontology reference page, generated from the ontology itself (``docs/ontology.md``).

CLI twin: ``pmgraph reference``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, cast

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from ..vocab import PM
from ..wording import compact_iri, markdown_cell as _cell

if TYPE_CHECKING:
    from rdflib import Literal, URIRef
    from rdflib.term import Node

__all__ = ["ontology_reference"]


#: How the graph says who states what (the same words for every page this generates).
_PROVENANCE = [
    "## Provenance: who states each value", "",
    "A cited fact is a triple; who states it is an `rdf:Statement` naming that triple "
    "(`rdf:subject`, `rdf:predicate`, `rdf:object`) with one `dct:source` per source. A move and its "
    "years, a requirement and its proficiency, a role and its level are separate triples, so each "
    "has its own sources. Sources are `pm:SourceDocument`s (a framework's page, with its `schema:url`; "
    "the article), `pm:Framework`s (a framework as a whole, with its licence and retrieval), and "
    "`pm:EditorialSource`s (a curated judgement or a conversion rule, with its reason).", "",
    "Unknown is a value: a move whose years no source states has no `pm:yearsMin`; a requirement "
    "whose proficiency no source states has no `pm:proficiency`. Years cited only by editorial "
    "judgement (or a proficiency) are estimates: the statement cites `src:editorial` alone with "
    "`rdfs:comment \"estimate\"`, and every output says so.", "",
    "One mechanism for the whole bundled graph: the frameworks (`ontology/frameworks/`), the reference "
    "ladder (`roles.ttl`, `skills.ttl`), its requirements (`requirements.ttl`), the article's claims "
    "(`article.ttl`) and the crosswalk all cite this way. A role is cited by the statement of its "
    "`rdf:type`, a move by the statement of its `pm:promotesTo` / `pm:lateralMoveTo` shortcut, a "
    "requirement by the statement of its `pm:requiresSkill` shortcut. A reference requirement derived "
    "from a framework says which: its statements are `prov:wasDerivedFrom` the framework requirements "
    "behind them and name them in `rdfs:comment`. A graph from elsewhere that cites whole nodes with "
    "`dct:source` (as `pmgraph import` writes) is read too; `pmgraph provenance` counts a value cited "
    "only that way as cited \"as a whole\".", "",
    "Who states the years of a move, in SPARQL:", "",
    "```sparql",
    "SELECT ?move ?years ?source WHERE {",
    "  ?move a pm:Transition ; pm:yearsMin ?years .",
    "  OPTIONAL { ?s rdf:subject ?move ; rdf:predicate pm:yearsMin ; rdf:object ?years ; dct:source ?source }",
    "}",
    "```", "",
]


def _label(graph: rdflib.Graph, node: Node | None) -> str:
    for predicate in (SKOS.prefLabel, RDFS.label):
        values = sorted(graph.objects(node, predicate),
                        key=lambda value: (getattr(value, "language", None) != "en", str(value)))
        if values:
            return str(values[0])
    return _qname(node)


def _qname(node: Node | None) -> str:
    """``node`` with pmgraph's prefixes (``pm:Role``), else in angle brackets."""
    text = str(node)
    compact = compact_iri(text)
    return compact if compact != text else f"<{text}>"


def _text(graph: rdflib.Graph, node: Node, predicate: URIRef = SKOS.definition) -> str:
    value = graph.value(node, predicate)
    return " ".join(str(value).split()) if value is not None else ""


def _vocabulary(graph: rdflib.Graph) -> list[str]:
    """Each ontology's header: version, namespace, licence, dates; and how many terms it defines."""
    from rdflib import DCTERMS, VANN

    fields = [("version", OWL.versionInfo), ("version IRI", OWL.versionIRI),
              ("preferred prefix", VANN.preferredNamespacePrefix), ("namespace", VANN.preferredNamespaceUri),
              ("licence", DCTERMS.license), ("creator", DCTERMS.creator), ("publisher", DCTERMS.publisher),
              ("issued", DCTERMS.issued), ("modified", DCTERMS.modified)]
    out: list[str] = []
    for ontology in sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str):
        title = _text(graph, ontology, DCTERMS.title) or _label(graph, ontology)
        description = _text(graph, ontology, DCTERMS.description)
        out += [f"## Vocabulary: {title}", "", f"`{ontology}`" + (f": {description}" if description else ""), "",
                "| field | value |", "| --- | --- |"]
        out += [f"| {name} | {_cell(', '.join(sorted(str(v) for v in graph.objects(ontology, predicate))))} |"
                for name, predicate in fields if (ontology, predicate, None) in graph]
        defined = len(set(graph.subjects(RDFS.isDefinedBy, ontology)))
        out += ["", f"{defined} terms (classes, properties, controlled values) say `rdfs:isDefinedBy` this ontology.",
                ""]
    return out


def ontology_reference(graph: rdflib.Graph) -> str:
    """A Markdown reference of ``graph``: classes, properties, roles by level and track, skills.

    Sorted throughout, so the same graph always gives the same text.

    Examples
    --------
    >>> from pmgraph import load
    >>> page = ontology_reference(load())
    >>> page.splitlines()[0]
    '# pmgraph ontology reference'
    >>> "| `pm:Role` |" in page and "## Skills by category" in page
    True
    """
    out: list[str] = ["# pmgraph ontology reference", ""]
    roles = sorted(set(graph.subjects(RDF.type, PM.Role)), key=str)
    skills = sorted(set(graph.subjects(RDF.type, PM.Skill)), key=str)
    counts = [
        ("roles", len(roles)),
        ("skills", len(skills)),
        ("skill categories", len(set(graph.subjects(RDF.type, PM.SkillCategory)))),
        ("responsibilities", len(set(graph.subjects(RDF.type, PM.Responsibility)))),
        ("transitions", len(set(graph.subjects(RDF.type, PM.Transition)))),
        ("skill requirements", len(set(graph.subjects(RDF.type, PM.SkillRequirement)))),
        ("cited statements", len(set(graph.subjects(RDF.type, RDF.Statement)))),
        ("triples", len(graph)),
    ]
    out += ["Generated from the ontology by `pmgraph reference`; do not edit by hand.", ""]
    out += ["| what | count |", "| --- | ---: |"] + [f"| {name} | {n} |" for name, n in counts] + [""]

    out += _vocabulary(graph)
    out += _PROVENANCE
    out += ["## Classes", "", "| class | label | subclass of | definition |", "| --- | --- | --- | --- |"]
    for cls in sorted(set(graph.subjects(RDF.type, OWL.Class)), key=str):
        parents = ", ".join(f"`{_qname(p)}`" for p in sorted(graph.objects(cls, RDFS.subClassOf), key=str))
        out.append(f"| `{_qname(cls)}` | {_cell(_label(graph, cls))} | {parents} | {_cell(_text(graph, cls))} |")
    out.append("")

    out += ["## Properties", "", "| property | kind | domain | range | definition |", "| --- | --- | --- | --- | --- |"]
    # Kinds and memberships from one read each, not one `(s, p, o) in graph` per property or skill:
    # over a remote store each of those is a request.
    object_properties = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    properties = object_properties | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    for prop in sorted(properties, key=str):
        kind = "object" if prop in object_properties else "datatype"
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        out.append(f"| `{_qname(prop)}` | {kind} | {f'`{_qname(domain)}`' if domain else ''} | "
                   f"{f'`{_qname(range_)}`' if range_ else ''} | {_cell(_text(graph, prop))} |")
    out.append("")

    out += ["## Proficiency scale", "", "| rank | level | meaning |", "| ---: | --- | --- |"]
    # Ranks and levels are integer literals (the shapes require them); rdflib types them as Node | None.
    scale = sorted(graph.subjects(RDF.type, PM.ProficiencyLevel),
                   key=lambda p: int(cast("Literal", graph.value(p, PM.rank))))
    out += [f"| {graph.value(p, PM.rank)} | {_label(graph, p)} | {_cell(_text(graph, p))} |" for p in scale] + [""]

    out += ["## Roles by level and track", ""]
    tracks = sorted(set(graph.subjects(RDF.type, PM.Track)), key=lambda t: _label(graph, t))
    grid: dict[int, dict[Node | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for role in roles:
        role_level = cast("Literal", graph.value(role, PM.level))
        grid[int(role_level)][graph.value(role, PM.track)].append(_label(graph, role))
    out += ["| level | " + " | ".join(_label(graph, t) for t in tracks) + " |",
            "| ---: | " + " | ".join("---" for _ in tracks) + " |"]
    for level in sorted(grid, reverse=True):
        out.append(f"| {level} | " + " | ".join(", ".join(sorted(grid[level][t])) for t in tracks) + " |")
    out += ["", "| role | id | level | track | function | synonyms | reports to |",
            "| --- | --- | ---: | --- | --- | --- | --- |"]
    for role in sorted(roles, key=lambda r: (-int(cast("Literal", graph.value(r, PM.level))), _label(graph, r))):
        synonyms = ", ".join(sorted(str(s) for s in graph.objects(role, SKOS.altLabel)))
        managers = ", ".join(sorted(_label(graph, m) for m in graph.objects(role, PM.reportsTo)))
        out.append(f"| {_label(graph, role)} | `{_qname(role)}` | {graph.value(role, PM.level)} | "
                   f"{_label(graph, graph.value(role, PM.track))} | {_label(graph, graph.value(role, PM.function))} | "
                   f"{_cell(synonyms)} | {managers} |")
    out.append("")

    out += ["## Skills by category", ""]
    categories = set(graph.subjects(RDF.type, PM.SkillCategory))
    broader = set(graph.subject_objects(SKOS.broader))
    tops = sorted((c for c in categories if graph.value(c, SKOS.broader) is None), key=lambda c: _label(graph, c))
    for top in tops:
        out += [f"### {_label(graph, top)}", ""]
        narrower = sorted((c for c in categories if graph.value(c, SKOS.broader) == top),
                          key=lambda c: _label(graph, c))
        for category in [top, *narrower]:
            members = sorted((_label(graph, s) for s in skills if (s, category) in broader), key=str.casefold)
            if members:
                heading = _label(graph, category) if category != top else f"{_label(graph, top)} (directly)"
                out.append(f"- **{heading}**: " + ", ".join(members))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
