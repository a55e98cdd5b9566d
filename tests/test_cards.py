"""Role cards (issue 18): Markdown and print-ready HTML, printed to PDF by headless Chromium to
count its pages, for every bundled role, on A4 and Letter."""

from __future__ import annotations

import base64
import re

import pytest
from click.testing import CliRunner

from pmgraph.career import cards
from pmgraph.career.names import by_name
from pmgraph.career.roles import roles as list_roles
from pmgraph.cli import cli
from tests import browser
from tests.conftest import ROOT, require_or_skip

role_card = by_name(cards.role_card, roles=("role",))  # as the curated API does: names, resolved

ARTIFACTS = ROOT / "test-artifacts"


def test_a_card_holds_what_the_role_is(bundled):
    card = role_card(bundled, "group product manager", next_step=True)
    text = card.markdown()
    assert text.startswith("# Group Product Manager\n\nLevel 4 · people management · product · `group-product-manager`")
    for part in ("**Reports to:** Director of Product", "## Responsibilities", "## Skills",
                 "| Product strategy | expert | derived: broad match (ddat) |", "## Comes from",
                 "- Senior Product Manager: IC to management",
                 "## Goes next",
                 "## What changes on the step to Director of Product", "proficiency steps to learn", "**Sources**"):
        assert part in text, part
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in text
    assert card.details.role.id == "group-product-manager"
    assert "## What changes" not in role_card(bundled, "group product manager").markdown()


def test_every_value_on_the_card_names_who_states_it(bundled):
    card = role_card(bundled, "senior pm")
    rows = [line for line in card.markdown().splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows and all(row.rstrip(" |").rsplit("|", 1)[-1].strip() for row in rows)
    cited = {s.name for skill in card.details.skills for s in skill.cited}
    assert cited <= {s.name for s in card.sources}


def test_the_html_card_is_self_contained_and_escaped(bundled, tmp_path):
    page = role_card(bundled, "cpo", next_step=True).html(paper="letter")
    assert "@page { size: letter;" in page and "<script" not in page
    assert not re.search(r'(src|href)="(?!https?://)', page)  # no local or relative resources
    assert not re.search(r'<(link|img|script)\b', page)
    with pytest.raises(ValueError):
        role_card(bundled, "cpo").html(paper="a3")


def test_card_on_the_command_line(tmp_path):
    out = tmp_path / "gpm.html"
    result = CliRunner().invoke(cli, ["card", "gpm", "--next", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert CliRunner().invoke(cli, ["card", "gpm", "-o", str(out)]).exit_code == 1  # exists: needs --force
    markdown = CliRunner().invoke(cli, ["card", "gpm"])
    assert markdown.stdout.startswith("# Group Product Manager")
    assert CliRunner().invoke(cli, ["card", "gpm", "--format", "html"]).stdout.startswith("<!doctype html>")
    same = CliRunner().invoke(cli, ["card", "gpm", "--next", "--format", "html"]).stdout
    assert same == out.read_text(encoding="utf-8")  # the same bytes for the same input


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    driver = browser.start(tmp_path_factory.mktemp("chromium-cards"))
    yield driver
    driver.quit()


PAPER_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}


def pdf_pages(driver, path, paper: str) -> tuple[int, bytes]:
    from selenium.webdriver.common.print_page_options import PrintOptions

    driver.get(path.as_uri())
    options = PrintOptions()
    options.page_width, options.page_height = PAPER_CM[paper]
    # the card's @page sets them
    options.margin_top = options.margin_bottom = options.margin_left = options.margin_right = 0
    pdf = base64.b64decode(driver.print_page(options))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf)), pdf


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_card_prints_on_one_or_two_pages(chromium, bundled, tmp_path, paper):
    ARTIFACTS.mkdir(exist_ok=True)
    counts = {}
    for role in list_roles(bundled):
        path = tmp_path / f"{role.id}.html"
        path.write_text(role_card(bundled, role.id, next_step=True).html(paper=paper), encoding="utf-8")
        counts[role.id], pdf = pdf_pages(chromium, path, paper)
        if role.id == "group-product-manager":
            (ARTIFACTS / f"card-group-product-manager-{paper}.pdf").write_bytes(pdf)
    assert all(1 <= n <= 2 for n in counts.values()), {r: n for r, n in counts.items() if not 1 <= n <= 2}
    assert len(counts) == len(list_roles(bundled))


def test_only_web_links_are_linked():
    from pmgraph.career.cards import _link

    assert _link("javascript:alert(1)") == "" and _link(None) == ""
    assert _link("https://example.com/a b>c") == "https://example.com/a%20b%3Ec"


def test_a_card_says_no_skill_requirements_known(ladder_files):
    """Unknown is not left out silently: the skills section says that nothing is known, and so does
    the step to such a role."""
    import pmgraph

    graph = pmgraph.load([*ladder_files, ROOT / "tests" / "data" / "ladder-unknown.ttl"], bundled=False)
    card = cards.role_card(graph, "fx-vp")
    assert "## Skills\n\n_no skill requirements known for Fixture VP Product._" in card.markdown()
    assert "<h2>Skills</h2><p>no skill requirements known for Fixture VP Product.</p>" in card.html()
    below = cards.role_card(graph, "fx-gpm", next_step=True)
    assert [d.target for d in below.next_steps] == ["fx-director", "fx-vp"]
    text = below.markdown()
    assert ("## What changes on the step to Fixture VP Product\n\n"
            "- no skill requirements known for Fixture VP Product: skills not compared") in text
    assert "- **Not stated for Fixture Director:** Roadmapping" in text  # not "no longer required"


def test_a_card_gives_the_reason_no_requirement_is_known(bundled):
    """The CEO's card says why nothing is known (pm:requirementsNote), and so does the step to it."""
    note = "No framework bundled here states requirements for this role: GitLab names the CEO only"
    card = cards.role_card(bundled, "chief-executive-officer")
    assert "## Skills\n\n_no skill requirements known for Chief Executive Officer: " + note in card.markdown()
    assert "<h2>Skills</h2><p>no skill requirements known for Chief Executive Officer: " + note in card.html()
    below = cards.role_card(bundled, "chief-product-officer", next_step=True)
    assert ("- no skill requirements known for Chief Executive Officer (skills not compared): " + note
            in below.markdown())
