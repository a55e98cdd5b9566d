"""The crosswalk from the reference ladder to the bundled frameworks: every link resolves on both
sides, is cited once with its reason, joins roles of one function at a plausible seniority, and the
graph is the same on every build."""

import hashlib
import re
from collections import defaultdict

import pytest
import rdflib
from rdflib import DCTERMS, RDF, RDFS, SKOS, Literal, URIRef

from pmgraph.ladders.rdf import serialize_turtle
from pmgraph.resources import ontology_dir
from tools.frameworks import FRAMEWORKS
from tools.frameworks.crosswalk import PREDICATES, ROLE_LINKS, SKILL_LINKS, SOURCE, crosswalk, iri_of

PM = rdflib.Namespace("https://w3id.org/pmgraph/ontology#")
MAPPINGS = {URIRef(p) for p in PREDICATES.values()}
#: Civil Service grades in order (DDaT's pm:grade values start with one of these).
CIVIL_SERVICE = ["AA", "AO", "EO", "HEO", "SEO", "G7", "G6"]
#: The reference roles that no framework has a counterpart of (see the note above ROLE_LINKS).
UNLINKED = {"product-owner", "technical-product-manager", "chief-operating-officer", "head-of-product",
            "chief-technology-officer"}


@pytest.fixture(scope="module")
def graph():
    return crosswalk()


@pytest.fixture(scope="module")
def reference():
    g = rdflib.Graph()
    for name in ("roles.ttl", "skills.ttl"):
        g.parse(ontology_dir() / name)
    return g


@pytest.fixture(scope="module")
def frameworks():
    graphs = {}
    for framework in FRAMEWORKS:
        g = rdflib.Graph()
        g.parse(ontology_dir() / "frameworks" / f"{framework}.ttl")
        graphs[framework] = g
    return graphs


def framework_of(iri):
    match = re.fullmatch(r"https://w3id\.org/pmgraph/framework/([a-z]+)/(role|skill)/[a-z0-9.-]+", str(iri))
    assert match, f"{iri} is not a framework role or skill IRI"
    return match.group(1)


def links(graph):
    return sorted((s, p, o) for s, p, o in graph if p in MAPPINGS)


def statements_of(graph, s, p, o):
    return [st for st in graph.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]


def key(iri):
    return str(iri).rsplit("/", 1)[1]


def close_roles(kind="close"):
    """(reference key, framework, framework key, reason) of each role link of ``kind``."""
    return [(ref, target.split(":", 1)[0], target.split(":", 1)[1], reason)
            for ref, target, relation, reason in ROLE_LINKS if relation == kind]


# ------------------------------------------------------------------------------ both sides resolve


def test_every_link_resolves_in_the_reference_and_in_its_framework(graph, reference, frameworks):
    found = links(graph)
    assert len(found) == len(ROLE_LINKS) + len(SKILL_LINKS)
    for s, _p, o in found:
        cls = PM.Role if "/role/" in str(s) else PM.Skill
        assert str(s).startswith(("https://w3id.org/pmgraph/role/", "https://w3id.org/pmgraph/skill/"))
        assert (s, RDF.type, cls) in reference, f"{s} is not a {cls} of the reference ladder"
        assert (o, RDF.type, cls) in frameworks[framework_of(o)], f"{o} is not a {cls} of its framework"
        assert (o, PM.framework, URIRef(f"https://w3id.org/pmgraph/framework/{framework_of(o)}")) in \
            frameworks[framework_of(o)]


def test_the_tables_and_the_graph_hold_the_same_links(graph):
    for table, kind in ((ROLE_LINKS, "role"), (SKILL_LINKS, "skill")):
        for ref, target, relation, _reason in table:
            framework, fkey = target.split(":", 1)
            triple = (URIRef(iri_of(kind, ref)), URIRef(PREDICATES[relation]), URIRef(iri_of(kind, fkey, framework)))
            assert triple in graph, triple
    assert len({(ref, target) for ref, target, _k, _r in ROLE_LINKS}) == len(ROLE_LINKS)
    assert len({(ref, target) for ref, target, _k, _r in SKILL_LINKS}) == len(SKILL_LINKS)


# ------------------------------------------------------------------------------ citations


def test_each_link_has_exactly_one_statement_with_its_reason_and_the_crosswalk_source(graph):
    reasons = {(iri_of(kind, ref), PREDICATES[relation], iri_of(kind, t.split(":", 1)[1], t.split(":", 1)[0])): reason
               for table, kind in ((ROLE_LINKS, "role"), (SKILL_LINKS, "skill"))
               for ref, t, relation, reason in table}
    for s, p, o in links(graph):
        found = statements_of(graph, s, p, o)
        assert len(found) == 1, (s, p, o, found)
        statement = found[0]
        digest = hashlib.sha256(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:20]
        assert str(statement) == f"https://w3id.org/pmgraph/statement/crosswalk-{digest}"
        assert (statement, RDF.type, RDF.Statement) in graph
        assert set(graph.objects(statement, DCTERMS.source)) == {URIRef(SOURCE)}
        comments = list(graph.objects(statement, RDFS.comment))
        assert len(comments) == 1 and isinstance(comments[0], Literal) and comments[0].language == "en"
        assert str(comments[0]).strip() and "\n" not in str(comments[0])
        assert str(comments[0]) == reasons[(str(s), str(p), str(o))]


def test_every_statement_cites_a_link_of_the_graph(graph):
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(links(graph))
    for statement in statements:
        triple = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object))
        assert triple in graph and triple[1] in MAPPINGS


def test_the_crosswalk_source_says_what_a_link_means(graph):
    source = URIRef(SOURCE)
    assert (source, RDF.type, PM.EditorialSource) in graph
    assert graph.value(source, DCTERMS.title) == Literal(
        "pmgraph crosswalk of the reference ladder to the bundled frameworks", lang="en")
    definition = graph.value(source, SKOS.definition)
    assert isinstance(definition, Literal) and definition.language == "en"
    for term in ("closeMatch", "broadMatch", "narrowMatch", "rdf:Statement", "reason"):
        assert term in str(definition), term


def test_prefixes_are_bound(graph):
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    for prefix in ("pm", "role", "skill", "stmt", "src", "skos", "dct", "rdf", "rdfs"):
        assert prefix in bound, prefix
    assert bound["stmt"] == "https://w3id.org/pmgraph/statement/"
    for framework in FRAMEWORKS:
        assert bound[f"{framework}role"] == f"https://w3id.org/pmgraph/framework/{framework}/role/"
        assert bound[f"{framework}skill"] == f"https://w3id.org/pmgraph/framework/{framework}/skill/"


def test_the_crosswalk_with_the_schema_meets_the_shapes(graph):
    from pmgraph.audit.validation import check_shapes

    merged = rdflib.Graph()
    merged.parse(ontology_dir() / "schema.ttl")
    merged += graph
    assert check_shapes(merged) == []


# ------------------------------------------------------------------------------ plausibility


def test_close_links_join_roles_of_the_same_function(reference, frameworks):
    for ref, framework, fkey, _reason in close_roles():
        ours = reference.value(URIRef(iri_of("role", ref)), PM.function)
        theirs = frameworks[framework].value(URIRef(iri_of("role", fkey, framework)), PM.function)
        assert ours is not None and ours == theirs, (ref, f"{framework}:{fkey}", ours, theirs)


def _components(g):
    """Each role of framework graph ``g`` -> the id of its ladder (roles joined by pm:promotesTo)."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for role in g.subjects(RDF.type, PM.Role):
        find(role)
    for a, b in g.subject_objects(PM.promotesTo):
        parent[find(a)] = find(b)
    return {role: find(role) for role in parent}


def _grades(g, role):
    """The span (lowest, highest) of ``role``'s grades as numbers, or None: GitLab's job grades,
    DDaT's Civil Service grades in their order."""
    values = [str(v) for v in g.objects(role, PM.grade)]
    if not values:
        return None
    ranks = [int(v) if v.isdigit() else CIVIL_SERVICE.index(v.split()[0]) for v in values]
    return min(ranks), max(ranks)


def _above(g, ladders, a, b):
    """Whether framework role ``a`` is strictly above ``b`` in the framework's own order: by grade
    where both have one (the lowest of a above the highest of b), else by pm:level within one
    ladder. Roles on different ladders without grades are not compared (None)."""
    ga, gb = _grades(g, a), _grades(g, b)
    if ga and gb:
        return ga[0] > gb[1]
    if ladders[a] == ladders[b]:
        return int(g.value(a, PM.level)) > int(g.value(b, PM.level))
    return None


def test_close_links_keep_the_reference_order_within_each_framework(reference, frameworks):
    """If reference A is below reference B and both link close into one framework, A's
    counterpart is not above B's there."""
    by_framework = defaultdict(list)
    for ref, framework, fkey, _reason in close_roles():
        by_framework[framework].append((URIRef(iri_of("role", ref)), URIRef(iri_of("role", fkey, framework))))
    compared = 0
    for framework, pairs in by_framework.items():
        g = frameworks[framework]
        ladders = _components(g)
        for ref_a, a in pairs:
            for ref_b, b in pairs:
                if int(reference.value(ref_a, PM.level)) >= int(reference.value(ref_b, PM.level)):
                    continue
                verdict = _above(g, ladders, a, b)
                if verdict is not None:
                    compared += 1
                assert not verdict, f"{key(ref_a)} is below {key(ref_b)}, but {framework}:{key(a)} is above {key(b)}"
    assert compared > 50  # the check compares most pairs, not a handful


def test_the_order_check_has_teeth(reference, frameworks):
    g = frameworks["gitlab"]
    ladders = _components(g)
    pm, senior = (URIRef(iri_of("role", k, "gitlab")) for k in ("product-manager", "senior-product-manager"))
    assert _above(g, ladders, senior, pm) is True and _above(g, ladders, pm, senior) is False
    d = frameworks["ddat"]
    lead, associate = (URIRef(iri_of("role", k, "ddat")) for k in ("lead-product-manager", "associate-product-manager"))
    assert _above(d, _components(d), lead, associate) is True


def test_no_role_is_close_to_two_roles_of_one_framework_unless_the_reason_says_why():
    grouped = defaultdict(list)
    for ref, framework, fkey, reason in close_roles():
        grouped[(ref, framework)].append((fkey, reason))
    for (ref, framework), targets in grouped.items():
        if len(targets) > 1:
            for fkey, reason in targets:
                others = [other for other, _r in targets if other != fkey]
                assert all(other in reason for other in others), (
                    f"{ref} is close to {len(targets)} {framework} roles; the reason for {fkey} must name {others}")


def test_every_reference_role_with_a_counterpart_has_a_link(reference):
    linked = {ref for ref, _t, _k, _r in ROLE_LINKS}
    roles = {key(r) for r in reference.subjects(RDF.type, PM.Role)}
    assert linked <= roles
    assert roles - linked == UNLINKED
    product = {key(r) for r in reference.subjects(PM.function, PM.ProductFunction)}
    assert product - linked == {"product-owner", "technical-product-manager", "head-of-product"}
    for function in ("MarketingFunction", "DesignFunction", "EngineeringFunction"):
        members = {key(r) for r in reference.subjects(PM.function, PM[function])}
        assert members & linked, f"no {function} role is linked"


def test_every_framework_has_links():
    assert {t.split(":", 1)[0] for _r, t, _k, _x in ROLE_LINKS} == set(FRAMEWORKS)


# ------------------------------------------------------------------------------ expected links


@pytest.mark.parametrize("kind, ref, target, relation", [
    ("role", "product-manager", "gitlab:product-manager", "close"),
    ("role", "product-manager", "ddat:product-manager", "close"),
    ("role", "product-manager", "octopus:product-manager", "close"),
    ("role", "senior-product-manager", "gitlab:senior-product-manager", "close"),
    ("role", "principal-product-manager", "gitlab:principal-product-manager", "close"),
    ("role", "distinguished-product-manager", "gitlab:senior-principal-product-manager", "close"),
    ("role", "associate-product-manager", "ddat:associate-product-manager", "close"),
    ("role", "group-product-manager", "gitlab:group-manager-product", "close"),
    ("role", "director-of-product", "gitlab:director-of-product-management", "close"),
    ("role", "director-of-product", "ddat:head-of-product", "close"),
    ("role", "vice-president-of-product", "gitlab:vp-of-product-management", "close"),
    ("role", "chief-product-officer", "gitlab:chief-product-officer", "close"),
    ("role", "product-portfolio-manager", "ddat:service-owner", "broad"),
    ("role", "product-designer", "gitlab:product-designer", "close"),
    ("role", "product-designer", "ddat:interaction-designer", "narrow"),
    ("role", "vice-president-of-design", "gitlab:vice-president-of-ux", "close"),
    ("role", "software-engineer", "gitlab:engineer", "broad"),
    ("skill", "agile-delivery", "ddat:skill-agile-working", "close"),
    ("skill", "user-research", "ddat:skill-research", "close"),
    ("skill", "product-roadmapping", "gitlab:skill-product-roadmap-product-led-growth", "broad"),
    ("skill", "product-discovery", "octopus:skill-i-discover-the-needs-and-problems-that-matter-most-to-our-customer",
     "close"),
])
def test_expected_link(graph, kind, ref, target, relation):
    framework, fkey = target.split(":", 1)
    subject = URIRef(iri_of(kind, ref))
    obj = URIRef(iri_of(kind, fkey, framework))
    assert (subject, URIRef(PREDICATES[relation]), obj) in graph
    assert [p for p in MAPPINGS if (subject, p, obj) in graph] == [URIRef(PREDICATES[relation])]


@pytest.mark.parametrize("ref, framework", [
    ("associate-product-manager", "gitlab"),  # GitLab's PM job family starts at Product Manager
    ("chief-product-officer", "ddat"),  # DDaT's product branch ends at Head of Product (G6)
    ("head-of-product", "gitlab"),  # GitLab has a VP and a CPO, no Head of Product
    ("product-owner", None),
    ("chief-executive-officer", "ddat"),  # GitLab names the CEO (as the CPO's manager); no other framework does
])
def test_no_link_is_forced(graph, ref, framework):
    targets = [str(o) for p in MAPPINGS for o in graph.objects(URIRef(iri_of("role", ref)), p)]
    if framework is None:
        assert targets == []
    else:
        assert not [t for t in targets if framework_of(t) == framework]


def test_skill_links_join_only_skills(graph):
    for s, _p, o in links(graph):
        assert ("/skill/" in str(s)) == ("/skill/" in str(o)), (s, o)


# ------------------------------------------------------------------------------ determinism and checks


def test_the_crosswalk_is_deterministic(graph):
    again = crosswalk()
    assert set(again) == set(graph)
    assert serialize_turtle(again) == serialize_turtle(graph)
    assert not any(isinstance(term, rdflib.BNode) for triple in graph for term in triple)


@pytest.mark.parametrize("roles, skills, named", [
    ([("product-managr", "gitlab:product-manager", "close", "typo")], [], "role/product-managr is not a role in"),
    ([("product-manager", "gitlab:product-managr", "close", "typo")], [],
     "gitlab/role/product-managr is not a role in"),
    ([("product-manager", "gitlab:skill-sensing-mechanisms", "close", "a skill")], [], "is not a role in"),
    ([("product-manager", "acme:product-manager", "close", "unknown")], [], "'acme:product-manager' is not"),
    ([("product-manager", "gitlab:product-manager", "exact", "bad kind")], [], "kind 'exact'"),
    ([("product-manager", "gitlab:product-manager", "close", " ")], [], "one non-empty line"),
    ([("product-manager", "gitlab:product-manager", "close", "a\nb")], [], "one non-empty line"),
    ([("product-manager", "gitlab:product-manager", "close", "one"),
      ("product-manager", "gitlab:product-manager", "broad", "two")], [], "a second link"),
    ([], [("agile-delivery", "ddat:skill-agile-workin", "close", "typo")],
     "ddat/skill/skill-agile-workin is not a skill"),
    ([], [("product-manager", "ddat:skill-agile-working", "close", "a role")], "skill/product-manager is not a skill"),
])
def test_a_wrong_entry_is_refused_and_named(roles, skills, named):
    with pytest.raises(ValueError) as raised:
        crosswalk(roles, skills)
    message = str(raised.value)
    assert named in message, message
    entry = (roles or skills)[-1]
    assert repr(entry) in message, message


# ------------------------------------------------------------------ evidence grades (issue 26)

SRC = "https://w3id.org/pmgraph/source/"


def test_the_link_kinds_are_derivation_rules_with_a_notation_and_a_definition(graph):
    for kind in ("close", "broad", "narrow"):
        node = URIRef(f"{SOURCE}-{kind}")
        assert (node, RDF.type, PM.DerivationRule) in graph
        assert (node, RDF.type, PM.EditorialSource) in graph
        assert str(graph.value(node, SKOS.notation)) == f"{kind} match"
        assert len(str(graph.value(node, SKOS.definition))) > 80
    assert (URIRef(SOURCE), RDF.type, PM.DerivationRule) not in graph  # the links themselves are judgements


def test_framework_rules_that_compute_a_value_are_derivation_rules_and_name_mappings_are_not(frameworks):
    fw = rdflib.Graph()
    for g in frameworks.values():
        fw += g
    base = "https://w3id.org/pmgraph/framework/"
    for framework, key in (("gitlab", "level-order"), ("gitlab", "level-from-grade"),
                           ("gitlab", "proficiency-from-cdf-wording"), ("ddat", "ddat-line-management"),
                           ("ddat", "ddat-career-path"), ("monzo", "level-progression"), ("octopus", "pm-ladder"),
                           ("sourcegraph", "level-progression")):
        node = URIRef(f"{base}{framework}/source/{key}")
        assert (node, RDF.type, PM.DerivationRule) in fw, key
        assert fw.value(node, SKOS.notation) is not None, key
    for framework, key in (("gitlab", "cdf-short-titles"), ("monzo", "role-label"), ("sourcegraph", "role-label")):
        node = URIRef(f"{base}{framework}/source/{key}")
        assert (node, RDF.type, PM.EditorialSource) in fw, key
        assert (node, RDF.type, PM.DerivationRule) not in fw, key
    for node in fw.subjects(RDF.type, PM.DerivationRule):
        assert fw.value(node, SKOS.notation) is not None, node


@pytest.fixture(scope="module")
def cited():
    g = rdflib.Graph()
    g.parse(ontology_dir() / "crosswalk.ttl")
    return g


def _citations(cited, s, p, o):
    role = "https://w3id.org/pmgraph/role/"
    return [st for st in cited.subjects(RDF.subject, URIRef(role + s))
            if cited.value(st, RDF.predicate) == p and cited.value(st, RDF.object) == URIRef(role + o)]


def test_a_framework_move_read_from_the_level_order_keeps_its_rule(cited):
    statements = _citations(cited, "senior-product-manager", PM.promotesTo, "principal-product-manager")
    sources = {s for st in statements for s in cited.objects(st, DCTERMS.source)}
    assert URIRef("https://w3id.org/pmgraph/framework/gitlab/source/level-order") in sources


def test_each_framework_citation_cites_one_framework(cited):
    base = "https://w3id.org/pmgraph/framework/"
    for st in cited.subjects(RDF.type, RDF.Statement):
        if not str(st).startswith(PREFIX_STMT + "framework-"):
            continue
        frameworks = {str(s)[len(base):].split("/")[0] for s in cited.objects(st, DCTERMS.source)
                      if str(s).startswith(base)}
        assert len(frameworks) == 1, (st, frameworks)
        assert str(st).startswith(f"{PREFIX_STMT}framework-{frameworks.pop()}-"), st


PREFIX_STMT = "https://w3id.org/pmgraph/statement/"


def test_the_next_step_from_a_stated_reporting_line_derives_the_moves_into_the_cpo(cited):
    rule = URIRef(SRC + "rule-next-step-from-reporting-line")
    assert (rule, RDF.type, PM.DerivationRule) in cited
    for start in ("vice-president-of-product", "vice-president-of-design"):
        statements = _citations(cited, start, PM.promotesTo, "chief-product-officer")
        assert any((st, DCTERMS.source, rule) in cited for st in statements), start


def test_a_broad_match_is_recorded_on_the_citation(cited):
    broad = URIRef(f"{SOURCE}-broad")
    assert any((st, DCTERMS.source, broad) in cited for st in cited.subjects(RDF.type, RDF.Statement))


def test_monzo_is_not_cited_for_job_titles_it_does_not_have(cited):
    monzo = "https://w3id.org/pmgraph/framework/monzo/"
    for st in cited.subjects(RDF.predicate, RDF.type):
        assert not any(str(s).startswith(monzo) for s in cited.objects(st, DCTERMS.source)), st


def test_sourcegraph_is_not_cited_for_pm_titles_it_does_not_have(cited):
    # Sourcegraph names only "Product Manager"; its IC3 to IC5 are unnamed levels
    sourcegraph = "https://w3id.org/pmgraph/framework/sourcegraph/"
    for name in ("senior-product-manager", "principal-product-manager", "distinguished-product-manager"):
        role = URIRef("https://w3id.org/pmgraph/role/" + name)
        statements = [st for st in cited.subjects(RDF.predicate, RDF.type) if (st, RDF.subject, role) in cited]
        assert statements, name  # still cited by the frameworks that name the title
        for st in statements:
            assert not any(str(s).startswith(sourcegraph) for s in cited.objects(st, DCTERMS.source)), (name, st)
    pm = URIRef("https://w3id.org/pmgraph/role/product-manager")  # the title Sourcegraph does name
    assert any(str(s).startswith(sourcegraph) for st in cited.subjects(RDF.predicate, RDF.type)
               if (st, RDF.subject, pm) in cited for s in cited.objects(st, DCTERMS.source))


def test_every_reference_level_track_and_function_is_cited(cited):
    def statements_of(graph, s, p, o):
        return [st for st in graph.subjects(RDF.subject, s)
                if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]

    reference = rdflib.Graph()
    for name in ("roles.ttl", "article.ttl"):
        reference.parse(ontology_dir() / name)
    both = reference + cited
    editorial = URIRef("https://w3id.org/pmgraph/source/editorial")
    roles = {r for r in reference.subjects(RDF.type, PM.Role) if reference.value(r, PM.framework) is None}
    assert len(roles) > 30
    for role in roles:
        for predicate in (PM.level, PM.track, PM.function):
            for value in reference.objects(role, predicate):
                statements = statements_of(both, role, predicate, value)
                assert statements, (role, predicate)
                for st in statements:  # an editorial citation says why
                    if set(both.objects(st, DCTERMS.source)) == {editorial}:
                        assert str(both.value(st, RDFS.comment)).startswith("editorial: "), st
    # a level is the reference ladder's own scale: editorial, with the role below named
    gpm = URIRef("https://w3id.org/pmgraph/role/group-product-manager")
    (st,) = statements_of(cited, gpm, PM.level, reference.value(gpm, PM.level))
    assert "one step above Senior Product Manager (level 3)" in str(cited.value(st, RDFS.comment))
    # a track a close match's framework page states is cited to that page
    spm = URIRef("https://w3id.org/pmgraph/role/senior-product-manager")
    sources = {s for st in statements_of(cited, spm, PM.track, PM.IndividualContributor)
               for s in cited.objects(st, DCTERMS.source)}
    assert any(str(s).startswith("https://w3id.org/pmgraph/framework/") for s in sources), sources


#: Civil Service grade -> the bands it spans (sources/README.md, seniority bands).
DDAT_BANDS = {"AA": {0}, "AO": {0}, "EO": {0}, "HEO": {1}, "SEO": {1, 2}, "G7": {2, 3, 4}, "G6": {4, 5}}


def _band(g, role, framework):
    if framework == "gitlab":
        grade = g.value(role, PM.grade)
        if grade is not None:
            return {int(str(grade)) - 5}
        key = str(role).rsplit("/", 1)[1]
        return {"chief-product-officer": {8}, "chief-executive-officer": {9}}.get(key)
    if framework == "ddat":
        bands = set()
        for grade in g.objects(role, PM.grade):
            bands |= set().union(*(b for k, b in DDAT_BANDS.items() if re.search(rf"\b{k}\b", str(grade))))
        return bands or None
    return None


def test_close_matches_stay_within_a_seniority_band(reference, frameworks):
    """A close match joins roles of one seniority band (GitLab, DDaT: the bands of sources/README.md),
    a design role allowed one band above its framework counterpart (the documented design offset)."""
    checked = 0
    for ref, target in crosswalk().subject_objects(SKOS.closeMatch):
        framework = framework_of(str(target))
        if framework not in ("gitlab", "ddat") or not str(ref).startswith(PREFIXES_ROLE):
            continue
        bands = _band(frameworks[framework], target, framework)
        if bands is None:
            continue  # a discipline role with no grade: documented, never a seniority claim
        level = int(reference.value(ref, PM.level))
        design = reference.value(ref, PM.function) == PM.DesignFunction
        allowed = bands | ({b + 1 for b in bands} if design else set())
        assert level in allowed, (str(ref), str(target), level, bands)
        checked += 1
    assert checked >= 15


PREFIXES_ROLE = "https://w3id.org/pmgraph/role/"


def test_the_band_check_has_teeth(reference, frameworks):
    gitlab_head = URIRef(iri_of("role", "director-of-product-design", "gitlab"))
    assert _band(frameworks["gitlab"], gitlab_head, "gitlab") == {5}
    ddat_head = URIRef(iri_of("role", "head-of-product", "ddat"))
    assert 7 not in _band(frameworks["ddat"], ddat_head, "ddat")  # the reference Head of Product's level
