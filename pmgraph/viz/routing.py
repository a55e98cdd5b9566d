"""Edge routing: each line drawn straight, or as the gentlest vis-network curve that clears every
node it does not touch.

vis-network draws an edge straight, or (``smooth``) as a quadratic curve whose control point it
derives from the two ends and a ``roundness`` (types ``curvedCW`` and ``curvedCCW``), or as a
cubic one (``cubicBezier``). The same formulas are reproduced here (:func:`curve`), so the page
draws exactly the curve that was checked: for every line the candidates are tried in turn (the
given ones, then straight, then curves bulging further and further to either side) and the first
that keeps clear of every other node (by :data:`CLEARANCE` px beyond its outline), of the labels
of other nodes where it can, and of the other lines between the same two nodes, is kept.

Positions are vis-network's canvas pixels. Everything is deterministic: same input, same curves.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

__all__ = ["Box", "Circle", "Shape", "Smooth", "curve", "route", "CLEARANCE"]

Point: TypeAlias = tuple[float, float]
#: A vis-network ``smooth`` option for one edge, or None for a straight line.
Smooth: TypeAlias = "dict[str, Any] | None"
CLEARANCE = 6.0  # px a line keeps from a node's outline
_BULGES = (12, 20, 30, 42, 56, 72, 92, 116, 145, 180, 225, 280, 350)  # px: curves tried, gentlest first
_CELL = 128.0  # px: the side of a cell of the grid that finds the nodes near a line
_APART = 16.0  # px: two lines between the same nodes must be this far apart at their middles
_GENTLE = 60  # px: a curve straying further than this counts as much as crossing a label


@dataclass(frozen=True)
class Circle:
    """A node drawn round (dot, star, triangle, ...): centre and radius."""

    x: float
    y: float
    r: float

    def bounds(self) -> tuple[float, float, float, float]:
        return self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r


@dataclass(frozen=True)
class Box:
    """A node or a label drawn as a rectangle: centre and half width and height."""

    x: float
    y: float
    w: float
    h: float

    def bounds(self) -> tuple[float, float, float, float]:
        return self.x - self.w, self.y - self.h, self.x + self.w, self.y + self.h


Shape: TypeAlias = Circle | Box


def _via(a: Point, b: Point, kind: str, roundness: float) -> Point:
    """vis-network's control point of a ``curvedCW`` or ``curvedCCW`` edge from ``a`` to ``b``
    (BezierEdgeStatic._getViaCoordinates)."""
    dx, dy = b[0] - a[0], a[1] - b[1]
    radius = math.sqrt(dx * dx + dy * dy)
    turn = (0.5 * roundness + 0.5) if kind == "curvedCW" else (-0.5 * roundness + 0.5)
    angle = math.fmod(math.atan2(dy, dx) + turn * math.pi, 2 * math.pi)
    reach = (0.5 * roundness + 0.5) * radius
    return a[0] + reach * math.sin(angle), a[1] + reach * math.cos(angle)


def _cubic_vias(a: Point, b: Point, roundness: float, direction: str) -> tuple[Point, Point]:
    """vis-network's two control points of a ``cubicBezier`` edge (CubicBezierEdge._getViaCoordinates)."""
    dx, dy = a[0] - b[0], a[1] - b[1]
    if direction == "horizontal" or (direction != "vertical" and abs(dx) > abs(dy)):
        return (a[0] - roundness * dx, a[1]), (b[0] + roundness * dx, b[1])
    return (a[0], a[1] - roundness * dy), (b[0], b[1] + roundness * dy)


def curve(a: Point, b: Point, smooth: Smooth, samples: int = 24) -> list[Point]:
    """The points of the line vis-network draws from ``a`` to ``b`` with ``smooth``, ``a`` first."""
    if not smooth or not smooth.get("enabled", True):
        return [a, b]
    kind = smooth.get("type", "")
    roundness = float(smooth.get("roundness", 0.5))
    out = []
    if kind == "cubicBezier":
        c1, c2 = _cubic_vias(a, b, roundness, str(smooth.get("forceDirection", "none")))
        for i in range(samples + 1):
            t = i / samples
            u = 1 - t
            out.append((u ** 3 * a[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t ** 3 * b[0],
                        u ** 3 * a[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t ** 3 * b[1]))
        return out
    if kind not in ("curvedCW", "curvedCCW"):
        raise ValueError(f"unsupported smooth type {kind!r}")
    c = _via(a, b, kind, roundness)
    for i in range(samples + 1):
        t = i / samples
        u = 1 - t
        out.append((u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]))
    return out


def _roundness(length: float, bulge: float) -> float | None:
    """The roundness whose curve over a chord of ``length`` strays ``bulge`` px from it at most
    (the curve strays half as far as its control point: ``s * length * |cos(s * pi)| / 2`` with
    ``s = (roundness + 1) / 2``), rounded to 3 places; None if no roundness reaches that far."""
    def strays(f: float) -> float:
        s = 0.5 * f + 0.5
        return s * length * abs(math.cos(s * math.pi)) / 2

    if length <= 0 or strays(1.0) < bulge:
        return None
    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        low, high = (mid, high) if strays(mid) < bulge else (low, mid)
    return round(high, 3)


def _candidates(a: Point, b: Point, given: Sequence[Smooth]) -> Iterator[tuple[Smooth, int]]:
    """The curves to try, each with what it costs beside the nodes it hits: a curve that strays far
    counts as much as a label it would cross."""
    for g in given:
        yield g, 0
    yield None, 0
    length = math.dist(a, b)
    for bulge in _BULGES:
        f = _roundness(length, bulge)
        if f is None:
            break
        cost = 1 if bulge > _GENTLE else 0
        yield {"enabled": True, "type": "curvedCW", "roundness": f}, cost
        yield {"enabled": True, "type": "curvedCCW", "roundness": f}, cost


class _Grid:
    """Shapes by the cells of a square grid their bounds touch."""

    def __init__(self, shapes: Mapping[str, Shape]) -> None:
        self.cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.shapes = shapes
        self.bounds = {key: shapes[key].bounds() for key in sorted(shapes)}
        for key, (x0, y0, x1, y1) in self.bounds.items():
            for cx in range(math.floor(x0 / _CELL), math.floor(x1 / _CELL) + 1):
                for cy in range(math.floor(y0 / _CELL), math.floor(y1 / _CELL) + 1):
                    self.cells[(cx, cy)].append(key)

    def near(self, box: tuple[float, float, float, float], margin: float) -> list[str]:
        """The shapes whose bounds come within ``margin`` of ``box`` (left, top, right, bottom)."""
        left, top, right, bottom = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
        found: dict[str, None] = {}
        bounds = self.bounds
        for cx in range(math.floor(left / _CELL), math.floor(right / _CELL) + 1):
            for cy in range(math.floor(top / _CELL), math.floor(bottom / _CELL) + 1):
                for key in self.cells.get((cx, cy), ()):
                    if key not in found:
                        x0, y0, x1, y1 = bounds[key]
                        if x0 <= right and x1 >= left and y0 <= bottom and y1 >= top:
                            found[key] = None
        return list(found)


#: A segment of a line with its bounds: (a, b, left, right, top, bottom).
_Segment: TypeAlias = tuple[Point, Point, float, float, float, float]


def _segments(points: Sequence[Point]) -> list[_Segment]:
    return [(a, b, min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1]))
            for a, b in zip(points, points[1:])]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _crosses_box(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether the segment ``a``-``b`` enters the rectangle (x0, y0, x1, y1) (Liang-Barsky)."""
    x0, y0, x1, y1 = box
    low, high = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
    return True


def _hits(segments: Sequence[_Segment], shape: Shape, clearance: float) -> bool:
    if isinstance(shape, Circle):
        reach, cx, cy = shape.r + clearance, shape.x, shape.y
        return any(x0 - reach <= cx <= x1 + reach and y0 - reach <= cy <= y1 + reach
                   and _segment_distance((cx, cy), a, b) < reach for a, b, x0, x1, y0, y1 in segments)
    left, top, right, bottom = shape.bounds()
    box = (left - clearance, top - clearance, right + clearance, bottom + clearance)
    return any(x0 <= box[2] and x1 >= box[0] and y0 <= box[3] and y1 >= box[1] and _crosses_box(a, b, box)
               for a, b, x0, x1, y0, y1 in segments)


def route(positions: Mapping[str, Point], nodes: Mapping[str, Shape], edges: Sequence[tuple[str, str]], *,
          labels: Mapping[str, Shape] | None = None, given: Sequence[Sequence[Smooth]] | None = None,
          clearance: float = CLEARANCE) -> list[Smooth]:
    """The ``smooth`` option of each of ``edges`` ((from, to) node ids at ``positions``, whose
    outlines are ``nodes``): the first candidate that clears every node but its own two, then
    (where one can) the ``labels`` of the other nodes, and the lines already routed between the
    same two nodes. ``given[i]`` are edge ``i``'s preferred candidates, tried before a straight
    line. An edge no candidate clears keeps the one that touches fewest nodes.

    Examples
    --------
    >>> at = {"a": (0.0, 0.0), "b": (0.0, -100.0), "c": (0.0, -200.0)}
    >>> dots = {k: Circle(x, y, 16) for k, (x, y) in at.items()}
    >>> route(at, dots, [("a", "b"), ("a", "c")])  # a -> c would run through b
    [None, {'enabled': True, 'type': 'curvedCW', 'roundness': 0.304}]
    """
    grid = _Grid(nodes)
    label_grid = _Grid(labels) if labels else None
    reach = max((max(s.bounds()[2] - s.bounds()[0], s.bounds()[3] - s.bounds()[1]) / 2 for s in nodes.values()),
                default=0.0) + clearance
    drawn: dict[tuple[str, str], list[Point]] = defaultdict(list)  # middles of the lines between two nodes
    out: list[Smooth] = []
    for i, (u, v) in enumerate(edges):
        a, b = positions[u], positions[v]
        pair = (u, v) if u < v else (v, u)
        best: tuple[tuple[int, int], Smooth] | None = None
        for smooth, cost in _candidates(a, b, given[i] if given else ()):
            points = curve(a, b, smooth, samples=max(8, min(48, round(math.dist(a, b) / 24))))
            middle = points[len(points) // 2] if len(points) > 2 else ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if any(math.dist(middle, m) < _APART for m in drawn[pair]):
                continue
            segments = _segments(points)
            box = (min(s[2] for s in segments), min(s[4] for s in segments), max(s[3] for s in segments),
                   max(s[5] for s in segments))
            node_hits = sum(1 for k in grid.near(box, reach)
                            if k not in (u, v) and _hits(segments, nodes[k], clearance))
            label_hits = 0
            if labels and label_grid is not None and node_hits == 0:  # labels only break ties between clear lines
                label_hits = sum(1 for k in label_grid.near(box, 0)
                                 if k not in (u, v) and _hits(segments, labels[k], 0))
            score = (node_hits, label_hits + cost)
            if best is None or score < best[0]:
                best = (score, smooth)
            if score == (0, 0):
                break
        chosen = best[1] if best is not None else None
        points = curve(a, b, chosen)
        drawn[pair].append(points[len(points) // 2] if len(points) > 2 else ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
        out.append(chosen)
    return out
