"""The skills of a graph: which roles need each, at which proficiency (``pmgraph skills``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import CareerGraph, normalise
from .names import resolve_skill
from .projection import GraphLike, project
from .skills import estimate

__all__ = ["SkillNeed", "SkillEntry", "list_skills", "suggest_skills"]


@dataclass(frozen=True)
class SkillNeed:
    """One role's requirement of a skill."""

    role: str
    role_label: str
    level: int | None
    rank: int
    proficiency: str
    importance: str | None
    #: the proficiency is an editorial estimate: no source states it
    estimate: bool
    #: who states the requirement (short source names: frameworks, the article, editorial)
    stated_by: tuple[str, ...] = ()
    #: how the proficiency is known, in words ("derived: close match (ddat)"), and its grade
    evidence: str = "no source"
    grade: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "role_label": self.role_label, "level": self.level, "rank": self.rank,
                "proficiency": self.proficiency, "importance": self.importance, "estimate": self.estimate,
                "stated_by": list(self.stated_by), "evidence": self.evidence, "grade": self.grade}


@dataclass(frozen=True)
class SkillEntry:
    """A skill, its category and the roles that need it (by level, then label)."""

    skill: str
    label: str
    category: str | None
    needs: tuple[SkillNeed, ...]

    @property
    def levels(self) -> tuple[int, int] | None:
        """The lowest and highest level of a role that needs the skill, or None."""
        found = [n.level for n in self.needs if n.level is not None]
        return (min(found), max(found)) if found else None

    def to_dict(self) -> dict[str, object]:
        return {"skill": self.skill, "label": self.label, "category": self.category,
                "roles": len(self.needs), "needs": [n.to_dict() for n in self.needs]}


def _entry(career: CareerGraph, skill: str) -> SkillEntry:
    needs = []
    for role, requirements in career.requirements.items():
        requirement = requirements.get(skill)
        if requirement is None:
            continue
        record = career.roles[role]
        cited, levels = career.requirement_cited(role, skill)
        found = career.requirement_evidence.get(role, {}).get(skill)
        known = found[1] if found is not None and found[1].grade is not None else None
        needs.append(SkillNeed(role, record.label, record.level, requirement.rank, requirement.proficiency,
                               requirement.importance, estimate(levels),
                               tuple(sorted({c.name for c in cited if not c.rule})),
                               known.words if known is not None else "no source",
                               known.grade if known is not None else None))
    needs.sort(key=lambda n: (n.level if n.level is not None else 99, n.role_label.casefold(), n.role))
    return SkillEntry(skill, career.skill_label(skill), career.skill_categories.get(skill), tuple(needs))


def list_skills(graph: GraphLike, query: str | None = None) -> list[SkillEntry]:
    """The skills, by label, or those ``query`` names: a skill's name or id (that skill alone),
    else every skill whose label, id or category holds all of the query's words.

    CLI twin: ``pmgraph skills [QUERY]``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> [(s.label, s.category, len(s.needs)) for s in list_skills(graph, "hard")][:2]
    [('Analytics', 'Hard (fixture)', 4), ('Messaging', 'Hard (fixture)', 1)]
    >>> [(n.role_label, n.proficiency) for n in list_skills(graph, "coaching")[0].needs][:2]
    [('Fixture Group PM', 'practitioner'), ('Fixture Director', 'expert')]
    """
    career = project(graph)
    if query is not None and query.strip():
        found, _suggestions = resolve_skill(career, query)
        if found is not None:
            return [_entry(career, found)]
        words = normalise(query).split()
        chosen = [skill for skill, label in career.skills.items()
                  if all(w in normalise(f"{label} {skill} {career.skill_categories.get(skill, '')}") for w in words)]
    else:
        chosen = list(career.skills)
    entries = [_entry(career, skill) for skill in chosen]
    entries.sort(key=lambda e: (e.label.casefold(), e.skill))
    return entries


def suggest_skills(graph: GraphLike, query: str) -> Sequence[str]:
    """The skill labels closest to ``query`` (for a search that found nothing)."""
    return resolve_skill(project(graph), query)[1]
