"""GitLab's product job families and Product Management Career Development Framework (CDF).

The originals are pages of the GitLab Handbook (``sources/gitlab/*.md``, each from its own commit
of ``zalyoung/gitlab-handbook``). The handbook text is not openly licensed, so only facts carry
over — titles, grades, reporting lines, spans of control, next steps, moves into and out of
product management, competency names and the CDF wording read as a proficiency — each cited to its
page and section (handbook anchors: the heading lower-cased, spaces to ``-``, other punctuation
dropped, a repeated heading numbered ``-1``, ``-2``, ...). Nothing of the prose is copied.

Every fact is read from the pages; where the converter relies on a sentence or a table being
there (a grade, a reporting line, a "next step"), it checks for it and raises ``ValueError``
naming the file and what it expected, rather than producing less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import SKOS, Literal, URIRef

from pmgraph.bounded import safe_load

from .base import Description, Framework

__all__ = ["DESCRIPTION", "convert"]

HANDBOOK = "https://handbook.gitlab.com"

#: (file, commit) of each original, as sources/README.md records them.
FILES = (
    ("product-manager.md", "129309be136d9e64bc88d6fdb5f3179653ad1637"),
    ("product-management-leadership.md", "05498ef887779436c67cd13501a62713def0ea15"),
    ("product-leadership.md", "1f1d98bdbf2e18828cb2d50a19aeb6f4afbffc54"),
    ("chief-product-officer.md", "9d13e02ae65ac6b7def63302f849f0f705711a7d"),
    ("product-designer.md", "0170cf455bcf96c53ac4c6e44d9de1382731adb3"),
    ("product-design-management.md", "08aa1870b5e7a96efd0c1128574b8764d8f5afb5"),
    ("product-analyst.md", "1e8ae48f0c0ccf22c23d94831eb8256720c8b43a"),
    ("product-cdf-competencies.md", "1485909a83e72043b9e043f0159b8bdbcdd93ab0"),
    ("LICENSE-repo", "05498ef887779436c67cd13501a62713def0ea15"),
)

#: The public page of each Markdown file (its path on the handbook site).
PATHS = {
    "product-manager.md": "/job-families/product/product-manager/",
    "product-management-leadership.md": "/job-families/product/product-management-leadership/",
    "product-leadership.md": "/job-families/product/product-leadership/",
    "chief-product-officer.md": "/job-families/product/chief-product-officer/",
    "product-designer.md": "/job-families/product/product-designer/",
    "product-design-management.md": "/job-families/product/product-design-management/",
    "product-analyst.md": "/job-families/product/product-analyst/",
    "product-cdf-competencies.md": "/handbook/product/product-management/product-cdf-competencies/",
}

DESCRIPTION = Description(
    id="gitlab",
    title="GitLab product job families and product management career development framework",
    publisher="GitLab Inc. (GitLab Handbook)",
    url=f"{HANDBOOK}/job-families/product/",
    licence="https://handbook.gitlab.com/handbook/about/",
    licence_name="facts only, with a link (the GitLab handbook text is not openly licensed)",
    attribution="Facts from the GitLab Handbook (https://handbook.gitlab.com/), linked per value; "
                "the handbook text is not reproduced.",
    retrieved="2026-11-30",
    repository="https://github.com/zalyoung/gitlab-handbook",
    commit="",
    files=FILES,
    licence_files=("LICENSE-repo",),
)

PM, PML, PL, CPO = ("product-manager.md", "product-management-leadership.md", "product-leadership.md",
                    "chief-product-officer.md")
PD, PDM, PA, CDF = ("product-designer.md", "product-design-management.md", "product-analyst.md",
                    "product-cdf-competencies.md")


# ---------------------------------------------------------------------------------- the pages


def anchor(heading: str) -> str:
    """The handbook's anchor for a heading: lower case, spaces to '-', other punctuation dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("*", "").replace("`", "")
    return "".join("-" if c == " " else c for c in text.lower() if c.isalnum() or c in " -_")


@dataclass(frozen=True)
class Section:
    level: int  #: 1-6 for '#'-'######'; 0 for the whole page
    title: str
    anchor: str  #: "" for the whole page
    start: int  #: index of the heading line (-1 for the whole page)
    end: int  #: index of the next heading at this level or above


class Page:
    """A handbook page: its front matter title, its headings (with anchors) and its lines."""

    _HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")

    def __init__(self, folder: Path, name: str) -> None:
        path = folder / name
        if not path.is_file():
            raise ValueError(f"{path}: missing (the GitLab converter reads {', '.join(PATHS)})")
        self.name, self.path, self.url = name, path, HANDBOOK + PATHS[name]
        text = path.read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        if not front:
            raise ValueError(f"{path}: expected YAML front matter between '---' lines")
        meta = safe_load(front.group(1), file=str(path))  # within the limits of untrusted YAML, like every reader
        if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
            raise ValueError(f"{path}: expected a 'title' in the front matter")
        self.title: str = meta["title"].strip()
        self.lines = text[front.end():].split("\n")
        found: list[tuple[int, str, str, int]] = []
        seen: dict[str, int] = {}
        for i, line in enumerate(self.lines):
            m = self._HEADING.match(line)
            if m:
                title = m.group(2).strip()
                base = anchor(title)
                slug, n = base, seen.get(base, 0)
                while slug in seen:  # a repeated heading gets -1, -2, ... (the first keeps the bare anchor)
                    n += 1
                    slug = f"{base}-{n}"
                seen[base] = n
                seen.setdefault(slug, 0)
                found.append((len(m.group(1)), title, slug, i))
        self.sections = []
        for k, (level, title, slug, i) in enumerate(found):
            end = next((j for lv, _, _, j in found[k + 1:] if lv <= level), len(self.lines))
            self.sections.append(Section(level, title, slug, i, end))
        self.whole = Section(0, self.title, "", -1, len(self.lines))

    def fail(self, what: str, section: Section | None = None) -> ValueError:
        where = f" (section '{section.title}', #{section.anchor})" if section and section.anchor else ""
        return ValueError(f"{self.path}{where}: expected {what}")

    def inside(self, section: Section) -> list[Section]:
        return [s for s in self.sections if section.start < s.start < section.end]

    def find(self, *titles: str, within: Section | None = None) -> Section:
        """The section reached by the heading titles, each the one heading of that title inside the last."""
        current = within or self.whole
        for title in titles:
            hits = [s for s in self.inside(current) if s.title == title]
            if len(hits) != 1:
                raise self.fail(f"exactly one heading '{title}' (found {len(hits)})", current)
            current = hits[0]
        return current

    def label(self, section: Section) -> str:
        """The heading's title after its parent heading's ("Senior Product Manager > Job Grade")."""
        parents = [s for s in self.sections if s.start < section.start < s.end and s.level < section.level]
        return f"{parents[-1].title} > {section.title}" if parents else section.title

    def by_anchor(self, slug: str) -> Section:
        hits = [s for s in self.sections if s.anchor == slug]
        if len(hits) != 1:
            raise self.fail(f"a heading with anchor #{slug}")
        return hits[0]

    def children(self, section: Section) -> list[Section]:
        """The headings directly inside ``section`` (one level down from its nearest level)."""
        inner = self.inside(section)
        if not inner:
            return []
        top = min(s.level for s in inner)
        return [s for s in inner if s.level == top]

    def body(self, section: Section) -> str:
        return "\n".join(self.lines[section.start + 1:section.end])

    def intro(self, section: Section) -> str:
        """The text of ``section`` before its first subheading."""
        inner = self.inside(section)
        stop = inner[0].start if inner else section.end
        return "\n".join(self.lines[section.start + 1:stop])

    def expect(self, section: Section, pattern: str, what: str, *, intro: bool = False) -> re.Match[str]:
        text = self.intro(section) if intro else self.body(section)
        m = re.search(pattern, text, re.DOTALL)
        if not m:
            raise self.fail(what, section)
        return m

    def table(self, section: Section) -> list[list[str]]:
        """The first Markdown table in ``section``: its rows (header first, rule row dropped), cells stripped."""
        rows, started = [], False
        for line in self.body(section).split("\n"):
            if line.lstrip().startswith("|"):
                started = True
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
            elif started:
                break
        if len(rows) < 2:
            raise self.fail("a Markdown table", section)
        return rows


# ------------------------------------------------------------------------------ the roles


@dataclass(frozen=True)
class RoleSpec:
    key: str
    label: str
    family: str  #: a key of FAMILIES
    places: tuple[tuple[str, tuple[str, ...]], ...]  #: (file, heading titles) of each section that describes it
    synonyms: tuple[str, ...] = ()
    track: str | None = None  #: only where it differs from the family's (see the track rule)
    function: str | None = None  #: likewise


#: job family: (name, track, function, the heading titles under which its levels are listed, in order)
FAMILIES: dict[str, tuple[str, str, str, tuple[str, tuple[str, ...]]]] = {
    "pm": ("Product Manager", "ic", "product", (PM, ("Career paths",))),
    "pml": ("Product Management - Leadership", "management", "product", (PML, ("Levels",))),
    "pl": ("Product Leadership Team", "executive", "product", (PL, ("Roles",))),
    "cpo": ("Chief Product Officer", "executive", "product", (CPO, ())),
    "pd": ("Product Designer", "ic", "design", (PD, ("Levels",))),
    "pdm": ("Product Design Management", "management", "design", (PDM, ())),
    "pa": ("Product Analyst", "ic", "data", (PA, ("Career paths", "Job Grades"))),
}

ROLES = (
    RoleSpec("product-manager", "Product Manager", "pm", ((PM, ("Career paths", "Product Manager")),)),
    RoleSpec("senior-product-manager", "Senior Product Manager", "pm",
             ((PM, ("Career paths", "Senior Product Manager")),)),
    RoleSpec("principal-product-manager", "Principal Product Manager", "pm",
             ((PM, ("Career paths", "Principal Product Manager")),)),
    RoleSpec("senior-principal-product-manager", "Senior Principal Product Manager", "pm",
             ((PM, ("Career paths", "Senior Principal Product Manager")),)),
    RoleSpec("group-manager-product", "Group Manager, Product", "pml",
             ((PML, ("Levels", "Group Manager, Product (GMP)")),), synonyms=("GMP",)),
    RoleSpec("director-of-product-management", "Director of Product Management", "pml",
             ((PML, ("Levels", "Director of Product Management")),)),
    RoleSpec("senior-director-of-product-management", "Senior Director of Product Management", "pml",
             ((PML, ("Levels", "Senior Director of Product Management")),
              (PL, ("Roles", "Senior Director of Product Management")))),
    RoleSpec("vice-president-of-ux", "Vice President of UX", "pl", ((PL, ("Roles", "Vice President of UX")),),
             synonyms=("VP of UX",), function="design"),
    RoleSpec("vp-of-product-management", "VP of Product Management", "pl",
             ((PL, ("Roles", "VP of Product Management")),)),
    RoleSpec("chief-of-staff-product", "Chief of Staff, Product", "pl", ((PL, ("Roles", "Chief of Staff, Product")),)),
    RoleSpec("chief-product-officer", "Chief Product Officer", "cpo", ((CPO, ()),)),
    RoleSpec("product-designer", "Product Designer", "pd", ((PD, ("Levels", "Product Designer")),)),
    RoleSpec("senior-product-designer", "Senior Product Designer", "pd",
             ((PD, ("Levels", "Senior Product Designer")),)),
    RoleSpec("staff-product-designer", "Staff Product Designer", "pd", ((PD, ("Levels", "Staff Product Designer")),)),
    RoleSpec("principal-product-designer", "Principal Product Designer", "pd",
             ((PD, ("Levels", "Principal Product Designer")),)),
    RoleSpec("product-design-manager", "Product Design Manager", "pdm", ((PDM, ("Product Design Manager",)),)),
    RoleSpec("senior-manager-of-product-design", "Senior Manager of Product Design", "pdm",
             ((PDM, ("Senior Manager of Product Design",)),)),
    RoleSpec("director-of-product-design", "Director of Product Design", "pdm",
             ((PDM, ("Director of Product Design",)),)),
    RoleSpec("senior-director-of-product-design", "Senior Director of Product Design", "pdm",
             ((PDM, ("Senior Director of Product Design",)),)),
    RoleSpec("product-analyst", "Product Analyst", "pa",
             ((PA, ("Career paths", "Job Grades", "Product Analyst (Intermediate)")),),
             synonyms=("Product Analyst (Intermediate)",)),
    RoleSpec("senior-product-analyst", "Senior Product Analyst", "pa",
             ((PA, ("Career paths", "Job Grades", "Senior Product Analyst")),)),
    RoleSpec("staff-product-analyst", "Staff Product Analyst", "pa",
             ((PA, ("Career paths", "Job Grades", "Staff Product Analyst")),)),
    RoleSpec("manager-product-data-insights", "Manager, Product Data Insights", "pa",
             ((PA, ("Career paths", "Job Grades", "Manager, Product Data Insights")),), track="management"),
    RoleSpec("senior-manager-product-data-insights", "Senior Manager, Product Data Insights", "pa",
             ((PA, ("Career paths", "Job Grades", "Senior Manager, Product Data Insights")),), track="management"),
)

#: Checks behind the track exceptions: (role key, file, heading titles, pattern the section must contain).
TRACK_EVIDENCE = (
    ("manager-product-data-insights", PA, ("Career paths", "Job Grades", "Manager, Product Data Insights"),
     r"\*\*Manage a small team of ICs"),
    ("senior-manager-product-data-insights", PA,
     ("Career paths", "Job Grades", "Senior Manager, Product Data Insights"), r"\*\*Lead a team of ICs and Managers"),
)

#: The disciplines the Product Manager page names in its moves into and out of product management:
#: bold name -> role key (a minimal role below, or a role of a job family).
MOVES_INTO = {"Engineering": "engineer", "UX": "senior-product-designer", "Engineering Manager": "engineering-manager",
              "QA/QE": "quality-engineer", "Product Marketing": "product-marketer",
              "Customer Success": "customer-success"}
MOVES_OUT = {"Engineering Leadership": "engineering-leader", "Product Marketing": "product-marketer",
             "Customer Success": "customer-success", "General Management": "general-manager"}
#: minimal roles: key -> (label, track, function)
DISCIPLINE_ROLES = {
    "engineer": ("Engineer (GitLab engineering)", "ic", "engineering"),
    "engineering-manager": ("Engineering Manager (GitLab engineering)", "management", "engineering"),
    "quality-engineer": ("QA/QE", "ic", "engineering"),
    "product-marketer": ("Product Marketer (GitLab product marketing)", "ic", "marketing"),
    "customer-success": ("Customer Success", "ic", "operations"),
    "engineering-leader": ("Engineering Leader (GitLab engineering leadership)", "management", "engineering"),
    "general-manager": ("General Manager (GitLab general management)", "management", "general management"),
}
#: The titles a discipline's bullet names (its label is the bullet's name, as GitLab writes it).
DISCIPLINE_TITLES = {
    "quality-engineer": ("Quality Engineer",),
    "customer-success": ("Customer Success Manager", "Solutions Architect", "Lead Support Tech"),
}
#: the Chief Product Officer page's opening names the CEO as the CPO's manager (checked)
CEO_EVIDENCE = r"The Chief Product Officer reports to our CEO"
#: the moves into product management name "Product Designers" under UX (checked)
UX_EVIDENCE = r"Product Designers"

#: The CDF's short titles -> role keys (see the editorial rule cdf-short-titles).
SHORT_TITLES = {"PM": "product-manager", "Senior PM": "senior-product-manager",
                "Principal PM": "principal-product-manager", "Senior Principal PM": "senior-principal-product-manager",
                "Group Manager": "group-manager-product", "Director": "director-of-product-management",
                "Senior Director": "senior-director-of-product-management", "VP": "vp-of-product-management"}

#: Reporting lines: (file, heading titles, subjects, managers, pattern the section's text must contain).
#: The designer pages name "a Product Designer" / "Product Designers" as reporting to the Product Design
#: Manager: read for the role of that title only (the Principal Product Designer, grade 9, is above the
#: Product Design Manager's grade 8, so the statement is not extended to every level).
REPORTS = (
    (PM, ("Career paths", "Senior Principal Product Manager"), ("senior-principal-product-manager",),
     ("director-of-product-management",), r"will report to a Director of Product Management"),
    (PML, ("Levels", "Group Manager, Product (GMP)"), ("group-manager-product",),
     ("director-of-product-management", "senior-director-of-product-management", "vp-of-product-management"),
     (r"reports either to a \[Director of Product\]\(#director-of-product-management\),\s*a \[Senior Director of "
      r"Product Management\]\(#senior-director-of-product-management\) or the \[VP of Product Management\]")),
    (PML, ("Levels", "Director of Product Management"), ("director-of-product-management",),
     ("senior-director-of-product-management", "vp-of-product-management"),
     (r"reports to either a \[Senior Director of Product Management\]\(#senior-director-of-product-management\) "
      r"or the \[VP of Product Management\]")),
    (PML, ("Levels", "Senior Director of Product Management"), ("senior-director-of-product-management",),
     ("vp-of-product-management",), r"reports to the \[VP of Product Management\]"),
    (PL, ("Roles", "Vice President of UX"), ("vice-president-of-ux",), ("chief-product-officer",),
     r"VP of UX \(User Experience\) reports to the Chief Product Officer"),
    (PL, ("Roles", "Vice President of UX"), ("director-of-product-design",), ("vice-president-of-ux",),
     r"Directors of Product Design, [^.]*report to the VP of UX"),
    (PL, ("Roles", "VP of Product Management"), ("vp-of-product-management",), ("chief-product-officer",),
     r"reports to the \[Chief Product Officer\]"),
    (PL, ("Roles", "Senior Director of Product Management"), ("senior-director-of-product-management",),
     ("chief-product-officer",), r"reports to the \[Chief Product Officer\]"),
    (PL, ("Roles", "Chief of Staff, Product"), ("chief-of-staff-product",), ("chief-product-officer",),
     r"reporting directly to the CPO"),
    (CPO, (), ("chief-product-officer",), ("chief-executive-officer",), CEO_EVIDENCE),
    (PD, ("Product Design Roles at GitLab",), ("product-designer",), ("product-design-manager",),
     r"A Product Designer reports to a \[Product Design Manager\]"),
    (PDM, ("Product Design Manager",), ("product-design-manager",), ("senior-manager-of-product-design",),
     r"Product Design Manager reports to the Senior Manager of Product Design"),
    (PDM, ("Product Design Manager",), ("product-designer",), ("product-design-manager",),
     r"Product Designers report to the Product Design Manager"),
    (PDM, ("Senior Manager of Product Design",), ("senior-manager-of-product-design",),
     ("director-of-product-design",), r"Senior Manager of Product Design reports to the Director of Product Design"),
    (PDM, ("Senior Manager of Product Design",), ("product-design-manager",), ("senior-manager-of-product-design",),
     r"the Product Design Manager reports to the Senior Manager of Product Design"),
    (PDM, ("Director of Product Design",), ("director-of-product-design",), ("vice-president-of-ux",),
     r"Director of Product Design reports to the VP of UX"),
    (PDM, ("Director of Product Design",), ("product-design-manager", "senior-manager-of-product-design"),
     ("director-of-product-design",),
     r"Product Design Manager and Senior Manager of Product Design report to the Director of Product Design"),
    (PDM, ("Senior Director of Product Design",), ("senior-director-of-product-design",), ("vice-president-of-ux",),
     r"Senior Director of Product Design reports to the VP of UX"),
    (PDM, ("Senior Director of Product Design",), ("director-of-product-design", "senior-manager-of-product-design"),
     ("senior-director-of-product-design",),
     r"Director and Senior Manager of Product Design report to the Senior Director of Product Design"),
)

#: Spans of control: (file, heading titles, role, pattern with the two numbers as groups 1 and 2).
SPANS = (
    (PML, ("Levels", "Group Manager, Product (GMP)"), "group-manager-product",
     r"typically manages (\d+)-(\d+) Product Managers"),
    (PML, ("Levels", "Director of Product Management"), "director-of-product-management",
     r"typically manages (\d+)-(\d+) direct reports"),
    (PML, ("Levels", "Senior Director of Product Management"), "senior-director-of-product-management",
     r"typically manages (\d+)-(\d+) direct reports"),
    (PL, ("Roles", "Senior Director of Product Management"), "senior-director-of-product-management",
     r"typically manages (\d+)-(\d+) direct reports"),
    (PL, ("Roles", "VP of Product Management"), "vp-of-product-management",
     r"typically manages (\d+)-(\d+) direct reports"),
    (PL, ("Roles", "VP of Product Management", "VP of Product Management - Responsibilities"),
     "vp-of-product-management", r"Manage a team of (\d+)-(\d+) Product Directors"),
)

#: "Next step" sentences: (file, heading titles of the career-ladder section, from role).
NEXT_STEPS = (
    (PML, ("Levels", "Group Manager, Product (GMP)", "Group Manager, Product (GMP) - Career Ladder"),
     "group-manager-product"),
    (PML, ("Levels", "Director of Product Management", "Director of Product Management - Career Ladder"),
     "director-of-product-management"),
    (PML, ("Levels", "Senior Director of Product Management", "Senior Director of Product Management - Career Ladder"),
     "senior-director-of-product-management"),
    (PL, ("Roles", "Senior Director of Product Management", "Senior Director of Product Management - Career Ladder"),
     "senior-director-of-product-management"),
)

#: Families whose levels follow one another (rule level-order), with the pattern of an "extends" statement.
ORDERED_FAMILIES = ("pm", "pd", "pdm", "pa")
EXTENDS = (r"The (?P<role>[^.]+?) role extends the (?P<base>[^.]+?) role\b",
           r"Everything in the (?P<base>[^.]+?) role, plus")

#: CDF reading of level wording (rule proficiency-from-cdf-wording): sentence opening -> proficiency.
PROFICIENCY_OPENINGS = (
    (r"(?:Actively )?[Mm]entors\b[^.]*\bcoach", "authority"),
    (r"Expert (?:at|in)\b", "expert"),
    (r"Skilled (?:at|in)\b", "practitioner"),
    (r"Adept (?:at|in)\b", "working"),
)
RANK = {"working": 2, "practitioner": 3, "expert": 4, "authority": 5}


def proficiency_of(cell: str) -> str | None:
    """The proficiency a CDF cell's wording gives by the rule, or None."""
    best = None
    for sentence in re.split(r"(?<=[.!?])\s+", cell.strip()):
        for pattern, level in PROFICIENCY_OPENINGS:
            if re.match(pattern, sentence.strip()) and (best is None or RANK[level] > RANK[best]):
                best = level
    return best


# ------------------------------------------------------------------------------ converting


class _Converter:
    def __init__(self, sources: Path) -> None:
        sources = Path(sources)
        if not sources.is_dir():
            raise ValueError(f"{sources}: expected the folder of the GitLab originals")
        for name, _ in FILES:
            if not (sources / name).is_file():
                raise ValueError(f"{sources / name}: missing (listed in the GitLab converter's FILES)")
        self.pages = {name: Page(sources, name) for name in PATHS}
        self.fw = Framework(DESCRIPTION)
        self.sources: dict[str, URIRef] = {}
        self.urls: dict[URIRef, str] = {}
        self.roles: dict[str, URIRef] = {}
        self.levels: dict[str, int] = {}
        self.tracks: dict[str, str] = {}
        self.family_of: dict[str, str] = {}
        self.specs = {spec.key: spec for spec in ROLES}

    # ---------------------------------------------------------------- citing

    def src(self, name: str, section: Section | None = None) -> URIRef:
        page = self.pages[name]
        section = section or page.whole
        key = name.removesuffix(".md") + (f"--{section.anchor}" if section.anchor else "")
        if key not in self.sources:
            url = page.url + (f"#{section.anchor}" if section.anchor else "")
            title = f"GitLab Handbook, {page.title}" + (f": {page.label(section)}" if section.anchor else "")
            node = self.fw.page(key, url, title)
            self.sources[key], self.urls[node] = node, url
        return self.sources[key]

    def at(self, name: str, titles: tuple[str, ...]) -> Section:
        return self.pages[name].find(*titles) if titles else self.pages[name].whole

    # ---------------------------------------------------------------- editorial rules

    def editorials(self, offset: int, lowest: int, entry: str, top_grade: int, cpo_level: int,
                   pm_level: int) -> None:
        e = self.fw.editorial
        self.e_level = e("level-from-grade", (
            "A role's level is its GitLab job grade as its page states it, shifted so that the lowest grade on "
            f"these pages ({lowest}: {entry}) is level 1: level = "
            f"grade - {offset}. Grade order is kept, so roles of one grade in different job families share a level."),
            notation="grade to level")
        self.e_cpo = e("level-chief-product-officer", (
            "The Chief Product Officer page states no grade. The VP of Product Management and the Vice President "
            f"of UX (grade {top_grade}, the highest grade on these pages) report to the Chief Product Officer, "
            f"so it is placed one level above them, at level {cpo_level}."),
            notation="level from reporting line")
        self.e_disc = e("moves-into-and-out-of-product-management", (
            "The Product Manager page names the disciplines people come from into product management, and those "
            "Product Managers go on to, without a level or grade. Each is modelled as a lateral move between the "
            f"Product Manager role (first level of that job family, level {pm_level}) and one role for the named "
            "discipline at the same level: a minimal role labelled by the page's name for the discipline, except "
            "UX, whose named role (Product Designer) is a GitLab job family; its level at the same grade, Senior "
            "Product Designer, is used."),
            notation="discipline moves")
        self.e_track = e("track-from-job-family", (
            "Track follows the job family: Product Manager, Product Designer and Product Analyst levels are "
            "individual contributors; Product Management - Leadership and Product Design Management levels are "
            "management; Product Leadership Team roles and the Chief Product Officer are executive. Exceptions: the "
            "Manager and Senior Manager, Product Data Insights levels of the Product Analyst family are management "
            "(their expectations are headed by managing a team); the Senior Director of Product Management, on both "
            "leadership pages, is management because both pages' career-ladder sections put it in the Product "
            "Management - Leadership job family. Discipline roles of the moves into and out of product management "
            "are management when the discipline is a manager, leadership or general-management one."),
            notation="track from job family")
        self.e_function = e("function-from-job-family", (
            "Function follows the job family: the Product Manager, Product Management - Leadership, Product "
            "Leadership Team and Chief Product Officer pages are product; Product Designer and Product Design "
            "Management are design, as is the Vice President of UX, to whom the Directors of Product Design "
            "report; Product Analyst is data. Discipline roles: Engineering, Engineering Manager, QA/QE and "
            "Engineering Leadership are engineering, Product Marketing is marketing, General Management is "
            "general management, and Customer Success is operations (pmgraph has no customer-facing function)."),
            notation="function from job family")
        self.e_order = e("level-order", (
            "Where a job family page lists its levels in ascending grade without a stated next step, each level "
            "is read as the next step from the level listed before it; where the page says a level extends (or "
            "includes everything in) another level, that level is its step before instead, so Staff Product "
            "Analyst and Manager, Product Data Insights both follow Senior Product Analyst."),
            notation="level order")
        self.e_kind = e("move-kinds", (
            "A move's kind is read from its two roles: lateral when it crosses job families or disciplines at "
            "the same level; otherwise into-executive when it enters the executive track, ic-to-management from "
            "individual contributor to management, and else a promotion within the track."),
            notation="move kind from levels")
        self.e_short = e("cdf-short-titles", (
            "The CDF names levels by short titles: PM, Senior PM, Principal PM and Senior Principal PM (its columns "
            "link to those Product Manager sections), and Group Manager, Director, Senior Director and VP (linked "
            "to the Product Management - Leadership page). They are read as the Group Manager, Product, Director of "
            "Product Management, Senior Director of Product Management and VP of Product Management roles."))
        self.e_names = e("competency-names", (
            "The fourth competency is named 'Aligning Teams with HPT' in the individual-contributor CDF and "
            "'Aligning Teams with Values' in the leadership CDF and in the Product Manager page's example-behaviour "
            "headings, to which the individual-contributor CDF table links; the two names are read as one "
            "competency."))
        self.e_prof = e("proficiency-from-cdf-wording", (
            "A CDF role-expectation cell is read as a proficiency from the words opening its sentences: 'Adept "
            "at/in' is working, 'Skilled at/in' practitioner, 'Expert at/in' expert, and 'Mentors' with coaching "
            "of others authority. The cell takes the highest level that any of its sentences opens with; a cell "
            "with none of these openings has no proficiency. Other wording ('Capable of', 'Familiar', 'Excellent "
            "at', 'Proficient at', 'Recognized as') is not read."),
            notation="CDF wording")

    # ---------------------------------------------------------------- roles

    def grade_of(self, name: str, section: Section) -> tuple[int, Section]:
        page = self.pages[name]
        heads = [s for s in page.inside(section) if s.title.endswith("Job Grade")]
        if len(heads) != 1:
            raise page.fail("one 'Job Grade' heading", section)
        m = page.expect(heads[0], r"is an? \[grade (\d+)\]", "'is a [grade N]'")
        return int(m.group(1)), heads[0]

    def build_roles(self) -> None:
        fw = self.fw
        grades: dict[str, tuple[int, list[URIRef]]] = {}
        for spec in ROLES:
            found = []
            for name, titles in spec.places:
                if spec.family == "cpo":
                    if re.search(r"\[grade \d+\]", self.pages[name].body(self.pages[name].whole)):
                        raise self.pages[name].fail("no grade (the converter places the CPO by the level rule)")
                    continue
                found.append((name, *self.grade_of(name, self.at(name, titles))))
            if found:
                values = {g for _, g, _ in found}
                if len(values) != 1:
                    files = ", ".join(str(self.pages[n].path) for n, _ in spec.places)
                    raise ValueError(f"{files}: expected one grade for {spec.label}, found {sorted(values)}")
                grades[spec.key] = (values.pop(), [self.src(n, s) for n, _, s in found])
        lowest = min(g for g, _ in grades.values())
        offset = lowest - 1
        top = max(g for g, _ in grades.values())
        cpo_level = top - offset + 1
        pm_level = grades["product-manager"][0] - offset
        vp_grades = {grades[k][0] for k in ("vice-president-of-ux", "vp-of-product-management")}
        if vp_grades != {top}:
            raise ValueError(f"{self.pages[PL].path}: expected both VPs at the highest grade {top} (the Chief Product "
                             f"Officer is placed above them), found {sorted(vp_grades)}")
        entry = " and ".join(self.specs[k].label for k, (g, _) in grades.items() if g == lowest)
        self.editorials(offset, lowest, entry, top, cpo_level, pm_level)

        for _key, name, titles, pattern in TRACK_EVIDENCE:
            self.pages[name].expect(self.at(name, titles), pattern, f"the management wording {pattern!r}")

        for spec in ROLES:
            _, family_track, family_function, _ = FAMILIES[spec.family]
            sources = [self.src(name, self.at(name, titles)) for name, titles in spec.places]
            for synonym in spec.synonyms:
                if not any(synonym in (self.at(n, t).title + "\n" + self.pages[n].intro(self.at(n, t)))
                           for n, t in spec.places):
                    raise self.pages[spec.places[0][0]].fail(f"the name '{synonym}' for {spec.label}")
            if spec.key in grades:
                grade, grade_sources = grades[spec.key]
                level, level_sources = grade - offset, [*grade_sources, self.e_level]
            else:
                vps = [self.src(PL, self.at(PL, ("Roles", title)))
                       for title in ("Vice President of UX", "VP of Product Management")]
                grade, level, level_sources = None, cpo_level, [*sources, *vps, self.e_cpo]
            track = spec.track or family_track
            track_sources = [*sources, self.e_track]
            if spec.key == "senior-director-of-product-management":
                track_sources = [*self.senior_director_family(), self.e_track]
            node = fw.role(spec.key, spec.label, sources=sources, level=level, level_sources=level_sources,
                           track=track, track_sources=track_sources, function=spec.function or family_function,
                           function_sources=[*sources, self.e_function], url=self.urls[sources[0]],
                           synonyms=spec.synonyms)
            if grade is not None:
                fw.grade(node, str(grade), grades[spec.key][1])
            self.roles[spec.key], self.levels[spec.key], self.tracks[spec.key] = node, level, track
            self.family_of[spec.key] = spec.family
        self.build_chief_executive(cpo_level)

    def build_chief_executive(self, cpo_level: int) -> None:
        """The CEO, named by the Chief Product Officer page as the CPO's manager: a minimal role, as
        for the disciplines, one level above the CPO (see the rule chief-executive-officer)."""
        page = self.pages[CPO]
        page.expect(page.whole, CEO_EVIDENCE, "the CPO's reporting line to the CEO", intro=True)
        sources = [self.src(CPO, page.whole)]
        rule = self.fw.editorial("chief-executive-officer", (
            "GitLab's originals have no page for the Chief Executive Officer; the Chief Product Officer page names "
            "the CEO as the one the CPO reports to. pmgraph adds a minimal role for it, one level above the Chief "
            f"Product Officer (level {cpo_level + 1}), on the executive track, in general management."),
            notation="level from reporting line")
        key = "chief-executive-officer"
        self.roles[key] = self.fw.role(
            key, "Chief Executive Officer (GitLab)", sources=sources, level=cpo_level + 1,
            level_sources=[*sources, rule], track="executive", track_sources=[*sources, rule],
            function="general management", function_sources=[*sources, rule], url=self.urls[sources[0]])
        self.levels[key], self.tracks[key], self.family_of[key] = cpo_level + 1, "executive", "ceo"

    def senior_director_family(self) -> list[URIRef]:
        """Both pages' career-ladder sections put the Senior Director in the PM Leadership job family (checked)."""
        found = []
        for name, titles, key in NEXT_STEPS:
            if key == "senior-director-of-product-management":
                section = self.at(name, titles)
                self.pages[name].expect(section, r"next step in the Product Management Leadership job family",
                                        "the Product Management Leadership job family named as its own")
                found.append(self.src(name, section))
        return found

    # ---------------------------------------------------------------- facts between roles

    def resolve_name(self, name: str, family: str, page: Page, section: Section) -> str:
        name = name.strip()
        for spec in ROLES:
            if spec.family != family:
                continue
            noun = FAMILIES[family][0]
            if name in (spec.label, spec.label.removesuffix(" " + noun).strip()) or name + " " + noun == spec.label:
                return spec.key
        raise page.fail(f"'{name}' to name a level of the {FAMILIES[family][0]} job family", section)

    def build_reporting(self) -> None:
        for name, titles, subjects, managers, pattern in REPORTS:
            page, section = self.pages[name], self.at(name, titles)
            page.expect(section, pattern, f"the reporting line {pattern!r}", intro=True)
            sources = [self.src(name, section)]
            for subject in subjects:
                for manager in managers:
                    self.fw.reports_to(self.roles[subject], self.roles[manager], sources)
        # The CDF's typical reporting structure of the individual-contributor levels.
        page = self.pages[CDF]
        section = page.find("Supporting a Product Manager's Career", "Typical Requirements for Promotions")
        rows = page.table(section)
        header = [re.sub(r"\*", "", c) for c in rows[0]]
        row = next((r for r in rows if re.sub(r"\*", "", r[0]) == "Typical Reporting Structure"), None)
        if row is None or len(row) != len(header) or len(header) < 2:
            raise page.fail("a 'Typical Reporting Structure' row with a cell per level", section)
        sources = [self.src(CDF, section), self.e_short]
        for title, cell in zip(header[1:], row[1:]):
            if title not in SHORT_TITLES:
                raise page.fail(f"a known level title, not '{title}'", section)
            m = re.fullmatch(r"Reports to an? (.+)", cell)
            if not m:
                raise page.fail(f"'Reports to ...' for {title}", section)
            for manager in re.split(r",\s*(?:or\s+)?|\s+or\s+", m.group(1)):
                if manager not in SHORT_TITLES:
                    raise page.fail(f"a known manager title, not '{manager}'", section)
                self.fw.reports_to(self.roles[SHORT_TITLES[title]], self.roles[SHORT_TITLES[manager]], sources)
        self.promotion_levels = [SHORT_TITLES[t] for t in header[1:]]
        self.promotion_section = section

    def build_spans(self) -> None:
        spans: dict[str, tuple[tuple[int, int], list[URIRef]]] = {}
        for name, titles, key, pattern in SPANS:
            section = self.at(name, titles)
            m = self.pages[name].expect(section, pattern, f"a span of control {pattern!r}")
            value = (int(m.group(1)), int(m.group(2)))
            if key in spans and spans[key][0] != value:
                raise self.pages[name].fail(f"the same span for {key} as elsewhere ({spans[key][0]})", section)
            spans.setdefault(key, (value, []))[1].append(self.src(name, section))
        for key, ((low, high), sources) in spans.items():
            self.fw.span(self.roles[key], low, high, sources)

    def kind(self, source: str, target: str) -> str:
        s, t = self.tracks[source], self.tracks[target]
        if self.family_of[source] != self.family_of[target] and self.levels[source] == self.levels[target]:
            return "lateral"
        if t == "executive" and s != "executive":
            return "into-executive"
        if s == "ic" and t == "management":
            return "ic-to-management"
        return "promotion"

    def move(self, source: str, target: str, sources: list[URIRef]) -> None:
        kind = self.kind(source, target)
        if kind != "lateral" and self.levels[target] <= self.levels[source]:
            raise ValueError(f"{self.pages[PM].path.parent}: expected the {kind} {source} -> {target} "
                             f"to go up a level (grades give {self.levels[source]} -> {self.levels[target]})")
        self.fw.move(self.roles[source], self.roles[target], kind=kind, sources=sources,
                     kind_sources=[*sources, self.e_kind])

    def build_moves(self) -> None:
        # stated next steps
        for name, titles, source in NEXT_STEPS:
            page, section = self.pages[name], self.at(name, titles)
            m = page.expect(section, r"next step (?:in|for) [^.]*? is to move to (?:the )?\[([^\]]+)\]\(([^)]*)\)",
                            "'The next step ... is to move to [role](link)'")
            text, link = m.group(1), m.group(2)
            target = None
            if link.startswith("#"):
                target = next((s.key for s in ROLES for n, t in s.places
                               if n == name and t and self.at(n, t).anchor == link[1:]), None)
            if target is None:
                target = next((s.key for s in ROLES if text in (s.label, *s.synonyms)), None)
            if target is None:
                raise page.fail(f"the next step '{text}' to name a role", section)
            self.move(source, target, [self.src(name, section)])
        # level order within the job families that list their levels
        for family in ORDERED_FAMILIES:
            _, _, _, (name, heads) = FAMILIES[family]
            page, listing = self.pages[name], self.at(name, heads)
            members = [s for s in ROLES if s.family == family]
            sections = {s.key: self.at(*s.places[0]) for s in members}
            order = sorted(members, key=lambda s: sections[s.key].start)
            if not all(sections[s.key] in page.children(listing) for s in order):
                raise page.fail(f"the {FAMILIES[family][0]} levels as headings directly under it", listing)
            previous = None
            for spec in order:
                section = sections[spec.key]
                bases = []
                for pattern in EXTENDS:
                    for m in re.finditer(pattern, page.body(section)):
                        if "role" in m.groupdict() and self.resolve_name(m.group("role"), family, page, section) \
                                != spec.key:
                            continue
                        bases.append(self.resolve_name(m.group("base"), family, page, section))
                if len(set(bases)) > 1:
                    raise page.fail(f"one level that {spec.label} extends (found {sorted(set(bases))})", section)
                before = bases[0] if bases else previous
                if spec.key == "senior-product-analyst":  # "in addition to the expectations for Product Analysts"
                    page.expect(section, r"In addition to the \[expectations for Product Analysts\]",
                                "the Senior Product Analyst expectations to build on the Product Analyst's")
                if before is not None:
                    sources = [self.src(name, listing), self.src(name, section), self.e_order]
                    if family == "pm":
                        sources.insert(1, self.src(CDF, self.promotion_section))
                    self.move(before, spec.key, sources)
                previous = spec.key
        if self.promotion_levels != [s.key for s in ROLES if s.family == "pm"]:
            raise self.pages[CDF].fail("the promotion table's levels in the Product Manager page's order",
                                       self.promotion_section)

    def build_disciplines(self) -> None:
        page = self.pages[PM]
        into = page.find("Career paths", "Moving to Product Management")
        out = page.find("Career paths", "Moving from Product Management")
        pm_level = self.levels["product-manager"]
        named: dict[str, list[URIRef]] = {}
        for section, table in ((into, MOVES_INTO), (out, MOVES_OUT)):
            bullets = re.findall(r"^- \*\*(.+?)\*\*:(.*?)(?=^- \*\*|\Z)", page.body(section), re.DOTALL | re.MULTILINE)
            names = [b[0] for b in bullets]
            if sorted(names) != sorted(table):
                raise page.fail(f"the disciplines {sorted(table)} (found {names})", section)
            if table is MOVES_INTO and not re.search(UX_EVIDENCE, dict(bullets)["UX"]):
                raise page.fail("'Product Designers' named under UX", section)
            for discipline in names:
                named.setdefault(table[discipline], []).append(self.src(PM, section))
        for key, (label, track, function) in DISCIPLINE_ROLES.items():
            if key not in named:
                raise page.fail(f"the discipline of {label}", into)
            sources = named[key]
            # No page of its own among the originals: its link is the section that names it.
            self.roles[key] = self.fw.role(
                key, label, sources=sources, level=pm_level, level_sources=[*sources, self.e_disc], track=track,
                track_sources=[*sources, self.e_track], function=function,
                function_sources=[*sources, self.e_function], url=self.urls[sources[0]],
                synonyms=DISCIPLINE_TITLES.get(key, ()))
            self.levels[key], self.tracks[key], self.family_of[key] = pm_level, track, "discipline:" + key
        if self.levels[MOVES_INTO["UX"]] != pm_level:
            raise ValueError(f"{self.pages[PD].path}: expected a Product Designer level at the Product Manager's "
                             f"grade (level {pm_level})")
        for section, table, into_pm in ((into, MOVES_INTO, True), (out, MOVES_OUT, False)):
            for key in table.values():
                pair = (key, "product-manager") if into_pm else ("product-manager", key)
                self.move(*pair, [self.src(PM, section), self.e_disc])

    # ---------------------------------------------------------------- the CDF

    def build_cdf(self) -> None:
        page, fw = self.pages[CDF], self.fw
        ic = page.find("CDF for Individual Contributor Product Managers")
        listing = page.find("Competencies", within=ic)
        names = re.findall(r"^\d+\.\s+(.+?)\s*$", page.body(listing), re.MULTILINE)
        heads = [s for s in page.children(ic) if s.title != "Competencies"]
        if len(names) != 4 or [n.casefold() for n in names] != [h.title.casefold() for h in heads]:
            raise page.fail(f"four competencies listed, each with its section (found {names})", listing)
        leadership = page.find("CDF for Product Leadership")
        lead_heads = [s for s in page.children(leadership) if s.title != "Competencies"]
        if len(lead_heads) != 4:
            raise page.fail("four leadership competencies", leadership)
        self.skills = []
        for i, head in enumerate(heads):
            key = "skill-" + anchor(head.title).replace("--", "-")
            sources = [self.src(CDF, listing), self.src(CDF, head)]
            node = fw.skill(key, head.title, sources=sources, url=self.urls[self.src(CDF, head)])
            lead = lead_heads[i]
            if lead.title != head.title:
                # the one competency named two ways (rule competency-names): checked against the PM page below
                if not (head.title.startswith("Aligning Teams with") and lead.title.startswith("Aligning Teams with")):
                    raise page.fail(f"the leadership competency '{lead.title}' to match '{head.title}'", lead)
                fw.cite(node, SKOS.altLabel, Literal(lead.title, lang="en"), [self.src(CDF, lead), self.e_names])
            self.skills.append((head, lead, node))
        pm_page = self.pages[PM]
        ic_requirements = lead_requirements = 0
        for head, lead, skill in self.skills:
            # individual-contributor levels
            section = page.find("Role Expectations", within=head)
            rows = page.table(section)
            columns = []
            for cell in rows[0]:
                m = re.fullmatch(r"\[([^\]]+)\]\(/job-families/product/product-manager/#([a-z0-9-]+)\)", cell)
                if not m or m.group(1) not in SHORT_TITLES:
                    raise page.fail(f"a column heading linking a Product Manager level, not '{cell}'", section)
                key = SHORT_TITLES[m.group(1)]
                if self.at(*self.specs[key].places[0]).anchor != m.group(2):
                    raise page.fail(f"'{m.group(1)}' to link #{self.at(*self.specs[key].places[0]).anchor}", section)
                columns.append(key)
            behaviours = rows[1]
            cells = rows[-1]
            if len(rows) != 3 or len(cells) != len(columns) or not all(cells):
                raise page.fail("a table of example-behaviour links and one expectation per level", section)
            for key, link, cell in zip(columns, behaviours, cells):
                m = re.match(r"\[Example behaviors\]\(/job-families/product/product-manager/#([a-z0-9-]+)\)", link)
                if not m:
                    raise page.fail("an 'Example behaviors' link to the Product Manager page", section)
                behaviour = pm_page.by_anchor(m.group(1))
                if behaviour not in pm_page.inside(self.at(*self.specs[key].places[0])):
                    raise pm_page.fail(f"#{m.group(1)} inside the {self.specs[key].label} section")
                if not behaviour.title.startswith((head.title, lead.title)):
                    raise pm_page.fail(f"the example-behaviour heading to name '{lead.title}'", behaviour)
                self.require(key, skill, [self.src(CDF, head), self.src(PM, behaviour)], cell, head)
                ic_requirements += 1
            # leadership levels
            section = page.find("Role Expectations", within=lead)
            rows = page.table(section)
            columns = []
            for cell in rows[0]:
                m = re.fullmatch(r"\[([^\]]+)\]\(/job-families/product/product-management-leadership/\)", cell)
                if not m or m.group(1) not in SHORT_TITLES:
                    raise page.fail(f"a column heading linking the leadership job family, not '{cell}'", section)
                columns.append(SHORT_TITLES[m.group(1)])
            cells = rows[-1] + [""] * (len(columns) - len(rows[-1]))
            if len(rows) != 2 or len(cells) != len(columns):
                raise page.fail("one expectation row under the leadership levels", section)
            for key, cell in zip(columns, cells):
                if not cell:  # the VP column is empty: nothing stated
                    continue
                sources = [self.src(CDF, lead), self.e_short]
                if lead.title != head.title:
                    sources.append(self.e_names)
                self.require(key, skill, sources, cell, lead)
                lead_requirements += 1
        if ic_requirements != 16:
            raise page.fail(f"4 competencies x 4 individual-contributor levels (found {ic_requirements})", ic)

    def require(self, role: str, skill: URIRef, sources: list[URIRef], cell: str, section: Section) -> None:
        level = proficiency_of(cell)
        self.fw.requirement(self.roles[role], skill, sources=sources, proficiency=level,
                            proficiency_sources=[self.src(CDF, section), self.e_prof] if level else None)

    def run(self) -> Framework:
        self.build_roles()
        self.build_reporting()
        self.build_spans()
        self.build_moves()
        self.build_disciplines()
        self.build_cdf()
        return self.fw


def convert(sources: Path) -> Framework:
    """The GitLab product job families and PM CDF, converted from the handbook pages in ``sources``."""
    return _Converter(Path(sources)).run()
