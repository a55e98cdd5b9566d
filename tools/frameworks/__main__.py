"""``python -m tools.frameworks [--check]``: write (or check) ontology/frameworks/, ontology/crosswalk.ttl
and ontology/requirements.ttl. Run from the repository root."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmgraph.files import write_atomically

from .. import ONTOLOGY, SOURCES
from . import outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.frameworks", description=__doc__)
    parser.add_argument("--sources", type=Path, default=SOURCES, help="the originals (default: sources/)")
    parser.add_argument("--out", type=Path, default=ONTOLOGY / "frameworks", help="where to write")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file differs")
    args = parser.parse_args(argv)
    stale = []
    for path, data in outputs(args.sources, args.out).items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
    for path in stale:
        print(f"{'differs' if args.check else 'wrote'}: {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
