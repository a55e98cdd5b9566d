"""Where each role sits on a page: levels top to bottom, and columns that follow the ladders.

Two layouts, both computed here so that a page opens at once (physics off) and the same graph
always gives the same positions:

:func:`ladder_positions` (pages of up to :data:`BIG` roles)
    one row per level, most senior at the top; one band per function; within a band one column
    per *ladder*, a chain of promotions (IC to management counts) read bottom to top, so a
    person's climb is a vertical line and the IC and management ladders of a function stand side
    by side. A role that several ladders lead into and that sits above the rest of its band (a
    function's executive) is centred over the band; a band above every other (the CEO) is
    centred over the page. Columns of one band whose levels do not overlap share a column, and
    a band's columns are ordered so that the moves between them are short.
:func:`layered_positions` (larger pages, and the explorer)
    a band per function, each as wide as its share of about sqrt(n) columns; a crowded level
    wraps onto extra rows within its own level. Large pages open with each band's level
    clustered (see :mod:`pmgraph.viz.page`), so what matters is that a cell's roles sit together.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..career.model import RoleRecord

__all__ = ["DX", "DY", "BIG", "role_order", "ladder_positions", "layered_positions", "level_rows", "LATERAL"]

DX, DY = 165, 130  # column width and level height, px: room for a three-line label under a node
ROW_DY = 70  # px between wrapped rows of one crowded level (layered_positions)
BAND_GAP = 0.45  # columns of air between two functions
ASPECT = 1.6  # width / height of the graph's part of a window, about
MAX_DY = 320  # px: the furthest apart two levels are drawn
BIG = 500  # roles: above this a page opens clustered, laid out by layered_positions
LATERAL = "lateral move"
#: Bands and tracks in reading order (left to right); the others follow, by name.
FUNCTIONS = ("product", "design", "engineering", "marketing", "operations", "general management")
TRACKS = ("individual contributor", "people management", "executive")
_EXHAUSTIVE = 7  # columns: up to this many in a band, every order is tried


def _rank(value: str | None, known: Sequence[str]) -> tuple[int, str]:
    return (known.index(value), "") if value in known else (len(known), value or "")


def _natural(text: str) -> tuple[object, ...]:
    """``text`` as a sort key that puts "Unit 2" before "Unit 10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.casefold()))


def role_order(role: RoleRecord) -> tuple[int, tuple[int, str], tuple[int, str], str, str]:
    """Most senior first, then by function and track in reading order, then by label."""
    return (-(role.level or 0), _rank(role.function, FUNCTIONS), _rank(role.track, TRACKS), role.label.casefold(),
            role.id)


def level_rows(roles: Iterable[RoleRecord], positions: Mapping[str, tuple[int, int]]) -> list[tuple[int, int]]:
    """(level, y) for each level that has a role at a single height, most senior first: where a
    page writes its level labels."""
    heights: dict[int, set[int]] = defaultdict(set)
    for role in roles:
        if role.level is not None and role.id in positions:
            heights[role.level].add(positions[role.id][1])
    return sorted(((level, min(ys)) for level, ys in heights.items()), key=lambda row: row[1])


# ----------------------------------------------------------------------------- ladders


def ladder_positions(roles: Iterable[RoleRecord], moves: Iterable[tuple[str, str, str]],
                     links: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[int, int]]:
    """Positions (x, y) for ``roles``: a row per level, a band per function, a column per ladder.

    ``moves`` are (from, to, kind) transitions: the non-lateral ones that go up within a function
    make the ladders (columns). ``links`` are other lines the page draws (reporting lines): with
    the moves they decide the order of a band's columns, the most connected side by side.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.career.projection import project
    >>> from pmgraph.resources import ontology_dir
    >>> career = project(load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False))
    >>> moves = [(u, v, d["kind"]) for u, v, d in career.digraph.edges(data=True)]
    >>> at = ladder_positions(career.roles.values(), moves)
    >>> at["fx-pm"][0] == at["fx-spm"][0] == at["fx-principal"][0]  # the IC ladder: one column
    True
    >>> at["fx-gpm"][0] == at["fx-principal"][0]  # management beside it
    False
    """
    ordered = sorted(roles, key=role_order)
    if not ordered:
        return {}
    by_id = {r.id: r for r in ordered}
    ups: dict[str, list[str]] = defaultdict(list)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, kind in moves:
        if u in by_id and v in by_id and u != v:
            weights[(u, v) if u < v else (v, u)] += 1
            a, b = by_id[u], by_id[v]
            if kind != LATERAL and (a.level or 0) < (b.level or 0) and a.function == b.function:
                ups[v].append(u)
    for u, v in links:
        if u in by_id and v in by_id and u != v:
            weights[(u, v) if u < v else (v, u)] += 1
    bands: dict[str, list[RoleRecord]] = defaultdict(list)
    for role in ordered:
        bands[role.function or ""].append(role)
    names = sorted(bands, key=lambda f: _rank(f or None, FUNCTIONS))
    levels = sorted({r.level or 0 for r in ordered}, reverse=True)

    # A band above every other one (a CEO) is centred over the page instead of taking a place.
    def lowest(f: str) -> int:
        return min(r.level or 0 for r in bands[f])

    def highest(f: str) -> int:
        return max(r.level or 0 for r in bands[f])

    crowns = [f for f in names if len(names) > 1 and lowest(f) > max(highest(g) for g in names if g != f)]
    laid = {f: _band_columns(bands[f], ups, weights) for f in names}
    width = sum(max(len(laid[f][0]), 1) + BAND_GAP for f in names if f not in crowns) - BAND_GAP
    # A page wider than a window gets its levels further apart, up to the window's proportions: it
    # costs no zoom, and a move between distant roles of one level can then arc between the levels.
    dy = max(DY, min(MAX_DY, round(width * DX / ASPECT / max(1, len(levels) - 1) / 10) * 10))
    y_of = {level: i * dy for i, level in enumerate(levels)}
    placed: dict[str, tuple[float, int]] = {}
    cursor = 0.0
    for f in names:
        if f in crowns:
            continue
        columns, apex = laid[f]
        for i, column in enumerate(columns):
            for role in column:
                placed[role.id] = (cursor + i, y_of[role.level or 0])
        middle = cursor + (max(len(columns), 1) - 1) / 2
        for role in apex:
            placed[role.id] = (middle, y_of[role.level or 0])
        cursor += max(len(columns), 1) + BAND_GAP
    for f in crowns:
        columns, apex = laid[f]
        flat = [*columns, *([apex] if apex else [])]
        for i, column in enumerate(flat):
            for role in column:
                placed[role.id] = ((width - 1) / 2 + i - (len(flat) - 1) / 2, y_of[role.level or 0])
    centre = (width - 1) / 2
    return {rid: (round((x - centre) * DX), y) for rid, (x, y) in placed.items()}


def _band_columns(members: list[RoleRecord], ups: Mapping[str, list[str]],
                  weights: Mapping[tuple[str, str], int]) -> tuple[list[list[RoleRecord]], list[RoleRecord]]:
    """A band's ladders as columns (each bottom to top), in reading order, and its apex: the roles
    that ladders of several columns lead into, above everything else of the band."""
    order = sorted(members, key=lambda r: (r.level or 0, _rank(r.track, TRACKS), _natural(r.label), r.id))
    top_level = max(r.level or 0 for r in order)
    at_top = sum(1 for r in order if (r.level or 0) == top_level)
    column_of: dict[str, int] = {}
    columns: list[list[RoleRecord]] = []
    apex: list[RoleRecord] = []
    for role in order:
        below = [u for u in ups.get(role.id, ()) if u in column_of]
        if (role.level or 0) == top_level and at_top == 1 and len({column_of[u] for u in below}) >= 2:
            apex.append(role)
            continue
        tops = {column_of[u] for u in below if columns[column_of[u]][-1].id == u}
        if tops:
            choice = min(tops, key=lambda c: (columns[c][-1].track != role.track, -(columns[c][-1].level or 0), c))
            columns[choice].append(role)
        else:
            choice = len(columns)
            columns.append([role])
        column_of[role.id] = choice
    columns = _compacted(columns)
    return _ordered(columns, weights), apex


def _compacted(columns: list[list[RoleRecord]]) -> list[list[RoleRecord]]:
    """Columns whose level ranges do not overlap stacked into one, longest ladders first, a track's
    own columns before the others: a band no wider than it needs to be. The columns keep the order
    of their first ladder."""
    kept: list[tuple[int, list[RoleRecord]]] = []
    for same_track in (True, False):
        pending = kept if not same_track else [(i, list(c)) for i, c in enumerate(columns)]
        kept = []
        for first, column in sorted(pending, key=lambda c: (-len(c[1]), c[0])):
            low, high = column[0].level or 0, column[-1].level or 0
            for _at, other in kept:
                fits = high < (other[0].level or 0) or low > (other[-1].level or 0)
                if fits and (not same_track or {r.track for r in other} == {r.track for r in column}):
                    other.extend(column)
                    other.sort(key=lambda r: r.level or 0)
                    break
            else:
                kept.append((first, column))
    return [column for _first, column in sorted(kept, key=lambda c: c[0])]


def _ordered(columns: list[list[RoleRecord]], weights: Mapping[tuple[str, str], int]) -> list[list[RoleRecord]]:
    """``columns`` in the order that makes the lines between them shortest (sum of line weight times
    the columns crossed); ties keep the given order."""
    n = len(columns)
    if n <= 2:
        return columns
    index = {r.id: i for i, column in enumerate(columns) for r in column}
    pull: dict[tuple[int, int], int] = defaultdict(int)
    for (u, v), w in weights.items():
        a, b = index.get(u), index.get(v)
        if a is not None and b is not None and a != b:
            pull[(min(a, b), max(a, b))] += w
    if not pull:
        return columns

    def cost(order: Sequence[int]) -> int:
        at = {c: i for i, c in enumerate(order)}
        return sum(w * abs(at[a] - at[b]) for (a, b), w in pull.items())

    if n <= _EXHAUSTIVE:
        best = min(itertools.permutations(range(n)), key=lambda p: (cost(p), p))
    else:  # barycentres, then swaps of neighbours while they shorten the lines
        best_list = list(range(n))
        for _ in range(4):
            at = {c: i for i, c in enumerate(best_list)}
            centre = {}
            for c in best_list:
                near = [(at[b if a == c else a], w) for (a, b), w in pull.items() if c in (a, b)]
                total = sum(w for _p, w in near)
                centre[c] = sum(p * w for p, w in near) / total if total else at[c]
            best_list.sort(key=lambda c: (centre[c], c))
        improved = True
        while improved:
            improved = False
            for i in range(n - 1):
                swapped = best_list[:i] + [best_list[i + 1], best_list[i]] + best_list[i + 2:]
                if cost(swapped) < cost(best_list):
                    best_list, improved = swapped, True
        best = tuple(best_list)
    return [columns[c] for c in best]


# ----------------------------------------------------------------------------- cells


def layered_positions(roles: Iterable[RoleRecord]) -> dict[str, tuple[int, int]]:
    """Positions for ``roles``: the most senior level at the top, one column band per function.

    Within a level, roles of a function sit side by side in their band (by track, then label);
    a band is as wide as its most crowded level, so a function's ladder reads as a column. On a
    large ladder a band has at most its share of about sqrt(n) columns, and a crowded level wraps
    onto extra rows within its own level.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.career.projection import project
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> at = layered_positions(project(graph).roles.values())
    >>> at["fx-cpo"][1] < at["fx-director"][1] < at["fx-apm"][1]
    True
    """
    return cell_positions(sorted(roles, key=role_order))


def cell_positions(roles: list[RoleRecord]) -> dict[str, tuple[int, int]]:
    """:func:`layered_positions` of ``roles`` already in :func:`role_order`."""
    if not roles:
        return {}
    cells: dict[tuple[str, int], list[RoleRecord]] = defaultdict(list)
    share: dict[str, int] = defaultdict(int)
    for role in roles:
        cells[(role.function or "", role.level or 0)].append(role)
        share[role.function or ""] += 1
    columns = max(12, math.ceil(math.sqrt(len(roles))))
    width: dict[str, int] = defaultdict(int)
    for (function, _level), members in cells.items():
        cap = max(1, math.ceil(columns * share[function] / len(roles)))
        width[function] = max(width[function], min(len(members), cap))
    bands = sorted(width, key=lambda f: _rank(f or None, FUNCTIONS))
    start, cursor = {}, 0.0
    for function in bands:
        start[function] = cursor
        cursor += width[function] + 0.4  # a little air between bands
    centre = (cursor - 0.4 - 1) / 2
    levels = sorted({level for _f, level in cells}, reverse=True)
    rows = {level: max(math.ceil(len(m) / width[f]) for (f, lv), m in cells.items() if lv == level) for level in levels}
    top, y = {}, 0.0
    for level in levels:  # a wrapped level is taller; rows within it sit closer than levels do
        top[level] = y
        y += DY + (rows[level] - 1) * ROW_DY
    positions = {}
    for (function, level), members in cells.items():
        per_row = width[function]
        for row, first in enumerate(range(0, len(members), per_row)):
            in_row = members[first:first + per_row]
            left = start[function] + (per_row - len(in_row)) / 2
            y = round(top[level] + row * ROW_DY)
            for column, role in enumerate(in_row):
                positions[role.id] = (round((left + column - centre) * DX), y)
    return positions
