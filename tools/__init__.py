"""Build tools of the source tree: they write files that are committed, and are never installed.

``python -m tools.frameworks`` converts the frameworks' originals (``sources/<id>/``) into
``ontology/frameworks/``, ``ontology/crosswalk.ttl`` and ``ontology/requirements.ttl``. Run from
the repository root. The tools build on :mod:`pmgraph`; pmgraph never imports them (the wheel
does not hold them: ``pyproject.toml`` packages ``pmgraph`` only, the sdist adds ``tools``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "SOURCES", "ONTOLOGY"]

#: The repository root: the one place the tools find it. They live in the source tree only (never
#: in a wheel), so the checkout holding this file is the one they read and write.
ROOT = Path(__file__).resolve().parents[1]
#: The frameworks' originals, each with its licence (``sources/<id>/``).
SOURCES = ROOT / "sources"
#: The ontology the tools read (the reference ladder) and write (frameworks, crosswalk, requirements).
ONTOLOGY = ROOT / "ontology"
