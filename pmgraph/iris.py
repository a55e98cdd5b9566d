"""pmgraph's IRIs as plain strings: importable without rdflib (the fast start-up path).

:mod:`pmgraph.vocab` builds rdflib namespaces from these.
"""

__all__ = ["BASE", "PM_NS", "FRAMEWORK_NS", "PREFIXES", "PROLOGUE", "is_absolute_iri"]

import re

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


_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]+")


def is_absolute_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that can be written between ``<`` and ``>`` as it is.

    >>> is_absolute_iri("https://example.org/graph"), is_absolute_iri("not an iri"), is_absolute_iri("x:a>b")
    (True, False, False)
    """
    return _ABSOLUTE_IRI.fullmatch(text) is not None
