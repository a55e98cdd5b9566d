"""The SPARQL 1.1 Service Description of ``pmgraph serve`` (https://www.w3.org/TR/sparql11-service-description/).

A client that GETs the endpoint without a query learns from it what the service is: SPARQL 1.1
Query only (no update, no federation), the result formats it writes, and its default dataset:
a default graph holding the whole graph, and the named graphs beside it
(:data:`~pmgraph.resources.WHOLE_GRAPH` and each bundled framework's), each with its size and
what it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD, Namespace

from ..resources import WHOLE_GRAPH
from .query import run_query

__all__ = ["DatasetFacts", "dataset_facts", "service_description", "RESULT_FORMATS"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")

#: The formats the endpoint writes, by their W3C format IRIs.
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML", "N3")


@dataclass(frozen=True)
class DatasetFacts:
    """What the service description says of the served dataset: the default graph's size and,
    for each named graph, its size and title (if the data gives one)."""

    default_triples: int
    named: tuple[tuple[str, int, str | None], ...]


_NAMED = """SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?t) AS ?title) WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { GRAPH ?g { ?g dct:title ?t } }
} GROUP BY ?g ORDER BY ?g"""


def dataset_facts(graph: rdflib.Graph) -> DatasetFacts:
    """The sizes (and titles) of ``graph``'s default graph and of each named graph of its store."""
    default = run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    named = []
    for iri, count, title in run_query(graph, _NAMED).rows:
        if isinstance(iri, URIRef) and count is not None:
            named.append((str(iri), int(count), str(title) if title is not None else None))
    return DatasetFacts(int(default) if default is not None else 0, tuple(named))


def service_description(endpoint: str, facts: DatasetFacts) -> rdflib.Graph:
    """The service description of the endpoint at URL ``endpoint`` serving ``facts``' dataset.

    Examples
    --------
    >>> sd = service_description("http://127.0.0.1:7878/sparql", DatasetFacts(3, (("https://example.org/g", 2, None),)))
    >>> (URIRef("http://127.0.0.1:7878/sparql#service"), SD.endpoint, URIRef("http://127.0.0.1:7878/sparql")) in sd
    True
    """
    graph = rdflib.Graph()
    for prefix, namespace in (("sd", SD), ("void", VOID), ("formats", FORMATS), ("dct", DCTERMS),
                              ("ent", ENTAILMENT)):
        graph.bind(prefix, namespace)
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, RDFS.label, Literal("pmgraph SPARQL endpoint (read-only)", lang="en")))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset = URIRef(endpoint + "#dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = URIRef(endpoint + "#default-graph")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(facts.default_triples, datatype=XSD.integer)))
    for number, (iri, count, title) in enumerate(facts.named):
        named = BNode(f"named{number}")
        described = BNode(f"graph{number}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(count, datatype=XSD.integer)))
        if iri == WHOLE_GRAPH:
            graph.add((described, RDFS.comment, Literal("The whole graph: the same triples as the default graph.",
                                                        lang="en")))
        if title is not None:
            graph.add((described, DCTERMS.title, Literal(title)))
    return graph
