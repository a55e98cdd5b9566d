"""The career family's results as text, Markdown, Mermaid and CSV: pure functions returning strings.

Paths, moves, deltas, gaps, role lists and descriptions, skills, ladders and leverage; each is
registered in :mod:`pmgraph.render` for its result type and format. Output is deterministic.
Years, "(estimate)", "stated by", escaping and CSV come from :mod:`pmgraph.wording`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..wording import (
    BY_TITLE,
    csv_table,
    estimated,
    markdown_cell as _md,
    named,
    number as _n,
    path_summary,
    plural,
    step_years,
    to_json,
    total_years,
    years,
)
from . import renders

if TYPE_CHECKING:  # annotations only: `pmgraph path` need not import the skills module
    from ..career.catalogue import SkillEntry
    from ..career.levels import LadderSteps, LevelStep
    from ..career.leverage import Leverage
    from ..career.model import RoleRecord, SourceRecord
    from ..career.paths import Path, Step
    from ..career.skills import Gap, PathDelta, SkillChange, SkillDelta
    from .results import Described

__all__ = [
    "to_json", "years", "step_years", "stated_by", "total_years", "path_summary", "csv_table",
    "paths_text", "paths_markdown", "paths_mermaid", "paths_csv",
    "delta_text", "delta_markdown", "delta_mermaid", "delta_csv", "path_delta_text",
    "moves_text", "moves_markdown", "moves_csv",
    "roles_text", "roles_markdown", "roles_csv", "role_text",
    "gap_text", "gap_markdown", "gap_csv",
    "skills_text", "skills_markdown", "skills_csv",
    "ladder_text", "ladder_markdown", "ladder_csv",
    "leverage_text", "leverage_markdown", "leverage_csv",
    "BY_TITLE",
]

CHANGE_MARK = {"gained": "+", "levelled up": "^", "unchanged": "=", "levelled down": "v", "not stated": "?",
               "no longer required": "-"}
CHANGE_TITLE = {
    "gained": "Gained", "levelled up": "Levelled up", "unchanged": "Unchanged",
    "levelled down": "Levelled down", "not stated": "Not stated for {target}",
    "no longer required": "No longer required (stated)",
}


def change_title(kind: str, delta: SkillDelta) -> str:
    """The heading of a kind of change: "Not stated for Group Product Manager"."""
    return CHANGE_TITLE[kind].format(target=delta.target_label)


def unknown_note(role_label: str, note: str | None = None, *, then: str = "") -> str:
    """What a delta, gap or card says for a role with no known skill requirement: "no skill
    requirements known for ROLE", ``then`` (e.g. " (skills not compared)"), and the data's reason
    (pm:requirementsNote), if any, after a colon."""
    said = f"no skill requirements known for {role_label}{then}"
    return said if not note else f"{said}: {note.strip().rstrip('.')}"


def stated_by(step: Step) -> str:
    """How a move is supported, in words for a table: "stated by gitlab", "derived: level order
    (gitlab)", "editorial"."""
    return step.evidence.words


def grade_words(grade: str) -> str:
    """A role's grade as its framework writes it, in words: a bare number (GitLab's "10") reads
    "grade 10"; anything else ("G6 (Grade 6)") as written."""
    return f"grade {grade}" if grade.isdigit() else grade


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def paths_text(paths: Sequence[Path]) -> str:
    """Each path with its steps (kind and years) and its total range."""
    first = paths[0]
    lines = [f"{first.labels[0]} -> {first.labels[-1]}, by {first.by} ({BY_TITLE.get(first.by, first.by)})"]
    for number, path in enumerate(paths, 1):
        lines.append("")
        lines.append(f"Path {number}: {path_summary(path)}" if len(paths) > 1 else f"{path_summary(path)}")
        rows = [(f"{i}.", s.source_label, "->", s.target_label, s.kind, step_years(s), stated_by(s))
                for i, s in enumerate(path.steps, 1)]
        if rows:
            lines.extend(_table(rows))
        lines.append(f"  total: {total_years(path)}")
    return "\n".join(lines)


def paths_markdown(paths: Sequence[Path]) -> str:
    """A Markdown table per path, with a total row."""
    out: list[str] = []
    for number, path in enumerate(paths, 1):
        if out:
            out.append("")
        out.append(f"**Path {number}: {_md(' → '.join(path.labels))}** — {path_summary(path)}")
        out.append("")
        out.append("| # | From | To | Kind | Years | Evidence |")
        out.append("| --- | --- | --- | --- | --- | --- |")
        for i, s in enumerate(path.steps, 1):
            out.append(f"| {i} | {_md(s.source_label)} | {_md(s.target_label)} | {s.kind} | {step_years(s)} "
                       f"| {_md(stated_by(s))} |")
        out.append(f"| | **Total** | | {path.hops} steps | **{total_years(path)}** | |")
    return "\n".join(out)


def _node(role: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", role)


def _quote(text: str) -> str:
    return '"' + str(text).replace('"', "#quot;") + '"'


def paths_mermaid(paths: Sequence[Path]) -> str:
    """A Mermaid ``flowchart``: every role on the paths once, every step once; path 1 in bold."""
    lines = ["flowchart LR"]
    seen_nodes: dict[str, str] = {}
    seen_edges: dict[tuple[str, str], Step] = {}
    for path in paths:
        for role, label in zip(path.roles, path.labels):
            seen_nodes.setdefault(role, label)
        for step in path.steps:
            seen_edges.setdefault((step.source, step.target), step)
    for number, path in enumerate(paths, 1):
        lines.append(f"  %% path {number}: {' -> '.join(path.roles)} ({path_summary(path)})")
    for role, label in seen_nodes.items():
        lines.append(f"  {_node(role)}[{_quote(label)}]")
    best = {(s.source, s.target) for s in paths[0].steps}
    bold = []
    for index, ((u, v), step) in enumerate(seen_edges.items()):
        lines.append(f"  {_node(u)} -->|{_quote(step.kind + ', ' + step_years(step))}| {_node(v)}")
        if (u, v) in best and len(paths) > 1:
            bold.append(str(index))
    if bold:
        lines.append(f"  linkStyle {','.join(bold)} stroke-width:3px")
    return "\n".join(lines)


def _levels(change: SkillChange) -> tuple[str, str]:
    """The change's two proficiencies as shown: each marked "(estimate)" when no source states it."""
    return (estimated(change.from_proficiency, change.from_estimate),
            estimated(change.to_proficiency, change.to_estimate))


def stated_lower(change: SkillChange) -> str:
    """Who states a levelled-down proficiency: "stated lower by gitlab" (or "estimated lower")."""
    if not change.to_proficiency_sources:
        return "lower, no source cited for the level"
    if change.to_estimate:
        return "estimated lower (editorial)"
    return "stated lower by " + named(c.name for c in change.to_proficiency_sources if not c.editorial)


def _change_detail(change: SkillChange) -> str:
    before, after = _levels(change)
    if change.change == "gained":
        return f"{after} (+{change.steps})"
    if change.change in ("not stated", "no longer required"):
        return f"was {before}"
    if change.change == "unchanged":
        return after
    sign = "+" if change.steps > 0 else ""
    lower = f", {stated_lower(change)}" if change.change == "levelled down" else ""
    return f"{before} -> {after} ({sign}{change.steps}){lower}"


def _effort(delta: SkillDelta) -> str:
    return "unknown" if delta.effort is None else f"{delta.effort} proficiency steps"


def delta_text(delta: SkillDelta) -> str:
    """Skills grouped by kind of change, then responsibilities; for a role with no known skill
    requirement, a note instead of the skills."""
    lines = [f"{delta.source_label} -> {delta.target_label}: skill effort {_effort(delta)}"]
    for label, note in delta.unknown_notes:
        lines += ["", unknown_note(label, note, then=" (skills not compared)")]
    for kind, changes in delta.by_change().items():
        lines.append("")
        lines.append(f"{change_title(kind, delta)} ({len(changes)})")
        lines.extend(_table([(CHANGE_MARK[kind], c.label, _change_detail(c)) for c in changes]))
    if delta.responsibilities:
        lines.append("")
        lines.append("Responsibilities")
        marks = {"gained": "+", "kept": "=", "not stated": "?", "no longer required": "-"}
        lines.extend(_table([(marks[r.change], r.label, _responsibility_change(r.change, delta))
                             for r in delta.responsibilities]))
    return "\n".join(lines)


def _responsibility_change(change: str, delta: SkillDelta) -> str:
    """A responsibility's change in words: "not stated for Group Product Manager" (not a drop)."""
    return f"not stated for {delta.target_label}" if change == "not stated" else change


def _not_compared(label: str, note: str | None) -> str:
    if note:
        return unknown_note(label, note, then=" (skills not compared)")
    return unknown_note(label) + ": skills not compared"


def delta_markdown(delta: SkillDelta) -> str:
    """A Markdown table of skill changes and one of responsibilities."""
    effort = "unknown" if delta.effort is None else delta.effort
    out = [f"**{_md(delta.source_label)} → {_md(delta.target_label)}** — skill effort {effort}", ""]
    out += [f"_{_md(_not_compared(label, note))}._" for label, note in delta.unknown_notes]
    if delta.unknown_labels:
        out.append("")
    out += ["| Change | Skill | From | To | Steps |", "| --- | --- | --- | --- | --- |"]
    for c in delta.skills:
        before, after = _levels(c)
        change = f"not stated for {delta.target_label}" if c.change == "not stated" else c.change
        if c.change == "levelled down":
            change += f" ({stated_lower(c)})"
        out.append(f"| {_md(change)} | {_md(c.label)} | {before if c.from_rank else '—'} | "
                   f"{after if c.to_rank else '—'} | {c.steps:+d} |")
    if delta.responsibilities:
        out += ["", "| Responsibility | Change |", "| --- | --- |"]
        out += [f"| {_md(r.label)} | {_md(_responsibility_change(r.change, delta))} |" for r in delta.responsibilities]
    return "\n".join(out)


def delta_mermaid(delta: SkillDelta) -> str:
    """A Mermaid ``flowchart``: the two roles, and between them one box per kind of change."""
    lines = ["flowchart LR", f"  source[{_quote(delta.source_label)}]", f"  target[{_quote(delta.target_label)}]"]
    if not delta.known:
        lines.append(f"  source -. {_quote('; '.join(unknown_note(*u) for u in delta.unknown_notes))} .-> target")
    for kind, changes in delta.by_change().items():
        group = _node(kind)
        lines.append(f"  subgraph {group}[{_quote(change_title(kind, delta))}]")
        for c in changes:
            lines.append(f"    {group}__{_node(c.skill)}[{_quote(c.label + ': ' + _change_detail(c))}]")
        lines.append("  end")
        lines.append(f"  source --> {group} --> target")
    return "\n".join(lines)


def path_delta_text(walk: PathDelta) -> str:
    """The delta of each step, then the net delta and the cumulative effort."""
    effort = (f"{walk.effort} proficiency steps to learn in all" if walk.effort is not None else
              "skill effort unknown: " + "; ".join(unknown_note(*u) for u in walk.unknown_notes))
    parts = [f"Along {' -> '.join(walk.path.labels)}: {effort}"]
    for number, delta in enumerate(walk.steps, 1):
        parts.append(f"Step {number}. " + delta_text(delta))
    parts.append("Net. " + delta_text(walk.net))
    return "\n\n".join(parts)


def moves_text(role_label: str, moves: Sequence[Step]) -> str:
    if not moves:
        return f"{role_label}: no transition leads on from here"
    rows = [(m.target_label, m.kind, step_years(m), f"effort {m.effort}", stated_by(m)) for m in moves]
    return "\n".join([f"From {role_label}:", *_table(rows)])


def moves_markdown(role_label: str, moves: Sequence[Step]) -> str:
    out = [f"**From {_md(role_label)}**", "", "| To | Kind | Years | Skill effort | Evidence |",
           "| --- | --- | --- | --- | --- |"]
    out += [f"| {_md(m.target_label)} | {m.kind} | {step_years(m)} | {m.effort} | {_md(stated_by(m))} |"
            for m in moves]
    return "\n".join(out)


def roles_text(roles: Sequence[RoleRecord]) -> str:
    if not roles:
        return "no role matches"
    rows = [("level", "role", "track", "function", "id")]
    rows += [(str(r.level), r.label, r.track or "", r.function or "", r.id) for r in roles]
    return "\n".join(_table(rows, indent=""))


def role_text(described: Described) -> str:
    """One role in full (``pmgraph show``): level, track, function, synonyms, definition,
    experience, reporting line, skills, responsibilities, moves out and in."""
    details = described.details
    r = details.role
    lines = [f"{r.label} ({r.id})", f"  level {r.level}, {r.track}, {r.function}"]
    if r.grades:
        lines.append("  grade as its framework writes it: " + ", ".join(grade_words(g) for g in r.grades))
    if r.synonyms:
        lines.append("  also: " + ", ".join(r.synonyms))
    if r.definition:
        lines.append("  " + r.definition)
    if r.experience is not None:
        lines.append(f"  experience before the role: at least {years(*r.experience)} "
                     f"({named(described.experience_by)})")
    if details.reporting_lines:
        lines.append("  reports to: " + ", ".join(f"{line.label} ({line.evidence.words})"
                                                  for line in details.reporting_lines))
    if details.skills:
        lines += ["", "Skills (proficiency; evidence for the requirement)"]
        lines += [f"  {s.label}: {estimated(s.proficiency, s.proficiency_estimate)}"
                  + (f", {s.importance}" if s.importance else "") + f"; {s.evidence.words}"
                  for s in details.skills]
    else:
        lines += ["", "Skills", "  " + unknown_note(r.label, r.requirements_note)]
    if details.responsibility_details:
        lines += ["", "Responsibilities"]
        lines += [f"  {x.label} ({x.evidence.words})" for x in details.responsibility_details]
    for title, moves, attr in (("Next moves", details.next_moves, "target_label"),
                               ("Comes from", details.previous_moves, "source_label")):
        if moves:
            lines += ["", title] + [f"  {getattr(m, attr)}: {m.kind}, {step_years(m)}, {stated_by(m)}" for m in moves]
    return "\n".join(lines)


def roles_markdown(roles: Sequence[RoleRecord]) -> str:
    out = ["| Level | Role | Track | Function | Synonyms |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.level} | {_md(r.label)} | {r.track} | {r.function} | {_md(', '.join(r.synonyms))} |" for r in roles]
    return "\n".join(out)


PROFICIENCY_STEP = "a proficiency step is one level up in one skill, e.g. working -> practitioner"
READINESS_FORMULA = "readiness = sum(w * min(have, need)) / sum(w * need); w = 2 essential, 1 optional"


def _readiness(gap: Gap) -> str:
    return "readiness unknown" if gap.readiness is None else f"readiness {gap.readiness:.2f}"


def _unknown_on_path(gap: Gap) -> str:
    if not gap.unknown_on_path:
        return ""
    return f" (not counting {', '.join(gap.unknown_on_path)}: no skill requirements known)"


def gap_text(gap: Gap) -> str:
    lines = [f"{gap.role_label} -> {gap.target_label}: {_readiness(gap)}"
             + ("" if gap.target_known else f": {unknown_note(gap.target_label, gap.target_note)}")]
    for title, group in (("Missing", gap.missing), ("Short", gap.short), ("Met", gap.met)):
        if not group:
            continue
        lines.append("")
        lines.append(f"{title} ({len(group)})")
        rows = [(g.label, f"have {g.have_proficiency or 'none'}",
                 "need " + estimated(g.need_proficiency, g.need_estimate),
                 f"short by {g.short_by}" if g.short_by else "", g.importance or "") for g in group]
        lines.extend(_table(rows))
    lines.append("")
    if gap.path is None:
        lines.append(f"No path: {gap.no_path}.")
    else:
        lines.append("Least-effort path given your skills: " + " -> ".join(gap.path.labels))
        lines.append(f"  {path_summary(gap.path, effort=False)}; {_n(gap.effort)} proficiency steps to learn"
                     + _unknown_on_path(gap))
    lines.append(f"({PROFICIENCY_STEP}; {READINESS_FORMULA})")
    return "\n".join(lines)


def gap_markdown(gap: Gap) -> str:
    out = [f"**{_md(gap.role_label)} → {_md(gap.target_label)}** — {_readiness(gap)}", ""]
    if not gap.target_known:
        out += [f"_{_md(unknown_note(gap.target_label, gap.target_note))}._", ""]
    out += ["| Skill | Status | Have | Need | Short by | Importance |", "| --- | --- | --- | --- | --- | --- |"]
    out += [f"| {_md(g.label)} | {g.status} | {g.have_proficiency or '—'} | "
            f"{estimated(g.need_proficiency, g.need_estimate)} | {g.short_by} | {g.importance or ''} |"
            for g in gap.skills]
    if gap.path is not None:
        out += ["", f"Least-effort path: {_md(' → '.join(gap.path.labels))} ({_n(gap.effort)} proficiency steps "
                f"to learn, given your skills){_md(_unknown_on_path(gap))}"]
    else:
        out += ["", f"No path: {_md(gap.no_path or '')}."]
    out += ["", f"{PROFICIENCY_STEP}; `{READINESS_FORMULA}`"]
    return "\n".join(out)


def gap_csv(gap: Gap) -> str:
    """One row per skill the target requires: status, have, need, short by."""
    return csv_table(
        ["skill", "label", "status", "have", "have_proficiency", "need", "need_proficiency", "need_estimate",
         "short_by", "importance"],
        [(g.skill, g.label, g.status, g.have, g.have_proficiency, g.need, g.need_proficiency,
          "true" if g.need_estimate else "false", g.short_by, g.importance) for g in gap.skills])


def _levels_cell(entry: SkillEntry) -> str:
    levels = entry.levels
    if levels is None:
        return "-"
    return str(levels[0]) if levels[0] == levels[1] else f"{levels[0]}-{levels[1]}"


def skills_text(entries: Sequence[SkillEntry]) -> str:
    """One skill: the roles that need it; several: a table of skills."""
    if len(entries) == 1:
        entry = entries[0]
        lines = [f"{entry.label} ({entry.skill})" + (f", category {entry.category}" if entry.category else "")]
        if not entry.needs:
            return "\n".join(lines + ["  no role requires it"])
        lines.append(f"  required by {plural(len(entry.needs), 'role')}:")
        lines += _table([(f"level {n.level if n.level is not None else '?'}", n.role_label,
                          estimated(n.proficiency, n.estimate), n.importance or "",
                          n.evidence if n.grade is not None else "stated by " + named(n.stated_by))
                         for n in entry.needs], indent="    ")
        return "\n".join(lines)
    rows = [("skill", "category", "roles", "levels", "id")]
    rows += [(e.label, e.category or "-", str(len(e.needs)), _levels_cell(e), e.skill) for e in entries]
    return "\n".join(_table(rows, indent=""))


def skills_markdown(entries: Sequence[SkillEntry]) -> str:
    out = ["| Skill | Category | Roles | Levels | Id |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {_md(e.label)} | {_md(e.category or '—')} | {len(e.needs)} | {_levels_cell(e)} | `{e.skill}` |"
            for e in entries]
    return "\n".join(out)


def skills_csv(entries: Sequence[SkillEntry]) -> str:
    """One row per (skill, role that needs it); a skill no role needs has one row, role empty."""
    rows: list[Sequence[object]] = []
    for e in entries:
        if not e.needs:
            rows.append((e.skill, e.label, e.category, None, None, None, None, None, None, None, None))
        rows += [(e.skill, e.label, e.category, n.role, n.role_label, n.level, n.rank, n.proficiency,
                  n.importance, "true" if n.estimate else "false", "; ".join(n.stated_by)) for n in e.needs]
    return csv_table(["skill", "label", "category", "role", "role_label", "level", "rank", "proficiency",
                      "importance", "estimate", "stated_by"], rows)


def _names(cited: Sequence[SourceRecord]) -> str:
    return "; ".join(sorted({c.name for c in cited}))


def roles_csv(roles: Sequence[RoleRecord]) -> str:
    return csv_table(["level", "role", "label", "track", "function", "synonyms"],
                     [(r.level, r.id, r.label, r.track, r.function, "; ".join(r.synonyms)) for r in roles])


_STEP_HEADER = ["from", "from_label", "to", "to_label", "kind", "years_min", "years_max", "years_estimate",
                "effort", "stated_by", "evidence", "evidence_words"]


def _step_row(step: Step) -> list[object]:
    return [step.source, step.source_label, step.target, step.target_label, step.kind, _n(step.years_min) or None,
            _n(step.years_max) or None, "true" if step.years_estimate else "false", step.effort,
            "; ".join(step.stated_by), step.evidence.grade, step.evidence.words]


def moves_csv(moves: Sequence[Step]) -> str:
    return csv_table(_STEP_HEADER, [_step_row(m) for m in moves])


def paths_csv(paths: Sequence[Path]) -> str:
    """The steps of each path, numbered: one row per step."""
    return csv_table(["path", "step", *_STEP_HEADER],
                     [[number, index, *_step_row(step)]
                      for number, path in enumerate(paths, 1) for index, step in enumerate(path.steps, 1)])


def delta_csv(delta: SkillDelta) -> str:
    """One row per skill that either role requires."""
    return csv_table(
        ["skill", "label", "change", "steps", "from_rank", "from_proficiency", "from_estimate", "to_rank",
         "to_proficiency", "to_estimate", "importance", "stated_by"],
        [(c.skill, c.label, c.change, c.steps, c.from_rank, c.from_proficiency,
          "true" if c.from_estimate else "false", c.to_rank, c.to_proficiency,
          "true" if c.to_estimate else "false", c.importance, _names(c.sources)) for c in delta.skills]
        # a role with no known requirement: one row that says so (no skill compared)
        + [(None, unknown_note(label, note), "unknown", None, None, None, None, None, None, None, None, None)
           for label, note in delta.unknown_notes])


def _ladder_rows(found: LadderSteps) -> list[tuple[str, ...]]:
    def count(step: LevelStep, change: str) -> str:
        return "?" if step.size is None else str(len(step.labels(change)))

    return [(f"{s.source_level}->{s.target_level}", s.delta.source_label, s.delta.target_label,
             count(s, "gained"), count(s, "levelled up"), count(s, "not stated"), count(s, "unchanged"),
             "unknown" if s.size is None else str(s.size), ", ".join(s.flags)) for s in found.steps]


_LADDER_HEADER = ("levels", "from", "to", "new", "up", "not stated", "repeated", "size", "flags")


def _ladder_legend(found: LadderSteps) -> str:
    from ..career.levels import LARGE, REPEATED, SMALL

    median = "none" if found.median is None else _n(found.median)
    return (f"size: proficiency steps the higher rung asks beyond the lower (median {median}); "
            f"large: over {_n(LARGE)}x the median, small: under {_n(SMALL)}x; "
            f"repeats: over {REPEATED:.0%} of the higher rung's criteria asked unchanged"
            + ("; not stated: asked by the lower rung, not mentioned by the higher one"
               if any(s.labels("not stated") for s in found.steps) else "")
            + ("; unknown: neither rung states a proficiency for any skill, or only one does"
               if any(s.size is None for s in found.steps) else ""))


def ladder_text(found: LadderSteps) -> str:
    """The steps as a table, the legend, then what each flagged step repeats or adds."""
    if not found.steps:
        return ("No rung-to-rung steps: no move leads to a higher level"
                + (f" on {found.track}." if found.track else "."))
    lines = _table([_LADDER_HEADER, *_ladder_rows(found)], indent="")
    lines += ["", f"({_ladder_legend(found)})"]
    for step in found.steps:
        if "repeats" in step.flags:
            lines.append(f"{step.delta.source_label} -> {step.delta.target_label} repeats: "
                         + ", ".join(step.labels("unchanged")))
        if "large" in step.flags or "small" in step.flags:
            new = ", ".join(step.labels("gained")) or "nothing"
            flags = " and ".join(f for f in step.flags if f != "repeats")
            lines.append(f"{step.delta.source_label} -> {step.delta.target_label} is {flags} ({step.size}); new: {new}")
    return "\n".join(lines)


def ladder_markdown(found: LadderSteps) -> str:
    out = ["| " + " | ".join(h.capitalize() for h in _LADDER_HEADER) + " |", "|" + " --- |" * len(_LADDER_HEADER)]
    out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in _ladder_rows(found)]
    return "\n".join(out + ["", _md(_ladder_legend(found))])


def ladder_csv(found: LadderSteps) -> str:
    """One row per step; the lists of skills joined with "; "."""
    return csv_table(
        ["from", "from_label", "from_level", "to", "to_label", "to_level", "track", "kind", "size", "new",
         "levelled_up", "dropped", "not_stated", "repeated", "flags"],
        [(s.delta.source, s.delta.source_label, s.source_level, s.delta.target, s.delta.target_label, s.target_level,
          s.track, s.kind, s.size, "; ".join(s.labels("gained")), "; ".join(s.labels("levelled up")),
          "; ".join(s.labels("no longer required")), "; ".join(s.labels("not stated")),
          "; ".join(s.labels("unchanged")), "; ".join(s.flags))
         for s in found.steps])


def _leverage_head(found: Leverage) -> str:
    towards = (f"{plural(len(found.reach), 'role')} within {plural(found.steps, 'move')}"
               if found.steps is not None else found.reach[0])
    return f"{found.role_label}: one level up in which skill helps most towards {towards}"


LEVERAGE_NOTE = ("steps saved: proficiency steps the roles in reach need less in total; a role is ready "
                 "when every requirement is met (method: pmgraph.career.leverage)")


def leverage_text(found: Leverage) -> str:
    lines = [_leverage_head(found)]
    if found.steps is not None:
        lines.append("  in reach: " + ", ".join(found.reach) if found.reach else "  no role in reach")
    if found.ready_now:
        lines.append("  ready now: " + ", ".join(found.ready_now))
    if found.unknown:
        lines.append("  " + unknown_note(", ".join(found.unknown)) + " (not counted)")
    if not found.entries:
        return "\n".join(lines + ["", "No skill to raise: the roles in reach ask nothing beyond what is held."])
    rows = [("skill", "level", "steps saved", "roles closer", "makes ready")]
    rows += [(e.label, f"{e.have_proficiency or 'none'} -> {e.to_proficiency}", str(e.steps_saved),
              str(len(e.closer)), ", ".join(e.ready) or "-") for e in found.entries]
    return "\n".join(lines + [""] + _table(rows, indent="") + ["", f"({LEVERAGE_NOTE})"])


def leverage_markdown(found: Leverage) -> str:
    out = [f"**{_md(_leverage_head(found))}**", "", "| Skill | Level | Steps saved | Roles closer | Makes ready |",
           "| --- | --- | --- | --- | --- |"]
    out += [f"| {_md(e.label)} | {e.have_proficiency or 'none'} → {e.to_proficiency} | {e.steps_saved} | "
            f"{len(e.closer)} | {_md(', '.join(e.ready)) or '—'} |" for e in found.entries]
    return "\n".join(out + ["", _md(LEVERAGE_NOTE)])


def leverage_csv(found: Leverage) -> str:
    return csv_table(["skill", "label", "have", "have_proficiency", "to", "to_proficiency", "steps_saved",
                      "roles_closer", "makes_ready", "readiness_gain"],
                     [(e.skill, e.label, e.have, e.have_proficiency, e.have + 1, e.to_proficiency, e.steps_saved,
                       len(e.closer), "; ".join(e.ready), e.readiness_gain) for e in found.entries])


# ----------------------------------------------------------------------------- the registry


renders("Paths", "text")(lambda found: paths_text(found.paths))
renders("Paths", "markdown")(lambda found: paths_markdown(found.paths))
renders("Paths", "mermaid")(lambda found: paths_mermaid(found.paths))
renders("Paths", "csv")(lambda found: paths_csv(found.paths))
renders("SkillDelta", "text")(delta_text)
renders("SkillDelta", "markdown")(delta_markdown)
renders("SkillDelta", "mermaid")(delta_mermaid)
renders("SkillDelta", "csv")(delta_csv)
renders("PathDelta", "text")(path_delta_text)
renders("Moves", "text")(lambda found: moves_text(found.role_label, found.moves))
renders("Moves", "markdown")(lambda found: moves_markdown(found.role_label, found.moves))
renders("Moves", "csv")(lambda found: moves_csv(found.moves))
renders("RoleList", "text")(lambda found: roles_text(found.roles))
renders("RoleList", "markdown")(lambda found: roles_markdown(found.roles))
renders("RoleList", "csv")(lambda found: roles_csv(found.roles))
renders("Described", "text")(role_text)
renders("Gap", "text")(gap_text)
renders("Gap", "markdown")(gap_markdown)
renders("Gap", "csv")(gap_csv)
renders("SkillList", "text")(lambda found: skills_text(found.entries))
renders("SkillList", "markdown")(lambda found: skills_markdown(found.entries))
renders("SkillList", "csv")(lambda found: skills_csv(found.entries))
renders("LadderSteps", "text")(ladder_text)
renders("LadderSteps", "markdown")(ladder_markdown)
renders("LadderSteps", "csv")(ladder_csv)
renders("Leverage", "text")(leverage_text)
renders("Leverage", "markdown")(leverage_markdown)
renders("Leverage", "csv")(leverage_csv)
