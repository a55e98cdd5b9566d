"""The UK government DDaT Capability Framework, from the HyperLearning AI OWL model of it.

``sources/ddat/ddat.owl`` (RDF/XML) models the framework as OWL classes, each with a
``ddat#entityType`` annotation: 7 disciplines, 42 branches (``rdfs:subClassOf`` a discipline, with
a ``branchOf`` restriction), 176 roles and 168 skills. A role is an ``owl:Class`` that is
``rdfs:subClassOf`` its branch, with an ``rdfs:label``, a ``ddat#url`` (the branch's page with the
role's anchor), ``ddat#civilServiceJobGrades`` (a numbered list, "1. HEO (Higher Executive
Officer)."), and ``owl:Restriction``\\s (``someValuesFrom``) on ``specialistIn`` (always its own
branch) and on ``awarenessOf`` / ``workingLevelOf`` / ``practitionerOf`` / ``expertIn`` a skill. A
skill is ``rdfs:subClassOf ddat#skill`` with a label and its own ``url`` (``skills.html#...``).

Converted: the roles of the branches a product leader works in or beside (``BRANCHES``), their
grades, levels, tracks, functions, skill requirements with proficiency, the promotions along each
branch, the line-management lines the framework states, and the skills those roles link to. Not
converted: definitions, responsibilities and skill-level descriptions (prose), the other branches.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Description, Framework

if TYPE_CHECKING:
    from rdflib.term import Node, URIRef

__all__ = ["BRANCHES", "DESCRIPTION", "convert"]

COMMIT = "a0c32fb951ae651a6d81fd2413dd66bac7f262da"
SITE = "https://ddat-capability-framework.service.gov.uk/"

DESCRIPTION = Description(
    id="ddat",
    title="UK government Digital, Data and Technology (DDaT) Capability Framework",
    publisher="Central Digital and Data Office (CDDO); OWL model by HyperLearning AI",
    url=SITE,
    licence="http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    licence_name="Open Government Licence v3.0 (content); MIT (the OWL model, © 2023 HyperLearning AI)",
    attribution="Contains public sector information licensed under the Open Government Licence v3.0.",
    retrieved="2026-11-30",
    repository="https://github.com/hyperlearningai/ddat-ontology",
    commit=COMMIT,
    files=(("ddat.owl", ""),),
    licence_files=("LICENSE",),
)

DDAT = "http://daas.hyperlearning.ai/architecture/data/ontologies/ddat#"
OWL_FILE = "ddat.owl"

#: The branches converted (OWL local name, its label there), with the pmgraph function of each.
BRANCHES: tuple[tuple[str, str, str], ...] = (
    ("productManagement", "Product Management", "product"),
    ("serviceOwnership", "Service Ownership", "product"),
    ("deliveryManagement", "Delivery Management", "delivery"),
    ("programmeDeliveryManagement", "Programme Delivery Management", "delivery"),
    ("businessAnalysis", "Business Analysis", "business analysis"),
    ("userResearch", "User Research", "user research"),
    ("serviceDesign", "Service Design", "design"),
    ("interactionDesign", "Interaction Design", "design"),
    ("contentDesign", "Content Design", "design"),
    ("softwareDevelopment", "Software Development", "engineering"),
    ("dataAnalysis", "Data Analysis", "data"),
)

# The framework names each skill level, and its four names are pmgraph's proficiency scale one to one
# (awareness / working / practitioner / expert), so a requirement's proficiency cites the role's page
# alone: no editorial rule is needed to read it.
PROFICIENCY = {"awarenessOf": "awareness", "workingLevelOf": "working", "practitionerOf": "practitioner",
               "expertIn": "expert"}

#: The Civil Service grade order (lowest first), by the code the OWL writes before the bracket.
GRADE_ORDER = ("AA", "AO", "EO", "HEO", "SEO", "G7", "G6")

#: Pairs of roles listing identical grades, kept in OWL order (the levels rule names them).
EXPECTED_TIES = {("leadUserResearcher", "headOfUserResearch")}

#: What each "Line manage ..." responsibility says, and the roles of the same branch it names. Every
#: such item of a converted role must be here and match, so a change in the file fails loudly.
LINE_MANAGES = {
    "seniorProductManager": (r"line manage associate product managers and product managers\.?",
                             ("associateProductManager", "productManager")),
    "headOfProduct": (r"line manage senior and lead product managers\.?",
                      ("seniorProductManager", "leadProductManager")),
}

_GRADE_ITEM = re.compile(r"(?P<grade>(?P<code>[A-Z][A-Z0-9]*) \([^()]+\))\.?")
_ITEM = re.compile(r"\d+\.\s+(?P<text>.*?)\s*")
_VARIANT = " - Management"
_MANAGES_PEOPLE = re.compile(r"\bmanag(?:e|ing)\b[^.]*\bpeople\b", re.IGNORECASE)

GRADE_RULE = (
    "Levels number the roles of each DDaT branch from 1 (its entry role) upwards in Civil Service grade "
    f"order, {' < '.join(GRADE_ORDER)} (the grades these roles list; every role listing two grades lists "
    "the lower first), ranking a role by the lowest grade it lists, then by its highest. Lead User "
    "Researcher and Head Of User Research both list G7 and G6; the tie is kept in the order the OWL lists "
    "them (Lead, then Head), which is also the order of every other branch's roles there.")
CAREER_RULE = (
    "The framework presents a branch's roles as the levels of one career path (the OWL lists them entry "
    "role first, and calls Associate Product Manager an entry role that leads on to Product Manager); "
    "so each role, read in the grade order of the levels rule, is the next step from the role one level "
    "below it in the same branch. No move between branches is stated, so none is given.")
TRACK_RULE = (
    "Track is 'management' for roles titled 'Head Of ...' or '... - Management' and for roles with a "
    "responsibility that begins 'Line manage' (not 'Potentially line manage') or says they manage people "
    "('manage' or 'managing' and 'people' in one item: Lead Product Manager, Programme Delivery Manager); "
    "every other role is 'ic'. A move from an ic role to a management role is 'ic-to-management', a move "
    "within one track 'promotion'.")
FUNCTION_RULE = (
    "Function follows the role's DDaT branch: Product Management and Service Ownership -> product; "
    "Delivery Management and Programme Delivery Management -> delivery; Business Analysis -> business "
    "analysis; User Research -> user research; Service, Interaction and Content Design -> design; "
    "Software Development -> engineering; Data Analysis -> data.")
VARIANT_RULE = (
    "Senior, Lead and Principal Developer - Management list no grade; each has the definition and "
    "responsibilities of the developer role it is named after, with its own skill levels, so it takes "
    "that role's level. They form a management path beside the developer path: Developer -> Senior "
    "Developer - Management -> Lead Developer - Management -> Principal Developer - Management.")
MISPLACED_RULE = (
    "The OWL leaves Associate Delivery Manager's civilServiceJobGrades empty and gives its responsibilities "
    "as a list of grades only (EO, HEO); where grades are empty and every responsibilities item is a "
    "Civil Service grade, those items are read as the role's grades.")
LINE_RULE = (
    "A responsibility 'Line manage <roles>' of a role is read as each named role of the same branch "
    "reporting to it (Senior Product Manager: associate product managers and product managers; Head Of "
    "Product: senior and lead product managers). A 'Potentially line manage' item (Product Manager) "
    "states no reporting line and is not converted.")


@dataclass(frozen=True)
class _Role:
    name: str  #: OWL local name
    label: str
    url: str
    grades: tuple[str, ...]  #: as written, without the numbering: "HEO (Higher Executive Officer)"
    misplaced: bool  #: the grades were read from the responsibilities annotation (MISPLACED_RULE)
    responsibilities: tuple[str, ...]  #: read only for the track and line-management rules
    definition: str  #: read only to check VARIANT_RULE
    skills: tuple[tuple[str, str], ...]  #: (skill local name, awarenessOf | ... | expertIn)
    position: int  #: index among the file's owl:Class elements

    @property
    def ranks(self) -> list[int]:
        return [GRADE_ORDER.index(_code(g)) for g in self.grades]

    @property
    def track(self) -> str:
        if self.label.startswith("Head Of ") or self.label.endswith(_VARIANT):
            return "management"
        for item in self.responsibilities:
            if item.lower().startswith("line manage") or _MANAGES_PEOPLE.search(item):
                return "management"
        return "ic"


@dataclass(frozen=True)
class _Skill:
    name: str
    label: str
    url: str


def convert(sources: Path) -> Framework:
    """The framework's graph, from ``sources/ddat.owl``."""
    path = Path(sources) / OWL_FILE
    owl = _Owl(path)
    fw = Framework(DESCRIPTION)
    grade_rule = fw.editorial("ddat-level-by-grade", GRADE_RULE, notation="grade to level")
    career_rule = fw.editorial("ddat-career-path", CAREER_RULE, notation="level order")
    track_rule = fw.editorial("ddat-track", TRACK_RULE, notation="track from title and duties")
    function_rule = fw.editorial("ddat-function", FUNCTION_RULE, notation="function from branch")
    variant_rule = fw.editorial("ddat-management-variants", VARIANT_RULE, notation="management variants")
    misplaced_rule = fw.editorial("ddat-grades-in-responsibilities", MISPLACED_RULE)
    line_rule = fw.editorial("ddat-line-management", LINE_RULE, notation="line management to reporting line")
    skills: dict[str, URIRef] = {}
    for branch, branch_label, function in BRANCHES:
        roles = owl.branch_roles(branch, branch_label)
        levels, variants = _levels(path, branch, roles)
        pages: dict[str, URIRef] = {}
        nodes: dict[str, URIRef] = {}
        for name, info in roles.items():
            page = pages[name] = fw.page(_page_key(info.url, path), info.url, f"{branch_label}: {info.label}")
            level_sources = [page, grade_rule]
            if name in variants:
                level_sources.append(variant_rule)
            if info.misplaced:
                level_sources.append(misplaced_rule)
            node = nodes[name] = fw.role(
                _slug(name), info.label, sources=[page], level=levels[name], level_sources=level_sources,
                track=info.track, track_sources=[page, track_rule], function=function,
                function_sources=[page, function_rule], url=info.url)
            for grade in info.grades:
                fw.grade(node, grade, [page, misplaced_rule] if info.misplaced else [page])
            for skill_name, level in info.skills:
                if skill_name not in skills:
                    s = owl.skill(skill_name)
                    skill_page = fw.page(_page_key(s.url, path), s.url, f"Skills: {s.label}")
                    skills[skill_name] = fw.skill(_slug(skill_name), s.label, sources=[skill_page], url=s.url)
                fw.requirement(node, skills[skill_name], sources=[page], proficiency=PROFICIENCY[level],
                               proficiency_sources=[page])
        for source, target in _moves(roles, levels, variants):
            move_sources = [pages[source], pages[target], career_rule]
            if source in variants or target in variants:
                move_sources.append(variant_rule)
            tracks = (roles[source].track, roles[target].track)
            if tracks == ("management", "ic"):
                raise ValueError(f"{path}: by the track rule {source!r} is management and the next role, "
                                 f"{target!r}, ic; pmgraph has no kind for that move")
            fw.move(nodes[source], nodes[target], kind="ic-to-management" if tracks[0] != tracks[1] else "promotion",
                    sources=move_sources, kind_sources=[*move_sources, track_rule])
        for manager in roles:
            for report in _line_reports(path, manager, roles):
                fw.reports_to(nodes[report], nodes[manager], [pages[manager], line_rule])
    return fw


# ---------------------------------------------------------------------------------------- levels


def _levels(path: Path, branch: str, roles: dict[str, _Role]) -> tuple[dict[str, int], set[str]]:
    """Each role's level within its branch, and the ungraded '- Management' variants."""
    graded = [r for r in roles.values() if r.grades]
    order = sorted(graded, key=lambda r: (min(r.ranks), max(r.ranks), r.position))
    ties = {(a.name, b.name) for a, b in itertools.pairwise(order) if a.ranks == b.ranks}
    if ties - EXPECTED_TIES:
        raise ValueError(f"{path}: roles {sorted(ties - EXPECTED_TIES)} of branch {branch!r} list the same grades; "
                         f"the levels rule names only {sorted(EXPECTED_TIES)}")
    levels = {r.name: i for i, r in enumerate(order, start=1)}
    by_label = {r.label: r for r in graded}
    variants = {r.name for r in roles.values() if not r.grades}
    for name in sorted(variants):
        variant = roles[name]
        namesake = by_label.get(variant.label.removesuffix(_VARIANT)) if variant.label.endswith(_VARIANT) else None
        if namesake is None:
            raise ValueError(f"{path}: role {name!r} ({variant.label!r}) of branch {branch!r} lists no "
                             "civilServiceJobGrades and is not a '<role> - Management' variant of a graded role")
        if (variant.definition, variant.responsibilities) != (namesake.definition, namesake.responsibilities):
            raise ValueError(f"{path}: role {name!r} differs from {namesake.name!r} in definition or "
                             "responsibilities; the management-variants rule takes them to be the same")
        levels[name] = levels[namesake.name]
    return levels, variants


def _moves(roles: dict[str, _Role], levels: dict[str, int], variants: set[str]) -> list[tuple[str, str]]:
    """The promotions of one branch: along the grade order, and along the management variants."""
    path = sorted((r for r in roles if r not in variants), key=lambda r: levels[r])
    moves = list(itertools.pairwise(path))
    by_level = {levels[r]: r for r in variants}
    if len(by_level) != len(variants):
        raise ValueError(f"two '- Management' variants at one level: {sorted(variants)}")
    for level, variant in sorted(by_level.items()):
        below = by_level.get(level - 1) or next((r for r in path if levels[r] == level - 1), None)
        if below is not None:
            moves.append((below, variant))
    return moves


def _line_reports(path: Path, manager: str, roles: dict[str, _Role]) -> tuple[str, ...]:
    items = [i for i in roles[manager].responsibilities if i.lower().startswith("line manage")]
    if not items:
        return ()
    if manager not in LINE_MANAGES or len(items) != 1:
        raise ValueError(f"{path}: role {manager!r} has line-management responsibilities {items!r}; the "
                         f"line-management rule expects {LINE_MANAGES.get(manager, ('none',))[0]!r}")
    pattern, reports = LINE_MANAGES[manager]
    if not re.fullmatch(pattern, items[0], re.IGNORECASE) or any(r not in roles for r in reports):
        raise ValueError(f"{path}: role {manager!r}: expected a responsibility matching {pattern!r} naming "
                         f"roles {reports} of its branch, found {items[0]!r}")
    return reports


# ---------------------------------------------------------------------------------------- the OWL


class _Owl:
    """The parts of ddat.owl the conversion reads, checked as they are read."""

    def __init__(self, path: Path) -> None:
        import rdflib
        from rdflib import OWL, RDF, RDFS

        self.path = path
        if not path.is_file():
            raise ValueError(f"{path}: missing; expected the DDaT OWL file (RDF/XML) from "
                             f"hyperlearningai/ddat-ontology @ {COMMIT}")
        self.g = rdflib.Graph()
        try:
            self.g.parse(path, format="xml")
            classes = ET.parse(path).getroot().iter("{http://www.w3.org/2002/07/owl#}Class")
        except Exception as error:  # a parse failure of any kind: say which file and what was expected
            raise ValueError(f"{path}: not readable as RDF/XML ({error}); expected the DDaT OWL ontology") from error
        if (rdflib.URIRef(DDAT.rstrip("#")), RDF.type, OWL.Ontology) not in self.g:
            raise ValueError(f"{path}: no owl:Ontology {DDAT.rstrip('#')}; expected the DDaT ontology")
        self._rdflib, self._rdfs, self._owl = rdflib, RDFS, OWL
        self.d = rdflib.Namespace(DDAT)
        # Document order of the classes (rdflib keeps none): used only to break an exact tie of grades.
        about = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
        self._positions = {c.get(about): i for i, c in enumerate(classes) if c.get(about)}

    def _fail(self, what: str) -> ValueError:
        return ValueError(f"{self.path}: {what}")

    def _one(self, node: Node, prop: URIRef, what: str) -> str:
        values = sorted(str(v) for v in self.g.objects(node, prop))
        if len(values) != 1 or not values[0].strip():
            raise self._fail(f"{what}: expected exactly one non-empty {prop.n3()}, found {values!r}")
        return values[0].strip()

    def _entity_type(self, node: Node) -> str:
        return str(self.g.value(node, self.d.entityType) or "")

    def _url(self, node: Node, what: str, page: str = "") -> str:
        url = self._one(node, self.d.url, what)
        if not url.startswith(SITE + page) or "#" not in url:
            raise self._fail(f"{what}: url {url!r} is not a page of {SITE + page} with an anchor")
        return url

    def branch_roles(self, branch: str, label: str) -> dict[str, _Role]:
        """The roles of ``branch``, in the file's order."""
        node = self.d[branch]
        if self._entity_type(node) != "Branch" or self._one(node, self._rdfs.label, f"branch {branch!r}") != label:
            raise self._fail(f"expected a class {branch!r} with entityType Branch, labelled {label!r}")
        names = [str(s)[len(DDAT):] for s in self.g.subjects(self._rdfs.subClassOf, node)
                 if self._entity_type(s) == "Role"]
        if not names:
            raise self._fail(f"branch {branch!r} has no roles (classes with entityType Role subClassOf it)")
        roles = [self._role(name, branch) for name in names]
        return {r.name: r for r in sorted(roles, key=lambda r: r.position)}

    def _role(self, name: str, branch: str) -> _Role:
        node, what = self.d[name], f"role {name!r}"
        if DDAT + name not in self._positions:
            raise self._fail(f"{what}: no <owl:Class rdf:about> element")
        supers = [o for o in self.g.objects(node, self._rdfs.subClassOf) if not isinstance(o, self._rdflib.BNode)]
        if supers != [self.d[branch]]:
            raise self._fail(f"{what}: expected to be rdfs:subClassOf only its branch {branch!r}, found {supers}")
        skills, specialist = [], []
        for restriction in self.g.objects(node, self._rdfs.subClassOf):
            if not isinstance(restriction, self._rdflib.BNode):
                continue
            prop = str(self.g.value(restriction, self._owl.onProperty) or "")
            target = self.g.value(restriction, self._owl.someValuesFrom)
            if not prop.startswith(DDAT) or target is None or not str(target).startswith(DDAT):
                raise self._fail(f"{what}: a restriction without a ddat owl:onProperty and owl:someValuesFrom")
            prop_name, target_name = prop[len(DDAT):], str(target)[len(DDAT):]
            if prop_name == "specialistIn":
                specialist.append(target_name)
            elif prop_name in PROFICIENCY:
                if self._entity_type(target) != "Skill":
                    raise self._fail(f"{what}: {prop_name} {target_name!r}, which is not a Skill")
                skills.append((target_name, prop_name))
            else:
                raise self._fail(f"{what}: unexpected restriction on {prop_name!r}; expected specialistIn or "
                                 f"one of {', '.join(PROFICIENCY)}")
        if specialist != [branch]:
            raise self._fail(f"{what}: expected one specialistIn restriction on {branch!r}, found {specialist}")
        if not skills or len({s for s, _ in skills}) != len(skills):
            raise self._fail(f"{what}: expected skills, each at one level; found {sorted(skills)}")
        responsibilities = self._items(node, self.d.responsibilities, what)
        grades = self._grades(self._items(node, self.d.civilServiceJobGrades, what), what)
        misplaced = False
        if not grades and responsibilities and all(_GRADE_ITEM.fullmatch(i) for i in responsibilities):
            grades, responsibilities, misplaced = self._grades(responsibilities, what), [], True
        definition = " ".join(str(v) for v in self.g.objects(node, self._rdflib.SKOS.definition))
        return _Role(name=name, label=self._one(node, self._rdfs.label, what), url=self._url(node, what),
                     grades=tuple(grades), misplaced=misplaced, responsibilities=tuple(responsibilities),
                     definition=definition, skills=tuple(sorted(skills)), position=self._positions[DDAT + name])

    def _items(self, node: Node, prop: URIRef, what: str) -> list[str]:
        """A numbered-list annotation ("1. ...\\n2. ...") as its items, without the numbers."""
        values = list(self.g.objects(node, prop))
        if len(values) > 1:
            raise self._fail(f"{what}: more than one {prop.n3()}")
        items = []
        for line in str(values[0]).splitlines() if values else []:
            if line.strip():
                match = _ITEM.fullmatch(line.strip())
                if not match:
                    raise self._fail(f"{what}: {prop.n3()} line {line.strip()!r} is not a numbered item '1. ...'")
                items.append(match["text"])
        return items

    def _grades(self, items: list[str], what: str) -> list[str]:
        grades = []
        for item in items:
            match = _GRADE_ITEM.fullmatch(item)
            if not match or match["code"] not in GRADE_ORDER:
                raise self._fail(f"{what}: grade {item!r} is not one of {', '.join(GRADE_ORDER)} written "
                                 "'CODE (Name).'")
            grades.append(match["grade"])
        ranks = [GRADE_ORDER.index(_code(g)) for g in grades]
        if ranks != sorted(set(ranks)):
            raise self._fail(f"{what}: grades {grades} are not listed lowest first in {' < '.join(GRADE_ORDER)}")
        return grades

    def skill(self, name: str) -> _Skill:
        node, what = self.d[name], f"skill {name!r}"
        if (node, self._rdfs.subClassOf, self.d.skill) not in self.g or self._entity_type(node) != "Skill":
            raise self._fail(f"{what}: expected entityType Skill and rdfs:subClassOf ddat#skill")
        return _Skill(name=name, label=self._one(node, self._rdfs.label, what),
                      url=self._url(node, what, page="skills.html"))


# ---------------------------------------------------------------------------------------- names


def _code(grade: str) -> str:
    return grade.split(" ", 1)[0]


def _slug(name: str) -> str:
    """``headOfProduct`` -> ``head-of-product``; ``skillMakingAProcessWork`` -> ``skill-making-a-process-work``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()


def _page_key(url: str, path: Path) -> str:
    """``.../product-manager.html#head-of-product`` -> ``product-manager--head-of-product``."""
    page, _, anchor = url[len(SITE):].partition("#")
    key = f"{page.removesuffix('.html')}--{anchor}"
    if not re.fullmatch(r"[a-z0-9.-]+", key):
        raise ValueError(f"{path}: url {url!r} does not give a page key of lower-case letters, digits and '-'")
    return key
