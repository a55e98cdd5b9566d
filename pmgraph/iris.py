"""pmgraph's IRIs as plain strings: importable without rdflib (the fast start-up path).

:mod:`pmgraph.vocab` builds rdflib namespaces from these.
"""

__all__ = ["BASE", "PM_NS", "FRAMEWORK_NS", "PREFIXES", "PROLOGUE"]

BASE = "https://w3id.org/pmgraph/"
PM_NS = BASE + "ontology#"
#: A bundled framework is <FRAMEWORK_NS><id>; its roles <FRAMEWORK_NS><id>/role/<key>, and so on.
FRAMEWORK_NS = BASE + "framework/"

#: Prefixes bound on every loaded graph and predeclared in queries, in a stable order.
PREFIXES: dict[str, str] = {
    "pm": PM_NS,
    "role": BASE + "role/",
    "skill": BASE + "skill/",
    "skillcat": BASE + "skill-category/",
    "resp": BASE + "responsibility/",
    "req": BASE + "requirement/",
    "tr": BASE + "transition/",
    "stmt": BASE + "statement/",
    "scheme": BASE + "scheme/",
    "prof": BASE + "proficiency/",
    "src": BASE + "source/",
    "esco": "http://data.europa.eu/esco/occupation/",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}

#: PREFIXES as a SPARQL prologue, for queries passed as plain strings.
PROLOGUE = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
