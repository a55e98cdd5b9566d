"""Role names as people type them (issue 18): abbreviations, level suffixes, ladders that share
names, and suggestions ranked closest first."""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner

import pmgraph
from pmgraph.career.names import ABBREVIATIONS, canonical, ladder_of, resolve_role
from pmgraph.cli import cli
from pmgraph.errors import AmbiguousRoleError, UnknownRoleError
from pmgraph.ladders.rdf import import_ladder, write_turtle

from .conftest import ROOT


@pytest.mark.parametrize("typed, role", [
    ("Sr PM", "senior-product-manager"),
    ("Snr PM", "senior-product-manager"),
    ("Sen. Product Mgr", "senior-product-manager"),
    ("Sr. Product Manager", "senior-product-manager"),
    ("Dir of Product", "director-of-product"),
    ("Dir. Product", "director-of-product"),
    ("VP of Product", "vice-president-of-product"),
    ("Assoc PM", "associate-product-manager"),
    ("PM II", "product-manager"),
    ("Product Manager 2", "product-manager"),
    ("PM 3", "senior-product-manager"),
    ("PM I", "associate-product-manager"),
    ("Sr PMM", "senior-product-marketing-manager"),
    ("senior-product-manager", "senior-product-manager"),
])
def test_titles_as_people_type_them(bundled, typed, role):
    assert resolve_role(bundled, typed) == role


def test_a_level_that_fits_two_roles_of_one_ladder_lists_both(bundled):
    with pytest.raises(AmbiguousRoleError) as caught:
        resolve_role(bundled, "Product Manager 4")
    assert caught.value.suggestions == ("Group Product Manager (group-product-manager)",
                                        "Principal Product Manager (principal-product-manager)")


def test_product_lead_is_a_lead_product_manager_where_the_ladder_has_one():
    result = CliRunner().invoke(cli, ["--framework", "ddat", "show", "Product Lead"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Lead Product Manager (ddat:lead-product-manager)")


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    """The bundled roles plus Acme's imported ladder, which shares their names."""
    out = tmp_path_factory.mktemp("acme") / "acme.ttl"
    write_turtle(import_ladder(ROOT / "examples" / "acme-ladder.yaml"), out)
    return out


def test_a_name_two_ladders_share_is_ambiguous_never_a_silent_pick(acme):
    result = CliRunner().invoke(cli, ["--data", str(acme), "show", "senior product manager"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: 'senior product manager' names 2 roles: acme:senior product manager, "
                                     "pmgraph:senior product manager; give one of these names.")
    for qualified, shown in [("acme:senior product manager", "https://w3id.org/pmgraph/ladder/acme/role/spm"),
                             ("pmgraph:senior product manager", "senior-product-manager"),
                             ("ACME: Sr PM", "https://w3id.org/pmgraph/ladder/acme/role/spm")]:
        result = CliRunner().invoke(cli, ["--data", str(acme), "show", qualified])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Senior Product Manager ({shown})")


def test_an_exact_id_is_never_ambiguous(acme):
    graph = pmgraph.load([acme])
    assert resolve_role(graph, "senior-product-manager") == "senior-product-manager"
    assert resolve_role(graph, "https://w3id.org/pmgraph/ladder/acme/role/spm").endswith("/spm")


def test_suggestions_rank_the_closest_label_first(bundled):
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(bundled, "Sr. Product Manger")
    assert caught.value.suggestions[0] == "Senior Product Manager"
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(bundled, "Principle PM")
    assert caught.value.suggestions == ("Principal Product Manager",)


def test_a_huge_name_is_one_line_in_bounded_time(bundled):
    started = time.monotonic()
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(bundled, "senior " * 2000)
    assert time.monotonic() - started < 5
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


def test_ladder_of_names_every_kind_of_role_id():
    assert [ladder_of(r) for r in ("product-manager", "gitlab:senior-product-manager",
                                   "https://w3id.org/pmgraph/ladder/acme/role/pm",
                                   "https://example.com/ladders/beta/role/pm")] == ["pmgraph", "gitlab", "acme", "beta"]


def test_the_abbreviation_table_is_documented():
    text = (ROOT / "docs" / "names.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z]+)` \| (.+?) \|$", text, re.M))
    assert rows == ABBREVIATIONS
    assert canonical("VP of the Product") == "vice president product"


def test_hostile_level_numbers_and_listed_names(bundled):
    with pytest.raises(UnknownRoleError):
        resolve_role(bundled, "PM " + "9" * 5000)  # no int() of 5,000 digits
    assert resolve_role(bundled, "Group Product Manager (group-product-manager)") == "group-product-manager"
    assert resolve_role(bundled, "PMGRAPH:senior pm") == "senior-product-manager"
