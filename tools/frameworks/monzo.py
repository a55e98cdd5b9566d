"""Progression at Monzo: the product, product design and marketing frameworks.

Read from ``sources/monzo/``: ``product.md`` and ``marketing.md`` (criteria in YAML front matter,
levels x topics), ``product-design.md`` (Markdown: a ``## Level n`` section per level, a ``###``
heading per topic) and ``generic.md``, read only to check that no converted topic shares its name
with a generic topic (the site would then merge the generic criteria into it, see the
repository README). The generic framework itself is a template shared by the other frameworks,
not a ladder of its own, and names no function: it is not converted.

Each level is a role, each topic a skill, each (level, topic) with criteria a requirement with
no proficiency (the criteria are expectations, not a level on pmgraph's scale); consecutive
levels of one framework are promotions. Monzo gives no titles: the role labels are pmgraph's,
built from the framework's name and level number (an editorial rule says so).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pmgraph.ladders.fields import LMap
from pmgraph.ladders.progression import front_matter
from pmgraph.ladders.spec import slugify

from .base import Description, Framework, github_anchor

if TYPE_CHECKING:
    from rdflib.term import URIRef

__all__ = ["DESCRIPTION", "convert"]

REPOSITORY = "https://github.com/monzo/progression-framework"
COMMIT = "689e6224a1a0b477ac3a1f326f1beef7494a4efa"
BLOB = REPOSITORY + "/blob/master/"

#: file under sources/monzo/ -> (its path in the repository, the framework's name, its function)
YAML_FRAMEWORKS = {
    "product.md": ("frameworks/product.md", "Product", "product"),
    "marketing.md": ("frameworks/marketing.md", "Marketing", "marketing"),
}
MARKDOWN_FRAMEWORKS = {
    "product-design.md": ("frameworks/design/product-design.md", "Product Design", "design"),
}
GENERIC = "generic.md"

DESCRIPTION = Description(
    id="monzo",
    title="Progression at Monzo",
    publisher="Monzo Bank",
    url=REPOSITORY,
    licence="https://spdx.org/licenses/MIT",
    licence_name="MIT License",
    attribution="Progression at Monzo (https://github.com/monzo/progression-framework), MIT licence, "
                "© 2019 Monzo Bank Limited",
    retrieved="2026-11-30",
    repository=REPOSITORY,
    commit=COMMIT,
    files=(("product.md", ""), ("product-design.md", ""), ("marketing.md", ""), ("generic.md", "")),
    licence_files=("LICENSE",),
)


def convert(sources: Path) -> Framework:
    """The product, product design and marketing frameworks of ``sources`` (= sources/monzo/)."""
    sources = Path(sources)
    fw = Framework(DESCRIPTION)
    rules = {
        "label": fw.editorial(
            "role-label",
            "Monzo's frameworks give no job titles. pmgraph labels each level '<framework>, level <n>': "
            "<framework> is the page title without its emoji and the word 'Framework' (the page titled "
            "'Product Framework' gives 'Product'), <n> the framework's own level number."),
        "progression": fw.editorial(
            "level-progression",
            "Each framework numbers its levels from 1 up and states no moves. pmgraph reads the numbered "
            "levels as a progression: level n of a framework promotes to level n+1 of the same framework. "
            "This is the level order, not a move the framework states.",
            notation="level order"),
        "track": fw.editorial(
            "track-ic",
            "No level's criteria, and nothing in the repository README, say that a level manages people, so "
            "every level is read as an individual-contributor level. The product design page says so itself "
            "at level 3 (staying an individual contributor) and level 6 (not a manager).",
            notation="track from criteria"),
        "function": fw.editorial(
            "function-from-title",
            "The function is read from the framework's title: 'Product Framework' gives product, 'Product "
            "Design Framework' gives design, 'Marketing Framework' gives marketing.",
            notation="function from title"),
    }
    generic_topics = _generic_topics(sources / GENERIC)
    for name, (original, expected, function) in YAML_FRAMEWORKS.items():
        _yaml_framework(fw, sources / name, original, expected, function, generic_topics, rules)
    for name, (original, expected, function) in MARKDOWN_FRAMEWORKS.items():
        _markdown_framework(fw, sources / name, original, expected, function, rules)
    return fw


# ---------------------------------------------------------------------- the YAML frameworks


def _yaml_framework(fw: Framework, path: Path, original: str, expected: str, function: str,
                    generic_topics: set[str], rules: dict[str, URIRef]) -> None:
    meta, _ = _front_matter(path)
    name = _framework_name(path, meta, expected)
    levels = meta.get("levels")
    if not isinstance(levels, int) or isinstance(levels, bool) or levels < 1:
        raise ValueError(f"{path}: expected 'levels:' to be a whole number of at least 1, found {levels!r}")
    topics = meta.get("topics")
    if not isinstance(topics, list) or not topics:
        raise ValueError(f"{path}: expected 'topics:' to be a non-empty list of topics")
    url = BLOB + original
    prefix = slugify(name)
    page = fw.page(prefix, url, f"{name} Framework")

    needs: dict[int, list[URIRef]] = {n: [] for n in range(1, levels + 1)}
    seen_topics: set[str] = set()
    for index, topic in enumerate(topics, 1):
        if not isinstance(topic, dict):
            raise ValueError(f"{path}: expected topic {index} to be a mapping with name:, title: and content:")
        topic_name, title, content = topic.get("name"), topic.get("title"), topic.get("content")
        if not isinstance(topic_name, str) or not topic_name.strip():
            raise ValueError(f"{path}: expected topic {index} to have a name:")
        if topic_name in seen_topics:
            raise ValueError(f"{path}: topic {topic_name!r} appears twice")
        seen_topics.add(topic_name)
        if topic_name.casefold() in generic_topics:
            raise ValueError(f"{path}: topic {topic_name!r} shares its name with a generic-framework topic, so "
                             "the site would merge the generic criteria into it; this converter does not")
        label = _strip_emoji(title) if isinstance(title, str) else ""
        if not label:
            raise ValueError(f"{path}: expected topic {topic_name!r} to have a title: (it is not a generic topic)")
        if not isinstance(content, list) or not content:
            raise ValueError(f"{path}: expected topic {topic_name!r} to have a non-empty content: list")
        skill = fw.skill(f"skill-{prefix}-{slugify(topic_name)}", label, sources=[page], url=url)
        seen_levels: set[int] = set()
        for entry in content:
            if not isinstance(entry, dict):
                raise ValueError(f"{path}: expected each content entry of topic {topic_name!r} to be a mapping "
                                 "with level: and criteria:")
            level, criteria = entry.get("level"), entry.get("criteria")
            if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= levels:
                raise ValueError(f"{path}: topic {topic_name!r} has level {level!r}; expected 1 to {levels}")
            if level in seen_levels:
                raise ValueError(f"{path}: topic {topic_name!r} gives level {level} twice")
            seen_levels.add(level)
            if criteria is None:
                criteria = []
            if not isinstance(criteria, list) or not all(isinstance(c, str) for c in criteria):
                raise ValueError(f"{path}: topic {topic_name!r}, level {level}: expected criteria: to be a list "
                                 "of strings")
            if any(c.strip() for c in criteria):
                needs[level].append(skill)
    empty = [n for n, skills in needs.items() if not skills]
    if empty:
        raise ValueError(f"{path}: expected criteria at every level 1 to {levels}; none at level(s) {empty}")

    roles = []
    for level in range(1, levels + 1):
        role = fw.role(
            f"{prefix}-level-{level}", f"{name}, level {level}", sources=[page, rules["label"]],
            level=level, level_sources=[page], track="ic", track_sources=[page, rules["track"]],
            function=function, function_sources=[page, rules["function"]], url=url)
        for skill in needs[level]:
            fw.requirement(role, skill, sources=[page])
        roles.append(role)
    for lower, upper in pairwise(roles):
        fw.move(lower, upper, kind="promotion", sources=[page, rules["progression"]])


def _generic_topics(path: Path) -> set[str]:
    meta, _ = _front_matter(path)
    topics = meta.get("topics")
    if not isinstance(topics, list) or not all(isinstance(t, dict) and isinstance(t.get("name"), str)
                                                 for t in topics):
        raise ValueError(f"{path}: expected 'topics:' to be a list of topics with a name:")
    return {t["name"].casefold() for t in topics}


# ---------------------------------------------------------------------- the Markdown framework

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LEVEL = re.compile(r"^Level (\d+)$")
#: wording by which the product design page itself places a level on the individual-contributor track
_IC_WORDING = re.compile(r"individual contributor|not a manager", re.IGNORECASE)


def _markdown_framework(fw: Framework, path: Path, original: str, expected: str, function: str,
                        rules: dict[str, URIRef]) -> None:
    meta, body = _front_matter(path)
    name = _framework_name(path, meta, expected)
    url = BLOB + original
    prefix = slugify(name)

    # level -> [(topic, anchor, text)], in the page's order
    levels: dict[int, tuple[str, list[tuple[str, str, str]]]] = {}
    anchors: dict[str, int] = {}
    current: list[tuple[str, str, str]] | None = None
    for line in body.splitlines():
        match = _HEADING.match(line)
        if not match:
            if line.strip() and line.strip() != "---":
                if not current:
                    raise ValueError(f"{path}: expected text only under a '### <topic>' heading, found {line!r}")
                topic, anchor, sofar = current[-1]
                current[-1] = (topic, anchor, sofar + line.strip() + "\n")
            continue
        depth, heading = len(match.group(1)), match.group(2)
        anchor = github_anchor(heading, anchors)
        if current:
            _check_topic_text(path, current[-1])
        if depth == 2:
            level_match = _LEVEL.match(heading)
            if not level_match:
                raise ValueError(f"{path}: expected '## Level <n>' headings, found {line!r}")
            level = int(level_match.group(1))
            if level != len(levels) + 1:
                raise ValueError(f"{path}: expected level {len(levels) + 1} next, found {line!r}")
            current = []
            levels[level] = (anchor, current)
        elif depth == 3:
            if current is None:
                raise ValueError(f"{path}: expected a '## Level <n>' heading before {line!r}")
            if any(topic == heading for topic, _, _ in current):
                raise ValueError(f"{path}: level {len(levels)} has two '### {heading}' sections")
            current.append((heading, anchor, ""))
        else:
            raise ValueError(f"{path}: expected only '## Level <n>' and '### <topic>' headings, found {line!r}")
    if current:
        _check_topic_text(path, current[-1])
    if not levels:
        raise ValueError(f"{path}: expected '## Level <n>' sections")
    for level, (_, topics) in levels.items():
        if not topics:
            raise ValueError(f"{path}: expected '### <topic>' sections under '## Level {level}'")

    # the skills, each cited to every heading that names it
    pages: dict[tuple[int, str], URIRef] = {}
    by_topic: dict[str, list[URIRef]] = {}
    for level, (_, topics) in levels.items():
        for topic, anchor, _ in topics:
            page = fw.page(f"{prefix}-level-{level}-{slugify(topic)}", f"{url}#{anchor}",
                           f"{name} Framework: Level {level}, {topic}")
            pages[level, topic] = page
            by_topic.setdefault(topic, []).append(page)
    skills = {topic: fw.skill(f"skill-{prefix}-{slugify(topic)}", topic, sources=cited, url=url)
              for topic, cited in by_topic.items()}

    roles = []
    level_pages = []
    for level, (anchor, topics) in levels.items():
        level_page = fw.page(f"{prefix}-level-{level}", f"{url}#{anchor}", f"{name} Framework: Level {level}")
        own_words = [pages[level, topic] for topic, _, words in topics if _IC_WORDING.search(words)]
        role = fw.role(
            f"{prefix}-level-{level}", f"{name}, level {level}", sources=[level_page, rules["label"]],
            level=level, level_sources=[level_page], track="ic",
            track_sources=[level_page, *own_words, rules["track"]],
            function=function, function_sources=[level_page, rules["function"]], url=f"{url}#{anchor}")
        for topic, _, _ in topics:
            fw.requirement(role, skills[topic], sources=[pages[level, topic]])
        roles.append(role)
        level_pages.append(level_page)
    for i in range(len(roles) - 1):
        fw.move(roles[i], roles[i + 1], kind="promotion",
                sources=[level_pages[i], level_pages[i + 1], rules["progression"]])


def _check_topic_text(path: Path, topic: tuple[str, str, str]) -> None:
    if not topic[2].strip():
        raise ValueError(f"{path}: expected text under '### {topic[0]}'")


# ---------------------------------------------------------------------- reading


def _front_matter(path: Path) -> tuple[LMap, str]:
    """The YAML front matter of ``path`` (a mapping) and the Markdown after it, read as ``pmgraph
    import`` reads a progression framework: once, through the bounded YAML loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path}: expected a Monzo framework file here ({error})") from None
    return front_matter(path, text)


def _framework_name(path: Path, meta: LMap, expected: str) -> str:
    """The framework's name: its title without the emoji and the word "Framework"."""
    title = meta.get("title")
    name = re.sub(r"\s+Framework$", "", _strip_emoji(title)) if isinstance(title, str) else ""
    if name != expected:
        raise ValueError(f"{path}: expected the title '{expected} Framework' (after its emoji), found {title!r}")
    return name


def _strip_emoji(text: str) -> str:
    return re.sub(r"^[^\w]+", "", text).strip()


