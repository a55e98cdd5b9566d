"""Bring your own career ladder: import it into pmgraph's ontology, align it, write it.

CLI twin: ``pmgraph import FILE -o OUT.ttl [--align] [--force] [--base IRI] [--years MIN-MAX]``.

A ladder file (pmgraph's own YAML or CSV layout, or a progression framework in Markdown with
YAML front matter, as Monzo's and its forks are) becomes a graph that passes
``pmgraph validate``, cited as the bundled graph is: every fact (a role by its ``rdf:type``, a
move by its shortcut, a requirement by its ``pm:requiresSkill`` shortcut, each level, track,
function, proficiency, importance, kind, year, reporting line and responsibility) is named by an
``rdf:Statement`` whose ``dct:source`` is the ``pm:SourceDocument`` describing the imported file,
or, for a value an import rule filled in (because the file does not say), the
``pm:EditorialSource`` that lists the rules in words. Imported IRIs live under their own base
(``https://w3id.org/pmgraph/ladder/{slug}/`` by default) so they never collide with the bundled
ones. There are no blank nodes.

``align=True`` links each imported role to the bundled role of the same level and function with
the most similar label (``skos:closeMatch``), and adds a lateral ``pm:Transition`` both ways so
that promotion paths can cross between the two ladders; imported skills whose label equals a
bundled skill's label use the bundled skill. The rule is documented in ``docs/ladder-format.md``.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, cast

import rdflib
from rdflib import DCTERMS, RDF, SKOS, XSD, Literal, Namespace, URIRef

from ..errors import InvalidDataError
from ..files import write_atomically
from ..vocab import BASE, PM, PREFIXES, SCHEMA, SCHEME
from .read import read_ladder
from .spec import FORMATS, Keys, LadderSpec, slugify

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rdflib.term import IdentifiedNode, Node

__all__ = ["import_ladder", "write_turtle", "serialize_turtle", "ladder_base", "align_roles", "FORMATS"]

_STOP = {"of", "the", "and", "a", "an", "level", "&"}


def ladder_base(name: str) -> str:
    """The default base IRI for a ladder called ``name``."""
    return f"{BASE}ladder/{slugify(name) or 'ladder'}/"


def import_ladder(
    path: str | PathLike[str],
    *,
    format: str | None = None,
    namespace: str | None = None,
    align: bool = False,
    against: rdflib.Graph | None = None,
    years: tuple[float | str, float | str] | None = None,
    function: str | None = None,
) -> rdflib.Graph:
    """Read a career ladder file and return it as a pmgraph graph (the file is never modified).

    CLI twin: ``pmgraph import FILE -o OUT.ttl``.

    Parameters
    ----------
    path : path-like
        The ladder: ``.yaml``/``.yml`` or ``.csv`` (pmgraph's layout, ``docs/ladder-format.md``)
        or ``.md`` (a progression framework: YAML front matter with ``levels`` and ``topics``).
    format : {"yaml", "csv", "progression"}, optional
        Overrides the format the suffix implies.
    namespace : str, optional
        Base IRI for the imported nodes; ``https://w3id.org/pmgraph/ladder/{slug}/`` by default,
        the slug taken from the ladder's ``company`` (or the framework's title).
    align : bool
        Link imported roles and skills to those of ``against`` (see the module docs).
    against : rdflib.Graph, optional
        The graph to align with; the bundled ontology by default.
    years : (min, max), optional
        Typical years between levels of a progression framework, which states none: without
        them its moves have no years. Given, they are cited as the importer's own.
    function : str, optional
        The function of a progression framework's roles when its title does not name one.

    Raises
    ------
    InvalidDataError
        The file is unreadable or its content is wrong; the message names file, line and field.

    Examples
    --------
    >>> from pmgraph.ladders.rdf import import_ladder
    >>> from pmgraph import PM
    >>> from rdflib import RDF
    >>> graph = import_ladder("examples/acme-ladder.yaml")
    >>> len(set(graph.subjects(RDF.type, PM.Role)))
    6
    """
    spec = read_ladder(path, format=format, years=years, function=function)
    base = namespace or ladder_base(spec.name)
    if not re.match(r"^[a-z][a-z0-9+.-]*:\S+[/#]$", base, flags=re.IGNORECASE):
        raise InvalidDataError(f"base IRI {base!r} must be an absolute IRI ending in '/' or '#'", file=str(path))
    graph = _build(spec, base)
    if align:
        if against is None:
            from ..loading.graph import load

            against = load()
        align_roles(graph, against, _Names(base))
    return graph


class _Names:
    """The namespaces of one imported ladder."""

    def __init__(self, base: str):
        self.base = base
        self.role = Namespace(base + "role/")
        self.skill = Namespace(base + "skill/")
        self.category = Namespace(base + "skill-category/")
        self.resp = Namespace(base + "responsibility/")
        self.req = Namespace(base + "requirement/")
        self.tr = Namespace(base + "transition/")
        self.stmt = Namespace(base + "statement/")
        self.src = Namespace(base + "source/")
        self.document = self.src["document"]
        self.derived = self.src["derived"]
        self.alignment = self.src["alignment"]

    def prefixes(self) -> dict[str, str]:
        return {"lrole": str(self.role), "lskill": str(self.skill), "lcat": str(self.category),
                "lresp": str(self.resp), "lreq": str(self.req), "ltr": str(self.tr), "lstmt": str(self.stmt),
                "lsrc": str(self.src)}

    def local(self, iri: URIRef) -> str:
        text = str(iri)
        for ns in (self.role, self.skill, self.resp):
            if text.startswith(str(ns)):
                return text[len(str(ns)):]
        return text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _build(spec: LadderSpec, base: str) -> rdflib.Graph:
    names = _Names(base)
    graph = rdflib.Graph()
    for prefix, ns in {**PREFIXES, **names.prefixes()}.items():
        graph.bind(prefix, ns, override=True, replace=True)
    add = graph.add
    doc = names.document
    add((doc, RDF.type, PM.SourceDocument))
    add((doc, DCTERMS.title, _en(spec.title)))
    add((doc, PM.sourceFile, Literal(spec.file.name)))
    add((doc, DCTERMS.identifier, Literal(f"sha256:{spec.sha256}")))
    add((doc, SKOS.note, _en(f"Imported by pmgraph from a {spec.format} ladder file.")))
    derivations = list(spec.derivations)
    if any("kind" in p.derived for p in spec.promotions) and spec.format != "progression":
        derivations.append("a promotion without kind: gets one by rule: same level -> lateral; into the executive "
                           "track -> into-executive; IC to management -> ic-to-management; otherwise promotion")
    if derivations:
        add((names.derived, RDF.type, PM.EditorialSource))
        add((names.derived, DCTERMS.title, _en(f"pmgraph import rules applied to {spec.file.name}")))
        add((names.derived, SKOS.definition, _en("Filled in by rule where the file does not say: "
                                                 + "; ".join(derivations) + ".")))

    def cited(subject: URIRef, predicate: URIRef, obj: Node, local: str, derived: bool) -> None:
        """The statement citing ``subject predicate obj`` (already in the graph): to the file, or to
        the import rules where a rule gave the value."""
        node = names.stmt[f"{names.local(subject)}--{local}"]
        for triple in ((RDF.type, RDF.Statement), (RDF.subject, subject), (RDF.predicate, predicate),
                       (RDF.object, obj)):
            add((node, *triple))
        add((node, DCTERMS.source, names.derived if derived else doc))

    categories: dict[str, URIRef] = {}
    category_keys, responsibility_keys = Keys("category"), Keys("responsibility")  # distinct labels, distinct IRIs
    for skill in spec.skills:
        category = categories.setdefault(skill.category, names.category[category_keys.key(skill.category)])
        iri = names.skill[skill.id]
        for triple in ((RDF.type, PM.Skill), (SKOS.inScheme, SCHEME["skills"]), (SKOS.prefLabel, _en(skill.label)),
                       (SKOS.broader, category)):
            add((iri, *triple))
        cited(iri, RDF.type, PM.Skill, "type", False)
    for label, category in categories.items():
        if (category, RDF.type, PM.SkillCategory) in graph:
            continue  # the same category spelt another way ('Data', 'data'): one label, the first
        add((category, RDF.type, PM.SkillCategory))
        add((category, SKOS.inScheme, SCHEME["skills"]))
        add((category, SKOS.prefLabel, _en(label)))

    def statement(subject: URIRef, predicate: URIRef, obj: URIRef, local: str, derived: bool) -> None:
        add((subject, predicate, obj))
        cited(subject, predicate, obj, f"{local}--{names.local(obj)}", derived)

    for role in spec.roles:
        iri = names.role[role.id]
        for triple in ((RDF.type, PM.Role), (RDF.type, SCHEMA.Occupation), (SKOS.inScheme, SCHEME["roles"]),
                       (SKOS.prefLabel, _en(role.label)), (SKOS.definition, _en(role.definition)),
                       (PM.level, Literal(role.level, datatype=XSD.integer)), (PM.track, role.track),
                       (PM.function, role.function)):
            add((iri, *triple))
        for synonym in role.synonyms:
            add((iri, SKOS.altLabel, _en(synonym)))
        cited(iri, RDF.type, PM.Role, "type", False)
        for field, predicate in (("level", PM.level), ("track", PM.track), ("function", PM.function)):
            given = graph.value(iri, predicate)
            assert given is not None  # added just above
            cited(iri, predicate, given, field, field in role.derived)
        if role.reports_to:
            statement(iri, PM.reportsTo, names.role[role.reports_to], "reportsTo", False)
        for label in role.responsibilities:
            resp = names.resp[responsibility_keys.key(label)]
            if (resp, RDF.type, PM.Responsibility) not in graph:  # one label: the first spelling met
                add((resp, RDF.type, PM.Responsibility))
                add((resp, SKOS.inScheme, SCHEME["responsibilities"]))
                add((resp, SKOS.prefLabel, _en(label)))
                if label in spec.responsibility_notes:
                    add((resp, SKOS.definition, _en(spec.responsibility_notes[label])))
            statement(iri, PM.hasResponsibility, resp, "hasResponsibility", "responsibilities" in role.derived)
        for requirement in role.requirements:
            req = names.req[f"{role.id}--{requirement.skill}"]
            skill_iri = names.skill[requirement.skill]
            add((iri, PM.hasSkillRequirement, req))
            statement(iri, PM.requiresSkill, skill_iri, "requiresSkill", False)
            for triple in ((RDF.type, PM.SkillRequirement), (PM.skill, skill_iri),
                           (PM.proficiency, requirement.proficiency), (PM.importance, requirement.importance)):
                add((req, *triple))
            for evidence in requirement.evidence:
                add((req, SKOS.note, _en(evidence)))
            cited(req, PM.proficiency, requirement.proficiency, "proficiency", requirement.derived)
            cited(req, PM.importance, requirement.importance, "importance", requirement.derived)

    for promotion in spec.promotions:
        source, target = names.role[promotion.source], names.role[promotion.target]
        node = names.tr[f"{promotion.source}--{promotion.target}"]
        _transition(graph, node, source, target, promotion.kind, promotion.years)
        shortcut = PM.lateralMoveTo if promotion.kind == PM.LateralMove else PM.promotesTo
        cited(source, shortcut, target, f"{names.local(shortcut)}--{promotion.target}", False)
        cited(node, PM.transitionKind, promotion.kind, "kind", "kind" in promotion.derived)
        if promotion.years is not None:  # who states the years, value by value
            for end, predicate, value in (("min", PM.yearsMin, promotion.years[0]),
                                          ("max", PM.yearsMax, promotion.years[1])):
                years_node = names.stmt[f"{promotion.source}--{promotion.target}--years-{end}"]
                for triple in ((RDF.type, RDF.Statement), (RDF.subject, node), (RDF.predicate, predicate),
                               (RDF.object, Literal(Decimal(value), datatype=XSD.decimal))):
                    add((years_node, *triple))
                # Years the file states cite the file; years the importer gave cite only the import rules.
                add((years_node, DCTERMS.source, names.derived if "years" in promotion.derived else doc))
    return graph


def _transition(graph: rdflib.Graph, node: URIRef, source: URIRef, target: URIRef, kind: URIRef,
                years: tuple[Decimal | int, Decimal | int] | None) -> None:
    graph.add((node, RDF.type, PM.Transition))
    graph.add((node, PM.fromRole, source))
    graph.add((node, PM.toRole, target))
    graph.add((node, PM.transitionKind, kind))
    if years is not None:
        graph.add((node, PM.yearsMin, Literal(Decimal(years[0]), datatype=XSD.decimal)))
        graph.add((node, PM.yearsMax, Literal(Decimal(years[1]), datatype=XSD.decimal)))
    graph.add((source, PM.lateralMoveTo if kind == PM.LateralMove else PM.promotesTo, target))


# --------------------------------------------------------------------------- alignment


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.casefold()) if w not in _STOP}


def _labels(graph: rdflib.Graph, node: Node) -> list[str]:
    return [str(label) for p in (SKOS.prefLabel, SKOS.altLabel) for label in graph.objects(node, p)]


def _best_match(imported: rdflib.Graph, role: URIRef, against: rdflib.Graph,
                candidates: list[URIRef]) -> URIRef | None:
    """The candidate with the most similar label; ``None`` when no label shares a word.

    Similarity is the Jaccard overlap of label words (pref and alt labels, stop words and
    digits dropped), best over each pair of labels; ties go to the candidate on the same track,
    then to the higher difflib ratio of the preferred labels, then to the smaller IRI.
    """
    mine = [_tokens(label) for label in _labels(imported, role)]
    own_label = str(imported.value(role, SKOS.prefLabel) or "").casefold()
    own_track = imported.value(role, PM.track)
    scored = []
    for candidate in candidates:
        theirs = [_tokens(label) for label in _labels(against, candidate)]
        overlap = max((len(a & b) / len(a | b) for a in mine for b in theirs if a | b), default=0.0)
        if overlap == 0:
            continue
        label = str(against.value(candidate, SKOS.prefLabel) or "").casefold()
        ratio = difflib.SequenceMatcher(None, own_label, label).ratio()
        scored.append((-overlap, against.value(candidate, PM.track) != own_track, -ratio, str(candidate), candidate))
    return min(scored)[-1] if scored else None


def align_roles(graph: rdflib.Graph, against: rdflib.Graph, names: _Names | str) -> list[tuple[URIRef, URIRef]]:
    """Align the imported roles (and skills) of ``graph`` with those of ``against``, in place.

    Returns the (imported role, matched role) pairs, sorted.
    """
    if isinstance(names, str):
        names = _Names(names)
    base = names.base
    # rdflib types every term as Node; roles are IRIs (the shapes require it, and an import mints no blank nodes).
    imported_roles = sorted(r for r in cast("Iterable[URIRef]", graph.subjects(RDF.type, PM.Role))
                            if str(r).startswith(base))
    theirs = [r for r in cast("Iterable[URIRef]", against.subjects(RDF.type, PM.Role)) if not str(r).startswith(base)]
    pairs = []
    for role in imported_roles:
        level, function = graph.value(role, PM.level), graph.value(role, PM.function)
        candidates = [c for c in theirs if against.value(c, PM.function) == function
                      and _int(against.value(c, PM.level)) == _int(level)]
        match = _best_match(graph, role, against, candidates)
        if match is not None:
            pairs.append((role, match))
    skills = _align_skills(graph, against, base)
    if not pairs and not skills:
        return pairs
    graph.add((names.alignment, RDF.type, PM.EditorialSource))
    graph.add((names.alignment, DCTERMS.title, _en("pmgraph import alignment")))
    graph.add((names.alignment, SKOS.definition, _en(
        "Each imported role is matched to the role of the same level and function whose label shares the most "
        "words with it (skos:closeMatch); the two are joined by lateral moves both ways, without years, "
        "because the pair is one rung seen in two ladders, not a career move. Imported skills whose label equals "
        "a bundled skill's label are that skill.")))
    for role, match in pairs:
        graph.add((role, SKOS.closeMatch, match))
        stmt = names.stmt[f"{names.local(role)}--closeMatch--{names.local(match)}"]
        for triple in ((RDF.type, RDF.Statement), (RDF.subject, role), (RDF.predicate, SKOS.closeMatch),
                       (RDF.object, match), (DCTERMS.source, names.alignment)):
            graph.add((stmt, *triple))
        for source, target in ((role, match), (match, role)):
            node = names.tr[f"align--{names.local(source)}--{names.local(target)}"]
            _transition(graph, node, source, target, PM.LateralMove, None)  # no source states years
            for subject, predicate, obj, local in ((source, PM.lateralMoveTo, target, "move"),
                                                   (node, PM.transitionKind, PM.LateralMove, "kind")):
                alignment = names.stmt[f"align--{names.local(source)}--{names.local(target)}--{local}"]
                for triple in ((RDF.type, RDF.Statement), (RDF.subject, subject), (RDF.predicate, predicate),
                               (RDF.object, obj), (DCTERMS.source, names.alignment)):
                    graph.add((alignment, *triple))
    return sorted(pairs)


def _int(value: Node | None) -> int | None:
    try:
        # rdflib types terms as Node; those in a graph (IRIs, blank nodes, literals) all have toPython().
        return int(cast("IdentifiedNode | Literal", value).toPython()) if value is not None else None
    except (TypeError, ValueError):
        return None


def _align_skills(graph: rdflib.Graph, against: rdflib.Graph, base: str) -> list[tuple[URIRef, URIRef]]:
    """Replace imported skills whose label is a bundled skill's label by the bundled skill."""
    known: dict[str, URIRef] = {}
    # Skills are IRIs (the shapes require it, and an import mints no blank nodes); rdflib types them as Node.
    for skill in sorted(cast("Iterable[URIRef]", against.subjects(RDF.type, PM.Skill))):
        if str(skill).startswith(base):
            continue
        for label in _labels(against, skill):
            known.setdefault(" ".join(label.casefold().split()), skill)
    replaced = []
    for skill in sorted(cast("Iterable[URIRef]", graph.subjects(RDF.type, PM.Skill))):
        if not str(skill).startswith(base):
            continue
        label = " ".join(str(graph.value(skill, SKOS.prefLabel) or "").casefold().split())
        match = known.get(label)
        if match is None:
            continue
        replaced.append((skill, match))
        category = graph.value(skill, SKOS.broader)
        graph.remove((skill, None, None))
        for subject, predicate in list(graph.subject_predicates(skill)):
            graph.remove((subject, predicate, skill))
            graph.add((subject, predicate, match))
        if category is not None and not any(graph.subjects(SKOS.broader, category)):
            graph.remove((category, None, None))
    return replaced


# --------------------------------------------------------------------------- writing


_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_GROUPS = [PM.Framework, PM.SourceDocument, PM.EditorialSource, PM.SkillCategory, PM.Skill, PM.Responsibility, PM.Role,
           PM.SkillRequirement, PM.Transition, RDF.Statement]


def _term(node: Node, prefixes: list[tuple[str, str]], *, predicate: bool = False) -> str:
    if isinstance(node, URIRef):
        text = str(node)
        if node == RDF.type and predicate:  # "a" only stands for rdf:type as a predicate
            return "a"
        for prefix, ns in prefixes:
            if text.startswith(ns) and _LOCAL.match(text[len(ns):] or "_"):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        body = (str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
        if node.language:
            return f'"{body}"@{node.language}'
        if node.datatype is None or node.datatype == XSD.string:
            return f'"{body}"'
        return f'"{body}"^^{_term(node.datatype, prefixes)}'
    raise InvalidDataError(f"cannot write a blank node ({node}) — mint an IRI for it")


_WRITTEN_BY = "Written by pmgraph import. Regenerate rather than edit: the same input gives the same bytes."


def serialize_turtle(graph: rdflib.Graph, *, note: str = _WRITTEN_BY) -> bytes:
    """Turtle in a fixed order — same graph, same bytes: grouped by type, then sorted.

    ``note`` opens the file as comment lines.
    """
    bound = {p: str(ns) for p, ns in graph.namespaces()}
    # Longest namespace first, so 'lrole:x' wins over a shorter prefix of the same IRI.
    prefixes = sorted(((p, ns) for p, ns in bound.items() if p), key=lambda item: (-len(item[1]), item[0]))
    used: set[str] = set()

    def term(node: Node, *, predicate: bool = False) -> str:
        text = _term(node, prefixes, predicate=predicate)
        if ":" in text and not text.startswith(("<", '"')) and text != "a":
            used.add(text.split(":", 1)[0])
        if isinstance(node, Literal) and node.datatype is not None and "^^" in text and not text.endswith(">"):
            used.add(text.rsplit("^^", 1)[1].split(":", 1)[0])
        return text

    def group(subject: Node) -> tuple[int, str]:
        types = set(graph.objects(subject, RDF.type))
        rank = next((i for i, t in enumerate(_GROUPS) if t in types), len(_GROUPS))
        return rank, str(subject)

    blocks = []
    for subject in sorted(set(graph.subjects()), key=group):
        lines = []
        by_predicate: dict[Node, list[Node]] = {}
        for predicate, obj in graph.predicate_objects(subject):
            by_predicate.setdefault(predicate, []).append(obj)
        ordered = sorted(by_predicate, key=lambda p: (p != RDF.type, term(p, predicate=True)))
        for predicate in ordered:
            objects = ", ".join(sorted(term(o) for o in by_predicate[predicate]))
            lines.append(f"    {term(predicate, predicate=True)} {objects}")
        blocks.append(f"{term(subject)}\n" + " ;\n".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{bound[p]}> .\n" for p in sorted(used))
    comment = "".join(f"# {line}".rstrip() + "\n" for line in note.splitlines()) + "\n"
    return (comment + header + "\n" + "\n".join(blocks)).encode("utf-8")


def write_turtle(graph: rdflib.Graph, out: str | PathLike[str], *, force: bool = False) -> Path:
    """Write ``graph`` to ``out`` as deterministic Turtle, atomically.

    CLI twin: the ``-o OUT.ttl`` / ``--force`` options of ``pmgraph import``.

    The bytes go to a temporary file in ``out``'s directory which then replaces ``out`` in one
    step (``os.replace``), so a reader never sees half a file. An existing ``out`` is refused
    unless ``force``.

    Raises
    ------
    InvalidDataError
        ``out`` exists (without ``force``), is a directory, or its directory does not exist.
    """
    out = Path(out)
    if out.is_dir():
        raise InvalidDataError("is a directory — give a file name such as ladder.ttl", file=str(out))
    if out.exists() and not force:
        raise InvalidDataError("already exists — pass force=True to overwrite it",
                               file=str(out)).remedy("force", "pass force=True", " to overwrite it")
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidDataError(f"the directory {str(directory)!r} does not exist — create it first", file=str(out))
    data = serialize_turtle(graph)
    write_atomically(out, data)
    return out
