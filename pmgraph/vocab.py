"""The pmgraph namespaces and term constants.

``PM`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises
``AttributeError`` instead of minting a wrong IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "PM",
    "BASE",
    "ROLE",
    "SKILL",
    "SKILL_CATEGORY",
    "RESPONSIBILITY",
    "REQUIREMENT",
    "TRANSITION",
    "STATEMENT",
    "SCHEME",
    "PROFICIENCY",
    "SOURCE",
    "ESCO",
    "SCHEMA",
    "EDITORIAL",
    "SOURCE_DOCUMENT",
    "PREFIXES",
]

BASE = "https://w3id.org/pmgraph/"


class PM(DefinedNamespace):
    """Terms of the pmgraph ontology (``ontology/schema.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Role: URIRef
    Skill: URIRef
    SkillCategory: URIRef
    Responsibility: URIRef
    Transition: URIRef
    SkillRequirement: URIRef
    ProficiencyLevel: URIRef
    Track: URIRef
    Function: URIRef
    TransitionKind: URIRef
    Importance: URIRef
    Source: URIRef
    SourceDocument: URIRef
    EditorialSource: URIRef
    # properties
    level: URIRef
    track: URIRef
    function: URIRef
    reportsTo: URIRef
    hasResponsibility: URIRef
    hasSkillRequirement: URIRef
    requiresSkill: URIRef
    skill: URIRef
    proficiency: URIRef
    importance: URIRef
    rank: URIRef
    fromRole: URIRef
    toRole: URIRef
    transitionKind: URIRef
    yearsMin: URIRef
    yearsMax: URIRef
    promotesTo: URIRef
    lateralMoveTo: URIRef
    sourceFile: URIRef
    # individuals
    IndividualContributor: URIRef
    PeopleManagement: URIRef
    Executive: URIRef
    ProductFunction: URIRef
    MarketingFunction: URIRef
    DesignFunction: URIRef
    EngineeringFunction: URIRef
    OperationsFunction: URIRef
    GeneralManagementFunction: URIRef
    PromotionWithinTrack: URIRef
    ICToManagement: URIRef
    LateralMove: URIRef
    IntoExecutive: URIRef
    Essential: URIRef
    Optional: URIRef


ROLE = Namespace(BASE + "role/")
SKILL = Namespace(BASE + "skill/")
SKILL_CATEGORY = Namespace(BASE + "skill-category/")
RESPONSIBILITY = Namespace(BASE + "responsibility/")
REQUIREMENT = Namespace(BASE + "requirement/")
TRANSITION = Namespace(BASE + "transition/")
STATEMENT = Namespace(BASE + "statement/")
SCHEME = Namespace(BASE + "scheme/")
PROFICIENCY = Namespace(BASE + "proficiency/")
SOURCE = Namespace(BASE + "source/")
ESCO = Namespace("http://data.europa.eu/esco/occupation/")
SCHEMA = Namespace("https://schema.org/")

EDITORIAL = SOURCE["editorial"]
SOURCE_DOCUMENT = SOURCE["doc-7aac459293c912b7"]

#: Prefixes bound on every loaded graph and predeclared in queries, in a stable order.
PREFIXES: dict[str, str] = {
    "pm": str(PM._NS),
    "role": str(ROLE),
    "skill": str(SKILL),
    "skillcat": str(SKILL_CATEGORY),
    "resp": str(RESPONSIBILITY),
    "req": str(REQUIREMENT),
    "tr": str(TRANSITION),
    "stmt": str(STATEMENT),
    "scheme": str(SCHEME),
    "prof": str(PROFICIENCY),
    "src": str(SOURCE),
    "esco": str(ESCO),
    "schema": str(SCHEMA),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}
