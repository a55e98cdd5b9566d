"""Commands that write data: import a ladder, export the graph, the reference page, a synthetic organisation."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import click

from ..defaults import SYNTH_SEED
from ..exchange.export import FORMATS as EXPORT_FORMATS
from . import Output, cli, emit, load_graph, output_options, output_target, stdin_file, write_output

if TYPE_CHECKING:
    from collections.abc import Callable

    from rdflib import URIRef


def _years_range(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.replace(",", "-").split("-")
    from ..ladders.fields import MAX_YEARS

    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not MIN-MAX, e.g. 1-2 or 0.5-1.5") from None
    if not (math.isfinite(low) and math.isfinite(high)) or low < 0 or high < low or high > MAX_YEARS:
        raise click.BadParameter(f"{value!r} must satisfy 0 <= MIN <= MAX <= {MAX_YEARS}")
    return (parts[0].strip(), parts[1].strip())


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE")
@output_options(required=True, metavar="OUT.ttl", check=False)  # checked below, after "is it the input?"
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv", "progression"]), default=None,
              help="Input format; by default from the suffix (.yaml/.yml, .csv, .md).")
@click.option("--align", is_flag=True, help="Link roles to bundled roles of the same level and function "
              "(skos:closeMatch plus lateral moves both ways) so paths cross ladders.")
@click.option("--base", metavar="IRI", default=None,
              help="Base IRI for imported nodes [default: https://w3id.org/pmgraph/ladder/{company}/].")
@click.option("--years", metavar="MIN-MAX", default=None, callback=_years_range,
              help="Typical years between levels of a progression framework, which states none; without it "
              "the moves have no years. Cited as yours.")
@click.option("--function", "function", metavar="NAME", default=None,
              help="Function of a progression framework's roles when its title names none (product, marketing, ...).")
@click.pass_context
def import_(ctx: click.Context, file: str, output: Output, fmt: str | None, align: bool,
            base: str | None, years: tuple[str, str] | None, function: str | None) -> None:
    """Convert a career ladder FILE into pmgraph's ontology, written to OUT.ttl.

    FILE is pmgraph's ladder format in YAML or CSV (docs/ladder-format.md) or a progression
    framework in Markdown with YAML front matter (Monzo's and its forks'). FILE is never modified;
    OUT is written atomically and is not overwritten without --force. FILE '-' reads standard
    input (give --format). Check the result with
    'pmgraph validate OUT.ttl'; use it in any command with '--data OUT.ttl'.
    Python: pmgraph.ladders.rdf.write_turtle(pmgraph.ladders.rdf.import_ladder(FILE, align=...), OUT).

    \b
    Examples:
      pmgraph import examples/acme-ladder.yaml -o acme.ttl
      pmgraph import ladder.csv -o ladder.ttl --align --force
      pmgraph import product.md -o monzo-product.ttl --years 1-2 --base https://example.com/ladder/
    """
    from pathlib import Path

    from rdflib import RDF, SKOS

    from ..errors import InvalidDataError
    from ..ladders.rdf import import_ladder, serialize_turtle, write_turtle
    from ..vocab import PM

    out, force = output.path, output.force
    if file == "-":
        if fmt is None:
            raise click.UsageError("FILE '-' (standard input) has no suffix to tell its format: give --format")
    elif out != "-" and Path(out).resolve() == Path(file).resolve():
        raise InvalidDataError("is the input file — give another OUT; inputs are never modified", file=out)
    output_target(out, force=force)  # refused before any work, as every command that writes
    if file == "-":
        file = stdin_file(ctx, {"yaml": ".yaml", "csv": ".csv", "progression": ".md"}[fmt or "yaml"])
    graph = import_ladder(file, format=fmt, namespace=base, align=align,
                          against=load_graph(ctx) if align else None, years=years, function=function)
    if out == "-":
        write_output(out, serialize_turtle(graph), force=force)
    else:
        write_turtle(graph, out, force=force)
    count: Callable[[URIRef], int] = lambda kind: len(set(graph.subjects(RDF.type, kind)))  # noqa: E731
    aligned = len(set(graph.subject_objects(SKOS.closeMatch)))
    skills = len(set(graph.objects(None, PM.requiresSkill)))
    click.echo(f"wrote {'standard output' if out == '-' else out}: {count(PM.Role)} roles, {skills} skills, "
               f"{count(PM.Transition)} transitions" + (f", {aligned} roles aligned" if align else ""), err=True)


@cli.command()
@output_options(
    check=False,  # checked below, after "is it the embedded graph?" and the format
    output_help="Write to this file (atomically) instead of standard output ('-', the default).",
    format_option=click.option(
        "--format", "fmt", default=None, metavar=f"[{'|'.join(EXPORT_FORMATS)}]",
        type=click.Choice([n for f in EXPORT_FORMATS.values() for n in (f.name, *f.aliases)], case_sensitive=False),
        help="Output format; by default from FILE's suffix (" + ", ".join(
            f"{'/'.join(f.suffixes)} {f.name}" for f in EXPORT_FORMATS.values()) + "), turtle on standard output; "
        "rdflib's and riot's names too (ttl, nt, nquads, jsonld, xml, ...)."),
)
@click.pass_context
def export(ctx: click.Context, output: Output) -> None:
    """Write the graph (bundled, with --data, or --framework ID) as Turtle, N-Triples, N-Quads, TriG,
    JSON-LD or RDF/XML.

    Same input, same bytes: sorted, pmgraph's prefixes, blank nodes labelled by first appearance.
    Literals keep their lexical form ("1.0"^^xsd:decimal stays 1.0). N-Quads and TriG also hold
    the named graph of each bundled framework (https://w3id.org/pmgraph/framework/ID); the
    others hold the default graph, what every command reads. JSON-LD has a @context with a term
    for each of pmgraph's classes and properties. Every output is read back and compared before
    it is written. Python: pmgraph.exchange.export.export(files, bundled=..., format=...).

    \b
    Examples:
      pmgraph export -o pmgraph.ttl
      pmgraph export --format json-ld > pmgraph.jsonld
      pmgraph --data acme.ttl export -o acme-and-pmgraph.nq
      pmgraph --framework monzo export -o monzo.rdf
    """
    from ..exchange.export import export as export_graph, export_format, format_for

    if ctx.obj["endpoint"]:
        raise click.UsageError("export writes the embedded graph from its files; a store at --endpoint is "
                               "exported by the store itself (e.g. its Graph Store Protocol: GET /store?default)")
    if output.format is not None:
        fmt = export_format(output.format).name  # an alias (nquads, ttl, ...) by its name
    else:
        found = "turtle" if output.path == "-" else format_for(output.path)
        if found is None:
            raise click.UsageError(f"cannot tell the format of {output.path!r} from its suffix; give --format "
                                   f"({', '.join(EXPORT_FORMATS)})")
        fmt = found
    output_target(output.path, force=output.force)  # refused before any work, as every command that writes
    content = export_graph(ctx.obj["data"], bundled=ctx.obj["bundled"], format=fmt)
    if write_output(output.path, content, force=output.force) is not None:
        click.echo(f"wrote {output.path}: {fmt}, {len(content):,} bytes", err=True)


@cli.command()
@output_options()
@click.pass_context
def reference(ctx: click.Context, output: Output) -> None:
    """Print the ontology reference page (Markdown): classes, properties, roles, skills.

    Python: pmgraph.audit.reference.ontology_reference(graph).

    \b
    Example:
      pmgraph reference -o docs/ontology.md --force
    """
    from ..audit.reference import ontology_reference

    if write_output(output.path, ontology_reference(load_graph(ctx)), force=output.force) is not None:
        click.echo(f"wrote {output.path}", err=True)


@cli.command()
@click.option("--triples", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="About how many triples to write.")
@click.option("--seed", type=int, default=SYNTH_SEED, show_default=True, help="Random seed: same seed, same bytes.")
@output_options(required=True, metavar="OUT.ttl")
def synth(triples: int, seed: int, output: Output) -> None:
    """Write a seeded synthetic organisation in pmgraph's ontology, for scale tests.

    Load it with the schema only, e.g. pmgraph validate --no-bundled with ontology/schema.ttl,
    or beside the bundled graph with --data. Python: pmgraph.loading.synth.write_synthetic(path, triples=N).

    \b
    Example:
      pmgraph synth --triples 100000 -o org-100k.ttl
    """
    from ..loading.synth import TRIPLES_PER_UNIT, synthesize, write_synthetic

    if output.path == "-":
        write_output("-", "".join(synthesize(units=max(1, round(triples / TRIPLES_PER_UNIT)), seed=seed)),
                     force=output.force)
        return
    units = write_synthetic(output.path, triples=triples, seed=seed)
    click.echo(f"wrote {output.path}: {units} business unit(s), seed {seed}", err=True)


@cli.group("cache")
def cache_() -> None:
    """The on-disk cache of loaded graphs and projections: where it is, its size; empty it.

    The cache lives in $PMGRAPH_CACHE_DIR, or --cache-dir, or $XDG_CACHE_HOME/pmgraph
    (~/.cache/pmgraph). Entries are keyed by the content of every input file (hashed in full on
    every run), so an edited file is never answered from an old entry.
    Python: pmgraph.loading.cache.info(cache_dir), pmgraph.loading.cache.clear(cache_dir).

    \b
    Examples:
      pmgraph cache info
      pmgraph cache info --format json
      pmgraph cache clear
    """


@cache_.command("info")
@output_options("text", "json")
@click.pass_context
def cache_info(ctx: click.Context, output: Output) -> None:
    """Where the cache is, how many entries it holds and how many bytes.

    Python: pmgraph.loading.cache.info(cache_dir).
    """
    from ..loading.cache import info

    directory = ctx.find_root().obj["cache_dir"]
    if directory is None:
        raise click.UsageError("--no-cache: there is no cache to describe")
    emit(output, info(directory))


@cache_.command("clear")
@click.pass_context
def cache_clear(ctx: click.Context) -> None:
    """Empty the cache (the next command rebuilds what it needs).

    Python: pmgraph.loading.cache.clear(cache_dir).
    """
    from ..loading.cache import clear, info

    directory = ctx.find_root().obj["cache_dir"]
    if directory is None:
        raise click.UsageError("--no-cache: there is no cache to clear")
    before = info(directory)
    clear(directory)
    click.echo(f"cleared {before.path}: {before.entries} entr{'y' if before.entries == 1 else 'ies'}, "
               f"{before.bytes / 2**20:.1f} MiB", err=True)
