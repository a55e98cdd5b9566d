"""docs/architecture.md names every family of the package and every room of each family, and names
nothing that is not there: the page a new engineer reads first stays the map of the code."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "pmgraph"
# Modules of the foundation: the top level of the package, outside every family.
TOP_LEVEL = {"__init__", "__main__"}


def _table() -> dict[str, str]:
    """The families table: the family's name -> the text of its rooms column."""
    rows: dict[str, str] = {}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("family", "---"):
            continue
        for family in re.findall(r"`([a-z_]+)`", cells[0]) or [cells[0]]:
            rows[family] = cells[2]
    return rows


def _rooms(package: Path) -> set[str]:
    """The modules and subpackages of a family, at any depth, by their own (last) name."""
    found = set()
    for path in package.rglob("*.py"):
        if "static" in path.parts or path.stem in TOP_LEVEL:
            continue
        found.add(path.stem)
    for path in package.rglob("__init__.py"):
        if path.parent != package:
            found.add(path.parent.name)
    return found


def _families() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir()
                  if p.is_dir() and (p / "__init__.py").exists())


def test_every_family_has_a_row():
    rows = _table()
    assert sorted(set(_families()) - set(rows)) == [], "add a row to the families table of docs/architecture.md"
    assert "foundation" in rows


@pytest.mark.parametrize("family", _families())
def test_the_rooms_of_each_family_are_named(family):
    named = set(re.findall(r"`([A-Za-z_]+)/?`", _table()[family]))
    real = _rooms(PACKAGE / family)
    assert sorted(real - named) == [], f"docs/architecture.md: {family}'s row does not name these rooms"
    gone = named - real - {family, "__init__"} - set(_families())  # a row may name its package and its siblings
    assert sorted(gone) == [], f"docs/architecture.md: {family}'s row names rooms that are gone"


def test_the_foundation_row_names_the_top_level_modules():
    named = set(re.findall(r"`([A-Za-z_]+)`", _table()["foundation"]))
    real = {p.stem for p in PACKAGE.glob("*.py")} - TOP_LEVEL
    assert sorted(real - named) == [], "docs/architecture.md: the foundation row does not name these modules"
    gone = named - real - set(_families())  # it says which families sit on it
    assert sorted(gone) == [], "docs/architecture.md: the foundation row names modules that are gone"
