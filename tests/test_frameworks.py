"""The bundled frameworks: the committed Turtle is what the converters write, each has its licence
beside it, and ``pmgraph frameworks`` lists them with their source and size."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import pmgraph
import tools
from pmgraph.ladders.catalogue import frameworks
from pmgraph.resources import framework_files
from tools.frameworks import FRAMEWORKS, converter, outputs

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ontology" / "frameworks"


@pytest.fixture(scope="module")
def written():
    return outputs(ROOT / "sources", OUT)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_committed_turtle_is_what_the_converter_writes(written, framework):
    for suffix in ("ttl", "LICENSE"):
        path = OUT / f"{framework}.{suffix}"
        assert path.exists(), f"{path} is missing: run python -m tools.frameworks"
        assert path.read_bytes() == written[path], f"{path} is stale: run python -m tools.frameworks"


def test_nothing_else_in_the_frameworks_folder(written):
    assert sorted(OUT.iterdir()) == sorted(path for path in written if path.parent == OUT)


def test_committed_crosswalk_is_what_the_crosswalk_writes(written):
    path = OUT.parent / "crosswalk.ttl"
    assert path.read_bytes() == written[path], f"{path} is stale: run python -m tools.frameworks"
    assert [p.stem for p in framework_files()] == sorted(FRAMEWORKS)


def test_the_documented_command_writes_then_checks(written, tmp_path, monkeypatch, capsys):
    """``python -m tools.frameworks`` writes what :func:`outputs` gives; ``--check`` then passes, and
    fails naming a file once it is edited (the converters' output is the fixture's, not run again)."""
    from tools.frameworks import __main__ as command

    out = tmp_path / "ontology" / "frameworks"
    moved = {out.parent / path.relative_to(OUT.parent): data for path, data in written.items()}
    monkeypatch.setattr(command, "outputs", lambda sources, target: moved if target == out else {})
    assert command.main(["--out", str(out)]) == 0
    assert all(path.read_bytes() == data for path, data in moved.items())
    assert command.main(["--out", str(out), "--check"]) == 0
    (out / "monzo.ttl").write_bytes(b"# edited\n")
    capsys.readouterr()
    assert command.main(["--out", str(out), "--check"]) == 1
    assert capsys.readouterr().out == f"differs: {out / 'monzo.ttl'}\n"
    assert (out / "monzo.ttl").read_bytes() == b"# edited\n"  # --check writes nothing


TOOL_MODULES = sorted(name for _finder, name, _pkg in pkgutil.walk_packages(tools.__path__, "tools.")
                      if not name.endswith("__main__"))


@pytest.mark.parametrize("name", ["tools", *TOOL_MODULES])
def test_tool_docstrings_and_examples(name):
    """The tools are held to the library's rules: each module says what it holds, its examples run."""
    module = importlib.import_module(name)
    assert module.__doc__ and module.__doc__.strip().splitlines()[0].strip(), f"{name} has no docstring"
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_package_never_imports_the_tools():
    """The wheel has no tools/: nothing in pmgraph may import it (import-linter checks the same)."""
    found = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "pmgraph").rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.match(r"\s*(from|import)\s+tools\b", line)]
    assert not found


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_originals_are_kept_with_their_licences(framework):
    description = converter(framework).DESCRIPTION
    folder = ROOT / "sources" / framework
    for name in description.licence_files:
        assert (folder / name).is_file()
    for name, _commit in description.files:
        assert (folder / name).is_file(), name
    licence = (OUT / f"{framework}.LICENSE").read_text(encoding="utf-8")
    assert description.attribution in licence and description.licence in licence


def test_catalogue_lists_every_bundled_framework_with_its_source():
    listed = {info.id: info for info in frameworks()}
    assert set(FRAMEWORKS) <= set(listed)
    for framework in FRAMEWORKS:
        info, description = listed[framework], converter(framework).DESCRIPTION
        assert info.bundled
        assert (info.title, info.publisher, info.url, info.licence, info.attribution) == (
            description.title, description.publisher, description.url, description.licence, description.attribution)
        assert info.retrieved == description.retrieved
        assert info.roles > 0


def test_catalogue_counts_a_users_framework(tmp_path):
    mine = tmp_path / "acme.ttl"
    mine.write_text("""
        @prefix pm: <https://w3id.org/pmgraph/ontology#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        <https://example.org/framework/acme> a pm:Framework ; dct:title "Acme ladder"@en .
        <https://example.org/acme/pm> a pm:Role ; pm:framework <https://example.org/framework/acme> .
        <https://example.org/acme/spm> a pm:Role ; pm:framework <https://example.org/framework/acme> .
        <https://example.org/acme/t> a pm:Transition ; pm:framework <https://example.org/framework/acme> .
    """, encoding="utf-8")
    acme = next(info for info in frameworks([mine]) if info.id == "acme")
    assert (acme.title, acme.roles, acme.moves, acme.requirements, acme.bundled) == ("Acme ladder", 2, 1, 0, False)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_each_framework_validates_on_its_own(framework):
    import pmgraph
    from pmgraph.resources import ontology_dir

    graph = pmgraph.load([ontology_dir() / "schema.ttl", OUT / f"{framework}.ttl"], bundled=False)
    report = pmgraph.validate(graph)
    assert report.conforms, [str(v) for v in report.errors][:5]


def test_cli_lists_frameworks_and_works_on_one(tmp_path):
    import json

    from click.testing import CliRunner

    from pmgraph.cli import cli

    runner = CliRunner()
    listed = runner.invoke(cli, ["--cache-dir", str(tmp_path), "frameworks", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert {f["id"] for f in json.loads(listed.output)} >= set(FRAMEWORKS)

    roles = runner.invoke(cli, ["--cache-dir", str(tmp_path), "--framework", "ddat", "roles", "--function", "product"])
    assert roles.exit_code == 0, roles.output
    assert "ddat:head-of-product" in roles.output and "role:" not in roles.output

    # A move no framework gives years for has none, and the path says so.
    path = runner.invoke(cli, ["--cache-dir", str(tmp_path), "--framework", "ddat", "path",
                               "ddat:associate product manager", "ddat:head of product"])
    assert path.exit_code == 0, path.output
    assert "4 steps, years unknown" in path.output and "0 years" not in path.output
    as_json = runner.invoke(cli, ["--cache-dir", str(tmp_path), "--framework", "ddat", "path", "--format", "json",
                                  "associate product manager", "head of product"])
    best = json.loads(as_json.output)["paths"][0]
    assert (best["years_min"], best["years_max"], best["steps_without_years"]) == (None, None, 4)
    assert all(step["years_min"] is None and step["sources"] for step in best["steps"])


def test_cli_framework_errors_are_one_line(tmp_path):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    runner = CliRunner()
    unknown = runner.invoke(cli, ["--framework", "nope", "roles"])
    assert unknown.exit_code == 2 and "unknown framework 'nope'" in unknown.output
    assert "Traceback" not in unknown.output
    # A framework's role named on the reference ladder, where that framework is not loaded.
    elsewhere = runner.invoke(cli, ["--cache-dir", str(tmp_path), "show", "gitlab:group manager, product"])
    assert elsewhere.exit_code == 1 and len(elsewhere.output.strip().splitlines()) == 1


def test_views_and_endpoint_page_credit_the_data_they_show():
    import urllib.request

    import pmgraph
    from pmgraph import path_view  # the curated API: names, resolved
    from pmgraph.resources import ontology_dir
    from pmgraph.sparql.endpoint import make_server
    from pmgraph.viz import career_view

    ogl = "Contains public sector information licensed under the Open Government Licence v3.0."
    reference = career_view(pmgraph.load()).html
    # The reference ladder cites framework pages for the moves they state: it credits them too.
    assert '<footer id="credit">Data: pmgraph reference ladder (CC BY 4.0)' in reference and ogl in reference
    ddat = pmgraph.load([ontology_dir() / "schema.ttl", OUT / "ddat.ttl"], bundled=False)
    page = path_view(ddat, "ddat:associate product manager", "ddat:head of product").html
    assert ogl in page and "reference ladder" not in page
    # The tooltips say how each move is known (DDaT lists its levels in order: derived), and that no
    # years are given.
    assert "Evidence: derived: level order (ddat)" in page and "typical years not given" in page
    assert "(estimate)" in reference and "Evidence: editorial" in reference

    import threading

    server = make_server(ddat, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(server.url.rsplit("/", 1)[0] + "/", timeout=10) as reply:
            assert ogl in reply.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


def test_reference_moves_the_frameworks_state_cite_their_pages(bundled):
    """A framework's move between two roles that match reference roles closely cites its page on the
    reference move — and adds no move of its own to the reference ladder."""
    import rdflib
    from rdflib import DCTERMS, RDF

    from pmgraph.vocab import PM, ROLE

    crosswalk = rdflib.Graph().parse(OUT.parent / "crosswalk.ttl")
    assert not set(crosswalk.subjects(RDF.type, PM.Transition))
    assert not any(True for _ in crosswalk.triples((None, PM.promotesTo, None)))
    pm, spm = ROLE["product-manager"], ROLE["senior-product-manager"]
    cited = {page for s in bundled.subjects(RDF.subject, pm)
             if bundled.value(s, RDF.predicate) == PM.promotesTo and bundled.value(s, RDF.object) == spm
             for page in bundled.objects(s, DCTERMS.source)}
    frameworks = {str(bundled.value(page, DCTERMS.isPartOf)).rsplit("/", 1)[-1] for page in cited
                  if bundled.value(page, DCTERMS.isPartOf) is not None}
    assert {"ddat", "gitlab"} <= frameworks
    for page in cited:  # described in the bundled graph, so outputs can name and link it
        assert bundled.value(page, DCTERMS.title) is not None


@pytest.mark.parametrize("content", [b"@prefix : <x> .\n:a :b", b"\xff\xfe\x00garbage"], ids=["truncated", "not-utf8"])
@pytest.mark.parametrize("command", ["frameworks", "provenance"])
def test_a_broken_data_file_is_one_line_exit_1(tmp_path, content, command):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    bad = tmp_path / "bad.ttl"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["--cache-dir", str(tmp_path), "--data", str(bad), command])
    assert result.exit_code == 1
    assert (len(result.output.strip().splitlines()) == 1 and "bad.ttl:" in result.output
            and "syntax error" in result.output)
    assert bad.read_bytes() == content  # inputs are never modified


def test_framework_option_takes_only_a_bundled_id():
    from click.testing import CliRunner

    from pmgraph.cli import cli

    result = CliRunner().invoke(cli, ["--framework", "../../etc/passwd", "roles"])
    assert result.exit_code == 2 and "unknown framework" in result.output


GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def test_a_framework_is_its_own_named_graph_in_the_store_and_the_cache(tmp_path):
    """Loaded with --framework, a framework's triples are in GRAPH <.../framework/<id>> (and, as
    every reader expects, in the default graph with the rest); the cached store keeps it so. The
    dataset (pmgraph.load, the cache) also has the whole graph's copy (and, bundled, every framework's)."""
    import pyoxigraph as ox

    from pmgraph.loading.cache import cached_graph
    from pmgraph.loading.store import load_store
    from pmgraph.resources import WHOLE_GRAPH, framework_graph, framework_graphs, ontology_dir

    ddat = ontology_dir() / "frameworks" / "ddat.ttl"
    alone = ox.Store()
    alone.load(path=str(ddat), format=ox.RdfFormat.TURTLE)
    expected = [("https://w3id.org/pmgraph/framework/ddat", len(alone))]
    store = load_store([ontology_dir() / "schema.ttl", ddat], bundled=False)
    assert [(s[0].value, int(s[1].value)) for s in store.query(GRAPHS)] == expected
    default = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    assert default > len(alone)
    sizes = {}
    for iri, path in framework_graphs().items():
        one = ox.Store()
        one.load(path=str(path), format=ox.RdfFormat.TURTLE)
        sizes[iri] = len(one)
    # bundled=False: only the framework loaded, and the whole graph's copy
    dataset = sorted([(iri, size) for iri, size in sizes.items() if iri.endswith("/ddat")] + [(WHOLE_GRAPH, default)])
    cached = cached_graph([ontology_dir() / "schema.ttl", ddat], bundled=False, cache_dir=tmp_path)
    assert [(r[0].value, int(r[1].value)) for r in cached.store._inner.query(GRAPHS)] == dataset
    loaded = pmgraph.load([ontology_dir() / "schema.ttl", ddat], bundled=False)
    assert [(r[0].value, int(r[1].value)) for r in loaded.store._inner.query(GRAPHS)] == dataset
    assert framework_graph(ontology_dir() / "roles.ttl") is None
    # the bundled reference ladder alone has no named graph in the projection's store
    assert list(load_store().query(GRAPHS)) == []


def test_gitlab_disciplines_are_named_as_gitlab_names_them():
    # product-manager.md's bullets "**QA/QE**: Quality engineers..." and "**Customer Success**: ...
    # Solutions Architects, Customer Success Managers, and lead Support techs"
    import rdflib
    from rdflib import SKOS, Literal, URIRef

    from pmgraph.resources import ontology_dir

    g = rdflib.Graph().parse(ontology_dir() / "frameworks" / "gitlab.ttl")
    role = "https://w3id.org/pmgraph/framework/gitlab/role/"
    for key, label, titles in (("quality-engineer", "QA/QE", {"Quality Engineer"}),
                               ("customer-success", "Customer Success",
                                {"Customer Success Manager", "Solutions Architect", "Lead Support Tech"})):
        node = URIRef(role + key)
        assert g.value(node, SKOS.prefLabel) == Literal(label, lang="en")
        assert {str(a) for a in g.objects(node, SKOS.altLabel)} == titles
