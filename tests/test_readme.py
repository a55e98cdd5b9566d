"""The README's examples are real: every `$ pmgraph ...` line in a ``console`` block runs and prints
what the README shows, and every ``>>>`` example runs as a doctest.

An output line "…" means "lines left out here" (at the end: "truncated here"). Commands run in
order, in one scratch directory holding links to ``examples/`` and ``tests/`` and the profile
``me.yaml`` from the README, so a file one example writes is there for the next. The remote-store
examples use http://127.0.0.1:7879 for the Oxigraph server; the test starts a real one and
points them at it.

After a content change, rewrite the shown outputs (keeping where each one is cut) with
``PYTHONPATH=. python tests/test_readme.py --update``.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ELLIPSIS = "…"
STORE = "http://127.0.0.1:7879"

_FENCE = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


@dataclass
class Example:
    command: str  # after "$ "
    shown: list[str]  # the output lines the README shows
    start: int  # character offsets of the shown output in the README
    end: int


def examples(text: str) -> list[Example]:
    """The `$ pmgraph ...` commands of the README's console blocks, with the output shown after each."""
    found = []
    for block in _FENCE.finditer(text):
        offset = block.start(1)
        lines = block.group(1).splitlines(keepends=True)
        current = None
        for line in lines:
            if line.startswith("$ "):
                if current:
                    found.append(current)
                current = None
                if line.startswith("$ pmgraph "):
                    current = Example(line[2:].strip(), [], offset + len(line), offset + len(line))
            elif current is not None:
                current.shown.append(line.rstrip("\n"))
                current.end = offset + len(line)
            offset += len(line)
        if current:
            found.append(current)
    return found


def matches(shown: list[str], real: list[str]) -> bool:
    """``shown`` equals ``real``, where a "…" line stands for any run of lines (at the end, the rest)."""
    shown = [line.rstrip() for line in shown]
    real = [line.rstrip() for line in real]
    if ELLIPSIS not in shown:
        return shown == real
    cut = shown.index(ELLIPSIS)
    head, tail = shown[:cut], shown[cut + 1:]
    if real[:len(head)] != head:
        return False
    rest = real[len(head):]
    return any(matches(tail, rest[i:]) for i in range(len(rest) + 1))


def run(command: str, store: str | None = None) -> list[str]:
    """Run one `pmgraph ...` line through click's CliRunner; its output lines (stdout and stderr)."""
    from click.testing import CliRunner

    from pmgraph.cli import cli

    args = shlex.split(command)[1:]
    if store:
        args = [arg.replace(STORE, store) for arg in args]
    result = CliRunner().invoke(cli, args, prog_name="pmgraph", env={"PMGRAPH_ENDPOINT": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    output = result.output
    if store:
        output = output.replace(store, STORE)
    return output.splitlines()


def profile_text(text: str) -> str:
    """The profile the README shows as me.yaml (its only ``yaml`` block)."""
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.M | re.S)
    assert len(blocks) == 1, "the README shows one YAML profile (me.yaml)"
    return blocks[0]


@contextmanager
def scratch(directory: Path, text: str):
    """Work in ``directory``, set up as the README's examples expect."""
    for name in ("examples", "tests"):
        (directory / name).symlink_to(ROOT / name, target_is_directory=True)
    (directory / "me.yaml").write_text(profile_text(text), encoding="utf-8")
    before = Path.cwd()
    os.chdir(directory)
    try:
        yield directory
    finally:
        os.chdir(before)


# ----------------------------------------------------------------------------- tests


def test_readme_console_examples_print_what_they_show(tmp_path, oxigraph_server):
    text = README.read_text(encoding="utf-8")
    found = examples(text)
    assert len(found) >= 15
    wrong = []
    with scratch(tmp_path, text):
        for example in found:
            real = run(example.command, store=oxigraph_server)
            if not matches(example.shown, real):
                wrong.append(f"$ {example.command}\n--- README shows:\n" + "\n".join(example.shown)
                             + "\n--- it prints:\n" + "\n".join(real))
    assert not wrong, "README out of date (PYTHONPATH=. python tests/test_readme.py --update):\n\n" + "\n\n".join(wrong)


def test_readme_python_examples_run(tmp_path):
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", text, re.M | re.S)
    source = "\n".join(block for block in blocks if block.lstrip().startswith(">>>"))
    test = doctest.DocTestParser().get_doctest(source, {}, "README.md", str(README), 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    with scratch(tmp_path, text):
        runner.run(test)
    assert runner.failures == 0


def test_every_task_has_a_checked_example():
    commands = {shlex.split(e.command)[1] for e in examples(README.read_text(encoding="utf-8"))
                if not shlex.split(e.command)[1].startswith("-")}
    commands |= {shlex.split(e.command)[3] for e in examples(README.read_text(encoding="utf-8"))
                 if shlex.split(e.command)[1].startswith("-")}
    for task in ("validate", "roles", "show", "path", "next", "delta", "gap", "query", "queries",
                 "publish", "import", "viz", "reference", "synth"):
        assert task in commands, f"README has no checked `$ pmgraph {task}` example"


def test_matches_allows_a_cut():
    assert matches(["a", ELLIPSIS], ["a", "b", "c"])
    assert matches(["a", ELLIPSIS, "c"], ["a", "b", "c"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert not matches(["x", ELLIPSIS], ["a", "b"])


# ----------------------------------------------------------------------------- --update


def update(store: str | None) -> None:
    """Rewrite each shown output with the real one, cut where the README cuts it."""
    import tempfile

    text = README.read_text(encoding="utf-8")
    pieces, last = [], 0
    with tempfile.TemporaryDirectory() as directory, scratch(Path(directory), text):
        for example in examples(text):
            real = run(example.command, store=store)
            if not matches(example.shown, real):
                if ELLIPSIS in example.shown and example.shown[-1] == ELLIPSIS:
                    keep = len(example.shown) - 1
                    real = real[:keep] + [ELLIPSIS] if len(real) > keep else real
                elif ELLIPSIS in example.shown:
                    print(f"fix by hand (cut in the middle): $ {example.command}", file=sys.stderr)
                    continue
                pieces += [text[last:example.start], "".join(line + "\n" for line in real)]
                last = example.end
    README.write_text("".join(pieces) + text[last:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] != ["--update"]:
        sys.exit(__doc__)
    import shutil
    import subprocess
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests.conftest import free_port, stop, wait_for

    port = free_port()
    with tempfile.TemporaryDirectory() as location:
        server = subprocess.Popen([shutil.which("oxigraph"), "serve", "--location", location,
                                   "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", server)
            update(f"http://127.0.0.1:{port}")
        finally:
            stop(server)
