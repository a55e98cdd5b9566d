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
    turtle.write_bytes(b"\xef\xbb\xbf@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n<https://example.org/x> a pm:Thing .\n")
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
