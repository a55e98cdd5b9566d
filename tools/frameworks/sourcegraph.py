"""The Sourcegraph handbook's product and design career development frameworks.

Read from ``sources/sourcegraph/``: ``framework.md`` (the product framework: IC2 to IC5, each under
the areas Impact, Scope, Execution and Teamwork, after expectations for all levels),
``design-career-development.md`` (the design framework: an HTML table of IC1 to IC6 under
Strategy, Execution and Teamwork) and ``roles-index.md`` (the product team's roles, whose
headings name the roles: Product Manager, Product Designer).

Each level is a role labelled "<role>, <level>" (the label combines the roles page's name and the
framework page's level name: an editorial rule), each area a skill, each (level, area) with
expectations a requirement with no proficiency; consecutive levels are promotions. The design
page makes IC4 and IC5 eligible for the manager track but names no manager role, so no move
into management is converted. The PM-EM partnership page assigns responsibilities, none of the
facts converted here, and is not read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from pmgraph.ladders.spec import slugify

from .base import Description, Framework, github_anchor

if TYPE_CHECKING:
    from rdflib.term import URIRef

__all__ = ["DESCRIPTION", "convert"]

REPOSITORY = "https://github.com/sourcegraph/handbook"
COMMIT = "5752928b213a3ddbc7cee4459524f404a5b96fb4"
SITE = "https://handbook.sourcegraph.com/departments/product/"
PRODUCT = ("framework.md", SITE + "career-development/framework/")
DESIGN = ("design-career-development.md", SITE + "design/career-development/")
ROLES = ("roles-index.md", SITE + "roles/")

DESCRIPTION = Description(
    id="sourcegraph",
    title="Sourcegraph product and design career development frameworks",
    publisher="Sourcegraph",
    url=PRODUCT[1],
    licence="https://spdx.org/licenses/Apache-2.0",
    licence_name="Apache License 2.0",
    attribution="Sourcegraph handbook (https://handbook.sourcegraph.com/), Apache License 2.0; facts converted "
                "by pmgraph, text not reproduced",
    retrieved="2026-11-30",
    repository=REPOSITORY,
    commit=COMMIT,
    files=(("framework.md", ""), ("design-career-development.md", ""), ("roles-index.md", "")),
    licence_files=("LICENSE",),
)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_IC = re.compile(r"^IC(\d+)$")
EXPECTATIONS = "What are the expectations of my role?"


def convert(sources: Path) -> Framework:
    """The product and design frameworks of ``sources`` (= sources/sourcegraph/)."""
    sources = Path(sources)
    fw = Framework(DESCRIPTION)
    rules = {
        "label": fw.editorial(
            "role-label",
            "Each role is labelled '<role>, <level>': <role> is the role's heading on the product roles page "
            "('Product Manager', 'Product Designer'), <level> the level's own name on its career framework page "
            "(IC2 to IC5 for product managers, IC1 to IC6 for designers). The pages name the levels; the "
            "combined label is pmgraph's."),
        "level": fw.editorial(
            "level-order",
            "pm:level counts the levels each framework page lists, lowest first: on the product page IC2, the "
            "lowest level it lists, is level 1 and IC5 is level 4; on the design page IC1 (the entry level) is "
            "level 1 and IC6 is level 6.",
            notation="level from list order"),
        "progression": fw.editorial(
            "level-progression",
            "Each page lists its IC levels in ascending order; pmgraph reads each level as promoting to the next "
            "one on the same page (IC2 to IC3, and so on). This is the level order, not a move the page states; "
            "the product page adds that a level's expectations build on those of the earlier levels.",
            notation="level order"),
        "track": fw.editorial(
            "track-ic-product",
            "The product page names its levels IC2 to IC5 and describes no management level; 'IC' is read as "
            "individual contributor, as the design page's markup expands the same abbreviation.",
            notation="track from IC naming"),
        "function": fw.editorial(
            "function-from-framework",
            "The function is read from the framework a level belongs to: the product framework, written for "
            "product managers, gives product; the design framework, written for designers, gives design.",
            notation="function from framework"),
    }
    names = _role_names(fw, sources / ROLES[0])
    _product(fw, sources / PRODUCT[0], names["Product Manager"], rules)
    _design(fw, sources / DESIGN[0], names["Product Designer"], rules)
    return fw


# ---------------------------------------------------------------------- the roles page


def _role_names(fw: Framework, path: Path) -> dict[str, URIRef]:
    """The roles page's section for each role this converter labels levels with."""
    wanted = ("Product Manager", "Product Designer")
    found = {}
    for depth, heading, anchor, _ in _sections(path):
        if depth == 2 and heading in wanted:
            found[heading] = fw.page(f"roles-{slugify(heading)}", f"{ROLES[1]}#{anchor}",
                                     f"Roles on the Product team: {heading}")
    missing = [name for name in wanted if name not in found]
    if missing:
        raise ValueError(f"{path}: expected '## {missing[0]}' among the product roles")
    return found


# ---------------------------------------------------------------------- the product framework

_AREA = re.compile(r"^- (\w+):?\s*$")
_EXPECTATION = re.compile(r"^\s+-\s*\S")
_AREA_DEFINED = re.compile(r"^- (\w+): \S")


def _product(fw: Framework, path: Path, role_page: URIRef, rules: dict[str, URIRef]) -> None:
    sections = _sections(path)
    by_heading = {heading: (anchor, lines) for depth, heading, anchor, lines in sections if depth == 2}
    if EXPECTATIONS not in by_heading or "All Levels" not in by_heading:
        raise ValueError(f"{path}: expected the sections '## {EXPECTATIONS}' and '## All Levels'")
    anchor, lines = by_heading[EXPECTATIONS]
    areas = [m.group(1) for m in map(_AREA_DEFINED.match, lines) if m]
    if not areas:
        raise ValueError(f"{path}: expected the areas listed as '- <Area>: ...' under '## {EXPECTATIONS}'")
    expectations = fw.page("product-expectations", f"{PRODUCT[1]}#{anchor}",
                           f"Product career development framework: {EXPECTATIONS}")
    skills = {area: fw.skill(f"skill-product-{slugify(area)}", area, sources=[expectations], url=PRODUCT[1])
              for area in areas}
    all_anchor, all_lines = by_heading["All Levels"]
    shared = _areas(path, "All Levels", all_lines, areas)
    all_levels = fw.page("product-all-levels", f"{PRODUCT[1]}#{all_anchor}",
                         "Product career development framework: All Levels")

    levels = [(int(m.group(1)), heading, anchor, lines) for depth, heading, anchor, lines in sections
              if depth == 2 and (m := _IC.match(heading))]
    if not levels:
        raise ValueError(f"{path}: expected '## IC<n>' sections")
    numbers = [n for n, *_ in levels]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        raise ValueError(f"{path}: expected consecutive '## IC<n>' sections in ascending order, found {numbers}")
    known = {EXPECTATIONS, "All Levels", *(heading for _, heading, _, _ in levels)}
    other = [heading for depth, heading, _, _ in sections if depth == 2 and heading not in known]
    if other:
        raise ValueError(f"{path}: expected no other '##' sections, found {other[0]!r}")

    roles, pages = [], []
    for position, (_, name, anchor, lines) in enumerate(levels, 1):
        page = fw.page(f"product-{slugify(name)}", f"{PRODUCT[1]}#{anchor}",
                       f"Product career development framework: {name}")
        role = fw.role(
            f"product-manager-{slugify(name)}", f"Product Manager, {name}", sources=[page, role_page, rules["label"]],
            level=position, level_sources=[page, rules["level"]], track="ic", track_sources=[page, rules["track"]],
            function="product", function_sources=[expectations, rules["function"]], url=f"{PRODUCT[1]}#{anchor}")
        for area in _areas(path, name, lines, areas):
            fw.requirement(role, skills[area], sources=[page, all_levels] if area in shared else [page])
        roles.append(role)
        pages.append(page)
    for i in range(len(roles) - 1):
        fw.move(roles[i], roles[i + 1], kind="promotion", sources=[pages[i], pages[i + 1], rules["progression"]])


def _areas(path: Path, section: str, lines: list[str], areas: list[str]) -> list[str]:
    """The areas a section lists ('- Impact:' then indented '- ...' expectations), each with some."""
    found: dict[str, int] = {}
    current = None
    for line in lines:
        if not line.strip():
            continue
        if m := _AREA.match(line):
            current = m.group(1)
            if current not in areas:
                raise ValueError(f"{path}: '## {section}' lists {current!r}, expected one of {', '.join(areas)}")
            if current in found:
                raise ValueError(f"{path}: '## {section}' lists {current!r} twice")
            found[current] = 0
        elif _EXPECTATION.match(line) and current is not None:
            found[current] += 1
        else:
            raise ValueError(f"{path}: expected '- <Area>:' items with indented expectations under "
                             f"'## {section}', found {line!r}")
    empty = [area for area, count in found.items() if not count]
    if not found or empty:
        raise ValueError(f"{path}: expected expectations under each area of '## {section}'"
                         + (f"; none under {empty[0]!r}" if empty else ""))
    return list(found)


# ---------------------------------------------------------------------- the design framework


def _design(fw: Framework, path: Path, role_page: URIRef, rules: dict[str, URIRef]) -> None:
    from rdflib import Literal
    from rdflib.namespace import SKOS

    sections = _sections(path)
    by_heading = {heading: (anchor, lines) for depth, heading, anchor, lines in sections if depth == 2}
    if EXPECTATIONS not in by_heading or "Levels" not in by_heading:
        raise ValueError(f"{path}: expected the sections '## {EXPECTATIONS}' and '## Levels'")
    anchor, lines = by_heading[EXPECTATIONS]
    categories = re.findall(r"<li>\s*([^<]+?)\s*</li>", "\n".join(lines))
    if not categories:
        raise ValueError(f"{path}: expected the categories as an <li> list under '## {EXPECTATIONS}'")
    expectations = fw.page("design-expectations", f"{DESIGN[1]}#{anchor}",
                           f"Design career development framework: {EXPECTATIONS}")
    table_anchor, table_lines = by_heading["Levels"]
    table = fw.page("design-levels", f"{DESIGN[1]}#{table_anchor}", "Design career development framework: Levels")
    text = "\n".join(table_lines)
    if re.search(r"design manager|manager of design|head of design", text, re.IGNORECASE):
        raise ValueError(f"{path}: the page now names a design manager role; convert the move into management")

    parser = _Table()
    parser.feed(text)
    parser.close()
    if parser.header != ["Level", *categories]:
        raise ValueError(f"{path}: expected the table's columns Level, {', '.join(categories)}; "
                         f"found {parser.header}")
    skills = {c: fw.skill(f"skill-design-{slugify(c)}", c, sources=[expectations, table], url=DESIGN[1])
              for c in categories}

    levels = _design_levels(path, parser.rows, len(categories))
    numbers = [n for n, *_ in levels]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"{path}: expected the table's levels IC1, IC2, ... in order, found {numbers}")
    roles, pages = [], []
    for number, row_id, title, job, filled in levels:
        name = f"IC{number}"
        if title != "Individual Contributor":
            raise ValueError(f"{path}: expected level {name} to be marked <abbr title=\"Individual Contributor\">")
        page = fw.page(f"design-{row_id}", f"{DESIGN[1]}#{row_id}", f"Design career development framework: {name}")
        role = fw.role(
            f"product-designer-{slugify(name)}", f"Product Designer, {name}", sources=[page, role_page, rules["label"]],
            level=number, level_sources=[page, rules["level"]], track="ic", track_sources=[page],
            function="design", function_sources=[expectations, rules["function"]], url=f"{DESIGN[1]}#{row_id}")
        if job:
            fw.cite(role, SKOS.altLabel, Literal(job, lang="en"), [page])
        for category, has in zip(categories, filled):
            if has:
                fw.requirement(role, skills[category], sources=[page])
        roles.append(role)
        pages.append(page)
    for i in range(len(roles) - 1):
        fw.move(roles[i], roles[i + 1], kind="promotion", sources=[pages[i], pages[i + 1], rules["progression"]])


_Cell = tuple[str, str, list[str]]  # (class, text, list items)


class _Row:
    def __init__(self, kind: str) -> None:
        self.kind = kind  # the <tr> class
        self.th_id = ""
        self.th_text = ""
        self.abbr = ""
        self.cells: list[_Cell] = []


class _Table(HTMLParser):
    """The levels table: its column headings and, per body row, the <th> and the <td> cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.header: list[str] = []
        self.rows: list[_Row] = []
        self._section = ""
        self._row: _Row | None = None
        self._in: str = ""  # "th" or "td" while inside a cell
        self._cell_class = ""
        self._text: list[str] = []
        self._items: list[str] = []
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row = _Row(attr.get("class", ""))
        elif tag in ("th", "td") and self._row is not None:
            self._in, self._cell_class, self._text, self._items = tag, attr.get("class", ""), [], []
            if tag == "th":
                self._row.th_id = attr.get("id", "")
        elif tag == "abbr" and self._in == "th" and self._row is not None:
            self._row.abbr = attr.get("title", "")
        elif tag == "li" and self._in:
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._item is not None:
            self._items.append(" ".join("".join(self._item).split()))
            self._item = None
        elif tag in ("th", "td") and self._in == tag and self._row is not None:
            text = " ".join("".join(self._text).split())
            if self._section == "thead":
                self.header.append(text)
            elif tag == "th":
                self._row.th_text = text
            else:
                self._row.cells.append((self._cell_class, text, self._items))
            self._in = ""
        elif tag == "tr" and self._row is not None:
            if self._section == "tbody":
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)
            if self._item is not None:
                self._item.append(data)


def _design_levels(path: Path, rows: list[_Row], columns: int) -> list[tuple[int, str, str, str, list[bool]]]:
    """(number, anchor id, abbreviation title, job title in the summary or "", which categories have
    content) for each level row of the table."""
    levels: list[tuple[int, str, str, str, list[bool]]] = []
    for row in rows:
        if row.th_id:
            match = _IC.match(row.th_text)
            if not match or row.th_id != row.th_text.lower():
                raise ValueError(f"{path}: expected a level heading 'IC<n>' with id 'ic<n>', found "
                                 f"{row.th_text!r} (id {row.th_id!r})")
            if len(row.cells) != 1 or row.cells[0][0] not in ("level-summary", "tbd"):
                raise ValueError(f"{path}: expected one summary cell beside {row.th_text}")
            summary = row.cells[0][1]
            job = m.group(1) if (m := re.match(r"^([A-Za-z ]*designer):", summary, re.IGNORECASE)) else ""
            levels.append((int(match.group(1)), row.th_id, row.abbr, job, [False] * columns))
        elif not levels:
            raise ValueError(f"{path}: expected a level row first in the table body")
        elif row.kind in ("category-summaries-row", "behaviors-row"):
            if len(row.cells) != columns:
                raise ValueError(f"{path}: expected {columns} cells in each {row.kind} of {levels[-1][1]}")
            filled = levels[-1][4]
            for i, (_, text, items) in enumerate(row.cells):
                filled[i] = filled[i] or bool(text) or bool(items)
        else:
            raise ValueError(f"{path}: unexpected table row (class {row.kind!r}) under {levels[-1][1]}")
    return levels


# ---------------------------------------------------------------------- reading


def _sections(path: Path) -> list[tuple[int, str, str, list[str]]]:
    """(depth, heading, GitHub-style anchor, lines up to the next heading) for each Markdown heading."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValueError(f"{path}: expected a Sourcegraph handbook page here ({error})") from None
    sections: list[tuple[int, str, str, list[str]]] = []
    seen: dict[str, int] = {}
    for line in text.splitlines():
        if match := _HEADING.match(line):
            heading = match.group(2)
            sections.append((len(match.group(1)), heading, github_anchor(heading, seen), []))
        elif sections:
            sections[-1][3].append(line)
    if not sections:
        raise ValueError(f"{path}: expected Markdown headings")
    return sections


