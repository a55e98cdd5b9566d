"""pmgraph.sparql.rows: a SELECT's closing ORDER BY applied in Python gives the engine's order."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from pmgraph import sparql
from pmgraph.sparql import query as sparql_query
from pmgraph.sparql.rows import sort_rows, split_order


def _engine_sorts(monkeypatch):
    monkeypatch.setattr(sparql_query, "_order_in_python", lambda text: None)


@pytest.mark.parametrize("saved", [q for q in sparql.saved_queries() if q.form == "SELECT"], ids=lambda q: q.name)
def test_saved_queries_come_in_the_engines_order(bundled, saved, monkeypatch):
    ours = sparql.run_saved(bundled, saved.name)
    bound = sparql_query._bind(saved.text, sparql.bind_parameters(bundled, saved, {}))
    assert sparql_query._order_in_python(bound) is not None
    _engine_sorts(monkeypatch)
    theirs = sparql.run_saved(bundled, saved.name)
    assert (ours.variables, ours.rows) == (theirs.variables, theirs.rows)


@pytest.mark.parametrize("query", [
    # unbound values, DESC beside ASC
    "SELECT ?r ?f WHERE { ?r a pm:Role OPTIONAL { ?r pm:function ?f FILTER(?f = pm:MarketingFunction) } } "
    "ORDER BY DESC(?f) ?r",
    # numbers of two types in one column, by value
    "SELECT ?r ?n WHERE { ?r a pm:Role ; pm:level ?l BIND(IF(?l > 3, ?l * 1.5, ?l) AS ?n) } ORDER BY ?n DESC(?r)",
    # language-tagged labels: the engine's to order (pmgraph falls back)
    "SELECT ?r ?l WHERE { ?r a pm:Role ; skos:prefLabel ?l } ORDER BY ?l",
    # ordered by a variable the answer leaves out: the engine's
    "SELECT ?l WHERE { ?r a pm:Role ; pm:level ?l } ORDER BY ?r",
    # an expression, and a LIMIT: the engine's
    "SELECT ?r WHERE { ?r a pm:Role } ORDER BY STR(?r)",
    "SELECT ?r WHERE { ?r a pm:Role } ORDER BY DESC(?r) LIMIT 3",
])
def test_orders_agree_with_the_engine(bundled, query, monkeypatch):
    ours = sparql.run_query(bundled, query)
    _engine_sorts(monkeypatch)
    assert ours.rows == sparql.run_query(bundled, query).rows


def test_split_order_keeps_what_it_cannot_apply():
    def split(text):
        return split_order(text, list(sparql_query.sparql_tokens(text)))

    assert split("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s desc(?o)")[1] == (("s", False), ("o", True))
    assert split("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }") is None  # not the outer query's
    assert split("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 2") is None
    assert split("SELECT * WHERE { ?s ?p '''ORDER BY ?o''' }") is None  # inside a string
    assert split("SELECT * WHERE { ?s ?p ?o } # ORDER BY ?o") is None  # inside a comment


def test_sort_rows_refuses_values_sparql_leaves_to_the_engine():
    iri = URIRef("http://example.org/a")
    assert sort_rows(["x"], [(Literal(1),), (Literal("one"),)], [("x", False)]) is None  # numbers beside strings
    assert sort_rows(["x"], [(Literal(float("nan")),), (Literal(1.0),)], [("x", False)]) is None
    assert sort_rows(["x"], [(Literal("2026-11-26", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),)],
                     [("x", False)]) is None
    assert sort_rows(["x"], [(iri,), (None,)], [("x", False)]) == [(None,), (iri,)]
    assert sort_rows(["x"], [(iri,), (None,)], [("x", True)]) == [(iri,), (None,)]
