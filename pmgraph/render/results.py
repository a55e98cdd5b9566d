"""The results a command answers with where the library returns a plain list: a list has no type
to find a renderer by, and some outputs need one fact more than the list holds (the weight the
paths were found by, the role the moves start from, who states a role's experience).

Each is a frozen dataclass with ``to_dict()``: the JSON value the command prints — for a listing,
a JSON array, as ``pmgraph roles --format json`` has always printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..audit.provenance import FactCount
    from ..career.catalogue import SkillEntry
    from ..career.model import CareerGraph, RoleRecord
    from ..career.paths import Path, Step
    from ..career.roles import RoleDetails
    from ..ladders.catalogue import FrameworkInfo
    from ..sparql.saved import SavedQuery

__all__ = ["Paths", "Moves", "RoleList", "SkillList", "Described", "Frameworks", "Provenance", "SavedQueries",
           "Answer"]


@dataclass(frozen=True)
class Paths:
    """The best paths between two roles (best first, at least one), found by ``by``."""

    paths: Sequence[Path]
    by: str

    def to_dict(self) -> dict[str, object]:
        first = self.paths[0]
        return {"from": first.roles[0], "to": first.roles[-1], "by": self.by,
                "paths": [p.to_dict() for p in self.paths]}


@dataclass(frozen=True)
class Moves:
    """The moves out of one role (``role_label``)."""

    role_label: str
    moves: Sequence[Step]

    def to_dict(self) -> list[dict[str, object]]:
        return [m.to_dict() for m in self.moves]


@dataclass(frozen=True)
class RoleList:
    """Roles, as ``pmgraph roles`` lists them."""

    roles: Sequence[RoleRecord]

    def to_dict(self) -> list[dict[str, object]]:
        return [r.to_dict() for r in self.roles]


@dataclass(frozen=True)
class SkillList:
    """Skills with the roles that need them, as ``pmgraph skills`` lists them."""

    entries: Sequence[SkillEntry]

    def to_dict(self) -> list[dict[str, object]]:
        return [e.to_dict() for e in self.entries]


@dataclass(frozen=True)
class Described:
    """One role described (:class:`~pmgraph.career.roles.RoleDetails`) with the short names of
    who states its experience before the role."""

    details: RoleDetails
    experience_by: tuple[str, ...] = ()

    @classmethod
    def of(cls, career: CareerGraph, details: RoleDetails) -> Described:
        return cls(details, tuple(career.source(s).name for s in details.role.experience_sources))

    def to_dict(self) -> dict[str, object]:
        return self.details.to_dict()


@dataclass(frozen=True)
class Frameworks:
    """The career frameworks pmgraph holds."""

    frameworks: Sequence[FrameworkInfo]

    def to_dict(self) -> list[dict[str, object]]:
        return [f.to_dict() for f in self.frameworks]


@dataclass(frozen=True)
class Provenance:
    """Who states each kind of fact, per scope."""

    counts: Sequence[FactCount]

    def to_dict(self) -> list[dict[str, object]]:
        return [c.to_dict() for c in self.counts]


@dataclass(frozen=True)
class SavedQueries:
    """The saved queries with their parameters."""

    queries: Sequence[SavedQuery]

    def to_dict(self) -> list[dict[str, object]]:
        return [{"name": q.name, "description": q.description,
                 "parameters": [{"name": p.name, "type": p.type, "description": p.description, "default": p.default}
                                for p in q.parameters]}
                for q in self.queries]


@dataclass(frozen=True)
class Answer:
    """A SPARQL query's answer, already written in its format where the query ran
    (:func:`pmgraph.sparql.format_result`, in the sandbox's worker or by the store): its text."""

    text: str
