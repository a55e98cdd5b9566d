"""The bundled career frameworks: converters from the originals to Turtle, one framework each.

The originals (``sources/<id>/`` in the source tree and the sdist, each with its licence) are
converted by ``tools.frameworks.<id>.convert`` into ``ontology/frameworks/<id>.ttl``, with the
framework's licence beside it in ``ontology/frameworks/<id>.LICENSE``; :mod:`.crosswalk`,
:mod:`.derive` and :mod:`.requirements` write ``ontology/crosswalk.ttl`` and
``ontology/requirements.ttl``. Regenerate, from the repository root, with::

    python -m tools.frameworks            # writes ontology/frameworks/, crosswalk.ttl, requirements.ttl
    python -m tools.frameworks --check    # exit 1 if a committed file differs

The test suite compares the committed files with :func:`outputs`, so they are always what the
converters write. A build tool: it builds on pmgraph, and pmgraph never imports it (the
catalogue of the frameworks held is :mod:`pmgraph.ladders.catalogue`).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

    from .base import Framework

__all__ = ["FRAMEWORKS", "converter", "convert", "turtle", "licence_text", "crosswalk_turtle", "requirements_turtle",
           "outputs"]

#: The bundled frameworks, by id (the module converting each has that name).
FRAMEWORKS = ("ddat", "gitlab", "monzo", "sourcegraph", "octopus")


def converter(framework: str) -> ModuleType:
    """The module converting ``framework`` (one of :data:`FRAMEWORKS`)."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"unknown framework {framework!r}; the bundled ones are {', '.join(FRAMEWORKS)}")
    return importlib.import_module(f"{__name__}.{framework}")


def convert(framework: str, sources: Path) -> Framework:
    """The graph of ``framework``, converted from its originals in ``sources/<framework>/``."""
    built: Framework = converter(framework).convert(Path(sources) / framework)
    return built


def turtle(framework: str, sources: Path) -> bytes:
    """``ontology/frameworks/<framework>.ttl`` as the converter writes it (same files, same bytes)."""
    from pmgraph.ladders.rdf import serialize_turtle

    built = convert(framework, sources)
    d = built.description
    note = (f"{d.title} ({d.publisher}), converted by tools.frameworks.{framework} from\n"
            f"{d.repository}{' @ ' + d.commit if d.commit else ''} (retrieved {d.retrieved}): {d.url}\n"
            f"Licence: {d.licence_name} <{d.licence}>; see {framework}.LICENSE beside this file.\n"
            f"{d.attribution}\n"
            "Facts and names carry over from the framework, each cited per value with an rdf:Statement;\n"
            "its prose does not. Generated: run python -m tools.frameworks, do not edit.")
    return serialize_turtle(built.graph, note=note)


def licence_text(framework: str, sources: Path) -> bytes:
    """``ontology/frameworks/<framework>.LICENSE``: the licence and attribution, then the original
    licence files verbatim."""
    d = converter(framework).DESCRIPTION
    parts = [f"{d.title} ({d.publisher})\n{d.url}\n\nLicence: {d.licence_name} <{d.licence}>\n"
             f"Attribution: {d.attribution}\n"]
    for name in d.licence_files:
        text = (Path(sources) / framework / name).read_text(encoding="utf-8")
        parts.append(f"\n----- {name} (from {d.repository}) -----\n\n{text.rstrip()}\n")
    return "".join(parts).encode("utf-8")


def crosswalk_turtle() -> bytes:
    """``ontology/crosswalk.ttl``: the reference ladder's links to the frameworks, each with its reason."""
    from pmgraph.ladders.rdf import serialize_turtle

    from .crosswalk import crosswalk
    from .derive import framework_citations

    links = crosswalk()
    links += framework_citations(links)
    note = ("The crosswalk: links from the reference ladder's roles and skills to their counterparts in the\n"
            "bundled frameworks (skos:closeMatch / broadMatch / narrowMatch), each cited by an rdf:Statement\n"
            "whose rdfs:comment gives the reason. Editorial: see tools/frameworks/crosswalk.py.\n"
            "Then the reference moves the frameworks also state, cited to the frameworks' pages per value\n"
            "(tools/frameworks/derive.py), with those pages and frameworks described.\n"
            "Generated: run python -m tools.frameworks, do not edit.")
    return serialize_turtle(links, note=note)


def requirements_turtle() -> bytes:
    """``ontology/requirements.ttl``: the reference ladder's skill requirements, derived from the
    frameworks through the crosswalk (or stated by the article, or kept for an editorial reason)."""
    from pmgraph.ladders.rdf import serialize_turtle

    from .requirements import requirements

    note = ("The reference ladder's skill requirements, each derived from the frameworks' statements through\n"
            "the crosswalk, stated by the article, or kept for an editorial reason; every requirement and every\n"
            "proficiency is cited by its own rdf:Statement, whose rdfs:comment names the framework roles and\n"
            "levels behind it. A proficiency no source gives is the editors' estimate (rdfs:comment \"estimate\").\n"
            "See tools/frameworks/requirements.py for the rules.\n"
            "Generated: run python -m tools.frameworks, do not edit.")
    return serialize_turtle(requirements(), note=note)


def outputs(sources: Path, out: Path) -> dict[Path, bytes]:
    """Every file the converters write into ``out`` (the crosswalk and the reference requirements:
    beside it, in ``out``'s parent), with its bytes."""
    files: dict[Path, bytes] = {}
    for framework in FRAMEWORKS:
        files[Path(out) / f"{framework}.ttl"] = turtle(framework, sources)
        files[Path(out) / f"{framework}.LICENSE"] = licence_text(framework, sources)
    files[Path(out).parent / "crosswalk.ttl"] = crosswalk_turtle()
    files[Path(out).parent / "requirements.ttl"] = requirements_turtle()
    return files
