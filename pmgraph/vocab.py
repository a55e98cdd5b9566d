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

from .iris import BASE, PREFIXES as _PREFIXES


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
    DerivationRule: URIRef
    Framework: URIRef
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
    experienceYearsMin: URIRef
    experienceYearsMax: URIRef
    promotesTo: URIRef
    lateralMoveTo: URIRef
    sourceFile: URIRef
    framework: URIRef
    grade: URIRef
    directReportsMin: URIRef
    directReportsMax: URIRef
    licenceName: URIRef
    attribution: URIRef
    retrievedOn: URIRef
    repository: URIRef
    commit: URIRef
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
    DeliveryFunction: URIRef
    BusinessAnalysisFunction: URIRef
    UserResearchFunction: URIRef
    DataFunction: URIRef
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

#: The credit line of the reference ladder wherever its data appears (its licence: ontology/schema.ttl).
REFERENCE_CREDIT = ("pmgraph reference ladder (CC BY 4.0), from a collected article and pmgraph's editorial "
                    "judgement; see pmgraph provenance.")

#: Prefixes bound on every loaded graph and predeclared in queries (see pmgraph.iris).
PREFIXES = _PREFIXES
