"""The vocabulary describes itself as ontology tools expect (issue 16): the header of
``ontology/schema.ttl`` (version IRI tied to the package version, title, description, creator,
publisher, dates, licence, preferred prefix and namespace); a label, a definition and
``rdfs:isDefinedBy`` on every class and property; the top concepts of every concept scheme; each
framework's data with its own licence and source; and the licences of code and data in the package
metadata. The header and the terms are also checked by the SHACL shapes in
``tests/data/ontology-header-shape.ttl``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, VANN

from pmgraph.iris import FRAMEWORK_NS, PM_NS
from pmgraph.resources import framework_files, ontology_dir, ontology_files
from tools.frameworks import FRAMEWORKS

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "tests" / "data" / "ontology-header-shape.ttl"
ONTOLOGY = URIRef("https://w3id.org/pmgraph/ontology")
TERM_KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)

SCHEMA = rdflib.Graph().parse(ontology_dir() / "schema.ttl", format="turtle")
TERMS = sorted({term for kind in TERM_KINDS for term in SCHEMA.subjects(RDF.type, kind)}, key=str)

#: Each framework's licence, as its README in sources/ states it (DDaT: the content's OGL v3.0; its
#: OWL model's MIT is named in pm:licenceName and the LICENSE file).
FRAMEWORK_LICENCES = {
    "ddat": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "gitlab": "https://handbook.gitlab.com/handbook/about/",  # facts only, linked: no open licence
    "monzo": "https://spdx.org/licenses/MIT",
    "octopus": "https://spdx.org/licenses/Apache-2.0",
    "sourcegraph": "https://spdx.org/licenses/Apache-2.0",
}
#: The SPDX id of each licence IRI the data uses; None for a licence that has none (GitLab's facts).
SPDX = {
    "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/": "OGL-UK-3.0",
    "https://handbook.gitlab.com/handbook/about/": None,
}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's closed XSD confuses pytest's collector
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _conforms(data: rdflib.Graph) -> tuple[bool, str, set]:
    """Whether ``data`` conforms to the shapes, the report, and the paths of the results."""
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, text, set(results.objects(None, SH.resultPath))


def _without(graph: rdflib.Graph, subject, predicate) -> rdflib.Graph:
    copy = rdflib.Graph()
    for triple in graph:
        if triple[:2] != (subject, predicate):
            copy.add(triple)
    return copy


# ------------------------------------------------------------------------------------ header


def test_schema_declares_one_ontology():
    assert list(SCHEMA.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]


def test_header_and_terms_conform_to_the_shapes():
    conforms, text, _paths = _conforms(SCHEMA)
    assert conforms, text


@pytest.mark.parametrize("predicate", [OWL.versionIRI, DCTERMS.creator, DCTERMS.publisher, DCTERMS.issued,
                                       DCTERMS.modified, DCTERMS.license, DCTERMS.description,
                                       VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri])
def test_the_header_shape_reports_a_missing_field(predicate):
    conforms, text, paths = _conforms(_without(SCHEMA, ONTOLOGY, predicate))
    assert not conforms and paths == {predicate}, text


def test_the_term_shape_reports_a_term_defined_nowhere():
    conforms, text, paths = _conforms(_without(SCHEMA, URIRef(PM_NS + "Role"), RDFS.isDefinedBy))
    assert not conforms and paths == {RDFS.isDefinedBy}, text


def test_version_iri_follows_the_package_version():
    version = _pyproject()["project"]["version"]
    assert SCHEMA.value(ONTOLOGY, OWL.versionInfo) == Literal(version), \
        f"owl:versionInfo in ontology/schema.ttl is not the package version {version} (pyproject.toml)"
    assert SCHEMA.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{version}"), \
        f"owl:versionIRI in ontology/schema.ttl is not <{ONTOLOGY}/{version}>"


def test_preferred_namespace_is_the_one_pmgraph_binds():
    assert SCHEMA.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("pm")
    assert SCHEMA.value(ONTOLOGY, VANN.preferredNamespaceUri) == Literal(PM_NS, datatype=XSD.anyURI)


def test_dates_are_ordered():
    issued, modified = SCHEMA.value(ONTOLOGY, DCTERMS.issued), SCHEMA.value(ONTOLOGY, DCTERMS.modified)
    assert issued.datatype == modified.datatype == XSD.date
    assert issued.toPython() <= modified.toPython()


# ------------------------------------------------------------------------------------ terms


@pytest.fixture(scope="module")
def everything() -> rdflib.Graph:
    """The bundled ontology and every framework's data, in one rdflib graph."""
    graph = rdflib.Graph()
    for path in ontology_files() + framework_files():
        graph.parse(path, format="turtle")
    return graph


def test_schema_declares_every_pm_term_the_data_uses(everything):
    data = everything
    used = {p for p in data.predicates() if str(p).startswith(PM_NS)}
    used |= {c for c in data.objects(None, RDF.type) if str(c).startswith(PM_NS)}
    declared = set(SCHEMA.subjects(RDF.type, None))
    assert not used - declared, sorted(map(str, used - declared))
    assert len(TERMS) >= 45  # 15 classes, 30 properties today


@pytest.mark.parametrize("term", TERMS, ids=lambda t: str(t).rsplit("#", 1)[-1])
def test_every_term_has_a_label_a_definition_and_its_ontology(term):
    labels = [label for label in SCHEMA.objects(term, RDFS.label) if label.language == "en"]
    definitions = [d for d in SCHEMA.objects(term, SKOS.definition) if d.language == "en"]
    assert len(labels) == 1, f"{term}: one rdfs:label @en"
    assert len(definitions) == 1 and len(str(definitions[0]).split()) >= 4, f"{term}: one skos:definition @en"
    # One way of defining for the whole vocabulary: skos:definition, never rdfs:comment.
    assert (term, RDFS.comment, None) not in SCHEMA
    assert list(SCHEMA.objects(term, RDFS.isDefinedBy)) == [ONTOLOGY]


def test_every_pm_term_in_the_schema_is_defined_by_it():
    """The controlled values (tracks, functions, transition kinds, importance) too."""
    named = {s for s in SCHEMA.subjects() if isinstance(s, URIRef) and str(s).startswith(PM_NS)}
    assert named and not [str(s) for s in named if (s, RDFS.isDefinedBy, ONTOLOGY) not in SCHEMA]


# ------------------------------------------------------------------------------------ concept schemes


#: The reference schemes (declared in schema.ttl) and each framework's roles and skills.
SCHEMES = sorted([*SCHEMA.subjects(RDF.type, SKOS.ConceptScheme),
                  *(URIRef(f"{FRAMEWORK_NS}{f}/scheme/{s}") for f in FRAMEWORKS for s in ("roles", "skills"))], key=str)


def test_every_scheme_is_checked(everything):
    assert set(everything.subjects(RDF.type, SKOS.ConceptScheme)) == set(SCHEMES)
    assert len(SCHEMES) == 8 + 2 * len(FRAMEWORKS)


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: str(s).split("pmgraph/", 1)[1])
def test_every_scheme_has_its_top_concepts(everything, scheme):
    graph = everything
    stated = set(graph.objects(scheme, SKOS.hasTopConcept))
    inverse = set(graph.subjects(SKOS.topConceptOf, scheme))
    assert stated, f"{scheme} has no skos:hasTopConcept"
    assert stated == inverse, (f"{scheme}: hasTopConcept and topConceptOf disagree on "
                               f"{sorted(map(str, stated ^ inverse))}")
    members = set(graph.subjects(SKOS.inScheme, scheme))
    assert stated <= members, "a top concept not in its scheme"
    # SKOS: a top concept has nothing broader in its scheme; and here every concept with nothing
    # broader is a top concept (the schemes are flat but for skills under hard and soft).
    rootless = {c for c in members if not any(b in members for b in graph.objects(c, SKOS.broader))}
    assert stated == rootless, sorted(map(str, stated ^ rootless))


# ------------------------------------------------------------------------------------ frameworks


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_each_framework_s_data_carries_its_licence_and_source(framework):
    path = ontology_dir() / "frameworks" / f"{framework}.ttl"
    graph = rdflib.Graph().parse(path, format="turtle")
    node = URIRef(FRAMEWORK_NS + framework)
    assert list(graph.subjects(RDF.type, URIRef(PM_NS + "Framework"))) == [node]
    conforms, text, _paths = _conforms(graph)
    assert conforms, text
    licence = graph.value(node, DCTERMS.license)
    assert licence == URIRef(FRAMEWORK_LICENCES[framework])
    # the same licence as the LICENSE file beside the data says
    written = (path.with_suffix(".LICENSE")).read_text(encoding="utf-8")
    assert re.search(rf"^Licence: .* <{re.escape(str(licence))}>$", written, re.MULTILINE)
    assert str(graph.value(node, DCTERMS.source)).startswith("https://")


# ------------------------------------------------------------------------------------ package metadata




def _spdx(iri: str) -> str | None:
    if iri.startswith("https://spdx.org/licenses/"):
        return iri.rsplit("/", 1)[1]
    assert iri in SPDX, f"licence {iri} has no SPDX id here: add it to SPDX in this test and to pyproject's license"
    return SPDX[iri]


def test_pyproject_declares_the_licences_of_code_and_data(everything):
    """Every licence the bundled data names (the schema's, each framework's) is in the expression."""
    from packaging.licenses import canonicalize_license_expression

    project = _pyproject()["project"]
    expression = canonicalize_license_expression(project["license"])
    ids = set(re.findall(r"[A-Za-z0-9.+-]+", str(expression))) - {"AND", "OR", "WITH"}
    wanted = {"MIT"} | {spdx for iri in map(str, everything.objects(None, DCTERMS.license))
                        if (spdx := _spdx(iri)) is not None}
    assert ids == wanted, f"pyproject license {expression!r}: want {' AND '.join(sorted(wanted))}"
    files = {str(p.relative_to(ROOT)) for pattern in project["license-files"] for p in ROOT.glob(pattern)}
    assert {"LICENSE"} | {f"ontology/frameworks/{f}.LICENSE" for f in FRAMEWORKS} <= files


def test_the_build_backend_writes_them_into_the_metadata():
    """What hatchling puts into METADATA (License-Expression, License-File), without building a wheel."""
    from hatchling.metadata.core import ProjectMetadata
    from hatchling.plugin.manager import PluginManager

    core = ProjectMetadata(str(ROOT), PluginManager()).core
    assert core.license_expression == _pyproject()["project"]["license"]
    assert "LICENSE" in core.license_files
    assert {f"ontology/frameworks/{f}.LICENSE" for f in FRAMEWORKS} <= set(core.license_files)
    assert not [c for c in core.classifiers if c.startswith("License ::")]  # PEP 639: the expression replaces them
