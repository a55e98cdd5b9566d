"""Role cards: one role on one or two printed pages, to share with a hiring panel or a report
(``pmgraph card``), as Markdown and as print-ready HTML (an A4 or Letter stylesheet).

A card holds the role's level, track and function, what it is, its responsibilities, the skills
it requires with their proficiency, whom it reports to, where people come from and go next, and
who states each fact; with ``next_step`` it adds what changes on each promotion out of the role.
The sources cited on the card are listed at its foot, with the attribution each licence asks for.
A role with no known skill requirement says so ("no skill requirements known for ROLE") where its
skills would be, and so does a promotion to or from such a role: unknown is not left out silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..wording import escape_html, estimated, markdown_text as _md, named, step_years as _years
from .model import RoleId, SourceRecord
from .options import PAPER, PAPERS
from .paths import Step
from .projection import GraphLike, project
from .roles import ReportingLine, RequiredSkill, RoleDetails, describe_role
from .skills import SkillDelta, skill_delta

__all__ = ["RoleCard", "role_card", "PAPERS"]

_PROMOTIONS_SHOWN = 2


@dataclass(frozen=True)
class RoleCard:
    """What a card shows; :meth:`markdown` and :meth:`html` write it."""

    details: RoleDetails
    next_steps: tuple[SkillDelta, ...]
    sources: tuple[SourceRecord, ...]
    #: what the licence of each framework cited asks to be shown with its data
    attributions: tuple[str, ...] = ()
    #: the paper :meth:`html` sets by default (a key of :data:`PAPERS`)
    paper: str = PAPER

    @property
    def title(self) -> str:
        return self.details.role.label

    def markdown(self) -> str:
        """The card as Markdown (GitHub-flavoured tables)."""
        r, d = self.details.role, self.details
        out = [f"# {_md(r.label)}", "",
               f"Level {r.level if r.level is not None else 'unknown'} · {_md(r.track or 'no track')}"
               f" · {_md(r.function or 'no function')} · `{r.id}`"]
        if r.synonyms:
            out.append(f"Also called: {_md(', '.join(r.synonyms))}")
        if r.definition:
            out += ["", _md(r.definition)]
        if d.reporting_lines:
            out += ["", "**Reports to:** " + "; ".join(f"{_md(line.label)} ({_line_evidence(line)})"
                                                       for line in d.reporting_lines)]
        if d.responsibilities:
            out += ["", "## Responsibilities", ""] + [f"- {_md(x)}" for x in d.responsibilities]
        if d.skills:
            weighed = any(s.importance for s in d.skills)  # an importance column only where one is stated
            out += ["", "## Skills", "",
                    "| Skill | Proficiency |" + (" Importance |" if weighed else "") + " Evidence |",
                    "| --- | --- |" + (" --- |" if weighed else "") + " --- |"]
            out += [f"| {_md(s.label)} | {estimated(s.proficiency, s.proficiency_estimate)} | "
                    + (f"{s.importance or ''} | " if weighed else "")
                    + f"{_md(_evidence(s))} |" for s in d.skills]
        else:
            out += ["", "## Skills", "", f"_{_md(_unknown(r.label, r.requirements_note))}._"]
        for title, moves, end in (("Comes from", d.previous_moves, "source_label"),
                                  ("Goes next", d.next_moves, "target_label")):
            if moves:
                out += ["", f"## {title}", ""] + [f"- {_md(getattr(m, end))}: {m.kind}, {_years(m)} ({_step_cited(m)})"
                                                   for m in moves]
        for delta in self.next_steps:
            out += ["", f"## What changes on the step to {_md(delta.target_label)}", ""]
            out += [f"- **{_md(change[:1].upper() + change[1:])}:** {_md(', '.join(items))}"
                    for change, items in _changes(delta)]
            out.append(f"- {_effort(delta)}")
        out += ["", "---", "", "**Sources**", ""]
        out += [f"- **{_md(name)}**: " + "; ".join(
            f"[{_md(s.title or s.id)}](<{_link(s.url)}>)" if _link(s.url) else _md(s.title or s.id) for s in group)
            for name, group in _grouped(self.sources)]
        if self.attributions:
            out += [""] + [f"{_md(line)}  " for line in self.attributions]
        return "\n".join(out) + "\n"

    def html(self, paper: str | None = None) -> str:
        """The card as one self-contained HTML page with a print stylesheet for ``paper`` (a4, letter;
        by default the card's :attr:`paper`)."""
        paper = self.paper if paper is None else paper
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
        r, d = self.details.role, self.details
        e = escape_html
        parts = [f"<h1>{e(r.label)}</h1>",
                 f"<p class=\"meta\">Level {r.level if r.level is not None else 'unknown'} · "
                 f"{e(r.track or 'no track')} · "
                 f"{e(r.function or 'no function')} · <code>{e(r.id)}</code>"
                 + (f"<br>Also called: {e(', '.join(r.synonyms))}" if r.synonyms else "") + "</p>"]
        if r.definition:
            parts.append(f"<p class=\"definition\">{e(r.definition)}</p>")
        if d.reporting_lines:
            parts.append("<p><strong>Reports to:</strong> " + "; ".join(
                f"{e(line.label)} <span class=\"cite\">({e(_line_evidence(line))})</span>"
                for line in d.reporting_lines) + "</p>")
        if d.responsibilities:
            parts.append("<h2>Responsibilities</h2><ul class=\"columns\">"
                         + "".join(f"<li>{e(x)}</li>" for x in d.responsibilities) + "</ul>")
        if d.skills:
            estimate = ' <span class="cite">(estimate)</span>'
            weighed = any(s.importance for s in d.skills)
            rows = "".join(f"<tr><td>{e(s.label)}</td>"
                           f"<td>{e(s.proficiency)}{estimate if s.proficiency_estimate else ''}</td>"
                           + (f"<td>{e(s.importance or '')}</td>" if weighed else "")
                           + f"<td class=\"cite\">{e(_evidence(s))}</td></tr>"
                           for s in d.skills)
            parts.append("<h2>Skills</h2><table><thead><tr><th>Skill</th><th>Proficiency</th>"
                         + ("<th>Importance</th>" if weighed else "")
                         + f"<th>Evidence</th></tr></thead><tbody>{rows}</tbody></table>")
        else:
            parts.append(f"<h2>Skills</h2><p>{e(_unknown(r.label, r.requirements_note))}.</p>")
        moves = []
        for title, found, end in (("Comes from", d.previous_moves, "source_label"),
                                  ("Goes next", d.next_moves, "target_label")):
            if found:
                moves.append(f"<div><h2>{title}</h2><ul>" + "".join(
                    f"<li>{e(getattr(m, end))}: {e(m.kind)}, {e(_years(m))} "
                    f"<span class=\"cite\">({e(_step_cited(m))})</span></li>"
                    for m in found) + "</ul></div>")
        if moves:
            parts.append("<div class=\"moves\">" + "".join(moves) + "</div>")
        for delta in self.next_steps:
            parts.append(f"<h2>What changes on the step to {e(delta.target_label)}</h2><ul>"
                         + "".join(f"<li><strong>{e(change[:1].upper() + change[1:])}:</strong> "
                                   f"{e(', '.join(items))}</li>" for change, items in _changes(delta))
                         + f"<li>{e(_effort(delta))}</li></ul>")
        parts.append("<footer><strong>Sources</strong> (each linked)<ul>" + "".join(
            f"<li><strong>{e(name)}</strong>: " + "; ".join(
                f"<a href=\"{e(_link(s.url))}\">{e(s.title or s.id)}</a>" if _link(s.url) else e(s.title or s.id)
                for s in group)
            + "</li>" for name, group in _grouped(self.sources))
            + "</ul>" + "".join(f"<p>{e(line)}</p>" for line in self.attributions) + "</footer>")
        return _PAGE.format(title=e(r.label), size=PAPERS[paper], body="\n".join(parts))


def role_card(graph: GraphLike, role: RoleId, *, next_step: bool = False) -> RoleCard:
    """The card of role id ``role``; with ``next_step``, what changes on the promotions out of it (up to
    two, those in the role's own function and track first).

    CLI twin: ``pmgraph card ROLE [--next]``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> card = role_card(graph, "fx-apm", next_step=True)
    >>> card.title, [d.target_label for d in card.next_steps]
    ('Fixture Associate PM', ['Fixture PM'])
    >>> card.markdown().splitlines()[0]
    '# Fixture Associate PM'
    """
    career = project(graph)
    details = describe_role(career, role)
    steps: tuple[SkillDelta, ...] = ()
    if next_step:
        here = details.role
        promotions = [m for m in details.next_moves if (career.roles[m.target].level or 0) > (here.level or 0)]
        # The next step is up the role's own ladder (same function, then same track) where there is one.
        promotions.sort(key=lambda m: (career.roles[m.target].function != here.function,
                                       career.roles[m.target].track != here.track))
        steps = tuple(skill_delta(career, m.source, m.target) for m in promotions[:_PROMOTIONS_SHOWN])
    cited: dict[str, SourceRecord] = {}
    for skill in details.skills:
        for source in (*skill.cited, *skill.proficiency_cited):
            cited[source.iri] = source
    for line in details.reporting_lines:
        for source in line.cited:
            cited[source.iri] = source
    for move in (*details.next_moves, *details.previous_moves):
        for source in (*move.cited, *move.years_cited):
            cited[source.iri] = source
    for iri in details.role.experience_sources:
        cited[iri] = career.source(iri)
    for delta in steps:
        for change in delta.skills:
            for source in change.sources:
                cited[source.iri] = source
    ordered = tuple(sorted(cited.values(), key=lambda s: (s.editorial, s.name.casefold(), s.title or "", s.iri)))
    frameworks = sorted({s.framework for s in ordered if s.framework})
    attributions = tuple(f"{f}: {record.attribution}" for f in frameworks
                         for record in career.sources.values()
                         if record.kind == "framework" and record.framework == f and record.attribution)
    return RoleCard(details, steps, ordered, attributions)


def _evidence(skill: RequiredSkill) -> str:
    """How a required skill's proficiency is known, in words ("derived: close match (ddat)")."""
    found = skill.proficiency_evidence
    return found.words if found.grade is not None else named(skill.stated_by)


def _cited(cited: tuple[SourceRecord, ...]) -> str:
    return named(s.name for s in cited)


def _step_cited(step: Step) -> str:
    """How a move is known, in words ("stated by gitlab", "derived: reporting line (gitlab)")."""
    return step.evidence.words if step.evidence.grade is not None else named(step.stated_by)


def _line_evidence(line: ReportingLine) -> str:
    """How a reporting line is known, in words."""
    return line.evidence.words if line.evidence.grade is not None else _cited(line.cited)


def _unknown(label: str, note: str | None = None) -> str:
    said = f"no skill requirements known for {label}"
    return said if not note else f"{said}: {note.strip().rstrip('.')}"


def _effort(delta: SkillDelta) -> str:
    if delta.effort is None:
        if any(note for _label, note in delta.unknown_notes):
            return "; ".join(f"no skill requirements known for {label} (skills not compared)"
                             + (f": {note.strip().rstrip('.')}" if note else "") for label, note in delta.unknown_notes)
        return "; ".join(map(_unknown, delta.unknown_labels)) + ": skills not compared"
    return f"{delta.effort} proficiency steps to learn (one level up in one skill each)"


def _changes(delta: SkillDelta) -> list[tuple[str, list[str]]]:
    def title(change: str) -> str:
        return f"not stated for {delta.target_label}" if change == "not stated" else change

    return [(title(change), [c.label + (f" ({c.from_proficiency} → {c.to_proficiency})" if c.from_rank and c.to_rank
                                        else "") for c in items])
            for change, items in delta.by_change().items() if items and change != "unchanged"]


def _link(url: str | None) -> str:
    """``url`` fit to link: http(s) only (a ladder's own sources may say anything), no spaces or
    angle brackets; "" otherwise."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return ""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def _grouped(sources: tuple[SourceRecord, ...]) -> list[tuple[str, list[SourceRecord]]]:
    """The sources by short name (a framework's pages together), in the card's order."""
    groups: dict[str, list[SourceRecord]] = {}
    for source in sources:
        groups.setdefault(source.name, []).append(source)
    return list(groups.items())


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} — pmgraph role card</title>
<style>
@page {{ size: {size}; margin: 12mm 13mm 13mm; }}
body {{ font: 9.5pt/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 50em; margin: 2em auto; }}
h1 {{ font-size: 17pt; margin: 0 0 .15em; }}
h2 {{ font-size: 11pt; margin: .8em 0 .25em; border-bottom: 1px solid #ccc; break-after: avoid; }}
p {{ margin: .3em 0; }} .meta {{ color: #444; margin: 0; }} .definition {{ font-style: italic; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
th, td {{ text-align: left; padding: 1pt 4pt; border-bottom: 1px solid #e4e4e4; vertical-align: top; }}
tr {{ break-inside: avoid; }} .cite {{ color: #666; font-size: 8pt; }}
ul {{ margin: .15em 0; padding-left: 1.2em; }} .columns {{ columns: 2; column-gap: 2em; }}
.moves {{ display: flex; gap: 2em; }} .moves > div {{ flex: 1; }}
footer {{ margin-top: 1em; font-size: 7pt; line-height: 1.25; color: #555; border-top: 1px solid #ccc; padding-top: .3em; }}
footer ul {{ columns: 2; column-gap: 1.5em; padding-left: 1em; }} footer li {{ break-inside: avoid; }}
footer a {{ word-break: break-all; }}
@media print {{ body {{ margin: 0; max-width: none; }} a {{ color: inherit; text-decoration: none; }} }}
</style></head>
<body>
{body}
</body></html>
"""  # noqa: E501 (the page's stylesheet: one rule a line)
