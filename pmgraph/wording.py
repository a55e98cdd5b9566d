"""How pmgraph writes things, once: years, estimates, who states a fact, suggestions, escaping.

Every output of pmgraph — the CLI's text, Markdown and CSV, the role cards, the HTML views, the
errors — writes years, "(estimate)", "stated by ...", "Did you mean ...?" and escaped cells
through these functions, so a new format or command never re-learns them. They take plain
values, or any object with the fields named in :class:`StepLike` / :class:`PathLike` (a
:class:`pmgraph.career.paths.Step` or ``Path``), so this module sits at the foundation: the
errors, the career family and the views all use it, and it imports nothing of theirs.

The renderers per result type and format (a path as a table, a delta as Mermaid, ...) are one
level up, in :mod:`pmgraph.render`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from .iris import PREFIXES

__all__ = [
    "evidence",
    "number", "plural", "years", "typical_years", "short_years", "ESTIMATE", "estimated", "is_estimate",
    "BY_TITLE", "StepLike", "PathLike", "step_years", "total_years", "path_summary",
    "named", "stated_by", "did_you_mean",
    "markdown_cell", "markdown_text", "escape_html", "csv_cell", "csv_table", "compact_iri", "to_json",
]

# ----------------------------------------------------------------------------- numbers and years


def number(value: float | None) -> str:
    """A number as outputs show it: ``3``, ``2.5``; ``?`` for unknown.

    >>> number(3.0), number(2.5), number(None)
    ('3', '2.5', '?')
    """
    return "?" if value is None else f"{value:g}"


def plural(count: int, word: str) -> str:
    """``"1 step"``, ``"3 steps"``.

    >>> plural(1, "step"), plural(0, "role")
    ('1 step', '0 roles')
    """
    return f"{count} {word}{'' if count == 1 else 's'}"


def years(low: float | None, high: float | None) -> str:
    """A range of years as every table and card writes it: ``"2-4 years"``, ``"1 year"``,
    ``"years unknown"``.

    >>> years(2, 4), years(1, 1), years(3, 3), years(None, None), years(0, 0)
    ('2-4 years', '1 year', '3 years', 'years unknown', '0 years')
    """
    if low is None and high is None:
        return "years unknown"
    if low == high:
        return f"{number(low)} year{'s' if low != 1 else ''}"
    return f"{number(low)}-{number(high)} years"


def typical_years(low: float | None, high: float | None) -> str:
    """The same range in a sentence (the views' captions and tooltips): ``"typically 2–4 years"``.

    >>> typical_years(2, 4), typical_years(1, 1), typical_years(None, None)
    ('typically 2–4 years', 'typically 1 year', 'typical years not given')
    """
    if low is None:
        return "typical years not given"
    span = number(low) if low == high else f"{number(low)}–{number(high)}"
    return f"typically {span} year{'' if high == 1 else 's'}"


def short_years(low: float | None, high: float | None) -> str:
    """The same range as a label on a line of a drawing: ``"2–4 y"``; ``""`` when not given.

    >>> short_years(2, 4), short_years(3, 3), short_years(None, None)
    ('2–4 y', '3 y', '')
    """
    if low is None:
        return ""
    return f"{number(low)} y" if low == high else f"{number(low)}–{number(high)} y"


#: What follows a value no source document states (pmgraph's editorial judgement).
ESTIMATE = " (estimate)"


def estimated(text: object, estimate: bool) -> str:
    """``text``, marked ``" (estimate)"`` when ``estimate``.

    >>> estimated("practitioner", True), estimated("2-4 years", False)
    ('practitioner (estimate)', '2-4 years')
    """
    return f"{text}{ESTIMATE if estimate else ''}"


def is_estimate(given: bool, editorial: Iterable[bool]) -> bool:
    """The estimate rule, written once: a value (a move's years) is an estimate when it is given
    but no source document states it — every source cited for it is editorial, or none is.

    ``editorial`` holds, for each source cited for the value, whether it is editorial.

    >>> is_estimate(True, [True]), is_estimate(True, []), is_estimate(True, [True, False]), is_estimate(False, [])
    (True, True, False, False)
    """
    return given and all(editorial)


# ----------------------------------------------------------------------------- steps and paths

#: What each weight a path is found by means, in words.
BY_TITLE = {"hops": "fewest steps", "years": "fewest typical years", "effort": "least skill effort"}



class StepLike(Protocol):
    """What :func:`step_years` reads of a move (a :class:`pmgraph.career.paths.Step`)."""

    @property
    def years_min(self) -> float | None: ...
    @property
    def years_max(self) -> float | None: ...
    @property
    def years_estimate(self) -> bool: ...


class PathLike(Protocol):
    """What :func:`total_years` and :func:`path_summary` read of a path (a ``Path``)."""

    @property
    def hops(self) -> int: ...
    @property
    def years_min(self) -> float | None: ...
    @property
    def years_max(self) -> float | None: ...
    @property
    def years_mid(self) -> float | None: ...
    @property
    def effort(self) -> int: ...
    @property
    def steps_without_years(self) -> int: ...
    @property
    def steps(self) -> Sequence[StepLike]: ...


def step_years(step: StepLike) -> str:
    """A move's years, marked "(estimate)" when no source document states them."""
    return estimated(years(step.years_min, step.years_max), step.years_estimate)


def total_years(path: PathLike) -> str:
    """A path's years: "11-21 years"; over the steps that have them when some have none; or unknown."""
    if path.years_min is None or path.years_max is None:
        return "years unknown"
    total = estimated(years(path.years_min, path.years_max), any(s.years_estimate for s in path.steps))
    if path.steps_without_years:
        known = path.hops - path.steps_without_years
        total += f" over {known} of {path.hops} steps ({path.steps_without_years} with no years stated)"
    return total


def path_summary(path: PathLike, *, effort: bool = True) -> str:
    """A path in one phrase: "4 steps, 11-21 years (midpoint 16), skill effort 12"."""
    midpoint = "" if path.years_mid is None else f" (midpoint {number(path.years_mid)})"
    return (f"{plural(path.hops, 'step')}, {total_years(path)}{midpoint}"
            + (f", skill effort {path.effort}" if effort else ""))


# ----------------------------------------------------------------------------- who states it


def named(names: Iterable[str]) -> str:
    """Who states a fact, by short name: ``"ddat, gitlab"`` (sorted, once each); ``"no source"``.

    >>> named(["gitlab", "ddat", "gitlab"]), named([])
    ('ddat, gitlab', 'no source')
    """
    return ", ".join(sorted(set(names))) or "no source"


def stated_by(names: Iterable[str]) -> str:
    """The same in a table's column: ``"stated by ddat, gitlab"``; ``"no source"``.

    >>> stated_by(["gitlab", "ddat"]), stated_by(())
    ('stated by ddat, gitlab', 'no source')
    """
    found = named(names)
    return found if found == "no source" else "stated by " + found


def evidence(grade: str | None, by: Iterable[str] = (), rules: Iterable[str] = (), link: str | None = None) -> str:
    """A value's grade of evidence in words, the same in every output.

    >>> evidence("stated", ["gitlab", "article"])
    'stated by article, gitlab'
    >>> evidence("derived", ["gitlab", "sourcegraph"], ["level order"])
    'derived: level order (gitlab, sourcegraph)'
    >>> evidence("derived", ["gitlab"], ["CDF wording"], "broad")
    'derived: broad match, CDF wording (gitlab)'
    >>> evidence("editorial"), evidence(None)
    ('editorial', 'no source')
    """
    if grade is None:
        return "no source"
    if grade == "editorial":
        return "editorial"
    names = sorted(set(by))
    if grade == "stated":
        return "stated by " + ", ".join(names) if names else "stated"
    how = ([f"{link} match"] if link else []) + sorted(set(rules))
    text = "derived" + (": " + ", ".join(how) if how else "")
    return text + (f" ({', '.join(names)})" if names else "")


def did_you_mean(suggestions: Iterable[str]) -> str:
    """The suggestion an error adds: ``" Did you mean 'a' or 'b'?"``, or ``""`` for none.

    >>> did_you_mean(["Head of Product"]), did_you_mean(["a", "b"]), did_you_mean([])
    (" Did you mean 'Head of Product'?", " Did you mean 'a' or 'b'?", '')
    """
    found = list(suggestions)
    return " Did you mean " + " or ".join(repr(s) for s in found) + "?" if found else ""


# ----------------------------------------------------------------------------- escaping


def markdown_cell(text: str) -> str:
    """Text in a cell of a Markdown table of results: a ``|`` escaped (it would end the cell).

    Labels in these tables are shown as the data writes them (``*``, ``_`` kept as typed).

    >>> markdown_cell("A | B")
    'A \\\\| B'
    """
    return str(text).replace("|", "\\|")


def markdown_text(text: str) -> str:
    """Text in a Markdown document (a role card): ``|``, ``*``, ``_`` escaped and ``<`` as
    ``&lt;``, so a ladder's labels cannot emphasise, open a table cell or inject HTML.

    >>> markdown_text("a_b *c* <x>")
    'a\\\\_b \\\\*c\\\\* &lt;x>'
    """
    return markdown_cell(text).replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def escape_html(text: str) -> str:
    """Text in HTML (element content or a quoted attribute)."""
    return html.escape(text)


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)", from an imported
    ladder's label) gets a leading apostrophe; numbers stay numbers; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table (RFC 4180, CRLF line ends; None as an empty cell) with a header row; text that
    a spreadsheet would take for a formula starts with an apostrophe (:func:`csv_cell`)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


@lru_cache(maxsize=4096)
def compact_iri(iri: str) -> str:
    """An IRI with pmgraph's prefixes: ``role:head-of-product``; as given when none fits.

    >>> compact_iri("https://w3id.org/pmgraph/role/head-of-product")
    'role:head-of-product'
    """
    # Cached: a large ladder cites the same few sources on thousands of moves and reporting lines.
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def to_json(data: object) -> str:
    """Stable JSON: sorted keys, two-space indent, text as written (not ``\\u`` escapes)."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
