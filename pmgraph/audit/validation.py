"""Validation: SHACL shapes node by node, and graph-wide rules in code.

CLI twin: ``pmgraph validate [FILE ...]``.

The shapes (``ontology/shapes.ttl``, checked with pySHACL) say what each node needs. The rules
SHACL states poorly are checked here: no promotion cycle, a promotion never goes down or sideways
in level, a promotion within a function keeps each requirement of the role below at least at its
level unless a source states the lower level (a warning: not stated is not dropped), reporting
lines are acyclic, every role is reachable from an entry role, every years
range has min <= max, and every fact is sourced (cited by an ``rdf:Statement`` naming its triple,
or, in a graph that cites whole nodes, by the node's ``dct:source``; every shortcut triple has its
qualified node and the other way round).

Where it can be checked, no source is cited for what it does not state: a statement citing a
framework's page for a fact outside that framework must name the framework facts it is derived
from (``prov:wasDerivedFrom``), and each page it cites must be a source of one of them, for the
same property and (for a level or a number) the same value. Crosswalk links (``skos:closeMatch``,
``broadMatch``, ``narrowMatch``) into a framework must resolve to a role or skill of it. Both are
checked against the frameworks in the graph, or else the bundled ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol, cast

import rdflib
from rdflib import DCTERMS, RDF, SKOS, Literal, URIRef
from rdflib.term import Node

from ..iris import FRAMEWORK_NS, PREFIXES
from ..resources import framework_files, shapes_file
from ..vocab import PM

__all__ = ["Violation", "ValidationReport", "validate", "check_shapes", "check_graph"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_DERIVED_FROM = URIRef(PREFIXES["prov"] + "wasDerivedFrom")
_PRIMARY_SOURCE = URIRef(PREFIXES["prov"] + "hadPrimarySource")
_MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
#: Predicates whose objects differ between a framework fact and the reference fact derived from
#: it (each names its own roles and skills); any other value (a level, a number) must be equal.
_OWN_OBJECTS = (PM.promotesTo, PM.lateralMoveTo, PM.reportsTo, PM.requiresSkill)
#: Derivation rules that read a value of one predicate from a framework fact of another: the rule
#: "next step from a stated reporting line" derives a move (pm:promotesTo) from a pm:reportsTo.
_READS_FROM: dict[Node, dict[Node, Node]] = {
    URIRef(PREFIXES["src"] + "rule-next-step-from-reporting-line"): {PM.promotesTo: PM.reportsTo}}


@dataclass(frozen=True, order=True)
class Violation:
    """One problem: whose it is, what is wrong and how to fix it.

    ``label`` names the role at fault (or the node, when it belongs to no role); ``message``
    reads "what is wrong — how to fix it"; ``focus`` is the IRI of the node at fault; ``rule``
    says which check found it; ``severity`` is "error" or "warning" (warnings do not fail).
    """

    label: str
    message: str
    focus: str
    rule: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{self.label}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: every violation, errors first, in a stable order."""

    violations: tuple[Violation, ...]

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "error")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "warning")

    @property
    def conforms(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        return {"conforms": self.conforms, "violations": [v.to_dict() for v in self.violations]}


def validate(graph: rdflib.Graph, *, shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Validate ``graph`` against the SHACL shapes and the graph-wide rules.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to check, e.g. from :func:`pmgraph.load`.
    shapes : rdflib.Graph, optional
        SHACL shapes; the bundled ``ontology/shapes.ttl`` by default.

    Examples
    --------
    >>> from pmgraph import load, validate
    >>> report = validate(load())
    >>> report.conforms, len(report.errors)
    (True, 0)
    """
    found = set(check_shapes(graph, shapes=shapes)) | set(check_graph(graph))
    ordered = sorted(found, key=lambda v: (v.severity != "error", v.label.casefold(), v.message, v.focus))
    return ValidationReport(tuple(ordered))


# --------------------------------------------------------------------------- naming


class _Namer:
    """Labels for violation lines: the role's label, or the node's with its owner's."""

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph
        self.requirement_owner = {req: role for role, req in graph.subject_objects(PM.hasSkillRequirement)}

    def label(self, node: Node) -> str:
        labels = sorted(self.graph.objects(node, SKOS.prefLabel),
                        key=lambda value: (getattr(value, "language", None) != "en", str(value)))
        if labels:
            return str(labels[0])
        if isinstance(node, URIRef):
            return self.compact(node)
        return str(node)

    def compact(self, node: Node) -> str:
        try:
            return self.graph.namespace_manager.normalizeUri(cast(str, node))  # typed str: rdflib's terms are str
        except Exception:  # rdflib raises assorted errors on IRIs it cannot split
            return f"<{node}>"

    def owner(self, node: Node) -> str:
        """The label to print for a violation on ``node``."""
        types = set(self.graph.objects(node, RDF.type))
        if PM.SkillRequirement in types and node in self.requirement_owner:
            return f"{self.label(self.requirement_owner[node])} [{self.compact(node)}]"
        if PM.Transition in types:
            source = self.graph.value(node, PM.fromRole)
            if source is not None:
                return f"{self.label(source)} [{self.compact(node)}]"
        if RDF.Statement in types:
            subject = self.graph.value(node, RDF.subject)
            if subject is not None:
                return f"{self.label(subject)} [{self.compact(node)}]"
        return self.label(node)


# --------------------------------------------------------------------------- SHACL


def check_shapes(graph: rdflib.Graph, *, shapes: rdflib.Graph | None = None) -> list[Violation]:
    """Run the SHACL shapes over ``graph`` with pySHACL; one :class:`Violation` per result."""
    import pyshacl  # heavy (~0.4 s): only validation needs it

    if shapes is None:
        shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    # pySHACL walks the graph triple by triple; an in-memory copy is faster than the store.
    data = rdflib.Graph()
    for triple in graph:
        data.add(triple)
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True
    )
    namer = _Namer(graph)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = str(results.value(result, SH.resultMessage) or "violates a SHACL constraint")
        value = results.value(result, SH.value)
        if isinstance(value, Literal):
            message = f"{message} (found {str(value)!r})"
        severity = "error" if results.value(result, SH.resultSeverity) == SH.Violation else "warning"
        found.append(Violation(namer.owner(focus), message, str(focus), "shacl", severity))
    return found


# --------------------------------------------------------------------------- graph rules


class _Add(Protocol):
    """The ``add`` of :func:`check_graph`: records one violation on ``focus``."""

    def __call__(self, focus: Node, message: str, rule: str, severity: str = "error",
                 label: str | None = None) -> None: ...


def _level(graph: rdflib.Graph, role: Node) -> int | None:
    value = graph.value(role, PM.level)
    if isinstance(value, Literal) and value.datatype is not None and isinstance(value.toPython(), int):
        return cast(int, value.toPython())  # an int: checked just above
    return None


def _years(value: Node | None) -> Decimal | None:
    if not isinstance(value, Literal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _cycles(edges: list[tuple[Node, Node]]) -> list[list[Node]]:
    """One cycle through each strongly connected tangle of ``edges``, in a stable order."""
    import networkx as nx

    digraph: nx.DiGraph[Node] = nx.DiGraph()
    digraph.add_edges_from(edges)
    cycles = []
    for component in nx.strongly_connected_components(digraph):
        start = min(component, key=str)
        if len(component) == 1 and not digraph.has_edge(start, start):
            continue
        cycle = nx.find_cycle(digraph.subgraph(component), source=start)
        cycles.append([u for u, _v in cycle] + [start])
    return sorted(cycles, key=lambda c: str(c[0]))


def check_graph(graph: rdflib.Graph) -> list[Violation]:
    """The graph-wide rules; one :class:`Violation` per problem, in a stable order."""
    namer = _Namer(graph)
    name = namer.label
    found: list[Violation] = []

    def add(focus: Node, message: str, rule: str, severity: str = "error", label: str | None = None) -> None:
        found.append(Violation(label or namer.owner(focus), message, str(focus), rule, severity))

    roles = set(graph.subjects(RDF.type, PM.Role))
    transitions = set(graph.subjects(RDF.type, PM.Transition))

    promotions: list[tuple[Node, Node]] = []
    moves: list[tuple[Node, Node]] = []
    qualified_shortcuts: set[tuple[Node, Node, Node]] = set()
    for transition in sorted(transitions, key=str):
        source = graph.value(transition, PM.fromRole)
        target = graph.value(transition, PM.toRole)
        kind = graph.value(transition, PM.transitionKind)
        if source is None or target is None:
            continue  # the shapes report it
        lateral = kind == PM.LateralMove
        shortcut = PM.lateralMoveTo if lateral else PM.promotesTo
        qualified_shortcuts.add((source, shortcut, target))
        moves.append((source, target))
        low, high = _years(graph.value(transition, PM.yearsMin)), _years(graph.value(transition, PM.yearsMax))
        if (graph.value(transition, PM.yearsMin) is None) != (graph.value(transition, PM.yearsMax) is None):
            add(transition, f"has a transition to '{name(target)}' with only one end of its years range — give "
                "pm:yearsMin and pm:yearsMax, or neither when no source states them", "years-range")
        if not _stated(graph, transition, (source, shortcut, target)):
            add(transition, "has a transition with no source — add dct:source (src:editorial for a curated "
                "judgement), or cite its shortcut triple with an rdf:Statement", "unsourced")
        if low is not None and high is not None and low > high:
            add(transition, f"has a transition to '{name(target)}' whose years range runs backwards "
                f"(min {low}, max {high}) — make pm:yearsMin at most pm:yearsMax", "years-range")
        if (source, shortcut, target) not in graph:
            add(transition, f"has a transition to '{name(target)}' without its shortcut triple — "
                f"add {namer.compact(source)} {namer.compact(shortcut)} {namer.compact(target)}", "shortcut")
        if not lateral:
            promotions.append((source, target))

    for predicate in (PM.promotesTo, PM.lateralMoveTo):
        for source, target in sorted(graph.subject_objects(predicate), key=str):
            if (source, predicate, target) not in qualified_shortcuts:
                add(source, f"{'promotes' if predicate == PM.promotesTo else 'moves laterally'} to "
                    f"'{name(target)}' with no pm:Transition saying so — add a pm:Transition with "
                    "its kind, years range and dct:source", "unsourced")
            if predicate == PM.promotesTo and (source, target) not in promotions:
                promotions.append((source, target))
            moves.append((source, target))

    for source, target in sorted(set(promotions), key=str):
        low_level, high_level = _level(graph, source), _level(graph, target)
        if low_level is not None and high_level is not None and high_level <= low_level:
            add(source, f"promotes to '{name(target)}' at level {high_level}, not above its own level {low_level} — "
                "a promotion must go up: fix the levels, or make the move a pm:LateralMove", "level-inversion",
                label=name(source))

    # the rule import applies to a user's ladder (ladders/native.py): a lateral move keeps its level
    laterals = {(graph.value(t, PM.fromRole), graph.value(t, PM.toRole)) for t in transitions
                if graph.value(t, PM.transitionKind) == PM.LateralMove}
    laterals |= set(graph.subject_objects(PM.lateralMoveTo))
    for source, target in sorted(((a, b) for a, b in laterals if a is not None and b is not None), key=str):
        low_level, high_level = _level(graph, source), _level(graph, target)
        if low_level is not None and high_level is not None and low_level != high_level:
            add(source, f"moves laterally to '{name(target)}' from level {low_level} to {high_level} — a lateral "
                "move keeps its level: make the levels equal, or make the move a promotion", "lateral-level",
                label=name(source))

    for cycle in _cycles(promotions):
        add(cycle[0], "is in a promotion cycle " + " → ".join(f"'{name(r)}'" for r in cycle)
            + " — remove or reverse one of these promotions", "promotion-cycle", label=name(cycle[0]))

    reporting = sorted(graph.subject_objects(PM.reportsTo), key=str)
    for cycle in _cycles(reporting):
        add(cycle[0], "is in a reporting loop " + " → ".join(f"'{name(r)}'" for r in cycle)
            + " — make one of these pm:reportsTo point at the real manager", "reporting-loop", label=name(cycle[0]))

    _check_promotion_drops(graph, sorted(set(promotions), key=str), add, name)
    _check_reachability(graph, roles, promotions, moves, add, name)
    _check_citations(graph, namer, add)
    _check_requirements(graph, namer, add)
    frameworks = _Frameworks(graph)
    _check_derivations(graph, frameworks, namer, add)
    _check_crosswalk(graph, frameworks, namer, add)

    levels = [lvl for lvl in (_level(graph, r) for r in roles) if lvl is not None]
    top = max(levels, default=None)
    for role in sorted(roles, key=str):
        if graph.value(role, PM.reportsTo) is None and _level(graph, role) not in (None, top):
            add(role, "reports to no one though it is not at the top level — add pm:reportsTo with its "
                "manager's role", "reporting-line", severity="warning", label=name(role))
    return found


def _requirements_of(graph: rdflib.Graph, role: Node) -> dict[Node, tuple[Node, int]]:
    """A role's requirements: {skill: (requirement node, proficiency rank, 0 when no level)}."""
    found: dict[Node, tuple[Node, int]] = {}
    for requirement in graph.objects(role, PM.hasSkillRequirement):
        skill = graph.value(requirement, PM.skill)
        if skill is None:
            continue
        level = graph.value(requirement, PM.proficiency)
        rank = graph.value(level, PM.rank) if level is not None else None
        found[skill] = (requirement, int(rank.toPython()) if isinstance(rank, Literal) else 0)
    return found


def _level_stated(graph: rdflib.Graph, requirement: Node) -> bool:
    """Whether a source document states the requirement's proficiency: a statement of it (or the
    node itself) citing a source that is neither editorial nor a derivation rule."""
    level = graph.value(requirement, PM.proficiency)
    statements = [st for st in graph.subjects(RDF.subject, requirement)
                  if graph.value(st, RDF.predicate) == PM.proficiency and graph.value(st, RDF.object) == level]
    groups = [set(graph.objects(st, DCTERMS.source)) for st in statements] or [
        set(graph.objects(requirement, DCTERMS.source))]
    for sources in groups:
        if any((source, RDF.type, PM.DerivationRule) in graph for source in sources):
            continue  # derived, not stated
        if any((source, RDF.type, PM.EditorialSource) not in graph for source in sources):
            return True
    return False


def _check_promotion_drops(graph: rdflib.Graph, promotions: list[tuple[Node, Node]], add: _Add,
                           name: Callable[[Node], str]) -> None:
    """A promotion within a function: each requirement of the role below is kept at least at its
    level, unless a source states the lower level. Nothing can state a drop yet, so a requirement
    the higher role's sources do not mention is flagged too. A framework's own ladder is its
    source's statement of the jobs: only the reference ladder and users' ladders are checked."""
    for low, high in promotions:
        if str(low).startswith(FRAMEWORK_NS) or str(high).startswith(FRAMEWORK_NS):
            continue
        function = graph.value(low, PM.function)
        if function is None or graph.value(high, PM.function) != function:
            continue
        below, above = _requirements_of(graph, low), _requirements_of(graph, high)
        for skill, (_requirement, rank) in sorted(below.items(), key=lambda item: str(item[0])):
            if skill not in above:
                add(low, f"promotes to '{name(high)}', whose sources do not state '{name(skill)}' (required "
                    "here) and none states the drop — carry the requirement forward to the higher role, "
                    "or cite a source that states it", "promotion-drop", severity="warning", label=name(low))
            elif above[skill][1] < rank and not _level_stated(graph, above[skill][0]):
                lower, here = (graph.value(r, PM.proficiency) for r in (above[skill][0], _requirement))
                add(low, f"promotes to '{name(high)}', which asks '{name(skill)}' at {name(lower) if lower else '?'}, "
                    f"below {name(here) if here else '?'} here, a lower level no source states — carry the level "
                    "forward, or cite a source that states the lower level", "promotion-drop", severity="warning",
                    label=name(low))


def _stated(graph: rdflib.Graph, node: Node, shortcut: tuple[Node, Node, Node]) -> bool:
    """Whether a qualified node (transition, requirement) has a source: its own ``dct:source``, or an
    ``rdf:Statement`` citing its shortcut triple (as a framework's per-value citations do)."""
    if graph.value(node, DCTERMS.source) is not None:
        return True
    subject, predicate, obj = shortcut
    return any(graph.value(statement, DCTERMS.source) is not None
               for statement in graph.subjects(RDF.subject, subject)
               if (statement, RDF.predicate, predicate) in graph and (statement, RDF.object, obj) in graph)


def _check_reachability(graph: rdflib.Graph, roles: set[Node], promotions: list[tuple[Node, Node]],
                        moves: list[tuple[Node, Node]], add: _Add, name: Callable[[Node], str]) -> None:
    """Every role is reachable from an entry role (one that no promotion leads into).

    Roles that are out of reach are reported once per group that leads only into itself;
    the roles downstream of such a group are not reported again (fixing the group fixes them).
    """
    import networkx as nx

    promoted_into = {v for _u, v in promotions}
    digraph: nx.DiGraph[Node] = nx.DiGraph()
    digraph.add_nodes_from(roles)
    digraph.add_edges_from((u, v) for u, v in moves if u in roles and v in roles)
    reached: set[Node] = set()
    for entry in (r for r in roles if r not in promoted_into):
        if entry not in reached:
            reached |= {entry} | nx.descendants(digraph, entry)
    stranded = digraph.subgraph(roles - reached)
    condensed = nx.condensation(stranded)
    for component in condensed:
        if condensed.in_degree(component):
            continue
        members = sorted(condensed.nodes[component]["members"], key=lambda r: name(r).casefold())
        first, others = members[0], members[1:]
        together = (" it and " + ", ".join(f"'{name(r)}'" for r in others) + " lead only into each other"
                    if others else "")
        add(first, f"cannot be reached from any entry role:{together or ' only it leads into itself'} — add a "
            "transition into it from a role below", "unreachable", label=name(first))


def _check_citations(graph: rdflib.Graph, namer: _Namer, add: _Add) -> None:
    cited: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object))
        if None in triple:
            continue  # the shapes report it
        triple = cast("tuple[Node, Node, Node]", triple)  # no None: checked just above
        cited[triple] |= set(graph.objects(statement, DCTERMS.source))
        if triple not in graph:
            add(statement, f"cites {namer.compact(triple[1])} {namer.label(triple[2])!r}, which the graph "
                "does not state — add the triple or remove the rdf:Statement", "dangling-citation")
    for predicate, what in ((PM.reportsTo, "reports to"), (PM.hasResponsibility, "has the responsibility")):
        for subject, obj in sorted(graph.subject_objects(predicate), key=str):
            if not cited.get((subject, predicate, obj)):
                add(subject, f"{what} '{namer.label(obj)}' with no source — cite it with an rdf:Statement "
                    "(rdf:subject, rdf:predicate, rdf:object) carrying dct:source", "unsourced",
                    label=namer.label(subject))


class _Frameworks:
    """The framework facts to check derivations against: the graph's own, else the bundled
    frameworks (read once, on first need)."""

    def __init__(self, graph: rdflib.Graph):
        self._graph = graph
        self._bundled: rdflib.Graph | None = None

    def holding(self, node: Node) -> rdflib.Graph | None:
        """The graph describing ``node`` (a framework's statement, requirement, role or skill), if any."""
        if (node, RDF.type, None) in self._graph:
            return self._graph
        if self._bundled is None:
            from ..loading.graph import load  # the cached Oxigraph store: a fraction of parsing anew

            self._bundled = load(framework_files(), bundled=False)
        return self._bundled if (node, RDF.type, None) in self._bundled else None


def _sources_of(graph: rdflib.Graph, s: Node, p: Node, o: Node | None) -> set[Node]:
    """Who the statements naming ``s p o`` (any object when ``o`` is None) in ``graph`` cite."""
    return {source for st in graph.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in graph and (o is None or (st, RDF.object, o) in graph)
            for source in graph.objects(st, DCTERMS.source)}


def _stated_by(holder: rdflib.Graph, fact: Node, predicate: Node, obj: Node) -> set[Node] | None:
    """The sources of the framework fact ``fact`` for ``predicate`` (and ``obj``, where values must
    match), or None when ``fact`` is not a fact of that kind."""
    if (fact, RDF.type, RDF.Statement) in holder:
        if holder.value(fact, RDF.predicate) != predicate:
            return None
        if predicate not in _OWN_OBJECTS and holder.value(fact, RDF.object) != obj:
            return set()
        return set(holder.objects(fact, DCTERMS.source))
    if (fact, RDF.type, PM.SkillRequirement) in holder:
        if predicate == PM.proficiency:
            level = holder.value(fact, PM.proficiency)
            return _sources_of(holder, fact, PM.proficiency, level) if level == obj else set()
        if predicate == PM.requiresSkill:
            role, skill = holder.value(None, PM.hasSkillRequirement, fact), holder.value(fact, PM.skill)
            return set() if role is None or skill is None else _sources_of(holder, role, PM.requiresSkill, skill)
    return None


def _check_derivations(graph: rdflib.Graph, frameworks: _Frameworks, namer: _Namer, add: _Add) -> None:
    for statement in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
        subject, predicate = graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        if subject is None or predicate is None or obj is None or str(subject).startswith(FRAMEWORK_NS):
            continue  # a framework's own statement, or one the shapes report
        # a page the statement names as its prov:hadPrimarySource was read directly (requirements.py
        # PAGES, checked against the page by the content tests), not derived from a framework fact
        direct = set(graph.objects(statement, _PRIMARY_SOURCE))
        pages = sorted((p for p in graph.objects(statement, DCTERMS.source)
                        if str(p).startswith(FRAMEWORK_NS) and (p, RDF.type, PM.EditorialSource) not in graph
                        and p not in direct),
                       key=str)
        if not pages:
            continue
        what = f"{namer.compact(predicate)} {namer.label(obj)!r}"
        derived = sorted(graph.objects(statement, _DERIVED_FROM), key=str)
        if not derived:
            add(statement, f"cites {namer.compact(pages[0])} for {what} without naming the framework fact it "
                "comes from — add prov:wasDerivedFrom", "derivation")
            continue
        stated: set[Node] = set()
        read = predicate
        for rule in graph.objects(statement, DCTERMS.source):
            read = _READS_FROM.get(rule, {}).get(read, read)
        for fact in derived:
            holder = frameworks.holding(fact)
            found = None if holder is None else _stated_by(holder, fact, read, obj)
            if found is None:
                add(statement, f"is derived from {namer.compact(fact)}, which is no framework fact of "
                    f"{namer.compact(predicate)} — point prov:wasDerivedFrom at the framework's statement or "
                    "requirement", "derivation")
                continue
            stated |= found
        for page in pages:
            if page not in stated:
                add(statement, f"cites {namer.compact(page)} for {what}, which that page does not state — remove "
                    "the source, or derive the value from a fact it states", "source-not-stating")


def _check_crosswalk(graph: rdflib.Graph, frameworks: _Frameworks, namer: _Namer, add: _Add) -> None:
    for link in _MATCHES:
        for subject, target in sorted(graph.subject_objects(link), key=str):
            if not str(target).startswith(FRAMEWORK_NS):
                continue  # ESCO and other vocabularies are not checked here
            kind = PM.Role if (subject, RDF.type, PM.Role) in graph else PM.Skill
            holder = frameworks.holding(target)
            if holder is None or (target, RDF.type, kind) not in holder:
                add(subject, f"{namer.compact(link)} {namer.compact(target)}, which is no "
                    f"{'role' if kind == PM.Role else 'skill'} of a framework — correct or remove the link",
                    "crosswalk", label=namer.label(subject))


def _check_requirements(graph: rdflib.Graph, namer: _Namer, add: _Add) -> None:
    qualified: set[tuple[Node, Node]] = set()
    for role, requirement in graph.subject_objects(PM.hasSkillRequirement):
        skill = graph.value(requirement, PM.skill)
        if skill is None:
            continue  # the shapes report it
        qualified.add((role, skill))
        if not _stated(graph, requirement, (role, PM.requiresSkill, skill)):
            add(requirement, "has a skill requirement with no source — add dct:source (src:editorial for a curated "
                "judgement), or cite its shortcut triple with an rdf:Statement", "unsourced")
        if (role, PM.requiresSkill, skill) not in graph:
            add(role, f"has a requirement for '{namer.label(skill)}' without its shortcut — add "
                f"{namer.compact(role)} pm:requiresSkill {namer.compact(skill)}", "shortcut", label=namer.label(role))
    for role, skill in sorted(graph.subject_objects(PM.requiresSkill), key=str):
        if (role, skill) not in qualified:
            add(role, f"requires '{namer.label(skill)}' with no pm:SkillRequirement saying how well or why — "
                "add one with pm:proficiency, pm:importance and dct:source", "unsourced", label=namer.label(role))
