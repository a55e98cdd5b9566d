"""The GitLab framework converter: facts read from the original handbook pages, checked in the graph.

Each content test reads ``sources/gitlab/*.md`` itself (plain regular expressions, none of the
converter's helpers) and checks that the converted graph states the fact, cited to the right page.
"""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic

from pmgraph.vocab import PM
from tools.frameworks import gitlab

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources" / "gitlab"
HANDBOOK = "https://handbook.gitlab.com"
PAGE = {
    "pm": f"{HANDBOOK}/job-families/product/product-manager/",
    "pml": f"{HANDBOOK}/job-families/product/product-management-leadership/",
    "pl": f"{HANDBOOK}/job-families/product/product-leadership/",
    "cpo": f"{HANDBOOK}/job-families/product/chief-product-officer/",
    "pd": f"{HANDBOOK}/job-families/product/product-designer/",
    "pdm": f"{HANDBOOK}/job-families/product/product-design-management/",
    "pa": f"{HANDBOOK}/job-families/product/product-analyst/",
    "cdf": f"{HANDBOOK}/handbook/product/product-management/product-cdf-competencies/",
}
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pm: <https://w3id.org/pmgraph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def graph():
    return gitlab.convert(SOURCES).graph


def read(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under the Markdown heading ``heading`` (exact), up to the next heading at its level or above."""
    m = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert m, f"heading {heading!r} not in the original"
    level = len(m.group(1))
    rest = text[m.end():]
    stop = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[:stop.start()] if stop else rest


def role(graph, label: str) -> URIRef:
    found = {s for s in graph.subjects(None, Literal(label, lang="en"))
             if (s, RDF.type, PM.Role) in graph}
    assert len(found) == 1, f"one role labelled {label!r}, found {found}"
    return found.pop()


def skill(graph, label: str) -> URIRef:
    found = {s for s in graph.subjects(None, Literal(label, lang="en")) if (s, RDF.type, PM.Skill) in graph}
    assert len(found) == 1, f"one skill labelled {label!r}, found {found}"
    return found.pop()


def source_urls(graph, s, p, o) -> set[str]:
    """The page URLs citing the statement (s p o) — empty when there is no such statement."""
    rows = graph.query(PREFIXES + """
        SELECT ?url WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                dct:source ?src . ?src schema:url ?url }""",
                       initBindings={"s": s, "p": p, "o": o})
    return {str(r.url) for r in rows}


def source_kinds(graph, s, p, o) -> set[URIRef]:
    rows = graph.query(PREFIXES + """
        SELECT ?type WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                 dct:source ?src . ?src a ?type }""", initBindings={"s": s, "p": p, "o": o})
    return {r.type for r in rows}


def cited_on(graph, s, p, o, page: str, anchor: str | None = None) -> bool:
    urls = source_urls(graph, s, p, o)
    want = page + (f"#{anchor}" if anchor else "")
    return any(u == want if anchor else u.startswith(page) for u in urls)


# ---------------------------------------------------------------------------- content facts


def test_product_manager_grades(graph):
    found = re.findall(r"^The ((?:Senior |Principal |Senior Principal )?Product Manager) is a \[grade (\d+)\]",
                       read("product-manager.md"), re.MULTILINE)
    assert [g for _, g in found] == ["7", "8", "9", "10"]
    for title, grade in found:
        r = role(graph, title)
        assert cited_on(graph, r, PM.grade, Literal(grade), PAGE["pm"]), title


def test_designer_analyst_and_leadership_grades(graph):
    designers = re.findall(r"^The ((?:\w+ )?Product Designer) is a \[grade (\d+)\]", read("product-designer.md"),
                           re.MULTILINE)
    assert len(designers) == 4
    for title, grade in designers:
        assert cited_on(graph, role(graph, title), PM.grade, Literal(grade), PAGE["pd"]), title
    analyst = re.search(r"The Product Analyst position is a \[grade (\d+)\]", read("product-analyst.md"))
    assert cited_on(graph, role(graph, "Product Analyst"), PM.grade, Literal(analyst.group(1)), PAGE["pa"])
    vp_ux = re.search(r"The VP of UX is a \[grade (\d+)\]", read("product-leadership.md"))
    assert cited_on(graph, role(graph, "Vice President of UX"), PM.grade, Literal(vp_ux.group(1)), PAGE["pl"],
                    "job-grade")
    gmp = re.search(r"The Group Manager, Product is a \[grade (\d+)\]", read("product-management-leadership.md"))
    assert cited_on(graph, role(graph, "Group Manager, Product"), PM.grade, Literal(gmp.group(1)), PAGE["pml"],
                    "group-manager-product-gmp---job-grade")


def test_level_is_grade_from_entry(graph):
    """Levels keep the grade order, 1 at the lowest grade; the CPO (no grade) sits above the VPs."""
    lowest = min(int(g) for g in re.findall(r"\[grade (\d+)\]",
                                            read("product-designer.md") + read("product-analyst.md")))
    for r, grade in graph.subject_objects(PM.grade):
        assert int(graph.value(r, PM.level)) == int(grade) - lowest + 1
    assert int(graph.value(role(graph, "Product Designer"), PM.level)) == 1
    cpo = int(graph.value(role(graph, "Chief Product Officer"), PM.level))
    assert cpo == int(graph.value(role(graph, "VP of Product Management"), PM.level)) + 1
    assert "grade" not in read("chief-product-officer.md")
    assert (role(graph, "Chief Product Officer"), PM.grade, None) not in graph


def test_group_manager_span(graph):
    m = re.search(r"This role typically manages (\d+)-(\d+) Product Managers", read("product-management-leadership.md"))
    gmp = role(graph, "Group Manager, Product")
    assert cited_on(graph, gmp, PM.directReportsMin, Literal(int(m.group(1))), PAGE["pml"], "group-manager-product-gmp")
    assert cited_on(graph, gmp, PM.directReportsMax, Literal(int(m.group(2))), PAGE["pml"], "group-manager-product-gmp")


def test_vp_span(graph):
    text = section(read("product-leadership.md"), "VP of Product Management")
    m = re.search(r"typically manages (\d+)-(\d+) direct reports", text)
    vp = role(graph, "VP of Product Management")
    assert cited_on(graph, vp, PM.directReportsMin, Literal(int(m.group(1))), PAGE["pl"], "vp-of-product-management")
    assert int(graph.value(vp, PM.directReportsMax)) == int(m.group(2))


def test_senior_director_reports_to_both_as_each_page_says(graph):
    """The two pages disagree; each statement is kept, cited to its own page only."""
    pml = section(read("product-management-leadership.md"), "Senior Director of Product Management")
    pl = section(read("product-leadership.md"), "Senior Director of Product Management")
    assert re.search(r"reports to the \[VP of Product Management\]", pml)
    assert re.search(r"reports to the \[Chief Product Officer\]", pl)
    sd = role(graph, "Senior Director of Product Management")
    to_vp = source_urls(graph, sd, PM.reportsTo, role(graph, "VP of Product Management"))
    to_cpo = source_urls(graph, sd, PM.reportsTo, role(graph, "Chief Product Officer"))
    assert to_vp == {PAGE["pml"] + "#senior-director-of-product-management"}
    assert to_cpo == {PAGE["pl"] + "#senior-director-of-product-management"}


def test_design_reporting_lines(graph):
    text = read("product-design-management.md")
    lines = re.findall(r"^The ((?:Senior )?(?:Director|Manager) of Product Design|Product Design Manager) reports to "
                       r"the ((?:Senior )?(?:Director|Manager) of Product Design|VP of UX)", text, re.MULTILINE)
    assert len(lines) == 4
    for who, manager in lines:
        manager = "Vice President of UX" if manager == "VP of UX" else manager
        assert cited_on(graph, role(graph, who), PM.reportsTo, role(graph, manager), PAGE["pdm"]), (who, manager)
    assert re.search(r"The VP of UX \(User Experience\) reports to the Chief Product Officer",
                     read("product-leadership.md"))
    assert cited_on(graph, role(graph, "Vice President of UX"), PM.reportsTo, role(graph, "Chief Product Officer"),
                    PAGE["pl"], "vice-president-of-ux")


def test_senior_principal_reporting_disagreement(graph):
    """The job family says a Director (or above); the CDF's typical structure says Senior Director or VP."""
    pm = section(read("product-manager.md"), "Senior Principal Product Manager")
    assert "will report to a Director of Product Management" in pm
    row = re.search(r"\*\*Typical Reporting Structure\*\*(.*)$", read("product-cdf-competencies.md"),
                    re.MULTILINE).group(1)
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    assert cells[3] == "Reports to a Senior Director, or VP"
    sppm = role(graph, "Senior Principal Product Manager")
    assert cited_on(graph, sppm, PM.reportsTo, role(graph, "Director of Product Management"), PAGE["pm"],
                    "senior-principal-product-manager")
    for manager in ("Senior Director of Product Management", "VP of Product Management"):
        assert cited_on(graph, sppm, PM.reportsTo, role(graph, manager), PAGE["cdf"],
                        "typical-requirements-for-promotions")
    assert cells[0] == "Reports to a Group Manager or Director"
    assert cited_on(graph, role(graph, "Product Manager"), PM.reportsTo, role(graph, "Group Manager, Product"),
                    PAGE["cdf"], "typical-requirements-for-promotions")


def test_next_steps(graph):
    text = read("product-management-leadership.md")
    steps = re.findall(r"The next step (?:in|for) (?:a |the )?(.+?) is to move to (?:the )?\[(.+?)\]", text)
    assert steps == [("Group Manager, Product", "Director of Product"),
                     ("Director of Product Management", "Senior Director of Product Management"),
                     ("Product Management Leadership job family", "VP of Product Management")]
    gmp, director = role(graph, "Group Manager, Product"), role(graph, "Director of Product Management")
    sd, vp = role(graph, "Senior Director of Product Management"), role(graph, "VP of Product Management")
    assert cited_on(graph, gmp, PM.promotesTo, director, PAGE["pml"], "group-manager-product-gmp---career-ladder")
    assert cited_on(graph, director, PM.promotesTo, sd, PAGE["pml"], "director-of-product-management---career-ladder")
    assert cited_on(graph, sd, PM.promotesTo, vp, PAGE["pml"], "senior-director-of-product-management---career-ladder")
    assert cited_on(graph, sd, PM.promotesTo, vp, PAGE["pl"], "senior-director-of-product-management---career-ladder")
    kinds = {graph.value(t, PM.transitionKind) for t in graph.subjects(PM.fromRole, sd)
             if graph.value(t, PM.toRole) == vp}
    assert kinds == {PM.IntoExecutive}


def test_product_manager_ladder_in_order(graph):
    text = section(read("product-manager.md"), "Career paths")
    titles = re.findall(r"^### ((?:Senior |Principal |Senior Principal )?Product Manager)\s*$", text, re.MULTILINE)
    assert titles == ["Product Manager", "Senior Product Manager", "Principal Product Manager",
                      "Senior Principal Product Manager"]
    for low, high in pairwise(titles):
        assert cited_on(graph, role(graph, low), PM.promotesTo, role(graph, high), PAGE["pm"], "career-paths")


def test_analyst_manager_branch(graph):
    text = read("product-analyst.md")
    assert "The Manager, Product Data Insights role extends the Senior Product Analyst role expectations." in text
    spa, mgr = role(graph, "Senior Product Analyst"), role(graph, "Manager, Product Data Insights")
    assert cited_on(graph, spa, PM.promotesTo, mgr, PAGE["pa"], "manager-product-data-insights")
    kinds = {graph.value(t, PM.transitionKind) for t in graph.subjects(PM.fromRole, spa)
             if graph.value(t, PM.toRole) == mgr}
    assert kinds == {PM.ICToManagement}
    assert graph.value(mgr, PM.track) == PM.PeopleManagement
    assert graph.value(spa, PM.function) == PM.DataFunction


def test_moves_into_and_out_of_product_management(graph):
    text = read("product-manager.md")
    into = re.findall(r"^- \*\*(.+?)\*\*:", section(text, "Moving to Product Management"), re.MULTILINE)
    out = re.findall(r"^- \*\*(.+?)\*\*:", section(text, "Moving from Product Management"), re.MULTILINE)
    assert into == ["Engineering", "UX", "Engineering Manager", "QA/QE", "Product Marketing", "Customer Success"]
    assert out == ["Engineering Leadership", "Product Marketing", "Customer Success", "General Management"]
    pm = role(graph, "Product Manager")
    arriving = {t for t in graph.subjects(PM.toRole, pm) if graph.value(t, PM.transitionKind) == PM.LateralMove}
    leaving = {t for t in graph.subjects(PM.fromRole, pm) if graph.value(t, PM.transitionKind) == PM.LateralMove}
    assert len(arriving) == len(into) and len(leaving) == len(out)
    for t in arriving:
        assert cited_on(graph, graph.value(t, PM.fromRole), PM.lateralMoveTo, pm, PAGE["pm"],
                        "moving-to-product-management")
    for t in leaving:
        assert cited_on(graph, pm, PM.lateralMoveTo, graph.value(t, PM.toRole), PAGE["pm"],
                        "moving-from-product-management")
    # UX names Product Designers, a job family: the move starts from its level at the Product Manager's grade
    assert "Product Designers" in re.search(r"\*\*UX\*\*:(.*?)\n- \*\*", text, re.DOTALL).group(1)
    assert cited_on(graph, role(graph, "Senior Product Designer"), PM.lateralMoveTo, pm, PAGE["pm"],
                    "moving-to-product-management")


def test_cdf_competencies_are_skills(graph):
    text = read("product-cdf-competencies.md")
    names = re.findall(r"^\d\. (.+?)\s*$", section(text, "Competencies"), re.MULTILINE)
    assert len(names) == 4
    labels = {str(o).casefold() for s in graph.subjects(RDF.type, PM.Skill)
              for o in graph.objects(s, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert labels == {n.casefold() for n in names}
    hpt = skill(graph, "Aligning Teams with HPT")
    assert cited_on(graph, hpt, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"),
                    Literal("Aligning Teams with Values", lang="en"), PAGE["cdf"])


def test_cdf_individual_requirements(graph):
    text = read("product-cdf-competencies.md")
    ic = text[text.index("## CDF for Individual Contributor Product Managers"):text.index("## CDF for Individual "
                                                                                          "Contributor Pricing")]
    headers = re.findall(r"^\| \[PM\]\(/job-families/product/product-manager/#product-manager\)\|", ic, re.MULTILINE)
    assert len(headers) == 4
    levels = ["Product Manager", "Senior Product Manager", "Principal Product Manager",
              "Senior Principal Product Manager"]
    for name in ("Product Roadmap & Product Led Growth", "Sensing Mechanisms", "Thought Leadership",
                 "Aligning Teams with HPT"):
        for level in levels:
            assert cited_on(graph, role(graph, level), PM.requiresSkill, skill(graph, name), PAGE["cdf"]), (level, name)
            assert cited_on(graph, role(graph, level), PM.requiresSkill, skill(graph, name), PAGE["pm"]), (level, name)


def test_cdf_proficiency_by_wording(graph):
    text = read("product-cdf-competencies.md")
    rows = [line for line in section(text, "Product Roadmap & Product Led Growth").split("\n")
            if line.startswith("| Adept")]
    cells = [c.strip() for c in rows[0].strip().strip("|").split("|")]
    assert cells[2].startswith("Expert at") and cells[0].startswith("Adept at")
    principal, pm = role(graph, "Principal Product Manager"), role(graph, "Product Manager")
    roadmap = skill(graph, "Product Roadmap & Product Led Growth")
    for r, level in ((principal, "expert"), (pm, "working")):
        req = next(q for q in graph.objects(r, PM.hasSkillRequirement) if graph.value(q, PM.skill) == roadmap)
        prof = URIRef(f"https://w3id.org/pmgraph/proficiency/{level}")
        assert graph.value(req, PM.proficiency) == prof
        assert cited_on(graph, req, PM.proficiency, prof, PAGE["cdf"], "product-roadmap--product-led-growth")
        assert PM.EditorialSource in source_kinds(graph, req, PM.proficiency, prof)
    # the PM's Thought Leadership cell opens with none of the mapped words: no proficiency
    tl = [line for line in section(text, "Thought Leadership").split("\n") if line.startswith("| Capable written")]
    assert not re.search(r"(?:^|\. )(?:Adept|Skilled|Expert) (?:at|in)\b", tl[0].split("|")[1])
    thought = skill(graph, "Thought Leadership")
    req = next(q for q in graph.objects(pm, PM.hasSkillRequirement) if graph.value(q, PM.skill) == thought)
    assert graph.value(req, PM.proficiency) is None


# ---------------------------------------------------------------------------- structure


def test_every_statement_has_a_source_and_none_cites_the_framework(graph):
    framework = URIRef("https://w3id.org/pmgraph/framework/gitlab")
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        sources = set(graph.objects(st, URIRef("http://purl.org/dc/terms/source")))
        assert sources, st
        assert framework not in sources, st


def test_every_page_source_is_a_public_page_from_the_readme(graph):
    readme = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### gitlab/"):readme.index("### sourcegraph/")]
    pages = set(re.findall(r"\| (https://handbook\.gitlab\.com/\S+/) \|", block))
    assert len(pages) == 8
    for src in graph.subjects(RDF.type, PM.SourceDocument):
        url = str(graph.value(src, URIRef("https://schema.org/url")))
        if src == URIRef("https://w3id.org/pmgraph/framework/gitlab"):
            continue
        assert url.split("#")[0] in pages, url


def test_no_years(graph):
    assert not list(graph.subject_objects(PM.yearsMin))
    assert not list(graph.subject_objects(PM.yearsMax))


def test_every_role_has_one_level_track_function(graph):
    roles = set(graph.subjects(RDF.type, PM.Role))
    assert len(roles) >= 24
    for r in roles:
        for p in (PM.level, PM.track, PM.function):
            assert len(set(graph.objects(r, p))) == 1, (r, p)


def test_moves_go_up_or_stay_level(graph):
    for t in graph.subjects(RDF.type, PM.Transition):
        low = int(graph.value(graph.value(t, PM.fromRole), PM.level))
        high = int(graph.value(graph.value(t, PM.toRole), PM.level))
        if graph.value(t, PM.transitionKind) == PM.LateralMove:
            assert low == high, t
        else:
            assert high > low, t


def test_description_matches_readme():
    readme = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### gitlab/"):readme.index("### sourcegraph/")]
    commits = dict(re.findall(r"^\| `([^`]+)` \| [^|]+\| `([0-9a-f]{40})` \|", block, re.MULTILINE))
    assert dict(gitlab.DESCRIPTION.files) == commits
    assert gitlab.DESCRIPTION.licence_files == ("LICENSE-repo",)
    assert gitlab.DESCRIPTION.commit == ""


def test_deterministic(graph):
    assert isomorphic(graph, gitlab.convert(SOURCES).graph)
    assert graph.serialize(format="nt").count("\n") == len(graph)


def test_fails_loudly_on_a_missing_grade(tmp_path):
    copy = tmp_path / "gitlab"
    shutil.copytree(SOURCES, copy)
    page = copy / "product-designer.md"
    page.write_text(page.read_text(encoding="utf-8").replace("is a [grade 8]", "is a grade"), encoding="utf-8")
    with pytest.raises(ValueError, match="product-designer.md"):
        gitlab.convert(copy)


def test_fails_loudly_on_a_changed_cdf_table(tmp_path):
    copy = tmp_path / "gitlab"
    shutil.copytree(SOURCES, copy)
    page = copy / "product-cdf-competencies.md"
    text = page.read_text(encoding="utf-8").replace(
        "| [Senior PM](/job-families/product/product-manager/#senior-product-manager) |", "| [Senior PM](#elsewhere) |",
        1)
    page.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="product-cdf-competencies.md"):
        gitlab.convert(copy)
