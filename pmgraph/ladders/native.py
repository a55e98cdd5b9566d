"""pmgraph's own ladder format (``docs/ladder-format.md``), written as YAML or as CSV -> a
:class:`~pmgraph.ladders.spec.LadderSpec`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from ..vocab import PM
from .fields import Fields, LList, LMap, Yaml, did_you_mean, read_proficiency, read_texts, read_years
from .spec import FUNCTIONS, KINDS, TRACKS, Keys, LadderSpec, PromotionSpec, RequirementSpec, RoleSpec, SkillSpec

__all__ = ["read_native", "CSV_COLUMNS"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def read_native(path: Path, text: str, digest: str, fmt: str) -> LadderSpec:
    """Read ``text``, the content of ``path`` in ``fmt`` ("yaml" or "csv"), into a :class:`LadderSpec`."""
    reader = Fields(path)
    data = reader.yaml(text, offset=0) if fmt == "yaml" else _csv_to_mapping(path, text)
    return _read_simple(reader, data, path, fmt, digest)


# --------------------------------------------------------------------------- the simple ladder (YAML, CSV)


def _read_simple(reader: Fields, data: Yaml, path: Path, fmt: str, digest: str) -> LadderSpec:
    if not isinstance(data, dict):
        raise reader.fail("a ladder file is a mapping with roles:, skills: and promotions:", getattr(data, "line", 1))
    known = {"company", "title", "roles", "skills", "promotions"}
    for key in data:
        if key not in known:
            raise reader.fail(f"unknown top-level field {key!r}{did_you_mean(str(key), known)} — "
                              f"use {', '.join(sorted(known))}", reader.line_of(data, key))
    name = reader.get(data, "company", "the ladder", required=False) or path.stem
    title = reader.get(data, "title", "the ladder", required=False) or f"{name} career ladder"
    spec = LadderSpec(name=name, title=title, file=path, format=fmt, sha256=digest)

    skill_by_key: dict[str, str] = {}
    skill_keys = Keys("skill")  # an id from a label: distinct labels, distinct ids, in any script
    for item in reader.get(data, "skills", "the ladder", kind=list):
        if not isinstance(item, dict):
            raise reader.fail("each skill is a mapping with label: and category:", _item_line(data, "skills", item))
        item = cast(LMap, item)  # the readers build every mapping as an LMap
        label = reader.get(item, "label", "a skill")
        given = reader.get(item, "id", f"skill {label!r}", required=False)
        skill_id = given or skill_keys.key(label)
        _check_id(reader, item, skill_id, f"skill {label!r}")
        category = reader.get(item, "category", f"skill {label!r}")
        # A requirement names a skill by its label or by the id the file gives; an id made from the
        # label is no name of the file's, so it cannot clash with another skill's label.
        for key in {skill_id.casefold(), label.casefold()} if given else {label.casefold()}:
            if key in skill_by_key:
                raise reader.fail(f"skill {label!r}: {key!r} names two skills — give each skill its own id and label",
                                  item.line)
            skill_by_key[key] = skill_id
        spec.skills.append(SkillSpec(skill_id, label, category, item.line))

    roles = reader.get(data, "roles", "the ladder", kind=list)
    role_ids: dict[str, int | None] = {}
    for item in roles:
        if not isinstance(item, dict):
            raise reader.fail("each role is a mapping with id:, label:, level:, ...", _item_line(data, "roles", item))
        role_id = reader.get(item, "id", "a role")
        _check_id(reader, item, role_id, f"role {role_id!r}")
        if role_id in role_ids:
            raise reader.fail(f"role id {role_id!r} is used twice (first on line {role_ids[role_id]}) — ids must be "
                              "unique", reader.line_of(item, "id"))
        role_ids[role_id] = reader.line_of(item, "id")
    for item in roles:
        spec.roles.append(_read_role(reader, item, skill_by_key, role_ids))

    moves: dict[tuple[str, str], int | None] = {}
    for item in reader.get(data, "promotions", "the ladder", kind=list):
        if not isinstance(item, dict):
            raise reader.fail("each promotion is a mapping with from:, to: and years:",
                              _item_line(data, "promotions", item))
        item = cast(LMap, item)  # the readers build every mapping as an LMap
        promotion = _read_promotion(reader, item, spec, role_ids)
        pair = (promotion.source, promotion.target)
        if pair in moves:  # two entries would give one transition two kinds or two year ranges
            raise reader.fail(f"promotion {pair[0]} -> {pair[1]} is listed twice (first on line {moves[pair]}) — "
                              "keep one", item.line)
        moves[pair] = item.line
        spec.promotions.append(promotion)
    _check_reporting_loops(reader, spec)
    return spec


def _item_line(parent: Mapping[str | int, Yaml], key: str, item: Yaml) -> int | None:
    return getattr(item, "line", None) or reader_line(parent, key)


def reader_line(mapping: Mapping[str | int, Yaml], key: str | int) -> int | None:
    lines: dict[str | int, int] = getattr(mapping, "lines", None) or {}
    return lines.get(key)


def _check_id(reader: Fields, item: Mapping[str | int, Yaml], value: str, what: str) -> None:
    if not _ID.match(value):
        raise reader.fail(f"{what}: id {value!r} must be letters, digits, '-', '_' or '.', starting with a letter "
                          "or digit", reader.line_of(item, "id"))


def _read_role(reader: Fields, item: LMap, skill_by_key: dict[str, str], role_ids: dict[str, int | None]) -> RoleSpec:
    role_id = item["id"]
    what = f"role {role_id!r}"
    allowed = {"id", "label", "synonyms", "definition", "level", "track", "function", "reports_to",
               "responsibilities", "skills"}
    for key in item:
        if key not in allowed:
            raise reader.fail(f"{what}: unknown field {key!r}{did_you_mean(str(key), allowed)}",
                              reader.line_of(item, key))
    synonyms = reader.get(item, "synonyms", what, required=False, kind=list) or []
    responsibilities = reader.get(item, "responsibilities", what, kind=list)
    skills = reader.get(item, "skills", what, kind=dict)
    requirements = []
    for key, value in skills.items():
        skill_id = skill_by_key.get(str(key).casefold())
        if skill_id is None:
            raise reader.fail(f"{what} requires skill {key!r}, which is not listed under skills:"
                              f"{did_you_mean(str(key), [s for s in skill_by_key])} — add it there or fix the name",
                              reader.line_of(skills, key))
        requirements.append(RequirementSpec(skill_id, read_proficiency(reader, value, f"{what}, skill {key!r}",
                                                                   reader.line_of(skills, key))))
    level = reader.get(item, "level", what, kind=int)
    reports_to = reader.get(item, "reports_to", what, required=False)
    if reports_to is not None and reports_to not in role_ids:
        raise reader.fail(f"{what} reports to {reports_to!r}, which is no role id in this ladder"
                          f"{did_you_mean(reports_to, role_ids)}", reader.line_of(item, "reports_to"))
    if not responsibilities:
        raise reader.fail(f"{what} has no responsibilities — list at least one",
                          reader.line_of(item, "responsibilities"))
    if not requirements:
        raise reader.fail(f"{what} requires no skills — give at least one as skill: proficiency",
                          reader.line_of(item, "skills"))
    return RoleSpec(
        id=role_id,
        label=reader.get(item, "label", what),
        definition=reader.get(item, "definition", what),
        level=level,
        track=reader.choice(item, "track", what, TRACKS),
        function=reader.choice(item, "function", what, FUNCTIONS),
        responsibilities=tuple(read_texts(reader, responsibilities, f"{what}: responsibilities")),
        requirements=tuple(requirements),
        synonyms=tuple(read_texts(reader, synonyms, f"{what}: synonyms")),
        reports_to=reports_to,
        line=item.line,
    )


def _read_promotion(reader: Fields, item: LMap, spec: LadderSpec, role_ids: dict[str, int | None]) -> PromotionSpec:
    source = reader.get(item, "from", "a promotion")
    target = reader.get(item, "to", "a promotion")
    what = f"promotion {source} -> {target}"
    levels = {role.id: role for role in spec.roles}
    for key, role_id in (("from", source), ("to", target)):
        if role_id not in role_ids:
            raise reader.fail(f"{what}: {key!r} names no role id in this ladder{did_you_mean(role_id, role_ids)}",
                              reader.line_of(item, key))
    low, high = levels[source], levels[target]
    if "years" not in item:
        raise reader.fail(f"{what} has no years — add years: [min, max], the typical years in {source!r} before "
                          "the move (pmgraph never invents them)", item.line)
    years = read_years(reader, item["years"], what, reader.line_of(item, "years"))
    kind = reader.choice(item, "kind", what, KINDS, required=False)
    derived: tuple[str, ...] = ()
    if kind is None:
        derived = ("kind",)
        if low.level == high.level:
            kind = PM.LateralMove
        elif high.track == PM.Executive and low.track != PM.Executive:
            kind = PM.IntoExecutive
        elif low.track == PM.IndividualContributor and high.track == PM.PeopleManagement:
            kind = PM.ICToManagement
        else:
            kind = PM.PromotionWithinTrack
    if kind == PM.LateralMove and low.level != high.level:
        raise reader.fail(f"{what} is lateral but goes from level {low.level} to {high.level} — make the levels "
                          "equal or drop kind: lateral", reader.line_of(item, "kind"))
    if kind != PM.LateralMove and high.level <= low.level:
        raise reader.fail(f"{what} goes from level {low.level} to {high.level}, not up — a promotion must go up; "
                          "fix the levels or write kind: lateral", item.line)
    return PromotionSpec(source, target, kind, years, derived, item.line)


def _check_reporting_loops(reader: Fields, spec: LadderSpec) -> None:
    boss = {role.id: role.reports_to for role in spec.roles}
    for role in spec.roles:
        seen, current = [role.id], role.reports_to
        while current is not None:
            if current == role.id:
                loop = " -> ".join([*seen, role.id])
                raise reader.fail(f"role {role.id!r} is in a reporting loop {loop} — point reports_to at the real "
                                  "manager", role.line)
            if current in seen:
                break  # a loop not through this role; reported from one of its members
            seen.append(current)
            current = boss.get(current)


CSV_COLUMNS = ("record", "id", "label", "synonyms", "definition", "level", "track", "function", "reports_to",
               "responsibilities", "category", "role", "skill", "proficiency", "from", "to", "kind",
               "years_min", "years_max")
CSV_RECORDS = {
    "ladder": ("label", "definition"),
    "role": ("id", "label", "synonyms", "definition", "level", "track", "function", "reports_to", "responsibilities"),
    "skill": ("id", "label", "category"),
    "requirement": ("role", "skill", "proficiency"),
    "promotion": ("from", "to", "kind", "years_min", "years_max"),
}


def _csv_to_mapping(path: Path, text: str) -> LMap:
    """Read the one-sheet CSV layout into the same annotated mapping the YAML reader builds."""
    reader = Fields(path)
    rows = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip().casefold() for h in next(rows)]
    except StopIteration:
        raise reader.fail("the file is empty — the first row names the columns, starting with 'record'", 1) from None
    except csv.Error as error:
        raise reader.fail(f"CSV error: {error}", 1) from None
    for name in header:
        if name and name not in CSV_COLUMNS:
            raise reader.fail(f"unknown column {name!r}{did_you_mean(name, CSV_COLUMNS)} — the columns are "
                              f"{', '.join(CSV_COLUMNS)}", 1)
    if "record" not in header:
        raise reader.fail("no 'record' column — the first row names the columns, e.g. record,id,label,...", 1)

    def mapping(line: int) -> LMap:
        m = LMap()
        m.line, m.lines = line, {}
        return m

    def listing(line: int, items: Iterable[Yaml]) -> LList:
        out = LList(items)
        out.line, out.lines = line, [line] * len(out)
        return out

    data = mapping(1)
    data["roles"], data["skills"], data["promotions"] = listing(1, []), listing(1, []), listing(1, [])
    data.lines.update(roles=1, skills=1, promotions=1)
    roles: dict[str, LMap] = {}
    requirements = []
    try:
        for row in rows:
            line = rows.line_num
            cells = {name: value.strip() for name, value in zip(header, row) if name}
            if not any(cells.values()):
                continue
            record = cells.get("record", "").casefold()
            if record not in CSV_RECORDS:
                raise reader.fail(f"row {line}: record {cells.get('record', '')!r} is not one of "
                                  f"{', '.join(CSV_RECORDS)}", line)
            used = CSV_RECORDS[record]
            for name, value in cells.items():
                if value and name != "record" and name not in used:
                    raise reader.fail(f"row {line}: a {record} row does not use column {name!r} — its columns are "
                                      f"{', '.join(used)}", line)
            item = mapping(line)
            for name in used:
                if cells.get(name):
                    item[name] = cells[name]
                    item.lines[name] = line
            if record == "ladder":
                for source, target in (("label", "company"), ("definition", "title")):
                    if source in item:
                        data[target] = item[source]
                        data.lines[target] = line
            elif record == "role":
                for name in ("synonyms", "responsibilities"):
                    if name in item:
                        item[name] = listing(line, [p.strip() for p in item[name].split(";") if p.strip()])
                item["skills"] = mapping(line)
                item.lines["skills"] = line
                data["roles"].append(item)
                if "id" in item:
                    roles.setdefault(item["id"], item)
            elif record == "skill":
                data["skills"].append(item)
            elif record == "requirement":
                requirements.append(item)
            else:
                if "years_min" in item or "years_max" in item:
                    item["years"] = listing(line, [item.pop("years_min", ""), item.pop("years_max", "")])
                    item.lines["years"] = line
                data["promotions"].append(item)
            data["roles"].lines = [r.line for r in data["roles"]]
    except csv.Error as error:
        raise reader.fail(f"CSV error: {error}", rows.line_num) from None
    for item in requirements:
        role_id = reader.get(item, "role", "a requirement row")
        skill = reader.get(item, "skill", "a requirement row")
        role = roles.get(role_id)
        if role is None:
            raise reader.fail(f"requirement row: role {role_id!r} has no role row{did_you_mean(role_id, roles)}",
                              item.line)
        if skill in role["skills"]:
            raise reader.fail(f"requirement row: role {role_id!r} already requires {skill!r} (row "
                              f"{role['skills'].lines[skill]}) — keep one row", item.line)
        role["skills"][skill] = reader.get(item, "proficiency", "a requirement row")
        role["skills"].lines[skill] = item.line
    return data
