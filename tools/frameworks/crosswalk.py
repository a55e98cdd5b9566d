"""The crosswalk: links from the reference ladder's roles and skills to their counterparts in the bundled frameworks.

Two tables, written and reviewed by hand, one link a line: ``(reference key, "<framework>:<key>",
kind, reason)``. The kind says how the framework's role (or skill) relates to the reference one:

- ``close`` (``skos:closeMatch``): the same job at the same seniority (for a skill: the same skill);
- ``broad`` (``skos:broadMatch``): the framework's concept is broader: it covers the reference one
  and more (a discipline named without a grade, a level that spans every marketing discipline);
- ``narrow`` (``skos:narrowMatch``): the framework's concept is narrower: it covers part of the
  reference one (one design discipline of several).

The reason is one line a reviewer can check against both graphs (titles, levels, grades, reporting
lines, and the framework page at the role's ``schema:url``). A reference role with no counterpart in
a framework has no link there: nothing is forced. No level-for-level rule is applied either; each
link is judged on what the two roles are.

:func:`crosswalk` builds the links as triples ``<reference> skos:closeMatch <framework>`` (or
``broadMatch``, ``narrowMatch``), each cited by an ``rdf:Statement`` with ``dct:source`` the
crosswalk's editorial source and the reason as its ``rdfs:comment``. It first checks that every
reference IRI is a role (skill) of ``ontology/roles.ttl`` (``skills.ttl``) and every framework IRI a
role (skill) of ``ontology/frameworks/<id>.ttl``, and raises ``ValueError`` naming the entry if not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pmgraph.iris import BASE, FRAMEWORK_NS, PREFIXES

from .. import ONTOLOGY
from . import FRAMEWORKS
from .base import cite

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    import rdflib

__all__ = ["LINK_RULES", "PREDICATES", "ROLE_LINKS", "SKILL_LINKS", "SOURCE", "Kind", "Link", "add_link_rules",
           "crosswalk", "iri_of", "link_rule"]

Kind = Literal["close", "broad", "narrow"]
#: (reference key, "<framework id>:<framework key>", kind, reason)
Link = tuple[str, str, Kind, str]

#: The crosswalk's editorial source: every link's statement cites it.
SOURCE = BASE + "source/crosswalk"
#: The SKOS mapping property of each kind.
PREDICATES: dict[str, str] = {
    "close": PREFIXES["skos"] + "closeMatch",
    "broad": PREFIXES["skos"] + "broadMatch",
    "narrow": PREFIXES["skos"] + "narrowMatch",
}

_TITLE = "pmgraph crosswalk of the reference ladder to the bundled frameworks"
_DEFINITION = (
    "Links from each role and skill of pmgraph's reference ladder to the roles and skills of the bundled career "
    "frameworks that correspond to it, judged by the pmgraph editors from the two graphs and the framework pages. "
    "skos:closeMatch means the same job at the same seniority (for a skill, the same skill); skos:broadMatch means the "
    "framework's role or skill is broader, covering the reference one and more; skos:narrowMatch means it is narrower, "
    "covering part of it. A link is a judgement of correspondence, not a statement of the framework's. Where a "
    "framework has no counterpart there is no link. Each link's reason is the rdfs:comment of the rdf:Statement that "
    "cites it."
)

#: The derivation rule of each kind of link: a value carried from a framework onto the reference
#: ladder through a link of that kind cites it (``src:crosswalk-close`` ...), so its evidence says
#: which kind of match it passed through. (notation, title, definition)
LINK_RULES: dict[str, tuple[str, str, str]] = {
    "close": ("close match", "pmgraph crosswalk rule: through a close match", (
        "A value a framework gives its role or skill is read as the same value of the reference role or skill "
        "that the crosswalk judges to be the same job or skill at the same seniority (skos:closeMatch). The value "
        "is derived: the framework states it for its own role, the crosswalk judgement carries it across.")),
    "broad": ("broad match", "pmgraph crosswalk rule: through a broad match", (
        "A value a framework gives a role or skill that the crosswalk judges wider than the reference one "
        "(skos:broadMatch: it covers the reference role or skill and more) is read as holding for the reference "
        "role or skill too. Weaker than a close match: the framework's words may be about the wider whole.")),
    "narrow": ("narrow match", "pmgraph crosswalk rule: through a narrow match", (
        "A value a framework gives a role or skill that the crosswalk judges narrower than the reference one "
        "(skos:narrowMatch: it covers part of it) is read as evidence for the reference role or skill. The "
        "weakest link: the framework speaks of one part only.")),
}


def link_rule(kind: str) -> str:
    """The IRI of the derivation rule for links of ``kind`` (close, broad, narrow)."""
    if kind not in LINK_RULES:
        raise ValueError(f"unknown link kind {kind!r}")
    return f"{SOURCE}-{kind}"


def add_link_rules(graph: rdflib.Graph) -> None:
    """Describe the three link rules in ``graph``: each a pm:EditorialSource and pm:DerivationRule
    with its notation, title and definition."""
    from rdflib import DCTERMS, RDF, SKOS, Literal as Lit, URIRef

    for kind, (notation, title, definition) in LINK_RULES.items():
        node = URIRef(link_rule(kind))
        graph.add((node, RDF.type, URIRef(PREFIXES["pm"] + "EditorialSource")))
        graph.add((node, RDF.type, URIRef(PREFIXES["pm"] + "DerivationRule")))
        graph.add((node, SKOS.notation, Lit(notation)))
        graph.add((node, DCTERMS.title, Lit(title, lang="en")))
        graph.add((node, SKOS.definition, Lit(definition, lang="en")))


# ---------------------------------------------------------------------------------------- roles
#
# Grades and levels in the reasons are the frameworks' own as their graphs give them: GitLab job
# grades (pm:grade), DDaT Civil Service grades (HEO < SEO < G7 < G6), Monzo and Sourcegraph level
# numbers, Octopus's title order. No framework has a counterpart of the product owner, the
# technical product manager, the head of product (DDaT's Head of Product is band 5: see
# sources/README.md, seniority bands), or of the COO and CTO: they have no link. GitLab names the
# CEO only as the CPO's manager (a minimal role). The marketing leaders link broadly to Monzo's
# top marketing levels, which span every marketing discipline.

ROLE_LINKS: tuple[Link, ...] = (
    # ---- product, individual contributors
    ("associate-product-manager", "ddat:associate-product-manager", "close", "same title; the entry rung of DDaT's product-management branch (HEO/SEO), one below Product Manager, as the reference APM is"),
    ("associate-product-manager", "monzo:product-level-1", "close", "Monzo's lowest product level works on defined tasks inside one squad while learning the craft, the reference APM's entry rung; its level 3 coaches Associate PMs"),
    ("product-manager", "ddat:product-manager", "close", "same title; DDaT's rung above Associate PM (SEO/G7), managing one product from discovery to live"),
    ("product-manager", "gitlab:product-manager", "close", "same title; GitLab grade 7 is the first rung of its Product Manager job family, one below Senior PM (grade 8)"),
    ("product-manager", "monzo:product-level-2", "close", "Monzo's level 2 leads one squad's product work (its goals, prioritisation and rhythm) as an individual contributor: one product area, the reference PM rung"),
    ("product-manager", "sourcegraph:product-manager-ic2", "close", "Sourcegraph's lowest PM level (IC2) delivers groups of related features for its own team's product: one product area, the reference PM rung"),
    ("product-manager", "octopus:product-manager", "close", "same title; the unqualified first rung of Octopus's PM ladder, below Senior and Principal PM"),
    ("senior-product-manager", "ddat:senior-product-manager", "close", "same title; DDaT's rung above PM (G7), owning several products or one especially complex one; DDaT also has it line-manage APMs and PMs"),
    ("senior-product-manager", "gitlab:senior-product-manager", "close", "same title; GitLab grade 8 is its Senior PM rung, one above PM (grade 7)"),
    ("senior-product-manager", "monzo:product-level-3", "close", "Monzo's level 3 sets the product vision and strategy of its remit and coaches Associate PMs, one above level 2: the reference SPM's larger area with its own strategy"),
    ("senior-product-manager", "sourcegraph:product-manager-ic3", "close", "Sourcegraph IC3 drives clarity on open-ended, ambiguous projects and begins to mentor, one above IC2: the reference SPM's larger, more ambiguous area"),
    ("senior-product-manager", "octopus:senior-product-manager", "close", "same title; the second rung of Octopus's PM ladder, leading a stream of work with little guidance"),
    ("principal-product-manager", "gitlab:principal-product-manager", "close", "same title; GitLab grade 9, one above Senior PM (grade 8), still in the individual-contributor job family"),
    ("principal-product-manager", "monzo:product-level-4", "close", "Monzo's top product level (4), an individual contributor, leads high-uncertainty initiatives and brings clarity to ambiguous, complex problems with deep architecture and market knowledge"),
    ("principal-product-manager", "sourcegraph:product-manager-ic4", "close", "Sourcegraph IC4, an individual contributor, is responsible for the strategy and roadmap of several related products carrying high technical and organisational risk, and aligns with executives"),
    ("principal-product-manager", "octopus:principal-product-manager", "close", "same title; the third and top individual-contributor rung of Octopus's PM ladder, turning ambiguous opportunity spaces into strategic choices"),
    ("distinguished-product-manager", "gitlab:senior-principal-product-manager", "close", "the reference role's alternative label is Senior Principal PM; GitLab grade 10 tops its PM job family, one above Principal (grade 9), and GitLab calls it a director-level individual contributor: band 5, the reference level 5"),
    ("distinguished-product-manager", "sourcegraph:product-manager-ic5", "close", "Sourcegraph IC5, its top PM level and an individual contributor, drives company strategy in an area and influences the company's product direction and PM practice"),
    # ---- product, management
    ("group-product-manager", "gitlab:group-manager-product", "close", "GitLab's Group Manager, Product (grade 9) is the first rung of its leadership job family, managing 2-4 PMs: the first-line manager of PMs"),
    ("group-product-manager", "ddat:lead-product-manager", "close", "DDaT's Lead PM (G7/G6), the rung above Senior PM, leads the product team of a programme and manages people, under the Head of Product"),
    ("director-of-product", "gitlab:director-of-product-management", "close", "GitLab's Director of Product Management (grade 10), one above Group Manager (grade 9), has 4-6 direct reports, group managers and PMs among them"),
    ("director-of-product", "octopus:director-of-product", "close", "same title; above Principal PM, Octopus's Director owns the product strategy of a group and coaches its product managers"),
    ("senior-director-of-product", "gitlab:senior-director-of-product-management", "close", "same title; GitLab grade 11, one above Director (grade 10), with 4-6 direct reports"),
    ("director-of-product", "ddat:head-of-product", "close", "DDaT's Head of Product (G6, the top rung of its product-management branch) line-manages senior and lead product managers, the lead PM being the reference Group PM: the manager of group PMs, the reference Director (band 5). The reference Head of Product (level 7) has no DDaT counterpart: DDaT's top product grade, G6, is below the Senior Civil Service"),
    ("product-portfolio-manager", "ddat:service-owner", "broad", "DDaT's Service Owner (G7/G6) takes a portfolio view of an end-to-end service of several products and channels and owns its budget: portfolio ownership plus running the service"),
    ("vice-president-of-product", "gitlab:vp-of-product-management", "close", "GitLab's VP of Product Management (grade 12) leads the product-management organisation and reports to the CPO, as the reference VP does where there is a CPO"),
    ("chief-product-officer", "gitlab:chief-product-officer", "close", "same title; GitLab's product executive, to whom the VP of Product Management and the VP of UX report"),
    ("chief-executive-officer", "gitlab:chief-executive-officer", "close", "the same job: GitLab names its CEO only as the one its Chief Product Officer reports to, which is where the reference CEO stands"),
    # ---- marketing
    ("marketing-specialist", "monzo:marketing-level-1", "broad", "Monzo's marketing level 1 (well-defined tasks, developed by others) is the entry rung of every marketing discipline, the reference's digital-channel entry rung among them"),
    ("product-marketing-manager", "monzo:marketing-level-2", "broad", "Monzo's marketing level 2 fully owns one area, channel or discipline with guidance, one above its entry level; product marketing at that rung is one case of it"),
    ("product-marketing-manager", "octopus:product-marketing-manager", "close", "same title; Octopus's PMM tells the product's story, plans feature launches and runs its content: bringing a product to market"),
    ("product-marketing-manager", "gitlab:product-marketer", "broad", "GitLab names Product Marketing only as a discipline PMs move to and from, with no grade; an individual-contributor role, it covers product marketers of every IC rung"),
    ("senior-product-marketing-manager", "monzo:marketing-level-3", "broad", "Monzo's marketing level 3 is accountable for its area's deliverables and starts its own projects, one above level 2; senior product marketing is one case of it"),
    ("senior-product-marketing-manager", "gitlab:product-marketer", "broad", "GitLab names Product Marketing only as a discipline PMs move to and from, with no grade; an individual-contributor role, it covers product marketers of every IC rung"),
    ("director-of-product-marketing", "monzo:marketing-level-5", "broad", "Monzo's marketing level 5 is fully accountable for its area's performance and drives large, long-term projects, the top of the area-owning levels; a director leading product marketing is one case of it"),
    ("vice-president-of-marketing", "monzo:marketing-level-6", "broad", "Monzo's marketing level 6 answers for a whole business area and steers company-wide practice, the span of a marketing vice president; it covers every marketing discipline"),
    ("chief-marketing-officer", "monzo:marketing-level-7", "broad", "Monzo's marketing level 7, its top, is the accountable executive for its area: the marketing executive, in every marketing discipline"),
    # ---- design
    ("product-designer", "gitlab:product-designer", "close", "same title; GitLab grade 6 is the first rung of its Product Designer job family, one below Senior Product Designer (grade 7)"),
    ("product-designer", "monzo:product-design-level-2", "close", "Monzo's product design level 2 is fully proficient, owns large design tasks and mentors more junior designers, one above its early-career level 1"),
    ("product-designer", "sourcegraph:product-designer-ic3", "close", "Sourcegraph's design page calls IC3 mid-level: an independent designer on cross-functional projects, one below IC4 (senior)"),
    ("product-designer", "ddat:interaction-designer", "narrow", "DDaT splits product design into interaction, content and service design; its Interaction Designer (HEO/SEO) is the practitioner rung of the flows-and-interfaces part"),
    ("senior-product-designer", "gitlab:senior-product-designer", "close", "same title; GitLab grade 7, one above Product Designer (grade 6)"),
    ("senior-product-designer", "monzo:product-design-level-3", "close", "Monzo's product design level 3 has mastered interaction design, owns big tasks end to end and mentors others, and is where a designer stays an individual contributor"),
    ("senior-product-designer", "sourcegraph:product-designer-ic4", "close", "Sourcegraph's design page calls IC4 senior: domain expertise on complex projects, leads across departments, eligible for the manager track"),
    ("senior-product-designer", "ddat:senior-interaction-designer", "narrow", "the same DDaT split: its Senior Interaction Designer (SEO/G7) is the experienced, mentoring rung of the interaction part of product design"),
    ("design-manager", "gitlab:product-design-manager", "close", "GitLab's Product Design Manager (grade 8) is the first management rung above its designer levels, managing product designers"),
    ("head-of-design", "gitlab:senior-director-of-product-design", "close", "GitLab's Senior Director of Product Design (grade 11, band 6) leads product design and reports to the VP of UX, as the reference Head of Design (level 6) leads design under the VP of Design. GitLab's Director of Product Design (grade 10, band 5) has no link: the reference has no design role at level 5"),
    ("head-of-design", "ddat:head-of-interaction-design", "narrow", "DDaT's Head of Interaction Design (G6) leads one design discipline, interaction design, of the several a Head of Design leads"),
    ("vice-president-of-design", "gitlab:vice-president-of-ux", "close", "GitLab's VP of UX (grade 12) leads all of UX and product design and reports to the CPO, as the reference VP of Design does"),
    # ---- engineering
    ("software-engineer", "ddat:developer", "close", "DDaT's Developer (HEO/SEO) builds, tests and runs software components of a product, the practitioner rung between Junior and Senior Developer"),
    ("software-engineer", "gitlab:engineer", "broad", "GitLab names Engineering only as a discipline PMs come from, with no grade; an individual-contributor role, it covers engineers of every IC rung"),
    ("senior-software-engineer", "ddat:senior-developer", "close", "same seniority title; DDaT's Senior Developer (SEO/G7) leads development of sets of related stories and coaches juniors, one above Developer"),
    ("senior-software-engineer", "gitlab:engineer", "broad", "GitLab names Engineering only as a discipline PMs come from, with no grade; an individual-contributor role, it covers engineers of every IC rung"),
    ("engineering-manager", "ddat:lead-developer-management", "close", "DDaT's Lead Developer - Management, on its management path, leads development of one or a few related teams and coaches them: a first-line engineering manager"),
    ("engineering-manager", "gitlab:engineering-manager", "close", "same title; GitLab names Engineering Managers (engineering team leaders) as a discipline PMs come from, with no grade of its own"),
    ("engineering-manager", "gitlab:engineering-leader", "broad", "GitLab names Engineering Leadership (PMs who go on to lead engineering teams) only as a discipline, with no grade; on the management track, it covers engineering leaders of every rung"),
    ("quality-engineer", "gitlab:quality-engineer", "broad", "GitLab names QA/QE only as a discipline PMs come from, with no grade; an individual-contributor engineering role, it covers quality engineers of every rung"),
    ("customer-success-manager", "gitlab:customer-success", "broad", "GitLab names Customer Success only as a discipline PMs come from and go to, with no grade; it covers customer success people of every rung"),
    ("director-of-engineering", "ddat:principal-developer-management", "close", "DDaT's Principal Developer - Management, the top of its management path, leads and plans development across several teams and builds their capability"),
    ("director-of-engineering", "gitlab:engineering-leader", "broad", "GitLab names Engineering Leadership (PMs who go on to lead engineering teams) only as a discipline, with no grade; on the management track, it covers engineering leaders of every rung"),
    ("vice-president-of-engineering", "gitlab:engineering-leader", "broad", "GitLab names Engineering Leadership (PMs who go on to lead engineering teams) only as a discipline, with no grade; on the management track, it covers engineering leaders of every rung"),
)

# ---------------------------------------------------------------------------------------- skills
#
# Only where the meaning matches, judged against each skill's definition and level descriptions
# in the originals. Left without a link: Sourcegraph's Impact, Scope and Execution and its design
# dimensions (dimensions of a level, not one skill); DDaT's Working within constraints, Product
# ownership, Evidence and context-based design and its developers' operations and process skills
# (no reference skill means the same); Monzo's marketing Domain Knowledge and Ownership and
# Influence and its design Ownership and Collaboration (seniority scales or mixtures); Octopus's
# characteristics that mix several skills (removing barriers, achieving the outcome, building
# advocates, empowering teams, evangelising impact, customer stories).

SKILL_LINKS: tuple[Link, ...] = (
    # ---- DDaT (definitions and level descriptions in sources/ddat/ddat.owl)
    ("agile-delivery", "ddat:skill-agile-working", "close", "DDaT defines it as teams building incrementally and iterating on feedback with Agile methods and tools: delivery in short iterations"),
    ("agile-delivery", "ddat:skill-agile-and-lean-practices", "broad", "the delivery managers' skill has Agile working's definition and adds Lean practice: agile delivery and more"),
    ("communication", "ddat:skill-communication", "close", "same name; DDaT: conveying information in the medium and language that suit the audience"),
    ("prototyping", "ddat:skill-prototyping", "close", "same name; DDaT: exploring, testing and sharing concepts before committing to a design"),
    ("prototyping", "ddat:skill-prototyping-in-code", "narrow", "DDaT's variant is prototyping in HTML and CSS only: one way of prototyping"),
    ("requirements-definition", "ddat:skill-requirements-definition-and-management", "broad", "DDaT adds managing and tracing requirements through their life cycle to identifying and validating them"),
    ("user-research", "ddat:skill-research", "close", "DDaT's user researchers' skill: methods for learning what users need and how they use a product or service"),
    ("security-and-privacy", "ddat:skill-information-security", "narrow", "DDaT's skill keeps information secure and builds security controls into services; the reference skill also covers privacy and data protection"),
    ("software-development", "ddat:skill-programming-and-build-software-engineering", "close", "DDaT: designing, coding, testing and documenting programs, from simple scripts to complex ones"),
    ("system-architecture", "ddat:skill-systems-design", "close", "DDaT: specifying and designing systems to meet business needs, from logical to physical designs"),
    ("stakeholder-management", "ddat:skill-stakeholder-relationship-management-business-analysis", "close", "DDaT: managing stakeholders' requirements and communications throughout a project, keeping the user need in view"),
    ("stakeholder-management", "ddat:skill-stakeholder-relationship-management-content-design", "close", "DDaT's content-design copy of the same skill, with the same definition as the business-analysis one"),
    ("financial-planning", "ddat:skill-financial-management", "close", "DDaT: planning, organising and monitoring financial resources, up to setting budgets and writing business cases"),
    ("strategic-thinking", "ddat:skill-strategic-thinking", "close", "same name; DDaT: working within a strategic context and relating activities to strategic goals, then shaping strategy"),
    ("people-leadership", "ddat:skill-leadership-and-guidance", "broad", "DDaT: leading and managing people by motivating them, taking decisions, managing risk, resolving disagreements and developing their careers"),
    ("cross-functional-collaboration", "ddat:skill-community-collaboration", "broad", "DDaT: working in a multidisciplinary team, and also in working groups and professional communities"),
    ("technical-fluency", "ddat:skill-technical-understanding-user-centred-design", "close", "DDaT: knowing, as a non-engineer, which technologies digital services are built and run on and what a team's technical roles do"),
    ("supplier-relationship-management", "ddat:skill-commercial-management", "broad", "DDaT's skill includes managing contracted suppliers (contact, contractual frameworks, negotiation) within commercial management"),
    ("operations-management", "ddat:skill-operational-management", "narrow", "DDaT: designing the operational processes that run and maintain a product or service; the reference skill runs a company's operations"),
    ("user-centred-design", "ddat:skill-user-focus", "narrow", "DDaT: understanding users' needs in detail to frame the problem, and championing research on them: the needs side of user-centred design, not the designing"),
    ("technical-fluency", "ddat:skill-ddat-perspective", "broad", "DDaT's product skill: understanding design, technology and data principles and the technology choices, plus assisted digital and working across DDaT professions"),
    ("business-case-development", "ddat:skill-financial-ownership", "broad", "DDaT's product skill builds business cases on user needs and owns and iterates them, tracking benefits; it adds market sense, adoption and cost per sprint"),
    ("product-lifecycle-management", "ddat:skill-life-cycle-perspective", "close", "DDaT: knowing what team and product need at each life-cycle stage, when to move to the next or stop, and leading teams through the whole cycle"),
    ("problem-solving", "ddat:skill-problem-management", "narrow", "DDaT: investigating recurring problems in services and processes, choosing remedies and preventing recurrence: problem-solving applied to running services"),
    ("product-strategy", "ddat:skill-strategic-ownership", "broad", "DDaT's product skill: developing a strategy for team or organisation objectives, winning buy-in for it and, at expert level, a long-term vision"),
    ("system-architecture", "ddat:skill-systems-integration", "narrow", "DDaT: finding where systems connect and designing, building and testing the interfaces between them: the integration part of structuring systems"),
    ("communication", "ddat:skill-communicating-between-the-technical-and-non-technical", "narrow", "DDaT: translating technical matters for non-technical people and back, and hosting hard discussions: communication across that one divide"),
    ("technical-fluency", "ddat:skill-digital-perspective", "broad", "DDaT's designers' skill: knowing design, technology and data principles, the internet and technology choices, and keeping up as technology changes"),
    # ---- GitLab (the PM career development framework's competencies)
    ("product-roadmapping", "gitlab:skill-product-roadmap-product-led-growth", "broad", "GitLab's competency sets and attains the product direction and adds product-led growth, iteration and growth experiments"),
    ("competitive-analysis", "gitlab:skill-sensing-mechanisms", "broad", "GitLab's competency gathers user, customer, market and competitor input; competitive analysis is one of the skills it lists"),
    ("user-research", "gitlab:skill-sensing-mechanisms", "broad", "GitLab's competency gathers user, customer, market and competitor input; user research and customer interviewing are among its skills"),
    ("cross-functional-collaboration", "gitlab:skill-aligning-teams-with-hpt", "broad", "GitLab's competency includes healthy working relationships and partnership with engineering and design counterparts, besides team performance and values"),
    ("thought-leadership", "gitlab:skill-thought-leadership", "close", "GitLab: being a recognised authority in one's domain and representing the company outside it, in talks, conferences, community and analyst work"),
    # ---- Monzo (the product framework's topics)
    ("problem-solving", "monzo:skill-product-problem-solving", "broad", "Monzo's topic covers breaking problems down and testing assumptions, and also setting goals and product vision"),
    ("kpi-and-metrics", "monzo:skill-product-data-skills", "broad", "Monzo's Data Skills topic includes tracking the metrics and KPIs of features, besides experiments and analysis"),
    ("experimentation", "monzo:skill-product-data-skills", "broad", "Monzo's Data Skills topic includes designing and evaluating experiments (levels 3 and 4), besides metrics and analysis"),
    ("data-analysis", "monzo:skill-product-data-skills", "broad", "Monzo's Data Skills topic includes drawing reliable conclusions from qualitative and quantitative data, besides metrics and experiments"),
    ("technical-fluency", "monzo:skill-product-domain-knowledge", "broad", "Monzo's Domain Knowledge topic includes web technologies, APIs and how code is tested and deployed, besides market knowledge"),
    ("product-domain-knowledge", "monzo:skill-product-domain-knowledge", "broad", "Monzo's Domain Knowledge topic includes Monzo's architecture and the market of one's area, besides web technologies"),
    ("user-centred-design", "monzo:skill-product-user-centricity", "close", "Monzo's topic starts from evidenced user needs and checks solutions with users (usability testing), throughout the work"),
    ("feature-prioritisation", "monzo:skill-product-execution", "broad", "Monzo's Execution topic is mostly prioritising by effort, impact, user need and business goal, plus shipping habits such as MVPs"),
    ("cross-functional-collaboration", "monzo:skill-product-works-through-others", "broad", "Monzo's topic covers working daily with every discipline of the squad, and also setting its rhythm and coaching APMs"),
    ("communication", "monzo:skill-product-feedback", "broad", "Monzo's Communication and Feedback topic covers saying clearly what and why to each audience, and also giving feedback"),
    ("stakeholder-management", "monzo:skill-product-feedback", "broad", "Monzo's Communication and Feedback topic includes keeping stakeholders informed and building their trust, besides feedback"),
    ("communication", "monzo:skill-marketing-communication-leadership", "broad", "Monzo's marketing topic covers telling others about one's work, decisions and blockers, and also feedback, mentoring and communicating the vision"),
    ("interaction-design", "monzo:skill-product-design-knowledge", "broad", "Monzo's design Knowledge topic names interaction design at levels 1 and 3, and also visual design, research, tooling and breadth across disciplines"),
    # ---- Octopus (the defining characteristics of its product and marketing roles)
    ("product-discovery", "octopus:skill-i-discover-the-needs-and-problems-that-matter-most-to-our-customer", "close", "finding, with customers, research and data, which customer problems are worth pursuing"),
    ("continuous-learning", "octopus:skill-i-have-become-a-student-of-my-craft", "close", "seeking out learning and reflecting regularly on one's development"),
    ("coaching-and-mentoring", "octopus:skill-i-am-a-product-mentor-to-others", "narrow", "mentoring and coaching peers on their product thinking: coaching and mentoring, limited to the product craft"),
    ("coaching-and-mentoring", "octopus:skill-i-nurture-the-product-mindset-across-my-group", "narrow", "the director coaches its group's product managers on planning, execution and customer value: coaching, limited to product practice"),
    ("market-analysis", "octopus:skill-i-maintain-a-view-of-trends-that-can-help-and-hinder-our-ambitions", "close", "following customer needs, analysts and industry trends and assessing the product's position in each market segment"),
    ("product-strategy", "octopus:skill-i-develop-the-product-strategy-and-align-people-to-our-purpose-and-direction", "broad", "developing the product strategy that guides investment, and also aligning teams and leadership behind it"),
    ("product-launch-strategy", "octopus:skill-i-ensure-we-do-world-class-release-launches", "close", "planning the launches of features and releases and managing their execution with engineering, design and sales"),
    ("content-marketing", "octopus:skill-i-oversee-the-content-we-produce-and-help-shape-it-so-it-s-right-for-our-audience", "close", "running the content plan and blog to produce useful, engaging material that brings in leads"),
    ("product-domain-knowledge", "octopus:skill-i-have-an-in-depth-knowledge-of-the-ethos-patterns-and-principles-of-octopus-deploy-and-i-understand-its-benefits-for-teams-and-the-problems-it-solves", "close", "in-depth knowledge of the company's product, the problems it solves for customers and its competitors"),
    ("relationship-building", "octopus:skill-i-build-a-trusted-network-that-accelerates-my-ability-to-find-high-value-opportunities", "narrow", "keeping customer and industry relationships as sources of insight on a problem space: relationship building beyond the company, aimed at finding opportunities"),
    ("influencing", "octopus:skill-i-create-alignment-around-and-momentum-towards-a-strategic-product-direction", "narrow", "creating urgency, winning senior leaders' backing and motivating teams with progress stories: influencing, applied to a strategic product direction"),
    ("product-discovery", "octopus:skill-i-develop-a-deep-understanding-of-the-opportunities-and-barriers-to-our-strategic-product-direction", "close", "researching whether strategic opportunities are viable and validating them with customers and partners before committing: discovery at strategic scale"),
    ("strategic-product-decision-making", "octopus:skill-i-focus-teams-on-the-desired-outcomes-regularly-examining-if-we-should-pivot-or-persist", "narrow", "regularly checking progress against assumptions and deciding from it to persist or pivot: one kind of strategic product decision"),
    ("inclusive-leadership", "octopus:skill-i-foster-an-inclusive-team-that-develops-a-track-record-for-high-quality-delivery", "broad", "bringing diverse views from in and beyond the team into solutions, and also hypothesis testing, risk review and small incremental progress"),
    ("coaching-and-mentoring", "octopus:skill-i-nurture-the-product-mindset-across-the-company", "narrow", "spreading good product-thinking practice company-wide and helping directors coach people in it: coaching, limited to product practice"),
    ("product-strategy", "octopus:skill-i-set-the-direction-for-my-product-area-s", "broad", "choosing and prioritising from many inputs the opportunities a product area pursues, and also aligning its team and stakeholders behind them"),
    ("product-positioning", "octopus:skill-i-tell-genuine-stories-that-resonate-with-our-audience", "narrow", "turning features into plain messaging and stories within the set positioning, plus campaigns: the messaging side, not defining the positioning"),
    # ---- Sourcegraph (its level dimensions; only Teamwork names one skill)
    ("cross-functional-collaboration", "sourcegraph:skill-product-teamwork", "broad", "Sourcegraph's level dimension: collaborating within and beyond the company, with engineering, design, marketing and sales; it adds mentoring, culture and managing up"),
)


# ---------------------------------------------------------------------------------------- building


def iri_of(kind: str, key: str, framework: str | None = None) -> str:
    """The IRI of a reference (``framework`` None) or framework ``kind`` ("role" or "skill") ``key``.

    Examples
    --------
    >>> iri_of("role", "product-manager")
    'https://w3id.org/pmgraph/role/product-manager'
    >>> iri_of("skill", "skill-sensing-mechanisms", "gitlab")
    'https://w3id.org/pmgraph/framework/gitlab/skill/skill-sensing-mechanisms'
    """
    if framework is None:
        return f"{PREFIXES[kind]}{key}"
    return f"{FRAMEWORK_NS}{framework}/{kind}/{key}"


def _members(path: Path, cls: str) -> set[str]:
    """The IRIs typed ``cls`` in the Turtle file at ``path``."""
    import pyoxigraph as ox

    from pmgraph.loading.formats import load_file

    store = ox.Store()
    load_file(store, path)
    rdf_type, target = ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(cls)
    return {q.subject.value for q in store.quads_for_pattern(None, rdf_type, target, None)
            if isinstance(q.subject, ox.NamedNode)}


def _check(table: str, entry: Link, kind: str, known: dict[str | None, tuple[Path, set[str]]]) -> tuple[str, str]:
    """The (reference IRI, framework IRI) of ``entry`` of ``table``, or ValueError naming it."""
    if not (isinstance(entry, tuple) and len(entry) == 4 and all(isinstance(part, str) for part in entry)):
        raise ValueError(f"crosswalk {table} entry {entry!r}: expected (reference key, '<framework>:<key>', kind, reason)")
    key, target, relation, reason = entry
    framework, _, fkey = target.partition(":")
    if framework not in FRAMEWORKS or not fkey:
        raise ValueError(f"crosswalk {table} entry {entry!r}: {target!r} is not '<framework>:<key>' with a framework "
                         f"of {', '.join(FRAMEWORKS)}")
    if relation not in PREDICATES:
        raise ValueError(f"crosswalk {table} entry {entry!r}: kind {relation!r} is not one of {', '.join(PREDICATES)}")
    if not reason.strip() or reason != reason.strip() or "\n" in reason:
        raise ValueError(f"crosswalk {table} entry {entry!r}: the reason must be one non-empty line")
    reference, other = iri_of(kind, key), iri_of(kind, fkey, framework)
    for iri, where in ((reference, None), (other, framework)):
        path, members = known[where]
        if iri not in members:
            raise ValueError(f"crosswalk {table} entry {entry!r}: {iri} is not a {kind} in {path}")
    return reference, other


def crosswalk(role_links: Iterable[Link] = ROLE_LINKS, skill_links: Iterable[Link] = SKILL_LINKS) -> rdflib.Graph:
    """The crosswalk as a graph: each link of ``role_links`` and ``skill_links`` (by default the
    tables above) as a SKOS mapping triple, cited by an ``rdf:Statement`` carrying its reason.

    Every IRI is checked against the bundled files first: a reference key that is not a role of
    ``roles.ttl`` (a skill of ``skills.ttl``), a framework key that is not a role (skill) of its
    framework's file, an unknown framework or kind, an empty reason or a repeated pair raises
    ``ValueError`` naming the entry. Same tables, same triples: statement IRIs are
    ``stmt:crosswalk-<the first 20 hex digits of the SHA-256 of "s p o">``, the three terms
    written as in N-Triples.

    Examples
    --------
    >>> from rdflib import SKOS, URIRef
    >>> graph = crosswalk()
    >>> pm, gitlab_pm = URIRef(iri_of("role", "product-manager")), URIRef(iri_of("role", "product-manager", "gitlab"))
    >>> (pm, SKOS.closeMatch, gitlab_pm) in graph
    True
    """
    import rdflib
    from rdflib import DCTERMS, RDF, SKOS, Literal as Lit, URIRef

    base = ONTOLOGY
    pm = PREFIXES["pm"]
    tables: list[tuple[str, str, str, list[Link]]] = [
        ("role", "role", pm + "Role", list(role_links)),
        ("skill", "skill", pm + "Skill", list(skill_links)),
    ]
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix in ("pm", "role", "skill", "stmt", "src", "skos", "dct", "rdf", "rdfs"):
        graph.bind(prefix, PREFIXES[prefix])
    for framework in FRAMEWORKS:
        for kind in ("role", "skill"):
            graph.bind(f"{framework}{kind}", iri_of(kind, "", framework))
    source = URIRef(SOURCE)
    graph.add((source, RDF.type, URIRef(pm + "EditorialSource")))
    graph.add((source, DCTERMS.title, Lit(_TITLE, lang="en")))
    graph.add((source, SKOS.definition, Lit(_DEFINITION, lang="en")))
    add_link_rules(graph)
    for table, kind, cls, links in tables:
        if not links:
            continue
        reference_file = base / f"{kind}s.ttl"
        known: dict[str | None, tuple[Path, set[str]]] = {None: (reference_file, _members(reference_file, cls))}
        for framework in FRAMEWORKS:
            path = base / "frameworks" / f"{framework}.ttl"
            known[framework] = (path, _members(path, cls))
        seen: set[tuple[str, str]] = set()
        for entry in links:
            reference, other = _check(table, entry, kind, known)
            if (reference, other) in seen:
                raise ValueError(f"crosswalk {table} entry {entry!r}: a second link between the same two {kind}s")
            seen.add((reference, other))
            cite(graph, URIRef(reference), URIRef(PREDICATES[entry[2]]), URIRef(other), [source], name="crosswalk",
                 comment=entry[3])
    return graph

