"""pmgraph export and pmgraph.exchange.export: every format reads back as the graph it was written from
(rdflib, lexical forms kept, and pyoxigraph), the same bytes on every run and in every process,
literals as written, a JSON-LD @context worth the name, and hostile cases as one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from pmgraph.cli import cli
from pmgraph.exchange.export import FORMATS, export, format_for, jsonld_context
from pmgraph.iris import PM_NS, PREFIXES
from pmgraph.resources import framework_graphs, ontology_dir, ontology_files

ROOT = Path(__file__).resolve().parents[1]

# rdflib's N-Quads and TriG parsers warn about their own deprecated API once per triple.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: Everything a careless writer gets wrong: lexical forms a value-based store rewrites, language
#: tags in mixed case, blank nodes (nested, in a cycle, in two files with one label), a long literal
#: with quotes, newlines, a carriage return, tabs, backslashes and non-ASCII, text that looks like
#: an IRI or a blank node, local names Turtle must escape, and a value of pm:level typed otherwise
#: than the JSON-LD term says.
TRICKY = r'''@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/ns/> .

ex:thing ex:decimal "1.0"^^xsd:decimal, "2.50"^^xsd:decimal ;
    ex:integer "01"^^xsd:integer ;
    ex:boolean "true"^^xsd:boolean, "1"^^xsd:boolean ;
    ex:double "1.0E0"^^xsd:double ;
    ex:date "2024-01-01"^^xsd:date ;
    ex:label "Colour"@en-GB, "Bonjour"@fr, "plain", "English"@en ;
    ex:node [ ex:inner "x" ; ex:next _:loop ] ;
    ex:text """A "quoted" line, then 'single' ones,
a second line with ünïcødé ✓ 😀, a tab	, a \\ backslash, a carriage return\r
and text that looks like <https://example.org/iri> and _:b0 and <<( )>>.""" ;
    pm:yearsMin 1.0 ;
    pm:level "07"^^xsd:integer, "3.0"^^xsd:decimal, "level three" .
_:loop ex:next _:loop .
<https://example.org/ns/a/b> ex:p <https://example.org/ns/x.y>, <https://example.org/ns/1abc> .
ex:role a pm:Role ; skos:prefLabel "Tricky role"@en ; pm:reportsTo ex:thing .
'''

#: A second file with the same blank node label: a different node.
TRICKY_TOO = '''@prefix ex: <https://example.org/ns/> .
_:loop ex:next _:loop ; ex:from "the second file" .
'''


@contextmanager
def lexical_forms_kept():
    """rdflib parsing without rewriting lexical forms ("01" stays "01")."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rdflib, "NORMALIZE_LITERALS", False)
        yield


RDFLIB_FORMATS = {"turtle": "turtle", "n-triples": "nt", "n-quads": "nquads", "trig": "trig",
                  "json-ld": "json-ld", "rdf-xml": "xml"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "n-triples": ox.RdfFormat.N_TRIPLES, "n-quads": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "rdf-xml": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tricky")
    (folder / "tricky.ttl").write_text(TRICKY, encoding="utf-8")
    (folder / "tricky-too.ttl").write_text(TRICKY_TOO, encoding="utf-8")
    return [folder / "tricky.ttl", folder / "tricky-too.ttl"]


def _framework(name):
    return [ontology_dir() / "schema.ttl", ontology_dir() / "frameworks" / f"{name}.ttl"]


INPUTS = ["bundled", "data", "framework"]


@pytest.fixture(scope="module")
def inputs(tricky):
    """name -> (files, bundled, the global CLI options that give them)."""
    return {
        "bundled": ([], True, []),
        "data": (tricky, True, [a for f in tricky for a in ("--data", str(f))]),
        "framework": (_framework("monzo"), False, ["--framework", "monzo"]),
    }


@pytest.fixture(scope="module")
def exported(inputs):
    """(input, format) -> bytes, each export made once."""
    cache = {}

    def get(name, fmt):
        if (name, fmt) not in cache:
            files, bundled, _options = inputs[name]
            cache[name, fmt] = export(files, bundled=bundled, format=fmt)
        return cache[name, fmt]

    return get


def _lowercase_tags(graph):
    """``graph`` with language tags in lower case (pmgraph writes them so; RDF 1.1 allows it)."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def expected(inputs):
    """input -> the default graph as rdflib parses its files, lexical forms kept (each file its own
    blank nodes, as every RDF merge)."""
    graphs = {}
    with lexical_forms_kept():
        for name, (files, bundled, _options) in inputs.items():
            graph = rdflib.Graph()
            for path in [*(ontology_files() if bundled else []), *files]:
                graph.parse(str(path), format="turtle")
            graphs[name] = _lowercase_tags(graph)
    return graphs


@pytest.fixture(scope="module")
def expected_named():
    with lexical_forms_kept():
        return {iri: rdflib.Graph().parse(str(path), format="turtle") for iri, path in framework_graphs().items()}


def _parse_back(content, fmt):
    """(default graph, {named graph IRI: graph}) of ``content`` as rdflib reads it, lexical forms kept."""
    with lexical_forms_kept():
        if FORMATS[fmt].quads:
            dataset = rdflib.Dataset()
            dataset.parse(data=content, format=RDFLIB_FORMATS[fmt])
            named = {str(g.identifier): g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
            return _lowercase_tags(dataset.default_graph), named
        return _lowercase_tags(rdflib.Graph().parse(data=content, format=RDFLIB_FORMATS[fmt])), {}


@pytest.fixture(scope="module")
def parsed_back(exported):
    """(input, format) -> what rdflib reads in that export, each parsed once."""
    cache = {}

    def get(name, fmt):
        if (name, fmt) not in cache:
            cache[name, fmt] = _parse_back(exported(name, fmt), fmt)
        return cache[name, fmt]

    return get


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name", INPUTS)
def test_every_format_reads_back_as_the_graph_it_was_written_from(parsed_back, expected, expected_named, name, fmt):
    default, named = parsed_back(name, fmt)
    assert len(default) == len(expected[name]) > 0
    assert isomorphic(default, expected[name])
    if FORMATS[fmt].quads:
        # every bundled framework is its own named graph, whatever the default graph holds
        assert sorted(named) == sorted(expected_named)
        for iri, graph in expected_named.items():
            assert isomorphic(named[iri], graph), iri
        assert "https://w3id.org/pmgraph/graph" not in named  # the stores' copy of the default graph
    else:
        assert named == {}


@pytest.mark.parametrize("name", INPUTS)
def test_the_default_graph_is_what_pmgraph_load_holds_up_to_canonical_literals(exported, inputs, name):
    """Loaded into a pyoxigraph Store (which rewrites "1.0" as "1"), the export is the graph every
    command reads."""
    from pmgraph import load
    from pmgraph.loading.engines import oxigraph_store as store_of

    files, bundled, _options = inputs[name]
    store = ox.Store()
    store.load(exported(name, "n-triples"), format=ox.RdfFormat.N_TRIPLES)

    def as_graph(quads):
        graph = rdflib.Graph()
        for quad in quads:
            graph.add(tuple(_to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))
        return graph

    loaded = store_of(load(files, bundled=bundled))
    assert isomorphic(as_graph(store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                      as_graph(loaded.quads_for_pattern(None, None, None, ox.DefaultGraph())))


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value),
                   normalize=False)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_literals_keep_their_lexical_form_in_every_format(parsed_back, fmt):
    default, _named = parsed_back("data", fmt)
    thing = URIRef("https://example.org/ns/thing")
    ex = "https://example.org/ns/"
    values = {(str(o), o.datatype, o.language) for o in default.objects(thing, None) if isinstance(o, Literal)}
    for lexical, datatype in [("1.0", XSD.decimal), ("2.50", XSD.decimal), ("01", XSD.integer), ("true", XSD.boolean),
                              ("1", XSD.boolean), ("1.0E0", XSD.double), ("07", XSD.integer), ("3.0", XSD.decimal)]:
        assert (lexical, datatype, None) in values, (lexical, datatype)
    assert ("Colour", None, "en-gb") in values and ("Bonjour", None, "fr") in values
    assert ("plain", XSD.string, None) in values or ("plain", None, None) in values
    text = default.value(thing, URIRef(ex + "text"))
    assert text is not None and '"quoted"' in text and "\r\n" in text and "😀" in text and "\\ backslash" in text
    # the bundled decimals too, as the files write them
    yearsmin = {str(o) for o in default.objects(None, URIRef(PM_NS + "yearsMin"))}
    assert "1.0" in yearsmin


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_input_same_bytes(inputs, exported, fmt):
    files, bundled, _options = inputs["data"]
    assert export(files, bundled=bundled, format=fmt) == exported("data", fmt)


def test_same_bytes_in_processes_with_different_hash_seeds(inputs, exported, tmp_path):
    """``python -m pmgraph export`` in fresh processes, each with its own hash seed; and every
    format from the library in such processes."""
    files, bundled, options = inputs["data"]

    def fresh(args, seed):
        done = subprocess.run([sys.executable, *args], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done

    for fmt in ("turtle", "json-ld"):
        for seed in ("1", "2"):
            out = tmp_path / f"{fmt}-{seed}.out"
            done = fresh(["-m", "pmgraph", *options, "export", "--format", fmt, "-o", str(out)], seed)
            assert done.stderr == f"wrote {out}: {fmt}, {out.stat().st_size:,} bytes\n"
            assert out.read_bytes() == exported("data", fmt), (fmt, seed)
    script = ("import hashlib, sys; from pmgraph.exchange.export import FORMATS, export\n"
              f"files = {[str(f) for f in files]!r}\n"
              "for fmt in FORMATS: "
              f"print(fmt, hashlib.sha256(export(files, bundled={bundled}, format=fmt)).hexdigest())")
    wanted = "".join(f"{fmt} {hashlib.sha256(exported('data', fmt)).hexdigest()}\n" for fmt in FORMATS)
    for seed in ("3", "4"):
        assert fresh(["-c", script], seed).stdout == wanted, seed


def test_blank_nodes_are_labelled_by_first_appearance(exported):
    text = exported("data", "n-triples").decode()
    labels = {word for line in text.splitlines() for word in line.split() if word.startswith("_:")}
    # [ ex:inner ... ] is b0, the loop of tricky.ttl b1, the loop of tricky-too.ttl another node, b2
    assert labels == {"_:b0", "_:b1", "_:b2"}
    assert "_:b1 <https://example.org/ns/next> _:b1 ." in text and "_:b2 <https://example.org/ns/next> _:b2 ." in text


def test_n_triples_and_n_quads_are_what_pyoxigraphs_own_writers_write(exported):
    for fmt, ox_format in (("n-triples", ox.RdfFormat.N_TRIPLES), ("n-quads", ox.RdfFormat.N_QUADS)):
        content = exported("data", fmt)
        assert ox.serialize(list(ox.parse(content, format=ox_format)), format=ox_format) == content
    graphs = [q.graph_name for q in ox.parse(exported("data", "n-quads"), format=ox.RdfFormat.N_QUADS)]
    named = [str(g) for g in graphs if not isinstance(g, ox.DefaultGraph)]
    assert graphs[:len(graphs) - len(named)] == [ox.DefaultGraph()] * (len(graphs) - len(named))  # default graph first
    assert named == sorted(named)  # then graph by graph


def test_turtle_is_sorted_and_prefixed(exported):
    text = exported("bundled", "turtle").decode()
    header = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert header[:len(PREFIXES)] == [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    assert any(line.startswith("@prefix ddatrole: ") for line in header)  # the frameworks' own, from their files
    body = text.split("\n\n", 1)[1]
    subjects = [line.split(" ", 1)[0] for line in body.splitlines() if line and not line.startswith("\t")]
    assert len(subjects) == len(set(subjects))  # one block per subject
    assert "\nrole:chief-product-officer a schema:Occupation , pm:Role ;\n\tskos:altLabel " in body  # rdf:type first
    assert "esco:9f508305-80ce-4111-8722-f2c9b4a44890" in body
    assert "@prefix ns1" not in text and "ns1:" not in body


def test_a_literal_reading_like_an_iri_keeps_the_prefixes(tmp_path):
    """'<role>' in a definition's text is no IRI of a scheme 'role': the context keeps role:."""
    data = tmp_path / "note.ttl"
    data.write_text('@prefix role: <https://w3id.org/pmgraph/role/> .\n'
                    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                    'role:x skos:definition "Each role is labelled \'<role>, <level>\'" .\n', encoding="utf-8")
    context = json.loads(export([data], bundled=False, format="json-ld"))["@context"]
    assert context["role"] == PREFIXES["role"]


def test_json_ld_has_a_real_context(exported):
    document = json.loads(exported("bundled", "json-ld"))
    context = document["@context"]
    assert context["@vocab"] == PM_NS and context["@language"] == "en"
    assert context["level"] == {"@id": "pm:level", "@type": "xsd:integer"}
    assert context["yearsMin"] == {"@id": "pm:yearsMin", "@type": "xsd:decimal"}
    assert context["reportsTo"] == {"@id": "pm:reportsTo", "@type": "@id"}
    assert context["grade"] == {"@id": "pm:grade", "@language": None}
    assert context["Role"] == "pm:Role" and context["role"] == PREFIXES["role"]
    assert context["dct:source"] == {"@id": "dct:source", "@type": "@id"}  # all its values are IRIs
    assert jsonld_context().items() <= context.items()
    nodes = {node["@id"]: node for node in document["@graph"]}
    cpo = nodes["role:chief-product-officer"]
    assert "Role" in cpo["@type"] and isinstance(cpo["level"], str) and cpo["skos:prefLabel"] == "Chief Product Officer"
    assert all(isinstance(node.get("level", ""), str | dict) for node in nodes.values())  # never a JSON number
    subjects = {line.split(" ", 1)[0] for line in exported("bundled", "n-triples").decode().splitlines()}
    assert len(nodes) == len(document["@graph"]) == len(subjects)  # one node object per subject


def test_json_ld_writes_values_its_terms_do_not_coerce_explicitly(exported):
    document = json.loads(exported("data", "json-ld"))
    thing = next(node for node in document["@graph"] if node["@id"] == "ex:thing")
    assert sorted(thing["level"], key=str) == sorted(["07", {"@value": "3.0", "@type": "xsd:decimal"},
                                                      {"@value": "level three"}], key=str)
    assert thing["yearsMin"] == "1.0" and thing["ex:integer"] == "01"
    assert {"@value": "Colour", "@language": "en-gb"} in thing["ex:label"] and "English" in thing["ex:label"]
    assert {"@value": "plain"} in thing["ex:label"]
    role = next(node for node in document["@graph"] if node["@id"] == "ex:role")
    assert role["reportsTo"] == "ex:thing"


def test_json_ld_reads_back_in_pyoxigraph_too(exported, inputs):
    for name in INPUTS:
        written = set(ox.parse(exported(name, "json-ld"), format=ox.RdfFormat.JSON_LD))
        assert written == set(ox.parse(exported(name, "n-triples"), format=ox.RdfFormat.N_TRIPLES)), name


def test_format_for_guesses_by_suffix():
    assert {suffix: format_for(f"x{suffix}") for f in FORMATS.values() for suffix in f.suffixes} == {
        ".ttl": "turtle", ".nt": "n-triples", ".nq": "n-quads", ".trig": "trig", ".jsonld": "json-ld",
        ".rdf": "rdf-xml", ".owl": "rdf-xml"}
    assert format_for("graph.xml") is None


def test_unknown_format_in_python_is_a_value_error():
    with pytest.raises(ValueError, match="Unknown format 'yaml'"):
        export(format="yaml")


# ----------------------------------------------------------------------------------- the command


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nq", "n-quads"), (".jsonld", "json-ld"),
                                         (".rdf", "rdf-xml"), (".owl", "rdf-xml"), (".trig", "trig"),
                                         (".nt", "n-triples")])
def test_export_guesses_the_format_from_the_suffix_and_says_what_it_wrote(tmp_path, exported, suffix, fmt):
    out = tmp_path / f"graph{suffix}"
    result = run("export", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"wrote {out}: {fmt}, {out.stat().st_size:,} bytes\n"
    assert out.read_bytes() == exported("bundled", fmt)


def test_export_writes_turtle_to_standard_output_by_default(exported):
    for args in (["export"], ["export", "-o", "-"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stderr == ""
        assert result.stdout_bytes == exported("bundled", "turtle")


def test_export_with_framework_writes_that_framework(exported, tmp_path):
    result = run("--framework", "monzo", "export", "--format", "trig")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == exported("framework", "trig")


def test_export_overwrites_only_with_force(tmp_path, exported):
    out = tmp_path / "graph.ttl"
    out.write_text("keep")
    refused = run("export", "-o", out)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == f"Error: {out}: already exists — pass --force to overwrite it\n"
    assert out.read_text() == "keep"
    forced = run("export", "-o", out, "--force")
    assert forced.exit_code == 0 and out.read_bytes() == exported("bundled", "turtle")


HOSTILE_RDFXML = '''<https://example.org/a> <https://example.org/1> "a predicate RDF/XML cannot name" .\n'''
CONTROL = '''<https://example.org/a> <https://example.org/p> "bell \\u0007" .\n'''
TRIPLE_TERM = ('<https://example.org/a> <https://example.org/p> '
               '<<( <https://example.org/a> <https://example.org/p> <https://example.org/b> )>> .\n')
CONFLICT = ('<https://w3id.org/pmgraph/role/product-manager> <https://w3id.org/pmgraph/ontology#level> '
            '"9"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')


@pytest.mark.parametrize("args, files, code, message", [
    (["export", "-o", "{tmp}/missing/graph.ttl"], {}, 1,
     "the directory '{tmp}/missing' does not exist — create it first"),
    (["export", "--format", "yaml"], {}, 2, "Invalid value for '--format': 'yaml' is not one of"),
    (["export", "-o", "{tmp}/graph.txt"], {}, 2,
     "cannot tell the format of '{tmp}/graph.txt' from its suffix; give --format"),
    (["--data", "{tmp}/bad.ttl", "export"], {"bad.ttl": "<a> <b> .\n"}, 1, "{tmp}/bad.ttl:1: Turtle syntax error"),
    (["--data", "{tmp}/none.ttl", "export"], {}, 1, "{tmp}/none.ttl: no such file; check the path"),
    (["--data", "{tmp}/conflict.nt", "export"], {"conflict.nt": CONFLICT}, 1, "pm:level"),
    (["--data", "{tmp}/h.nt", "export", "--format", "rdf-xml"], {"h.nt": HOSTILE_RDFXML}, 1,
     "the predicate <https://example.org/1> cannot be written in RDF/XML"),
    (["--data", "{tmp}/c.nt", "export", "--format", "rdf-xml"], {"c.nt": CONTROL}, 1,
     "holds U+0007, which XML 1.0 cannot carry"),
    (["--data", "{tmp}/t.nt", "export", "--format", "json-ld"], {"t.nt": TRIPLE_TERM}, 1,
     "is RDF 1.2 (a triple term or a base direction), which JSON-LD does not carry here"),
    (["--data", "{tmp}/t.nt", "export", "--format", "rdf-xml"], {"t.nt": TRIPLE_TERM}, 1,
     "which RDF/XML does not carry"),
    (["--endpoint", "http://127.0.0.1:9/query", "export"], {}, 2, "export writes the embedded graph from its files"),
])
def test_hostile_exports_are_one_line_errors(tmp_path, args, files, code, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert message.format(tmp=tmp_path) in result.stderr
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1
    assert not any(p.name.startswith(".graph") for p in tmp_path.iterdir())  # no temporary file left behind


@pytest.mark.parametrize("data", [HOSTILE_RDFXML, CONTROL, TRIPLE_TERM])
def test_what_one_format_refuses_another_writes(tmp_path, data):
    path = tmp_path / "odd.nt"
    path.write_text(data, encoding="utf-8")
    for fmt in ("turtle", "n-triples"):
        written = export([path], bundled=False, format=fmt)
        assert (set(ox.parse(written, format=OX_FORMATS[fmt]))
                == set(ox.parse(data.encode(), format=ox.RdfFormat.N_TRIPLES)))


def test_the_help_names_the_python_twin():
    result = run("export", "--help")
    assert "Python: pmgraph.exchange.export.export(files, bundled=..., format=...)" in " ".join(result.output.split())


def test_json_ld_context_gives_way_where_a_name_would_mislead(tmp_path):
    """A file's prefix named like an IRI scheme of the graph ("urn" beside <urn:isbn:...>) or like a
    schema term ("level") is left out of the context; pmgraph's own "skill" makes the property pm:skill."""
    path = tmp_path / "names.ttl"
    path.write_text('@prefix urn: <https://example.org/urn/> .\n@prefix level: <https://example.org/level/> .\n'
                    '<urn:isbn:123> urn:x level:y ; <https://w3id.org/pmgraph/ontology#level> 4 ;\n'
                    '    <https://w3id.org/pmgraph/ontology#skill> <https://w3id.org/pmgraph/skill/sql> .\n',
                    encoding="utf-8")
    document = json.loads(export([path], bundled=False, format="json-ld"))
    context = document["@context"]
    assert "urn" not in context and context["level"] == {"@id": "pm:level", "@type": "xsd:integer"}
    assert document["@graph"] == [{"@id": "urn:isbn:123", "https://example.org/urn/x": {"@id": "https://example.org/level/y"},
                                   "level": "4", "pm:skill": "skill:sql"}]
    with lexical_forms_kept():
        back = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(back, rdflib.Graph().parse(str(path), format="turtle"))


def test_an_output_that_reads_back_otherwise_is_refused(tricky):
    """The last guard: what was written is parsed again; a lexical form lost on the way is an error."""
    from pmgraph.errors import InvalidDataError
    from pmgraph.exchange.lines import read_lines
    from pmgraph.exchange.write import check_reads_back as _check_reads_back

    data = read_lines(tricky, quads=False)
    written = export(tricky, bundled=False, format="turtle")
    _check_reads_back(written, data, FORMATS["turtle"])  # as written: no complaint
    tampered = written.replace(b"ex:decimal 1.0 ,", b"ex:decimal 1 ,")
    assert tampered != written
    with pytest.raises(InvalidDataError,
                       match=r"cannot be written as turtle: 2 triple\(s\) would read back differently"):
        _check_reads_back(tampered, data, FORMATS["turtle"])


def test_rdf_xml_renames_a_prefix_xml_reserves(tmp_path):
    """A Turtle file may name a prefix xmlns or xml...; RDF/XML may not: it gets a name of its own."""
    data = tmp_path / "xmlns.ttl"
    data.write_text("@prefix xmlns: <http://example.org/x#> .\n@prefix xmlfoo: <http://example.org/y#> .\n"
                    "xmlns:a xmlns:p xmlfoo:b .\n", encoding="utf-8")
    written = export([data], bundled=False, format="rdf-xml")
    assert b'xmlns:xmlns=' not in written and b"xmlns:xmlfoo=" not in written
    graph = rdflib.Graph().parse(data=written, format="xml")
    assert (rdflib.URIRef("http://example.org/x#a"), rdflib.URIRef("http://example.org/x#p"),
            rdflib.URIRef("http://example.org/y#b")) in graph
