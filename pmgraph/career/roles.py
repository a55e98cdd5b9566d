"""Role listings: the roles of a graph, filtered by track, function or level, and one role in full.

CLI twins: ``pmgraph roles``, ``pmgraph show``.

Every function takes the loaded graph (or its :class:`~pmgraph.career.model.CareerGraph`) first,
then a role id (:data:`~pmgraph.career.model.RoleId`), then keyword-only options; a track or a
function is its preferred label. The curated API (``pmgraph.describe_role(graph, "sr pm")``,
``pmgraph.roles(graph, track="IC")``) takes names and resolves them first. The moves into and
out of a role are :class:`~pmgraph.career.paths.Step` objects, as on a path.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import NO_EVIDENCE, Evidence, RoleId, RoleRecord, SourceRecord
from .names import known_function, known_role, known_track
from .paths import LATERAL, Step, next_moves
from .projection import GraphLike, project

__all__ = ["roles", "describe_role", "RoleDetails", "RequiredSkill", "ReportingLine", "Responsibility"]


def roles(graph: GraphLike, *, track: str | None = None, function: str | None = None,
          level: int | None = None) -> list[RoleRecord]:
    """The roles, by level then label, optionally only those on ``track``, in ``function`` (their
    preferred labels), at ``level``.

    CLI twin: ``pmgraph roles [--track T] [--function F] [--level N]``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> [r.id for r in roles(graph, track="people management")]
    ['fx-gpm', 'fx-director']
    """
    career = project(graph)
    track_label = known_track(career, track) if track else None
    function_label = known_function(career, function) if function else None
    found = [
        r for r in career.roles.values()
        if (track_label is None or r.track == track_label)
        and (function_label is None or r.function == function_label)
        and (level is None or r.level == level)
    ]
    return sorted(found, key=lambda r: (r.level if r.level is not None else -1, r.label.casefold(), r.id))


@dataclass(frozen=True)
class RequiredSkill:
    """A skill a role requires, at a proficiency, with who states each."""

    skill: str
    label: str
    proficiency: str
    importance: str | None
    cited: tuple[SourceRecord, ...] = ()  #: who states that the role requires the skill
    proficiency_cited: tuple[SourceRecord, ...] = ()  #: who states the proficiency
    evidence: Evidence = NO_EVIDENCE  #: how the requirement is supported (stated, derived, editorial)
    proficiency_evidence: Evidence = NO_EVIDENCE  #: how its proficiency is

    @property
    def proficiency_estimate(self) -> bool:
        """The proficiency is an editorial estimate: cited, but by no source document."""
        return bool(self.proficiency_cited) and all(s.editorial for s in self.proficiency_cited)

    @property
    def stated_by(self) -> tuple[str, ...]:
        """One-word names of who states the requirement, sorted."""
        return tuple(sorted({s.name for s in self.cited}))

    def to_dict(self) -> dict[str, object]:
        return {"skill": self.skill, "label": self.label, "proficiency": self.proficiency,
                "proficiency_estimate": self.proficiency_estimate, "importance": self.importance,
                "sources": [s.to_dict() for s in self.cited],
                "proficiency_sources": [s.to_dict() for s in self.proficiency_cited],
                "evidence": self.evidence.to_dict(), "proficiency_evidence": self.proficiency_evidence.to_dict()}


@dataclass(frozen=True)
class ReportingLine:
    """Whom a role reports to, with who states it."""

    manager: str
    label: str
    cited: tuple[SourceRecord, ...] = ()
    evidence: Evidence = NO_EVIDENCE

    def to_dict(self) -> dict[str, object]:
        return {"manager": self.manager, "label": self.label, "sources": [s.to_dict() for s in self.cited],
                "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class Responsibility:
    """A responsibility of a role, with how that is supported."""

    iri: str
    label: str
    evidence: Evidence = NO_EVIDENCE

    def to_dict(self) -> dict[str, object]:
        return {"iri": self.iri, "label": self.label, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class RoleDetails:
    """Everything about one role: the record, skills required, responsibilities, reporting
    line, the moves out of it and into it."""

    role: RoleRecord
    skills: tuple[RequiredSkill, ...]
    responsibilities: tuple[str, ...]
    reports_to: tuple[str, ...]
    next_moves: tuple[Step, ...]
    previous_moves: tuple[Step, ...]
    reporting_lines: tuple[ReportingLine, ...] = ()
    #: the responsibilities (sorted by label as ``responsibilities``) with their evidence
    responsibility_details: tuple[Responsibility, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            **self.role.to_dict(),
            "skills": [s.to_dict() for s in self.skills],
            "responsibilities": list(self.responsibilities), "reports_to": list(self.reports_to),
            "reporting_lines": [r.to_dict() for r in self.reporting_lines],
            "responsibility_details": [r.to_dict() for r in self.responsibility_details],
            "next_moves": [m.to_dict() for m in self.next_moves],
            "previous_moves": [m.to_dict() for m in self.previous_moves],
        }


def describe_role(graph: GraphLike, role: RoleId) -> RoleDetails:
    """Role id ``role`` in full: level, track, function, synonyms, skills, responsibilities, moves.

    CLI twin: ``pmgraph show ROLE``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> details = describe_role(graph, "fx-apm")
    >>> details.role.label, details.role.level, details.reports_to, [m.target for m in details.next_moves]
    ('Fixture Associate PM', 1, ('Fixture Group PM',), ['fx-pm'])
    """
    career = project(graph)
    rid = known_role(career, role)
    reqs = sorted(career.requirements.get(rid, {}).values(), key=lambda r: (-r.rank, r.label.casefold()))
    evidence = career.responsibility_evidence.get(rid, {})
    duties = tuple(sorted((Responsibility(iri, label, evidence.get(iri, NO_EVIDENCE))
                           for iri, label in career.responsibilities.get(rid, {}).items()),
                          key=lambda d: (d.label.casefold(), d.iri)))
    previous = sorted((Step.between(career, u, rid) for u in career._moves.predecessors(rid)),
                      key=lambda m: (m.kind == LATERAL, -(career.roles[m.source].level or 0),
                                     m.source_label.casefold()))
    return RoleDetails(
        role=career.roles[rid],
        skills=tuple(RequiredSkill(r.skill, r.label, r.proficiency, r.importance,
                                   *career.requirement_cited(rid, r.skill),
                                   *career.requirement_evidence.get(rid, {}).get(r.skill, (NO_EVIDENCE, NO_EVIDENCE)))
                     for r in reqs),
        responsibilities=tuple(duty.label for duty in duties),
        responsibility_details=duties,
        reports_to=tuple(career.label(r) for r in career.reports_to.get(rid, ())),
        reporting_lines=tuple(
            ReportingLine(m, career.label(m), tuple(sorted(
                (career.source(i) for i in career.reporting_sources.get(rid, {}).get(m, ())), key=lambda s: s.id)),
                career.reporting_evidence.get(rid, {}).get(m, NO_EVIDENCE))
            for m in career.reports_to.get(rid, ())),
        next_moves=tuple(next_moves(career, rid)),
        previous_moves=tuple(previous),
    )
