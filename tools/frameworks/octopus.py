"""Octopus People: the product roles and the product marketing role of Octopus Deploy.

Read from ``sources/octopus/``: ``Product.md`` (a ``##`` section per role, a ``###`` heading per
defining characteristic), ``Marketing.md`` (the Product Marketing Manager, its defining
characteristics as bold lines) and ``Designer.md``, read only to check that it is still just a
link to an external role matrix (so it gives no role).

Each role is a role with the page's own title, each defining characteristic a skill, each (role, characteristic) a
requirement with no proficiency (the pages give none; the README's ratings rate a person, not a
role). The pages state no levels, tracks or moves: the Product Manager -> Senior -> Principal
ladder, the other levels, the tracks and the functions are editorial rules, each cited.

Octopus titles each characteristic with a first-person sentence ("I ... my product area(s)"), and
those sentences are prose: the graph names each skill in pmgraph's own words (``SKILL_NAMES``) and
links to the heading it names; the skill's IRI is still minted from the heading, so it stays stable.
The examples under a heading are prose too and do not carry over.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pmgraph.ladders.spec import slugify

from .base import Description, Framework, github_anchor

if TYPE_CHECKING:
    from rdflib.term import URIRef

__all__ = ["DESCRIPTION", "convert"]

REPOSITORY = "https://github.com/OctopusDeploy/People"
COMMIT = "87c54b601bf719a1ebb41655e092b466e6f77134"
BLOB = REPOSITORY + "/blob/main/"

DESCRIPTION = Description(
    id="octopus",
    title="Octopus People",
    publisher="Octopus Deploy",
    url=REPOSITORY,
    licence="https://spdx.org/licenses/Apache-2.0",
    licence_name="Apache License 2.0",
    attribution="Octopus Deploy People (https://github.com/OctopusDeploy/People), Apache License 2.0; facts "
                "converted by pmgraph, text not reproduced",
    retrieved="2026-11-30",
    repository=REPOSITORY,
    commit=COMMIT,
    files=(("Product.md", ""), ("Marketing.md", ""), ("Designer.md", "")),
    licence_files=("LICENSE",),
)

#: role heading -> (key, level, level rule, track, track rule, function); the rules are keys of ``rules``
ROLES = {
    "Product Manager": ("product-manager", 1, "pm-ladder", "ic", "track-ic", "product"),
    "Senior Product Manager": ("senior-product-manager", 2, "pm-ladder", "ic", "track-ic", "product"),
    "Principal Product Manager": ("principal-product-manager", 3, "pm-ladder", "ic", "track-ic", "product"),
    "Product Operations Manager": ("product-operations-manager", 1, "level-unranked", "ic", "track-ic", "product"),
    "Director of Product": ("director-of-product", 4, "level-director", "management", "track-director", "product"),
    "Product Marketing Manager": ("product-marketing-manager", 1, "level-unranked", "ic", "track-ic", "marketing"),
}
#: the ladder the Product page presents, lowest first
LADDER = ("Product Manager", "Senior Product Manager", "Principal Product Manager")
#: characteristic heading (as the page writes it, without a closing full stop) -> the skill's name in
#: pmgraph's words; a heading missing here stops the conversion (name it, do not copy it)
SKILL_NAMES = {
    # Product.md: Product Manager
    "I discover the needs and problems that matter most to our customer": "Customer problem discovery",
    "I set the direction for my product area(s)": "Setting a product area's direction",
    "I remove barriers to achieve meaningful progress": "Clearing obstacles to progress",
    "I ensure we have achieved the outcome": "Confirming that outcomes are reached",
    "I have become a student of my craft": "Continuous learning in the product craft",
    # Senior Product Manager
    "I build a trusted network that accelerates my ability to find high value opportunities":
        "Trusted network for spotting opportunities",
    "I build advocates for the direction of my product area(s)": "Winning support for a product area's direction",
    "I foster an inclusive team that develops a track record for high quality delivery":
        "Inclusive team with dependable, high-quality delivery",
    "I use customers to tell the story of our work impact": "Telling the impact story through customers",
    "I am a product mentor to others": "Mentoring others in product",
    # Principal Product Manager
    "I develop a deep understanding of the opportunities and barriers to our strategic product direction":
        "Understanding strategic opportunities and obstacles",
    "I create alignment around and momentum towards a strategic product direction":
        "Alignment and momentum behind a strategic direction",
    "I focus teams on the desired outcomes, regularly examining if we should pivot or persist":
        "Outcome focus and pivot-or-persist reviews",
    "I nurture the product mindset across the company": "Growing product thinking company-wide",
    # Product Operations Manager
    "I discover opportunities to improve collaboration between product teams and the business":
        "Finding ways to improve product-business collaboration",
    "I design and implement systems that enable product teams to improve collaboration with teams across the "
    "business": "Systems for collaboration across the business",
    "I ensure teams can access trustworthy, useful data to support decision making and impact tracking":
        "Reliable data for decisions and impact tracking",
    # Director of Product
    "I maintain a view of trends that can help and hinder our ambitions": "Watching trends that help or hinder",
    "I develop the product strategy and align people to our purpose and direction":
        "Product strategy and alignment behind it",
    "I empower our teams to do their best work": "Empowering teams",
    "I evangelise the impact of our investment": "Championing the value of product investment",
    "I nurture the product mindset across my group": "Growing product thinking in the group",
    # Marketing.md: Product Marketing Manager
    "I have an in-depth knowledge of the ethos, patterns and principles of Octopus Deploy and I understand its "
    "benefits for teams and the problems it solves": "Deep knowledge of Octopus Deploy and what it solves",
    "I tell genuine stories that resonate with our audience": "Authentic storytelling for the audience",
    "I ensure we do world-class release launches": "First-rate release launches",
    "I oversee the content we produce, and help shape it so it's right for our audience":
        "Overseeing and shaping content for the audience",
}
#: (role, characteristic heading) cited for a rule besides the role's section
DIRECTOR_GROUP = ("Director of Product", "I nurture the product mindset across my group")
PRINCIPAL_DIRECTORS = ("Principal Product Manager", "I nurture the product mindset across the company")

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*$")
_ALIAS = re.compile(r"^(.*?)\s+\((.+)\)$")


def convert(sources: Path) -> Framework:
    """The product and product marketing roles of ``sources`` (= sources/octopus/)."""
    sources = Path(sources)
    fw = Framework(DESCRIPTION)
    rules = {
        "pm-ladder": fw.editorial(
            "pm-ladder",
            "Product.md presents Product Manager, Senior Product Manager and Principal Product Manager in this "
            "order, one title with rising qualifiers. pmgraph reads them as levels 1, 2 and 3, each promoting to "
            "the next. The page states neither levels nor promotions: this is the order of the levels.",
            notation="level order"),
        "level-unranked": fw.editorial(
            "level-unranked",
            "Product Operations Manager (Product.md) and Product Marketing Manager (Marketing.md) carry no "
            "seniority qualifier and the pages place them in no ladder; pmgraph puts each at level 1, the level "
            "of the unqualified Product Manager. The pages state no level.",
            notation="level of unqualified title"),
        "level-director": fw.editorial(
            "level-director",
            "Product.md states no level for Director of Product. pmgraph places it at level 4, above Principal "
            "Product Manager: the director coaches the product managers in its group (the characteristic named "
            "here 'Growing product thinking in the group'), and the principal helps Product Directors with that "
            "coaching ('Growing product thinking company-wide').",
            notation="level from coaching"),
        "track-ic": fw.editorial(
            "track-ic",
            "The pages state no track. No characteristic of these roles says the role manages people (they "
            "mentor, coach peers, partner with or facilitate teams), so each is read as individual contributor.",
            notation="track from characteristics"),
        "track-director": fw.editorial(
            "track-director",
            "Product.md states no track for Director of Product. Its characteristics speak of 'my group' and of "
            "coaching the product managers in it, which pmgraph reads as leading a group of product managers: "
            "the management track.",
            notation="track from characteristics"),
        "function": fw.editorial(
            "function-from-page",
            "The function is read from the page a role is on: the roles of Product.md ('Product Roles') are "
            "product roles, the role of Marketing.md ('Marketing') a marketing role.",
            notation="function from page"),
    }
    _check_designer(sources / "Designer.md")
    sections = {
        **_roles(sources / "Product.md", "Product Roles", "heading"),
        **_roles(sources / "Marketing.md", "Marketing", "bold"),
    }
    missing = [title for title in ROLES if title not in sections]
    if missing:
        raise ValueError(f"expected a '## {missing[0]}' section in Product.md or Marketing.md")

    # the skills: one per characteristic name, cited to every heading that names it
    pages: dict[tuple[str, str], URIRef] = {}
    by_name: dict[str, list[URIRef]] = {}
    role_pages: dict[str, URIRef] = {}
    for title, (file, heading, anchor, _alias, characteristics) in sections.items():
        key = ROLES[title][0]
        role_pages[title] = fw.page(key, f"{BLOB}{file}#{anchor}", f"Octopus People, {file}: {heading}")
        for name, name_anchor in characteristics:
            if name_anchor is None:  # a bold line: no anchor of its own, cite the role's section
                page = role_pages[title]
            else:
                page = fw.page(f"{key}--{slugify(name)}", f"{BLOB}{file}#{name_anchor}",
                               f"Octopus People, {file}: {title}: {SKILL_NAMES[name]}")
            pages[title, name] = page
            by_name.setdefault(name, [])
            if page not in by_name[name]:
                by_name[name].append(page)
    skills = {name: fw.skill(f"skill-{slugify(name)}", SKILL_NAMES[name], sources=cited)
              for name, cited in by_name.items()}

    from rdflib import Literal
    from rdflib.namespace import SKOS

    roles: dict[str, URIRef] = {}
    for title, (file, _heading, anchor, alias, characteristics) in sections.items():
        key, level, level_rule, track, track_rule, function = ROLES[title]
        page = role_pages[title]
        level_sources = [page, rules[level_rule]]
        if level_rule == "level-director":
            level_sources.insert(1, pages[DIRECTOR_GROUP])
            level_sources.insert(2, pages[PRINCIPAL_DIRECTORS])
        track_sources = [page, rules[track_rule]]
        if track_rule == "track-director":
            track_sources.insert(1, pages[DIRECTOR_GROUP])
        role = fw.role(key, title, sources=[page], level=level, level_sources=level_sources, track=track,
                       track_sources=track_sources, function=function, function_sources=[page, rules["function"]],
                       url=f"{BLOB}{file}#{anchor}")
        if alias:
            fw.cite(role, SKOS.altLabel, Literal(alias, lang="en"), [page])
        for name, _ in characteristics:
            fw.requirement(role, skills[name], sources=[pages[title, name]])
        roles[title] = role
    for lower, upper in pairwise(LADDER):
        fw.move(roles[lower], roles[upper], kind="promotion",
                sources=[role_pages[lower], role_pages[upper], rules["pm-ladder"]])
    return fw


# ---------------------------------------------------------------------- reading

#: title -> (file, heading as written, anchor, alternative name or "", [(characteristic, anchor or None)])
_Sections = dict[str, tuple[str, str, str, str, list[tuple[str, str | None]]]]


def _roles(path: Path, title: str, style: str) -> _Sections:
    """The roles of a page whose ``# title`` is followed by a ``## <role>`` section per role, each
    listing its defining characteristics as ``###`` headings (style "heading") or bold lines ("bold")."""
    lines = _read(path).splitlines()
    found: _Sections = {}
    seen: dict[str, int] = {}
    current: str | None = None
    first = True
    for number, line in enumerate(lines, 1):
        heading = _HEADING.match(line)
        if heading:
            depth, text = len(heading.group(1)), heading.group(2)
            anchor = github_anchor(text, seen)
            if first:
                if depth != 1 or text != title:
                    raise ValueError(f"{path}:{number}: expected the page to open with '# {title}'")
                first = False
            elif depth == 2:
                alias_match = _ALIAS.match(text)
                name, alias = (alias_match.group(1), alias_match.group(2)) if alias_match else (text, "")
                if name not in ROLES:
                    raise ValueError(f"{path}:{number}: unexpected role '## {text}'; expected one of "
                                     f"{', '.join(ROLES)}")
                if name in found:
                    raise ValueError(f"{path}:{number}: role {name!r} appears twice")
                found[name] = (path.name, text, anchor, alias, [])
                current = name
            elif depth == 3 and style == "heading" and current is not None:
                found[current][4].append((_name(text, path, number), anchor))
            else:
                raise ValueError(f"{path}:{number}: unexpected heading {line!r}")
        elif style == "bold" and current is not None and (bold := _BOLD.match(line.strip())):
            found[current][4].append((_name(bold.group(1), path, number), None))
        elif line.strip() and first:
            raise ValueError(f"{path}:{number}: expected the page to open with '# {title}'")
    if not found:
        raise ValueError(f"{path}: expected '## <role>' sections")
    for name, (*_, characteristics) in found.items():
        if not characteristics:
            raise ValueError(f"{path}: expected defining characteristics under '## {name}'")
        names = [n for n, _ in characteristics]
        if len(set(names)) != len(names):
            raise ValueError(f"{path}: a characteristic of {name!r} appears twice")
    return found


def _check_designer(path: Path) -> None:
    """Designer.md is a title and a link to an external matrix; if it grows content, convert it."""
    lines = [line for line in _read(path).splitlines() if line.strip()]
    if (len(lines) != 2 or lines[0].strip() != "# Product Designer"
            or not re.fullmatch(r"See the \[[^\]]+\]\(https?://[^)]+\)\.?", lines[1].strip())):
        raise ValueError(f"{path}: expected only '# Product Designer' and a link to the role matrix; the page "
                         "now has content this converter does not read")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValueError(f"{path}: expected an Octopus People page here ({error})") from None


def _name(text: str, path: Path, number: int) -> str:
    """A characteristic's heading as the page writes it, without a closing full stop; it must have a
    pmgraph name in ``SKILL_NAMES``."""
    name = text.strip().rstrip(".").strip()
    if not name:
        raise ValueError(f"{path}:{number}: empty characteristic {text!r}")
    if name not in SKILL_NAMES:
        raise ValueError(f"{path}:{number}: characteristic {name!r} has no name in tools.frameworks.octopus."
                         "SKILL_NAMES; add one in pmgraph's own words")
    return name


