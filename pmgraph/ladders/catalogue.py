"""The catalogue of career frameworks: which are bundled or loaded, where each comes from, its
licence, and how many roles, requirements and moves it holds.

CLI twin: ``pmgraph frameworks [--format json]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from os import PathLike
from pathlib import Path

from ..iris import PROLOGUE
from ..resources import framework_files, ontology_dir

__all__ = ["FrameworkInfo", "frameworks"]

_PROLOGUE = PROLOGUE

_DESCRIPTIONS = _PROLOGUE + """
SELECT ?framework ?title ?publisher ?url ?licence ?licenceName ?attribution ?retrieved ?repository ?commit WHERE {
  ?framework a pm:Framework .
  OPTIONAL { ?framework dct:title ?title }
  OPTIONAL { ?framework dct:publisher ?publisher }
  OPTIONAL { ?framework schema:url ?url }
  OPTIONAL { ?framework dct:license ?licence }
  OPTIONAL { ?framework pm:licenceName ?licenceName }
  OPTIONAL { ?framework pm:attribution ?attribution }
  OPTIONAL { ?framework pm:retrievedOn ?retrieved }
  OPTIONAL { ?framework pm:repository ?repository }
  OPTIONAL { ?framework pm:commit ?commit }
}"""

# One count per kind of fact, grouped by framework; each part counts its own nodes only.
_COUNTS = _PROLOGUE + """
SELECT ?framework ?kind (COUNT(DISTINCT ?node) AS ?n) WHERE {
  VALUES (?class ?kind) { (pm:Role "roles") (pm:SkillRequirement "requirements") (pm:Transition "moves") }
  ?node a ?class ; pm:framework ?framework .
} GROUP BY ?framework ?kind"""


@dataclass(frozen=True)
class FrameworkInfo:
    """One framework as ``pmgraph frameworks`` lists it."""

    id: str
    title: str
    publisher: str | None
    url: str | None
    licence: str | None
    licence_name: str | None
    attribution: str | None
    retrieved: str | None
    repository: str | None
    commit: str | None
    roles: int
    requirements: int
    moves: int
    bundled: bool

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _id(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def frameworks(files: Iterable[str | PathLike[str]] = ()) -> list[FrameworkInfo]:
    """The bundled frameworks, and those in ``files`` (a user's framework Turtle), sorted by id.

    Examples
    --------
    >>> listed = frameworks()
    >>> [f.id for f in listed if f.bundled] == sorted(f.id for f in listed if f.bundled)
    True
    """
    from ..loading.store import load_store, select

    bundled = framework_files()
    extra = [Path(f) for f in files]
    store = load_store([ontology_dir() / "schema.ttl", *bundled, *extra], bundled=False)
    bundled_ids = {path.stem for path in bundled}
    counts: dict[tuple[str, str], int] = {}
    for row in select(store, _COUNTS):
        counts[(str(row[0]), str(row[1]))] = int(row[2] or 0)
    found = []
    for row in select(store, _DESCRIPTIONS):
        iri = str(row[0])
        values = [None if v is None else str(v) for v in row[1:]]
        found.append(FrameworkInfo(
            id=_id(iri), title=values[0] or _id(iri), publisher=values[1], url=values[2], licence=values[3],
            licence_name=values[4], attribution=values[5], retrieved=values[6], repository=values[7],
            commit=values[8], roles=counts.get((iri, "roles"), 0),
            requirements=counts.get((iri, "requirements"), 0), moves=counts.get((iri, "moves"), 0),
            bundled=_id(iri) in bundled_ids,
        ))
    return sorted(found, key=lambda info: info.id)
