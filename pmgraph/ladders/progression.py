"""Reading progression frameworks (Monzo's and its forks'): Markdown with YAML front matter.

Each level becomes a role, each topic a skill (and a responsibility), the criteria the evidence
on each skill requirement; the levels chain by promotion. What the framework does not say is
filled in by the rules listed in ``docs/ladder-format.md`` and recorded in
:attr:`LadderSpec.derivations`. Called by :func:`pmgraph.ladders.read.read_ladder`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import cast

from ..errors import InvalidDataError
from ..vocab import PM, PROFICIENCY
from .fields import Fields, LMap, read_texts
from .spec import FUNCTIONS, PROFICIENCIES, Keys, LadderSpec, PromotionSpec, RequirementSpec, RoleSpec, SkillSpec

__all__ = ["read_progression", "front_matter"]

#: The most levels a progression framework may declare (the largest public ones have about ten).
MAX_LEVELS = 50


def front_matter(path: Path, text: str) -> tuple[LMap, str]:
    r"""The YAML front matter of a progression-framework file (``text``, read from ``path``) and the
    Markdown after it.

    The front matter is read once, within the limits of :mod:`pmgraph.bounded` (the file may come
    from anywhere), line-annotated (:class:`~pmgraph.ladders.fields.LMap`: errors name the file's
    line); the Markdown is the lines after the closing ``---``. Raises
    :class:`~pmgraph.errors.InvalidDataError` naming the file and the line.

    Examples
    --------
    >>> meta, body = front_matter(Path("acme.md"), "---\ntitle: Acme\nlevels: 2\n---\n## Level 1\n")
    >>> meta["levels"], meta.lines["levels"], body
    (2, 3, '## Level 1')
    >>> front_matter(Path("acme.md"), "## Level 1\n")
    Traceback (most recent call last):
    ...
    pmgraph.errors.InvalidDataError: acme.md:1: a progression-framework file starts with '---' and YAML front matter ...
    """
    reader = Fields(path)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise reader.fail("a progression-framework file starts with '---' and YAML front matter (levels:, topics:)", 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise reader.fail("the YAML front matter is never closed — end it with a '---' line", 1) from None
    data = reader.yaml("\n".join(lines[1:end]) + "\n", offset=1)
    if not isinstance(data, dict):
        raise reader.fail("the front matter must be a mapping with levels: and topics:", 2)
    return cast(LMap, data), "\n".join(lines[end + 1:])  # the YAML reader builds every mapping as an LMap


def read_progression(path: Path, text: str, digest: str, *, years: tuple[float | str, float | str] | None,
                     function: str | None) -> LadderSpec:
    reader = Fields(path)
    data, _body = front_matter(path, text)
    raw_title = reader.get(data, "title", "the framework", required=False) or path.stem
    title = re.sub(r"^[^\w]+", "", raw_title, flags=re.UNICODE).strip() or path.stem
    name = re.sub(r"\s*framework\s*$", "", title, flags=re.IGNORECASE).strip() or title
    count = reader.get(data, "levels", "the framework", kind=int)
    if not 1 <= count <= MAX_LEVELS:
        raise reader.fail(f"levels must be 1 to {MAX_LEVELS}, found {count}", reader.line_of(data, "levels"))

    if function is not None:
        role_function = FUNCTIONS.get(function.casefold())
        if role_function is None:
            raise InvalidDataError(f"unknown function {function!r} — use one of {', '.join(sorted(FUNCTIONS))}",
                                   file=str(path))
        function_derived = False
    else:
        role_function = next((f for word, f in FUNCTIONS.items() if word in name.casefold()), None)
        if role_function is None:
            choices = "product, marketing, design, engineering, operations or 'general management')"
            raise reader.fail(f"cannot tell the function from the title {raw_title!r} — pass it (function={choices}",
                              reader.line_of(data, "title")).remedy("function", "function=", choices)
        function_derived = True
    # The framework states no years between levels: its moves have none, unless the person running
    # the import gives the range usual at their company (cited as theirs, value by value).
    span: tuple[Decimal, Decimal] | None = None
    if years is not None:
        try:
            low, high = (Decimal(str(v)) for v in years)
            finite = low.is_finite() and high.is_finite()
        except (InvalidOperation, TypeError, ValueError):
            raise InvalidDataError(f"years must be two numbers (min, max), found {years!r}", file=str(path)) from None
        if not finite or low < 0 or high < low:
            raise InvalidDataError(f"years {years!r} must satisfy 0 <= min <= max", file=str(path))
        span = (low, high)

    spec = LadderSpec(name=name, title=title, file=path, format="progression", sha256=digest)
    criteria: dict[int, list[tuple[str, tuple[str, ...]]]] = {n: [] for n in range(1, count + 1)}
    category = f"{name} framework topics"
    topics = reader.get(data, "topics", "the framework", kind=list)
    seen: dict[str, int | None] = {}
    topic_keys = Keys("topic")
    for topic in topics:
        if not isinstance(topic, dict):
            raise reader.fail("each topic is a mapping with name:, title: and content:", getattr(topic, "line", None))
        topic = cast(LMap, topic)  # the YAML reader builds every mapping as an LMap
        topic_name = reader.get(topic, "name", "a topic")
        what = f"topic {topic_name!r}"
        label = re.sub(r"^[^\w]+", "", reader.get(topic, "title", what, required=False) or topic_name).strip()
        if not topic_name.strip():
            raise reader.fail(f"{what}: the name is empty", reader.line_of(topic, "name"))
        skill_id = topic_keys.key(topic_name)  # distinct names, distinct ids, in any script
        if skill_id in seen:
            raise reader.fail(f"{what} appears twice (first on line {seen[skill_id]}) — merge them", topic.line)
        seen[skill_id] = topic.line
        spec.skills.append(SkillSpec(skill_id, label, category, topic.line))
        levels_seen: set[int] = set()
        for entry in reader.get(topic, "content", what, kind=list):
            if not isinstance(entry, dict):
                raise reader.fail(f"{what}: each content entry has level: and criteria:", getattr(entry, "line", None))
            entry = cast(LMap, entry)  # the YAML reader builds every mapping as an LMap
            level = reader.get(entry, "level", what, kind=int)
            if not 1 <= level <= count:
                raise reader.fail(f"{what}: level {level} is outside 1..{count} (levels: {count})",
                                  reader.line_of(entry, "level"))
            if level in levels_seen:
                raise reader.fail(f"{what}: level {level} appears twice — merge its criteria", entry.line)
            levels_seen.add(level)
            texts = read_texts(reader, reader.get(entry, "criteria", f"{what}, level {level}", kind=list),
                           f"{what}, level {level}: criteria")
            if texts:
                criteria[level].append((skill_id, tuple(texts)))

    labels = {s.id: s.label for s in spec.skills}
    for skill in spec.skills:
        spec.responsibility_notes[_topic_responsibility(name, skill.label)] = (
            f"Meeting the criteria of the '{skill.label}' topic of the {title} at the role's level.")
    for level in range(1, count + 1):
        if not criteria[level]:
            raise reader.fail(f"level {level} has no criteria in any topic — every level needs at least one",
                              reader.line_of(data, "levels"))
        topic_labels = [labels[s] for s, _ in criteria[level]]
        spec.roles.append(RoleSpec(
            id=f"level-{level}",
            label=f"{name} level {level}",
            definition=(f"Level {level} of {count} of the {title}: expected to meet its level-{level} criteria in "
                        f"{len(topic_labels)} topics ({', '.join(topic_labels)})."),
            level=level,
            track=PM.IndividualContributor,
            function=role_function,
            responsibilities=tuple(_topic_responsibility(name, t) for t in topic_labels),
            requirements=tuple(
                RequirementSpec(skill_id, PROFICIENCY[PROFICIENCIES[min(level, len(PROFICIENCIES)) - 1]],
                                PM.Essential, texts, derived=True)
                for skill_id, texts in criteria[level]),
            derived=("definition", "track", "responsibilities", "proficiency")
                    + (("function",) if function_derived else ()),
            line=reader.line_of(data, "levels"),
        ))
    for level in range(1, count):
        spec.promotions.append(PromotionSpec(f"level-{level}", f"level-{level + 1}", PM.PromotionWithinTrack,
                                             span, ("kind", "years") if span else ("kind",),
                                             reader.line_of(data, "levels")))
    spec.derivations.extend([
        "each level becomes a role labelled '<framework> level <n>', at pm:level n",
        "each role's definition is built from the framework's title, its level and its topics",
        "the track is individual contributor (the framework does not say)",
        "the function is read from the framework's title" if function_derived else
        "the function was given by the person who ran the import",
        "each topic becomes a skill; a level requires every topic it has criteria for, as essential, at the n-th "
        "step of the proficiency scale (awareness, working, practitioner, expert, authority; capped at authority); "
        "the criteria are kept as skos:note evidence on the requirement",
        "each topic also becomes a responsibility: meeting that topic's criteria",
        "level n is promoted to level n+1 (a promotion within the track)",
        f"the typical years between levels ({span[0]}-{span[1]}) were given by the person who ran the import; "
        "the framework states none" if span else "the framework states no years between levels: the moves have none",
    ])
    return spec


def _topic_responsibility(name: str, topic_label: str) -> str:
    return f"Meet the {name} framework's {topic_label} criteria"
