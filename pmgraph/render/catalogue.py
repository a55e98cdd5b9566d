"""Results about the data and the tools rather than a career: frameworks, provenance, validation
reports, saved queries, the cache; and the pages that write themselves (role cards, views).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import renders

if TYPE_CHECKING:
    from ..audit.validation import ValidationReport
    from ..career.cards import RoleCard
    from ..loading.cache import CacheInfo
    from ..viz.explorer import Explorer
    from ..viz.page import View
    from .results import Answer, Frameworks, Provenance, SavedQueries

__all__ = ["frameworks_text", "provenance_text", "validation_text", "saved_queries_text", "cache_text", "answer_text"]


@renders("Answer", "text")
def answer_text(answer: Answer) -> str:
    """A query's answer as its format wrote it."""
    return answer.text


@renders("Frameworks", "text")
def frameworks_text(found: Frameworks) -> str:
    """A table (id, counts, licence, title), then each framework's publisher, URL and origin."""
    listed = found.frameworks
    rows = [("id", "roles", "requirements", "moves", "licence", "title")]
    rows += [(f.id, str(f.roles), str(f.requirements), str(f.moves), f.licence_name or f.licence or "unknown",
              f.title) for f in listed]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in rows]
    for f in listed:
        lines.append(f"\n{f.id}: {f.title} — {f.publisher or 'publisher unknown'}\n  {f.url or 'no URL'}"
                     + (f"\n  taken from {f.repository}" + (f" @ {f.commit}" if f.commit else "")
                        + (f" on {f.retrieved}" if f.retrieved else "") if f.repository else "")
                     + (f"\n  {f.attribution}" if f.attribution else ""))
    return "\n".join(lines)


PROVENANCE_NOTE = ("stated: a source document states it, cited per value; derived: a documented rule derives it from "
                   "stated facts; editorial: only editorial judgement; as a whole: a value cited only through its "
                   "move's or requirement's sources, which may not state it; sourced %: stated or derived")


@renders("Provenance", "text")
def provenance_text(found: Provenance) -> str:
    """A table of counts per scope and kind of fact, numbers right-aligned, and the legend."""
    counts = found.counts
    header = ("scope", "kind", "total", "stated", "derived", "editorial", "as a whole", "unsourced", "sourced %")
    rows = [header] + [(c.scope, c.kind, str(c.total), str(c.stated), str(c.derived), str(c.editorial),
                        str(c.as_a_whole),
                        str(c.unsourced), f"{100 * c.sourced_share:.0f}%" if c.total else "-") for c in counts]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]),
                        *(c.rjust(w) for c, w in zip(row[2:], widths[2:]))]).rstrip() for row in rows]
    return "\n".join(lines + ["", PROVENANCE_NOTE])


@renders("ValidationReport", "text")
def validation_text(report: ValidationReport) -> str:
    """One line per violation (nothing when valid); the summary is the command's to say."""
    return "\n".join(str(v) for v in report.violations)


@renders("ValidationReport", "json")
def _validation_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True)  # ASCII: as it was first published


@renders("SavedQueries", "text")
def saved_queries_text(found: SavedQueries) -> str:
    """Each query with its description, then its parameters as ``--param`` takes them."""
    lines = []
    for q in found.queries:
        lines.append(f"{q.name}: {q.description}")
        for p in q.parameters:
            default = f" (default {p.default})" if p.default is not None else " (required)"
            lines.append(f"    --param {p.name}=<{p.type}>  {p.description}{default}")
    return "\n".join(lines)


@renders("SavedQueries", "json")
def _saved_queries_json(found: SavedQueries) -> str:
    return json.dumps(found.to_dict(), indent=2)  # in the queries' own order, ASCII: as first published


@renders("CacheInfo", "text")
def cache_text(found: CacheInfo) -> str:
    return f"{found.path}: {found.entries} entr{'y' if found.entries == 1 else 'ies'}, {found.bytes / 2**20:.1f} MiB"


@renders("CacheInfo", "json")
def _cache_json(found: CacheInfo) -> str:
    return json.dumps(found.to_dict(), indent=2)


@renders("RoleCard", "markdown")
def _card_markdown(card: RoleCard) -> str:
    return card.markdown()


@renders("RoleCard", "html")
def _card_html(card: RoleCard) -> str:
    return card.html()


@renders("View", "html")
@renders("Explorer", "html")
def _page(page: View | Explorer) -> str:
    return str(page.html)
