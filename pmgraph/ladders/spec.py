"""A career ladder as read from a file, before it becomes RDF: :class:`LadderSpec` and its parts,
and the words a ladder may use for tracks, functions, proficiencies and kinds of move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import URIRef

from ..vocab import PM

__all__ = [
    "FORMATS",
    "TRACKS",
    "FUNCTIONS",
    "PROFICIENCIES",
    "KINDS",
    "IMPORTANCE",
    "LadderSpec",
    "RoleSpec",
    "SkillSpec",
    "RequirementSpec",
    "PromotionSpec",
    "slugify",
]

#: File suffix -> format name.
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".md": "progression", ".markdown": "progression"}

TRACKS = {
    "ic": PM.IndividualContributor, "individual contributor": PM.IndividualContributor,
    "management": PM.PeopleManagement, "people management": PM.PeopleManagement, "manager": PM.PeopleManagement,
    "executive": PM.Executive, "exec": PM.Executive,
}
FUNCTIONS = {
    "product": PM.ProductFunction, "marketing": PM.MarketingFunction, "design": PM.DesignFunction,
    "engineering": PM.EngineeringFunction, "operations": PM.OperationsFunction,
    "general management": PM.GeneralManagementFunction,
}
PROFICIENCIES = ("awareness", "working", "practitioner", "expert", "authority")
KINDS = {
    "promotion": PM.PromotionWithinTrack, "ic-to-management": PM.ICToManagement,
    "lateral": PM.LateralMove, "into-executive": PM.IntoExecutive,
}
IMPORTANCE = {"essential": PM.Essential, "optional": PM.Optional}


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``'Senior PM (Growth)'`` -> ``'senior-pm-growth'``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


class Keys:
    """Distinct labels -> distinct IRI keys, stably: the ASCII slug of the label where that is not
    empty and no other label has it, else the slug (or ``prefix``) and the first 8 hex digits of
    the label's SHA-256 where the slug would lose letters (CJK, Cyrillic: 'Roadmap 制定') or is
    another label's ('C++', 'C#'). Labels that differ only in case or spacing are one label;
    accents fold ('Café' is 'cafe').

    Examples
    --------
    >>> keys = Keys("resp")
    >>> keys.key("Owning the roadmap"), keys.key("owning the roadmap")
    ('owning-the-roadmap', 'owning-the-roadmap')
    >>> keys.key("制定路线图") != keys.key("管理团队")
    True
    >>> keys.key("C++"), keys.key("C#")
    ('c', 'c-951a4d36')
    """

    def __init__(self, prefix: str):
        self.prefix = prefix
        self._by_label: dict[str, str] = {}
        self._taken: dict[str, str] = {}  # key -> the folded label that has it

    def key(self, label: str) -> str:
        import hashlib
        import unicodedata

        folded = " ".join(unicodedata.normalize("NFKC", label).casefold().split())
        if folded in self._by_label:
            return self._by_label[folded]
        ascii_form = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
        slug = slugify(ascii_form)
        # Letters or digits lost on the way to ASCII (制定 in 'Roadmap 制定') would make two labels one.
        lost = sum(c.isalnum() for c in unicodedata.normalize("NFKD", folded)) != sum(c.isalnum() for c in ascii_form)
        if not slug or lost or self._taken.get(slug, folded) != folded:
            slug = f"{slug or self.prefix}-{hashlib.sha256(folded.encode()).hexdigest()[:8]}"
        self._taken[slug] = folded
        self._by_label[folded] = slug
        return slug


@dataclass(frozen=True)
class SkillSpec:
    id: str
    label: str
    category: str
    line: int | None = None


@dataclass(frozen=True)
class RequirementSpec:
    skill: str  # a SkillSpec id
    proficiency: URIRef
    importance: URIRef = PM.Essential
    evidence: tuple[str, ...] = ()
    derived: bool = False  # proficiency/importance set by an import rule, not stated in the file


@dataclass(frozen=True)
class RoleSpec:
    id: str
    label: str
    definition: str
    level: int
    track: URIRef
    function: URIRef
    responsibilities: tuple[str, ...]  # responsibility labels
    requirements: tuple[RequirementSpec, ...]
    synonyms: tuple[str, ...] = ()
    reports_to: str | None = None
    derived: tuple[str, ...] = ()  # the fields an import rule filled in
    line: int | None = None


@dataclass(frozen=True)
class PromotionSpec:
    source: str
    target: str
    kind: URIRef
    years: tuple[Decimal, Decimal] | None  #: None: no source states them
    derived: tuple[str, ...] = ()
    line: int | None = None


@dataclass
class LadderSpec:
    """A ladder as read from one file, before it becomes RDF."""

    name: str
    title: str
    file: Path
    format: str
    sha256: str
    roles: list[RoleSpec] = field(default_factory=list)
    skills: list[SkillSpec] = field(default_factory=list)
    promotions: list[PromotionSpec] = field(default_factory=list)
    responsibility_notes: dict[str, str] = field(default_factory=dict)  # label -> definition
    derivations: list[str] = field(default_factory=list)  # the rules used, in words
