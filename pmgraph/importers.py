"""Reading career ladders: YAML, CSV and progression-framework Markdown -> a :class:`LadderSpec`.

The readers check everything a user can get wrong and name the file, the line (or CSV row) and
the field in an :class:`~pmgraph.errors.InvalidDataError`. :mod:`pmgraph.ladder` turns the spec
into RDF. The formats are documented in ``docs/ladder-format.md``.

Inputs are only ever read.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import URIRef

from .errors import InvalidDataError
from .vocab import PM, PROFICIENCY

__all__ = [
    "FORMATS",
    "LadderSpec",
    "RoleSpec",
    "SkillSpec",
    "RequirementSpec",
    "PromotionSpec",
    "read_ladder",
    "detect_format",
    "slugify",
]

#: File suffix -> format name.
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".md": "progression", ".markdown": "progression"}

TRACKS = {
    "ic": PM.IndividualContributor, "individual contributor": PM.IndividualContributor,
    "management": PM.PeopleManagement, "people management": PM.PeopleManagement, "manager": PM.PeopleManagement,
    "executive": PM.Executive, "exec": PM.Executive,
}
FUNCTIONS = {
    "product": PM.ProductFunction, "marketing": PM.MarketingFunction, "design": PM.DesignFunction,
    "engineering": PM.EngineeringFunction, "operations": PM.OperationsFunction,
    "general management": PM.GeneralManagementFunction,
}
PROFICIENCIES = ("awareness", "working", "practitioner", "expert", "authority")
KINDS = {
    "promotion": PM.PromotionWithinTrack, "ic-to-management": PM.ICToManagement,
    "lateral": PM.LateralMove, "into-executive": PM.IntoExecutive,
}
IMPORTANCE = {"essential": PM.Essential, "optional": PM.Optional}

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``'Senior PM (Growth)'`` -> ``'senior-pm-growth'``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@dataclass(frozen=True)
class SkillSpec:
    id: str
    label: str
    category: str
    line: int | None = None


@dataclass(frozen=True)
class RequirementSpec:
    skill: str  # a SkillSpec id
    proficiency: URIRef
    importance: URIRef = PM.Essential
    evidence: tuple[str, ...] = ()
    derived: bool = False  # proficiency/importance set by an import rule, not stated in the file


@dataclass(frozen=True)
class RoleSpec:
    id: str
    label: str
    definition: str
    level: int
    track: URIRef
    function: URIRef
    responsibilities: tuple[str, ...]  # responsibility labels
    requirements: tuple[RequirementSpec, ...]
    synonyms: tuple[str, ...] = ()
    reports_to: str | None = None
    derived: tuple[str, ...] = ()  # the fields an import rule filled in
    line: int | None = None


@dataclass(frozen=True)
class PromotionSpec:
    source: str
    target: str
    kind: URIRef
    years: tuple[Decimal, Decimal]
    derived: tuple[str, ...] = ()
    line: int | None = None


@dataclass
class LadderSpec:
    """A ladder as read from one file, before it becomes RDF."""

    name: str
    title: str
    file: Path
    format: str
    sha256: str
    roles: list[RoleSpec] = field(default_factory=list)
    skills: list[SkillSpec] = field(default_factory=list)
    promotions: list[PromotionSpec] = field(default_factory=list)
    responsibility_notes: dict[str, str] = field(default_factory=dict)  # label -> definition
    derivations: list[str] = field(default_factory=list)  # the rules used, in words


def detect_format(path: Path, format: str | None = None) -> str:
    if format is not None:
        if format not in set(FORMATS.values()):
            raise InvalidDataError(f"unknown ladder format {format!r}; use yaml, csv or progression", file=str(path))
        return format
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InvalidDataError(
            f"cannot tell the ladder format from the suffix {path.suffix or '(none)'!r} — use .yaml, .csv or .md "
            "(progression framework), or pass the format explicitly", file=str(path))
    return found


def read_ladder(path, *, format: str | None = None, years=None, function: str | None = None) -> LadderSpec:
    """Read ``path`` into a :class:`LadderSpec`; never writes to it."""
    path = Path(path)
    fmt = detect_format(path, format)
    if not path.is_file():
        raise InvalidDataError("no such file; check the path" if not path.exists() else "is not a file", file=str(path))
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDataError(f"not UTF-8 text ({error.reason} at byte {error.start})", file=str(path)) from None
    except OSError as error:
        raise InvalidDataError(f"cannot read: {error.strerror or error}", file=str(path)) from None
    digest = hashlib.sha256(raw).hexdigest()
    if fmt == "progression":
        from .progression import read_progression

        return read_progression(path, text, digest, years=years, function=function)
    reader = _Fields(path)
    data = reader.yaml(text, offset=0) if fmt == "yaml" else _csv_to_mapping(path, text)
    return _read_simple(reader, data, path, fmt, digest)


# --------------------------------------------------------------------------- line-annotated YAML


class LMap(dict):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int | None = None
    lines: dict


class LList(list):
    line: int | None = None
    lines: list


class _Fields:
    """Reads fields from line-annotated mappings; every error names the file and the line."""

    def __init__(self, path: Path):
        self.file = str(path)

    def fail(self, message: str, line: int | None) -> InvalidDataError:
        return InvalidDataError(message, file=self.file, line=line)

    def yaml(self, text: str, *, offset: int):
        import yaml

        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise self.fail("the file is empty — see docs/ladder-format.md for the layout", 1 + offset)
            return self._convert(loader, node, offset)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            what = error.problem or error.context or "malformed YAML"
            if error.context_mark is not None and "<stream end>" in what:
                # "got <stream end>" points past the last line; the unclosed thing began at context_mark.
                mark, what = error.context_mark, f"{error.context} never closed ({what})"
            raise self.fail(f"YAML syntax error: {what}", mark.line + 1 + offset if mark else None) from None
        finally:
            loader.dispose()

    def _convert(self, loader, node, offset):
        import yaml

        line = node.start_mark.line + 1 + offset
        if isinstance(node, yaml.MappingNode):
            result = LMap()
            result.line, result.lines = line, {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                key_line = key_node.start_mark.line + 1 + offset
                if not isinstance(key, (str, int)):
                    raise self.fail("a mapping key must be a plain word", key_line)
                if key in result:
                    raise self.fail(f"duplicate key {key!r} (first on line {result.lines[key]}) — keep one", key_line)
                result[key] = self._convert(loader, value_node, offset)
                result.lines[key] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            result = LList(self._convert(loader, item, offset) for item in node.value)
            result.line, result.lines = line, [item.start_mark.line + 1 + offset for item in node.value]
            return result
        return loader.construct_object(node, deep=True)

    def line_of(self, mapping, key):
        lines = getattr(mapping, "lines", None) or {}
        return lines.get(key, getattr(mapping, "line", None))

    def get(self, mapping, key, what: str, *, required=True, kind=str):
        """``mapping[key]`` checked to be a ``kind``; a missing required key names the mapping's line."""
        if key not in mapping or mapping[key] is None or mapping[key] == "":
            if required:
                raise self.fail(f"{what} has no {key!r} — add {key}: ...", getattr(mapping, "line", None))
            return None
        value = mapping[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if kind is int and isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            names = {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}
            raise self.fail(f"{what}: {key!r} must be {names.get(kind, kind.__name__)}, found {value!r}",
                            self.line_of(mapping, key))
        return value.strip() if isinstance(value, str) else value

    def choice(self, mapping, key, what, table: dict, *, required=True):
        value = self.get(mapping, key, what, required=required)
        if value is None:
            return None
        found = table.get(" ".join(value.casefold().replace("_", " ").split()))
        found = found or table.get(value.casefold().replace(" ", "-").replace("_", "-"))
        if found is None:
            raise self.fail(f"{what}: unknown {key} {value!r} — use one of {', '.join(sorted(table))}",
                            self.line_of(mapping, key))
        return found


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _proficiency(reader: _Fields, value, what: str, line) -> URIRef:
    text = str(value).strip().casefold()
    if text.isdigit() and 1 <= int(text) <= len(PROFICIENCIES):
        return PROFICIENCY[PROFICIENCIES[int(text) - 1]]
    if text in PROFICIENCIES:
        return PROFICIENCY[text]
    raise reader.fail(f"{what}: unknown proficiency {value!r} — use one of {', '.join(PROFICIENCIES)} (or 1-5)", line)


def _years(reader: _Fields, value, what: str, line) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise reader.fail(f"{what}: years must be a pair [min, max], e.g. years: [1, 2]; found {value!r}", line)
    try:
        low, high = (Decimal(str(v).strip()) for v in value)
    except InvalidOperation:
        raise reader.fail(f"{what}: years must be numbers, found {value!r}", line) from None
    if not (low.is_finite() and high.is_finite()) or low < 0 or high < low:
        raise reader.fail(f"{what}: years {value!r} must satisfy 0 <= min <= max", line)
    return low, high


# --------------------------------------------------------------------------- the simple ladder (YAML, CSV)


def _read_simple(reader: _Fields, data, path: Path, fmt: str, digest: str) -> LadderSpec:
    if not isinstance(data, dict):
        raise reader.fail("a ladder file is a mapping with roles:, skills: and promotions:", getattr(data, "line", 1))
    known = {"company", "title", "roles", "skills", "promotions"}
    for key in data:
        if key not in known:
            raise reader.fail(f"unknown top-level field {key!r}{_did_you_mean(str(key), known)} — "
                              f"use {', '.join(sorted(known))}", reader.line_of(data, key))
    name = reader.get(data, "company", "the ladder", required=False) or path.stem
    title = reader.get(data, "title", "the ladder", required=False) or f"{name} career ladder"
    spec = LadderSpec(name=name, title=title, file=path, format=fmt, sha256=digest)

    skill_by_key: dict[str, str] = {}
    for item in reader.get(data, "skills", "the ladder", kind=list):
        if not isinstance(item, dict):
            raise reader.fail("each skill is a mapping with label: and category:", _item_line(data, "skills", item))
        label = reader.get(item, "label", "a skill")
        skill_id = reader.get(item, "id", f"skill {label!r}", required=False) or slugify(label)
        _check_id(reader, item, skill_id, f"skill {label!r}")
        category = reader.get(item, "category", f"skill {label!r}")
        for key in {skill_id.casefold(), label.casefold()}:
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

    for item in reader.get(data, "promotions", "the ladder", kind=list):
        if not isinstance(item, dict):
            raise reader.fail("each promotion is a mapping with from:, to: and years:", _item_line(data, "promotions", item))
        spec.promotions.append(_read_promotion(reader, item, spec, role_ids))
    _check_reporting_loops(reader, spec)
    return spec


def _item_line(parent, key, item):
    return getattr(item, "line", None) or reader_line(parent, key)


def reader_line(mapping, key):
    return (getattr(mapping, "lines", None) or {}).get(key)


def _check_id(reader: _Fields, item, value: str, what: str) -> None:
    if not _ID.match(value):
        raise reader.fail(f"{what}: id {value!r} must be letters, digits, '-', '_' or '.', starting with a letter "
                          "or digit", reader.line_of(item, "id"))


def _read_role(reader: _Fields, item, skill_by_key, role_ids) -> RoleSpec:
    role_id = item["id"]
    what = f"role {role_id!r}"
    allowed = {"id", "label", "synonyms", "definition", "level", "track", "function", "reports_to",
               "responsibilities", "skills"}
    for key in item:
        if key not in allowed:
            raise reader.fail(f"{what}: unknown field {key!r}{_did_you_mean(str(key), allowed)}", reader.line_of(item, key))
    synonyms = reader.get(item, "synonyms", what, required=False, kind=list) or []
    responsibilities = reader.get(item, "responsibilities", what, kind=list)
    skills = reader.get(item, "skills", what, kind=dict)
    requirements = []
    for key, value in skills.items():
        skill_id = skill_by_key.get(str(key).casefold())
        if skill_id is None:
            raise reader.fail(f"{what} requires skill {key!r}, which is not listed under skills:"
                              f"{_did_you_mean(str(key), [s for s in skill_by_key])} — add it there or fix the name",
                              reader.line_of(skills, key))
        requirements.append(RequirementSpec(skill_id, _proficiency(reader, value, f"{what}, skill {key!r}",
                                                                   reader.line_of(skills, key))))
    level = reader.get(item, "level", what, kind=int)
    reports_to = reader.get(item, "reports_to", what, required=False)
    if reports_to is not None and reports_to not in role_ids:
        raise reader.fail(f"{what} reports to {reports_to!r}, which is no role id in this ladder"
                          f"{_did_you_mean(reports_to, role_ids)}", reader.line_of(item, "reports_to"))
    if not responsibilities:
        raise reader.fail(f"{what} has no responsibilities — list at least one", reader.line_of(item, "responsibilities"))
    if not requirements:
        raise reader.fail(f"{what} requires no skills — give at least one as skill: proficiency", reader.line_of(item, "skills"))
    return RoleSpec(
        id=role_id,
        label=reader.get(item, "label", what),
        definition=reader.get(item, "definition", what),
        level=level,
        track=reader.choice(item, "track", what, TRACKS),
        function=reader.choice(item, "function", what, FUNCTIONS),
        responsibilities=tuple(_texts(reader, responsibilities, f"{what}: responsibilities")),
        requirements=tuple(requirements),
        synonyms=tuple(_texts(reader, synonyms, f"{what}: synonyms")),
        reports_to=reports_to,
        line=item.line,
    )


def _texts(reader: _Fields, items, what) -> list[str]:
    out = []
    for index, value in enumerate(items):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise reader.fail(f"{what} must be a list of text, found {value!r}", items.lines[index])
        out.append(str(value).strip())
    return out


def _read_promotion(reader: _Fields, item, spec: LadderSpec, role_ids) -> PromotionSpec:
    source = reader.get(item, "from", "a promotion")
    target = reader.get(item, "to", "a promotion")
    what = f"promotion {source} -> {target}"
    levels = {role.id: role for role in spec.roles}
    for key, role_id in (("from", source), ("to", target)):
        if role_id not in role_ids:
            raise reader.fail(f"{what}: {key!r} names no role id in this ladder{_did_you_mean(role_id, role_ids)}",
                              reader.line_of(item, key))
    low, high = levels[source], levels[target]
    if "years" not in item:
        raise reader.fail(f"{what} has no years — add years: [min, max], the typical years in {source!r} before "
                          "the move (pmgraph never invents them)", item.line)
    years = _years(reader, item["years"], what, reader.line_of(item, "years"))
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


def _check_reporting_loops(reader: _Fields, spec: LadderSpec) -> None:
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
    reader = _Fields(path)
    rows = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip().casefold() for h in next(rows)]
    except StopIteration:
        raise reader.fail("the file is empty — the first row names the columns, starting with 'record'", 1) from None
    except csv.Error as error:
        raise reader.fail(f"CSV error: {error}", 1) from None
    for name in header:
        if name and name not in CSV_COLUMNS:
            raise reader.fail(f"unknown column {name!r}{_did_you_mean(name, CSV_COLUMNS)} — the columns are "
                              f"{', '.join(CSV_COLUMNS)}", 1)
    if "record" not in header:
        raise reader.fail("no 'record' column — the first row names the columns, e.g. record,id,label,...", 1)

    def mapping(line: int) -> LMap:
        m = LMap()
        m.line, m.lines = line, {}
        return m

    def listing(line: int, items) -> LList:
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
            raise reader.fail(f"requirement row: role {role_id!r} has no role row{_did_you_mean(role_id, roles)}", item.line)
        if skill in role["skills"]:
            raise reader.fail(f"requirement row: role {role_id!r} already requires {skill!r} (row "
                              f"{role['skills'].lines[skill]}) — keep one row", item.line)
        role["skills"][skill] = reader.get(item, "proficiency", "a requirement row")
        role["skills"].lines[skill] = item.line
    return data
