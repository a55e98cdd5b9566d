"""Every reader of untrusted files, fed random and adversarial documents (issue 15): a ladder in
YAML and in CSV, a progression framework, a gap profile, Turtle given with --data, a .rq query.

Hypothesis mutates a valid document (inserting YAML, CSV, Turtle and SPARQL syntax, anchors and
aliases, deep brackets, long numbers, control characters, stray bytes) or writes one from those
pieces alone. Each is run through the command a user runs, in-process, and must end in success or
one line of error with exit 1 or 2 — never a traceback — within a fixed time, and, for the Python
readers, a fixed peak of memory.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from pmgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
#: Per document: the most seconds and (Python-allocated) bytes a reader may take.
SECONDS = 5.0
PEAK = 256 << 20
#: Documents per reader (derandomized: the same ones on every run, so CI does not flake).
EXAMPLES = 200

PIECES = st.sampled_from([
    ":", ": ", "- ", "-", "\n", "\n  ", "\n    ", "  ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "&b [*a, *a]",
    "!!python/object:os.system ", "!!binary ", "<<: *a", "? ", "|", ">", "#", "---\n", "...\n", "%YAML 1.1\n",
    "9" * 40, "-1", "1e400", "0x1F", ".nan", "null", "~", "true", "yes", "levels: 60", "level: 7",
    "years: [3, 1]", "years: [1, .inf]", "roles:", "skills:", "promotions:", "role: pm", "\t", "\r", "\r\n",
    "\x00", "\x1b[31m", "\u202e", "\ufeff", "\udcff" if False else "\ufffd", "制定", "é", "Ω",
    "record,id,label", ",,,,", '"a,b"', '"""', "\n,", "ladder,,X", "role,a,A,,,1,ic,product",
    "@prefix pm: <https://w3id.org/pmgraph/ontology#> .", "<urn:a> <urn:b> <urn:c> .", "_:b", "\"\"\"",
    "^^xsd:integer", "@base <x> .", "<http://[::1>", "pm:level", "a pm:Role", ";", ".", "(", ")",
    "SELECT * WHERE { ?s ?p ?o }", "SERVICE <http://127.0.0.1:9/> {}", "FILTER regex(?s, \"[\")", "?x", "$y",
    "\\u0022", "\\U0010FFFF", "LIMIT 5", "ORDER BY", "# comment", "INSERT DATA {}",
])


@st.composite
def documents(draw, seed: str):
    """A mutation of ``seed`` (insertions, deletions, duplications), or a text of pieces alone."""
    if draw(st.booleans()):
        text = seed
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(text)))
            action = draw(st.sampled_from(["insert", "delete", "duplicate", "random"]))
            if action == "insert":
                text = text[:at] + draw(PIECES) + text[at:]
            elif action == "delete":
                text = text[:at] + text[at + draw(st.integers(1, 40)):]
            elif action == "duplicate":
                text = text[:at] + text[at:at + 200] * draw(st.integers(2, 5)) + text[at:]
            else:
                text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        return text
    return "".join(draw(st.lists(PIECES | st.text(max_size=10), max_size=60)))


def _bytes(text: str, draw_latin: bool) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return text.encode("latin-1", "replace") if draw_latin else data


SEEDS = {
    "ladder-yaml": ((ROOT / "examples" / "acme-ladder.yaml").read_text(encoding="utf-8"), "ladder.yaml"),
    "ladder-csv": ((ROOT / "examples" / "acme-ladder.csv").read_text(encoding="utf-8"), "ladder.csv"),
    "progression": ((ROOT / "tests" / "data" / "monzo" / "product.md").read_text(encoding="utf-8")[:6000],
                    "product.md"),
    "profile": ("role: Senior PM\nskills:\n  Product roadmapping: expert\n  Communication: 3\n", "me.yaml"),
    "turtle": ((ROOT / "tests" / "data" / "ladder.ttl").read_text(encoding="utf-8")[:5000], "extra.ttl"),
    "query": ("# A question\n# param role: a role\nSELECT ?r ?l WHERE { ?r a pm:Role ; pm:level ?l } ORDER BY ?l\n",
              "question.rq"),
}


def _command(reader: str, path: Path, tmp: Path) -> list[str]:
    return {
        "ladder-yaml": ["import", str(path), "-o", str(tmp / "out.ttl"), "--force"],
        "ladder-csv": ["import", str(path), "-o", str(tmp / "out.ttl"), "--force"],
        "progression": ["import", str(path), "-o", str(tmp / "out.ttl"), "--force"],
        "profile": ["gap", str(path), "--target", "head of product"],
        # --data on a small bundled framework (parsed afresh each time: no cache entry per document)
        "turtle": ["--no-cache", "--framework", "octopus", "--data", str(path), "roles"],
        "query": ["query", str(path), "--format", "csv"],
    }[reader]


@pytest.mark.parametrize("reader", SEEDS)
def test_a_reader_answers_any_document_in_one_line(reader, tmp_path_factory):
    seed, name = SEEDS[reader]
    folder = tmp_path_factory.mktemp(reader)
    runner = CliRunner()
    runner.invoke(cli, ["roles"])  # warm the cache and the imports: time what reading costs

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(text=documents(seed), latin=st.booleans())
    def check(text: str, latin: bool) -> None:
        path = folder / name
        path.write_bytes(_bytes(text, latin))
        before = path.read_bytes()
        tracemalloc.start()
        started = time.monotonic()
        try:
            result = runner.invoke(cli, _command(reader, path, folder))
        finally:
            elapsed = time.monotonic() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"{type(result.exception).__name__}: {result.exception}\n{text!r}"
        assert "Traceback" not in result.output
        if result.exit_code != 0:
            assert result.exit_code in (1, 2), result.output
            errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
            assert len(errors) == 1 and len(errors[0]) < 600, result.stderr
        assert elapsed < SECONDS, f"{elapsed:.1f} s for {text[:200]!r}"
        assert peak < PEAK, f"{peak:,} bytes for {text[:200]!r}"
        assert path.read_bytes() == before  # the input is never modified

    check()
