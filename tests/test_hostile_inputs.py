"""Hostile inputs (issue 15), collected here. Every reader of untrusted YAML — ladder files,
progression-framework front matter, gap profiles — refuses bombs with one line naming the file and
the limit, exit 1, in well under a second, never a traceback, the input untouched and nothing
written: the table ``CASES`` (id, command builder, file name, text, the words the error must
hold). Then the smaller cases: bounded years, other encodings, byte-order marks, unknown
parameters, huge names.
"""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli

# A billion laughs: nine levels of ten aliases each, 10^9 values once expanded, ~700 bytes.
LAUGHS = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
DEEP = "roles: " + "[" * 5000 + "]" * 5000 + "\n"
LONG_INT = "level: " + "9" * 5000 + "\n"


def ladder(body: str) -> str:
    return body


def front_matter(body: str) -> str:
    return "---\n" + body + "---\n# Levels\n"


def importing(path, tmp_path):
    return ["import", str(path), "-o", str(tmp_path / "out.ttl")]


def gap(path, _tmp_path):
    return ["gap", str(path), "--target", "head of product"]


CASES = [
    ("ladder-billion-laughs", importing, "bomb.yaml", ladder(LAUGHS), "aliases expand to more than"),
    ("ladder-deep-nesting", importing, "deep.yaml", ladder(DEEP), "nested deeper than"),
    ("ladder-long-integer", importing, "long.yaml",
     "name: x\nroles:\n  - id: a\n    label: A\n    " + LONG_INT, "integer longer than"),
    ("ladder-many-aliases", importing, "aliases.yaml",
     "x: &x 1\ny: [" + ", ".join(["*x"] * 200) + "]\n", "more than 100 aliases"),
    ("progression-billion-laughs", importing, "framework.md", front_matter(LAUGHS), "aliases expand to more than"),
    ("progression-deep-nesting", importing, "framework.md", front_matter(DEEP), "nested deeper than"),
    ("progression-huge-levels", importing, "framework.md",
     front_matter("levels: 100000000\ntopics:\n  - name: Craft\n"), "levels must be 1 to 50"),
    ("profile-billion-laughs", gap, "me.yaml", LAUGHS, "aliases expand to more than"),
    ("profile-deep-nesting", gap, "me.yaml", DEEP, "nested deeper than"),
    ("profile-long-integer", gap, "me.yaml", "role: pm\nskills:\n  Communication: " + "9" * 5000 + "\n",
     "integer longer than"),
]


@pytest.mark.parametrize("case, command, name, text, words", CASES, ids=[c[0] for c in CASES])
def test_hostile_yaml_is_one_line_exit_1_and_quick(tmp_path, case, command, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    start = time.perf_counter()
    result = CliRunner().invoke(cli, command(path, tmp_path))
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1, (result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(path) in lines[0], lines
    assert "Traceback" not in result.output
    assert elapsed < 5  # bounded: the limits are checked before anything is built (~0.1 s here)
    assert path.read_bytes() == before  # the input is not modified
    assert not (tmp_path / "out.ttl").exists()  # and nothing is written


def test_years_are_bounded(tmp_path):
    from pathlib import Path

    acme = (Path(__file__).resolve().parents[1] / "examples" / "acme-ladder.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ladder.yaml"
    path.write_text(acme.replace("{from: apm, to: pm, years: [1, 2]}", "{from: apm, to: pm, years: [1, 1000000]}"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 1
    assert "must satisfy 0 <= min <= max <= 50" in result.stderr


def test_ordinary_anchors_still_work(tmp_path):
    """A few aliases are fine: the limits stop bombs, not YAML."""
    path = tmp_path / "me.yaml"
    path.write_text("role: &r senior pm\nskills:\n  Communication: expert\nnote: *r\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["gap", str(path), "--target", "head of product"])
    assert result.exit_code in (0, 1)
    assert "YAML too large" not in result.output


# ---------------------------------------------------------------- small hostile inputs (issue 15)


def test_a_latin1_query_file_is_one_line_naming_the_byte(tmp_path):
    path = tmp_path / "latin.rq"
    path.write_bytes("SELECT ?r WHERE { ?r a pm:Role } # café\n".encode("latin-1"))
    result = CliRunner().invoke(cli, ["query", str(path)])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "not UTF-8 text (byte 0xe9 at offset" in line and "latin.rq" in line


def test_a_byte_order_mark_is_accepted_in_turtle_and_profiles(tmp_path):
    turtle = tmp_path / "bom.ttl"
    turtle.write_bytes(b"\xef\xbb\xbf@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n"
                       b"<https://example.org/x> a pm:Thing .\n")
    for engine_flag in ([], ["--no-cache"]):
        result = CliRunner().invoke(cli, [*engine_flag, "--data", str(turtle), "roles"])
        assert result.exit_code == 0, result.output
    profile = tmp_path / "me.yaml"
    profile.write_bytes(b"\xef\xbb\xbfrole: senior pm\nskills:\n  Communication: expert\n")
    assert CliRunner().invoke(cli, ["gap", str(profile), "--target", "head of product"]).exit_code == 0


def test_an_unknown_param_is_an_error_not_ignored():
    result = CliRunner().invoke(cli, ["query", "top-roles", "-p", "nosuch=1"])
    assert result.exit_code == 1
    assert "Parameter 'nosuch' matches no variable of the query" in result.stderr
    inline = CliRunner().invoke(cli, ["query", "-e", "SELECT ?r WHERE { ?r a pm:Role }", "-p", "role=1"])
    assert inline.exit_code == 1 and "matches no variable" in inline.stderr


def test_a_huge_role_name_is_quoted_as_an_excerpt():
    result = CliRunner().invoke(cli, ["show", "x" * 100_000])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert len(line) < 300 and "(100,000 characters)" in line


# ---------------------------------------------------------------- outputs: one policy (issue 15)

WRITERS = [
    ("import", lambda out: ["import", "examples/acme-ladder.yaml", "-o", out], "@prefix"),
    ("reference", lambda out: ["reference", "-o", out], "# pmgraph ontology reference"),
    ("synth", lambda out: ["synth", "--triples", "200", "-o", out], "@prefix"),
    ("viz", lambda out: ["viz", "-o", out], "<!DOCTYPE html>"),
]
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name, args, start", WRITERS, ids=[w[0] for w in WRITERS])
def test_dash_is_standard_output(in_root, tmp_path, monkeypatch, name, args, start):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "acme-ladder.yaml").write_bytes((ROOT / "examples" / "acme-ladder.yaml").read_bytes())
    result = CliRunner().invoke(cli, args("-"))
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith(start) or start in result.stdout[:400]
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("name, args, start", WRITERS, ids=[w[0] for w in WRITERS])
def test_an_existing_file_is_kept_without_force(in_root, tmp_path, name, args, start):
    out = tmp_path / "existing"
    out.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, args(str(out)))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "already exists — pass --force to overwrite it" in line
    assert out.read_text(encoding="utf-8") == "mine"
    forced = CliRunner().invoke(cli, [*args(str(out)), "--force"])
    assert forced.exit_code == 0, forced.output
    assert start in out.read_text(encoding="utf-8")[:400]


@pytest.mark.parametrize("name, args, start", WRITERS, ids=[w[0] for w in WRITERS])
def test_a_missing_folder_or_a_full_disk_is_one_line(in_root, tmp_path, monkeypatch, name, args, start):
    import errno
    import os

    result = CliRunner().invoke(cli, args(str(tmp_path / "no-such-folder" / "out")))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "does not exist — create it first" in line

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "out"))

    monkeypatch.setattr(os, "replace", full)  # the last step of every atomic write
    result = CliRunner().invoke(cli, args(str(tmp_path / "out")))
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "No space left on device" in line and "Traceback" not in result.output
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []  # no temporary file left


# ---------------------------------------------------------------- the table (issue 15)
#
# Every hostile input the issue lists, one row each, run by one test: the command as a user types
# it ({tmp}: a fresh folder; {store:MODE}: a misbehaving store, tests/misbehaving.py), the files
# and standard input it gets, the exit code, and the words its one line of error must hold (None:
# it must succeed). Inputs must come out unchanged, nothing else must be written, and every row
# ends within BOUND seconds. The remote-store rows are one per failure; test_remote_failures.py
# runs every command against every failure.

import errno  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from .misbehaving import MisbehavingServer, closed_port  # noqa: E402

BOUND = 10.0
ACME = (ROOT / "examples" / "acme-ladder.yaml").read_text(encoding="utf-8")


def _acme_turtle() -> bytes:
    from pmgraph.ladders.rdf import import_ladder

    return import_ladder(ROOT / "examples" / "acme-ladder.yaml").serialize(format="turtle", encoding="utf-8")


ACME_TTL = _acme_turtle()
MONZO = (ROOT / "tests" / "data" / "monzo" / "product.md").read_text(encoding="utf-8")
BAD_TURTLE = "<urn:a> <urn:b> \"never closed .\n"


@dataclass(frozen=True)
class Hostile:
    id: str
    argv: tuple[str, ...]
    says: str | None
    exit: int = 1
    files: dict[str, bytes] = field(default_factory=dict)
    stdin: bytes | None = None
    writes: tuple[str, ...] = ()  # files the command may create (a success's output)
    env: dict[str, str] = field(default_factory=dict)  # the environment the command sees, besides
    patch: str | None = None  # "readonly": the folder refuses new files (as chmod 555 does for non-root)


def _remote_rows() -> list[Hostile]:
    failing = [
        ("refused", ["path", "pm", "cpo"], "connection refused"),
        ("unresolvable", ["roles"], "cannot resolve the host name"),
        ("garbage", ["show", "pm"], "did not answer HTTP"),
        ("html", ["delta", "pm", "senior pm"], "answered text/html, not SPARQL results"),
        ("status500", ["next", "pm"], "answered HTTP 500"),
        ("status404", ["viz", "-o", "{tmp}/page.html"], "answered HTTP 404"),
        ("redirect-loop", ["reference"], "redirected more than 5 times"),
        ("redirect-away", ["roles"], "a redirect to 'http://elsewhere.invalid/sparql'"),
        ("drop", ["path", "pm", "cpo"], "closed the connection without answering"),
        ("truncated", ["roles"], "the connection closed after 100 bytes"),
        ("hang", ["roles"], "no complete answer within 2 s (the timeout)"),
        ("drip", ["show", "pm"], "no complete answer within 2 s (the timeout)"),
        ("bad-json", ["roles"], "answered SPARQL results that do not parse"),
        ("status500", ["query", "top-roles"], "answered HTTP 500"),
        ("refused", ["validate"], "connection refused"),
        ("basic", ["roles"], "answered HTTP 401 Unauthorized"),
    ]
    rows = [Hostile(f"endpoint-{mode}-{args[0]}", ("--timeout", "2", "--endpoint", f"{{store:{mode}}}", *args), says)
            for mode, args, says in failing]
    rows += [
        Hostile("publish-to-a-web-page", ("publish", "--endpoint", "{store:html}"),
                "answered text/html, not SPARQL results"),
        Hostile("publish-unapplied", ("publish", "--endpoint", "{store:ignores}"), "holds 0 triples"),
        Hostile("endpoint-timeout-nan", ("--timeout", "nan", "--endpoint", "{store:hang}", "roles"), "--timeout",
                exit=2),
        Hostile("endpoint-not-http", ("--endpoint", "file:///etc/passwd", "roles"), "not an http:// or https:// URL"),
    ]
    return rows


def _rows() -> list[Hostile]:
    from pathlib import PurePosixPath

    folder = PurePosixPath("{tmp}")
    rows = [Hostile(case, tuple(command(folder / name, folder)), words, files={name: text.encode()})
            for case, command, name, text, words in CASES]
    rows += _remote_rows()
    cjk = ACME.replace("responsibilities: [Ship features]", "responsibilities: [制定路线图, 管理团队]", 1)
    rows += [
        Hostile("import-cjk-labels-stay-distinct", ("import", "{tmp}/cjk.yaml", "-o", "{tmp}/out.ttl"), None,
                exit=0, files={"cjk.yaml": cjk.encode()}, writes=("out.ttl",)),
        Hostile("import-duplicated-promotion", ("import", "{tmp}/dup.yaml", "-o", "{tmp}/out.ttl"), "is listed twice",
                files={"dup.yaml": ACME.replace("promotions:\n", "promotions:\n  - {from: apm, to: pm, years: [1, 2]}\n"
                                                "  - {from: apm, to: pm, years: [1, 2]}\n", 1).encode()}),
        Hostile("import-infinite-years", ("import", "{tmp}/product.md", "-o", "{tmp}/out.ttl", "--years", "0-inf"),
                "must satisfy 0 <= MIN <= MAX <= 50", exit=2, files={"product.md": MONZO.encode()}),
        Hostile("import-iri-injection-base", ("import", "{tmp}/acme.yaml", "-o", "{tmp}/out.ttl", "--base",
                                               "https://x.org/> . <a> <b> <c"), "must be an absolute IRI",
                files={"acme.yaml": ACME.encode()}),
        Hostile("output-missing-folder", ("reference", "-o", "{tmp}/nowhere/ref.md"),
                "does not exist — create it first"),
        Hostile("output-read-only-folder", ("import", "{tmp}/acme.yaml", "-o", "{tmp}/out.ttl"), "Permission denied",
                files={"acme.yaml": ACME.encode()}, patch="readonly"),
        Hostile("output-exists-without-force", ("synth", "--triples", "200", "-o", "{tmp}/mine.ttl"),
                "already exists — pass --force", files={"mine.ttl": b"mine"}),
        Hostile("output-dash-is-stdout", ("import", "{tmp}/acme.yaml", "-o", "-"), None, exit=0,
                files={"acme.yaml": ACME.encode()}),
        Hostile("query-latin1-file", ("query", "{tmp}/q.rq"), "not UTF-8 text (byte 0xe9 at offset",
                files={"q.rq": "SELECT * WHERE { ?s ?p ?o } # café".encode("latin-1")}),
        Hostile("jsonld-nested-deep", ("--no-cache", "--data", "{tmp}/deep.jsonld", "roles"),
                "nested more than 64 levels",
                files={"deep.jsonld": ('{"@id": "http://a.example/", ' + '"http://p.example/": {' * 4000
                                       + "}" * 4000 + "}").encode()}),
        Hostile("export-jsonld-nested-deep", ("--data", "{tmp}/deep.jsonld", "export"), "nested more than 64 levels",
                files={"deep.jsonld": ('{"@id": "http://a.example/", "http://p.example/": ' + "[" * 200
                                       + "]" * 200 + "}").encode()}),
        Hostile("turtle-literal-over-16-mib", ("--no-cache", "--data", "{tmp}/huge.ttl", "roles"), "too large to parse",
                files={"huge.ttl": b'<urn:a> <urn:b> "' + b"x" * 17_000_000 + b'" .\n'}),
        Hostile("turtle-with-bom", ("--data", "{tmp}/bom.ttl", "roles"), None, exit=0,
                files={"bom.ttl": b"\xef\xbb\xbf<urn:a> <urn:b> <urn:c> .\n"}),
        Hostile("query-unknown-param", ("query", "top-roles", "-p", "nosuch=1"), "matches no variable"),
        Hostile("query-invalid-regex", ("query", "-e", 'SELECT ?r WHERE { ?r rdfs:label ?l FILTER regex(?l, "[") }'),
                "Invalid regular expression '['"),
        Hostile("query-service", ("query", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
                "SERVICE"),
        Hostile("query-deep-nesting", ("query", "-e", "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000),
                "nests brackets more than 128 deep"),
        Hostile("query-triple-term",
                ("query", "-e", "SELECT ?t WHERE { BIND(TRIPLE(<http://a>, <http://b>, <http://c>) AS ?t) }"),
                "RDF 1.2 triple term"),
        Hostile("query-memory-bomb", ("query", "--max-memory", "256M", "-e", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . "
                                       "?g ?h ?i } ORDER BY ?a ?d ?g LIMIT 1"), "memory limit of 256 MiB"),
        Hostile("query-time-limit", ("query", "--timeout", "1", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . "
                                      "?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"), "time limit of 1 s"),
        Hostile("publish-graph-not-an-iri", ("publish", "--endpoint", "{store:html}", "--graph", "not an iri"),
                "is not an absolute IRI", exit=2),
        Hostile("endpoint-password-in-a-broken-url", ("--endpoint", "https://ann:s3cr?et@store.example/q", "roles"),
                "must be percent-encoded"),
        Hostile("endpoint-proxy-not-a-url", ("--endpoint", "{store:html}", "roles"),
                "the proxy named by the environment (https_proxy / http_proxy) is not a URL",
                env={"http_proxy": "http://proxy:notaport", "no_proxy": ""}),
        Hostile("endpoint-unclosed-bracket", ("--endpoint", "http://[::1/q", "roles"), "not a valid URL"),
        Hostile("role-name-100k-characters", ("show", "x" * 100_000), "(100,000 characters)"),
        Hostile("stdin-bad-turtle", ("--data", "-", "roles"), "-:1: Turtle syntax error", stdin=BAD_TURTLE.encode()),
        Hostile("stdin-profile-bomb", ("gap", "-", "--target", "head of product"), "aliases expand to more than",
                stdin=LAUGHS.encode()),
        Hostile("stdin-latin1-query", ("query", "-"), "not UTF-8 text",
                stdin="SELECT * { ?s ?p 'é' }".encode("latin-1")),
        Hostile("stdin-import-needs-format", ("import", "-", "-o", "-"), "give --format", exit=2, stdin=ACME.encode()),
        Hostile("stdin-read-twice", ("--data", "-", "validate", "-"), "can be read only once", exit=2,
                stdin=b"<urn:a> <urn:b> <urn:c> .\n"),
        Hostile("profile-control-character", ("gap", "{tmp}/me.yaml", "--target", "head of product"),
                "character U+001F at offset 0 is not allowed in YAML", files={"me.yaml": b"\x1frole: pm\n"}),
        Hostile("skills-query-100k-characters", ("skills", "s" * 100_000), "(100,000 characters)"),
        Hostile("leverage-profile-bomb", ("leverage", "--profile", "-"), "aliases expand to more than",
                stdin=LAUGHS.encode()),
        Hostile("profile-every-field-wrong", ("gap", "{tmp}/me.yaml", "--target", "cpo"),
                "3 problems: field 'role': Unknown role",
                files={"me.yaml": b"role: nobody at all\nskills:\n  Coaching and mentoring: guru\n"
                                  b"  Communication: 99\n"}),
        Hostile("role-name-ambiguous-across-ladders", ("--data", "{tmp}/acme.ttl", "show", "product manager"),
                "names 2 roles: acme:product manager, pmgraph:product manager", files={"acme.ttl": ACME_TTL}),
        Hostile("ladder-unknown-track", ("ladder", "--track", "sideways"), "unknown track 'sideways'", exit=2),
        Hostile("card-into-a-missing-folder", ("card", "pm", "-o", "{tmp}/nowhere/card.html"),
                "does not exist — create it first"),
    ]
    return rows


HOSTILE = _rows()


@pytest.fixture(scope="module")
def store():
    running = MisbehavingServer()
    yield running
    running.close()


def _fill(arg: str, tmp_path, store) -> str:
    arg = arg.replace("{tmp}", str(tmp_path))
    if arg.startswith("{store:"):
        mode = arg[len("{store:"):-1]
        if mode == "refused":
            return f"http://127.0.0.1:{closed_port()}/query"
        if mode == "unresolvable":
            return "http://store.invalid/query"
        return store.url(mode)
    return arg


def test_the_table_holds_every_case_the_issue_lists():
    assert len(HOSTILE) == len({case.id for case in HOSTILE}) >= 64


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_input(case, tmp_path, store, monkeypatch):
    for name, data in case.files.items():
        (tmp_path / name).write_bytes(data)
    if case.patch == "readonly":
        def refuse(*_args, dir=None, **_kwargs):  # noqa: A002 — mkstemp's own name
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    argv = [_fill(a, tmp_path, store) for a in case.argv]
    started = time.monotonic()
    result = CliRunner().invoke(cli, argv, input=case.stdin, env=case.env or None)
    elapsed = time.monotonic() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit, result.output[-2000:]
    if case.says is not None:
        lines = [line for line in result.stderr.strip().splitlines() if line.startswith("Error:")]
        assert len(lines) == 1, result.stderr[-2000:]
        assert case.says in lines[0] and len(lines[0]) < 600, lines[0]
    assert elapsed < BOUND, f"{elapsed:.1f} s"
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert {n: after.get(n) for n in before} == before  # inputs unchanged
    assert set(after) - set(before) <= set(case.writes), sorted(set(after) - set(before))
