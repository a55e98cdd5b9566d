"""The reference ladder's skill requirements, derived from the frameworks' statements.

A reference role requires a reference skill when one of three things says so, and only then:

1. **A framework.** A framework role the crosswalk links to the reference role (any kind of link)
   requires a framework skill the crosswalk links to the reference skill. Each such framework
   requirement is a *support*; the reference requirement cites the framework pages that state
   them and names them (``prov:wasDerivedFrom`` the framework requirement, and in words in the
   statement's ``rdfs:comment``: which framework role says which skill at which level).
2. **The article** states that the role needs the skill (:data:`ARTICLE`, each with the claim
   paraphrased).
3. **An editorial reason** a reviewer can check (:data:`EDITORIAL`).

4. **A framework page read directly** (:data:`PAGES`): the page states it for the framework's
   counterpart in words no skill table carries (GitLab's VP, CPO and design manager pages).
5. **The role below** (the carry-forward rule ``src:rule-carry-forward``): along each reference
   promotion between two roles of one function, the higher role requires every skill of the lower
   one at least at its level, unless :data:`DROPS` or :data:`NOT_CARRIED` say otherwise. A carried
   value is *derived* (the rule is a ``pm:DerivationRule``); precedence for a level is stated >
   carried > estimate, and where a stated level is lower than the carried one the carried one wins
   (nothing levels down on a promotion unless a source states it) and its comment keeps the stated one.

Requirements nothing supports are not in the graph: unknown is unknown. Each value gets one
statement per group of sources: ``requirement-close`` / ``-broad`` / ``-narrow`` (the framework
supports through that kind of link: their pages, their reading rule, ``src:crosswalk-<kind>``),
``requirement-article``, ``requirement-page``, ``requirement-editorial`` (with the reason) and
``requirement-carried``; an estimate is ``requirement-`` with ``rdfs:comment "estimate"``.

The proficiency is a separate value with its own sources. It is *stated* when a support gives a
level (DDaT's levels are pmgraph's scale; GitLab's CDF wording is read as a level by the rule its
conversion cites). The supports are ranked: both links close, then one close, then neither; the
best rank that gives any level decides, and the level is the lower median of the levels it gives
(one level: that one). The proficiency statement cites the pages (and reading rules) of the
supports that give exactly that level and is ``prov:wasDerivedFrom`` their requirements. Where no
support gives a level (Monzo, Sourcegraph and Octopus name topics per level, the article names
no levels), the proficiency is the editors' **estimate** (:data:`ESTIMATES`), cited to
``src:editorial`` with ``rdfs:comment "estimate"``, and every output that shows it says so.

No requirement has a ``pm:importance``: no source states one.

:func:`requirements` builds the graph written to ``ontology/requirements.ttl``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmgraph.iris import FRAMEWORK_NS, PREFIXES

from .. import ONTOLOGY
from . import FRAMEWORKS
from .base import cite
from .derive import describe

if TYPE_CHECKING:
    import rdflib

__all__ = ["ARTICLE", "CARRY_SOURCE", "DROPS", "EDITORIAL", "ESTIMATES", "ESTIMATE_NOTE", "NOT_CARRIED", "NO_REQUIREMENTS", "PAGES",
           "Support", "requirements"]

_PM = PREFIXES["pm"]
#: The article's source node (described in ``ontology/article.ttl``).
ARTICLE_SOURCE = PREFIXES["src"] + "doc-7aac459293c912b7"
EDITORIAL_SOURCE = PREFIXES["src"] + "editorial"
#: The ``rdfs:comment`` that marks an editorial value as an estimate.
ESTIMATE_NOTE = "estimate"

#: Link kinds, weakest first.
_LINK_ORDER = ("narrow", "broad", "close")
#: The rule carrying a requirement up a promotion (described in the generated file).
CARRY_SOURCE = PREFIXES["src"] + "rule-carry-forward"
CARRY_TITLE = "pmgraph rule: carried from the role below"
CARRY_DEFINITION = (
    "Along each promotion of the reference ladder between two roles of the same function, every skill the role "
    "below requires is also required by the role above, at least at the level the role below requires it, unless a "
    "source states otherwise (DROPS) or an editorial reason says the skill belongs to the lower role only "
    "(NOT_CARRIED). A promotion adds to a job; it does not take skills away. The carried value is derived from the "
    "lower role's requirement, which it names.")

_RANKS = {"awareness": 1, "working": 2, "practitioner": 3, "expert": 4, "authority": 5}
_LEVELS = {rank: name for name, rank in _RANKS.items()}

# ---------------------------------------------------------------------------------------- the article
#
# (reference role, reference skill, the claim in our words). The article names no proficiency.

ARTICLE: tuple[tuple[str, str, str], ...] = (
    ("product-manager", "technical-fluency", "The technical skills of product management are something a would-be PM can start learning straight away."),
    ("principal-product-manager", "business-acumen", "Principal PM work requires a deep understanding of the business behind the products."),
    ("principal-product-manager", "product-domain-knowledge", "Principal PM work requires knowing the nuances of the business's own products."),
    ("principal-product-manager", "product-strategy", "Principal PM work requires a deep understanding of the business's product strategy."),
    ("group-product-manager", "people-leadership", "A group PM directly manages a team of product managers."),
    ("director-of-product", "business-acumen", "The director must understand the business strategy the portfolio serves."),
    ("director-of-product", "okr-planning", "The director owns the business-strategy-to-portfolio alignment in the form of OKRs."),
    ("director-of-product", "portfolio-management", "The director aligns the product portfolio with the business strategy."),
    ("product-portfolio-manager", "portfolio-management", "Owning and managing a group of related products is the core of the role."),
    ("head-of-product", "adaptability", "Heads of Product must adapt their leadership style to remote work."),
    ("head-of-product", "building-trust", "Heads of Product create a culture of transparency and trust."),
    ("head-of-product", "business-acumen", "The head of product needs business skills; business acumen is one of its hard skills."),
    ("head-of-product", "coaching-and-mentoring", "The leader shows individual PMs how to decide, plan and measure well."),
    ("head-of-product", "communication", "Communication is one of the head of product's essential soft skills."),
    ("head-of-product", "digital-collaboration-tools", "Managing distributed teams includes making good use of digital collaboration tools."),
    ("head-of-product", "feature-prioritisation", "Business acumen lets them prioritise features."),
    ("head-of-product", "inclusive-leadership", "Heads of Product draw on the diverse perspectives of a global team."),
    ("head-of-product", "influencing", "Leadership here means influencing, inspiring and empowering people, not only managing them; read as about the head of product."),
    ("head-of-product", "interpersonal-skills", "A holistic view gives the leader the interpersonal skills to lead diverse teams; ambiguous which role, read as head of product."),
    ("head-of-product", "kpi-and-metrics", "The leader coaches PMs in using the right KPIs."),
    ("head-of-product", "market-analysis", "Business acumen lets them assess market opportunities."),
    ("head-of-product", "people-leadership", "The head of product needs leadership skills to lead a product management team."),
    ("head-of-product", "problem-solving", "A holistic view strengthens the leader's problem-solving; ambiguous which role, read as head of product."),
    ("head-of-product", "product-launch-strategy", "Business acumen lets them plan the strategy of product launches."),
    ("head-of-product", "product-roadmapping", "The leader coaches PMs in creating actionable product roadmaps."),
    ("head-of-product", "remote-team-leadership", "Heads of Product manage distributed teams across geographical boundaries and keep them engaged."),
    ("head-of-product", "requirements-definition", "The head of product's technical expertise lets them understand and articulate product requirements; ambiguous which role, read as head of product."),
    ("head-of-product", "strategic-product-decision-making", "The leader coaches PMs in making effective strategic product decisions."),
    ("head-of-product", "strategic-thinking", "Thinking strategically is one of the head of product's essential soft skills."),
    ("head-of-product", "technical-fluency", "The head of product needs technical skills; technical know-how is one of its hard skills."),
    ("chief-product-officer", "business-case-development", "The CPO explains the business case for specific initiatives and features."),
    ("chief-product-officer", "coaching-and-mentoring", "The CPO mentors other product management staff."),
    ("chief-product-officer", "executive-communication", "The CPO explains business cases for initiatives and features to the C-suite."),
    ("chief-product-officer", "hiring-and-talent-development", "The CPO develops a product team that meets the organisation's needs."),
    ("chief-product-officer", "organisational-design", "The CPO may be hired to build out the product department."),
    ("chief-product-officer", "relationship-building", "This leader must cultivate strong relationships (read as the CPO)."),
    ("chief-product-officer", "stakeholder-management", "The CPO is the intermediary between product and executive stakeholders."),
    ("chief-marketing-officer", "strategic-thinking", "The top marketing role aligns effort with long-term growth rather than short-term campaigns."),
)

# ---------------------------------------------------------------------------------------- editorial
#
# (reference role, reference skill, reason). Only for roles no framework describes: the skills that
# define the role as its own definition states it, and work the article describes without naming the
# role (read as this role's: the editors' reading, not the article's statement).

EDITORIAL: tuple[tuple[str, str, str], ...] = (
    ("chief-operating-officer", "building-trust", "the article describes work with suppliers without naming a role; read as the operations executive's"),
    ("chief-operating-officer", "communication", "the article describes work with suppliers without naming a role; read as the operations executive's"),
    ("chief-operating-officer", "negotiation", "the article describes work with suppliers without naming a role; read as the operations executive's"),
    ("chief-operating-officer", "supplier-relationship-management", "the article describes work with suppliers without naming a role; read as the operations executive's"),
    ("marketing-specialist", "content-creation", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("marketing-specialist", "content-marketing", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("marketing-specialist", "email-marketing", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("marketing-specialist", "paid-advertising", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("marketing-specialist", "seo", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("marketing-specialist", "social-media-marketing", "the article's T-shaped marketer is career advice for any marketer, not a role it names; read as the early-career marketer's skill"),
    ("head-of-design", "culture-building", "the article describes a design team's culture without naming a role; read as the head of design's"),
    ("product-owner", "backlog-management", "the role's definition in roles.ttl: a product owner's work is keeping one team's backlog ordered and ready"),
    ("product-owner", "writing-user-stories", "the role's definition in roles.ttl: the product owner turns needs into stories for one team"),
    ("technical-product-manager", "technical-fluency", "the role's definition in roles.ttl: a product manager for a technical product, discussing it with engineers"),
    ("technical-product-manager", "api-and-platform-knowledge", "the role's definition in roles.ttl: the product is a platform, API or piece of infrastructure"),
)

# ---------------------------------------------------------------------------------------- framework pages
#
# (reference role, reference skill, "<framework>:<source key>", the claim in our words): a framework
# page that states the requirement for the framework's counterpart of the reference role in words
# no skill table carries (GitLab's VP, CPO and design manager pages). Each statement names the page
# as its prov:hadPrimarySource: read from the page itself, not derived from a framework fact.

PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("vice-president-of-product", "hiring-and-talent-development", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Builds, leads and coaches a product management team growing past thirty people."),
    ("vice-president-of-product", "coaching-and-mentoring", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Coaches the product managers and sees that they get the training the product process needs."),
    ("vice-president-of-product", "coaching-and-mentoring", "gitlab:product-leadership--vp-of-product-management",
     "Must be able to teach the competencies of GitLab's product management framework."),
    ("vice-president-of-product", "people-leadership", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Manages four to six product directors."),
    ("vice-president-of-product", "people-leadership", "gitlab:product-leadership--vp-of-product-management",
     "Ten or more years of managing people, directors and above among them."),
    ("vice-president-of-product", "portfolio-management", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Allocates product investment across the whole product with portfolio techniques."),
    ("vice-president-of-product", "cross-functional-collaboration", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Works as a partner of engineering, design and product marketing from validation to launch."),
    ("vice-president-of-product", "product-vision", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Aligns the team with the vision and goals of the whole product line."),
    ("vice-president-of-product", "executive-communication", "gitlab:product-leadership--vp-of-product-management---responsibilities",
     "Speaks for the whole product, inside the company and outside it."),
    ("vice-president-of-product", "executive-communication", "gitlab:product-leadership--vp-of-product-management",
     "Presents well to boards and large audiences."),
    ("vice-president-of-product", "market-analysis", "gitlab:product-leadership--vp-of-product-management",
     "Understands the DevOps market."),
    ("vice-president-of-product", "competitive-analysis", "gitlab:product-leadership--vp-of-product-management",
     "Understands the DevOps competition."),
    ("vice-president-of-product", "technical-fluency", "gitlab:product-leadership--vp-of-product-management",
     "Understands the technologies underneath DevOps products."),
    ("vice-president-of-design", "financial-planning", "gitlab:product-leadership--vice-president-of-ux",
     "Manages the UX budget: compensation planning, other spending and trade-offs."),
    ("vice-president-of-design", "executive-communication", "gitlab:product-leadership--vice-president-of-ux",
     "Works with the executives on important decisions."),
    ("vice-president-of-design", "coaching-and-mentoring", "gitlab:product-leadership--vice-president-of-ux",
     "Helps the UX leaders grow as leaders."),
    ("vice-president-of-design", "culture-building", "gitlab:product-leadership--vice-president-of-ux",
     "Builds an open, trusting culture in the UX department."),
    ("vice-president-of-design", "cross-functional-collaboration", "gitlab:product-leadership--vice-president-of-ux",
     "Makes UX part of how product management and engineering build the product."),
    ("vice-president-of-design", "design-systems", "gitlab:product-leadership--vice-president-of-ux",
     "Sets design standards and drives the design system at the strategic level."),
    ("vice-president-of-design", "user-research", "gitlab:product-leadership--vice-president-of-ux",
     "Decides with product leadership which research to do first."),
    ("vice-president-of-design", "okr-planning", "gitlab:product-leadership--vice-president-of-ux",
     "Sets the department\"s quarterly OKRs and sees them through."),
    ("vice-president-of-design", "thought-leadership", "gitlab:product-leadership--vice-president-of-ux",
     "Represents the company in public: conferences, media, articles and videos."),
    ("vice-president-of-design", "hiring-and-talent-development", "gitlab:product-leadership--vice-president-of-ux",
     "Hires and keeps designers, researchers, technical writers and their managers."),
    ("vice-president-of-design", "people-leadership", "gitlab:product-leadership--vice-president-of-ux",
     "Ten or more years of managing people, leaders at director level and above among them."),
    ("vice-president-of-design", "visual-design", "gitlab:product-leadership--vice-president-of-ux",
     "Sound visual judgement: typography, layout, composition, colour."),
    ("vice-president-of-design", "communication", "gitlab:product-leadership--vice-president-of-ux",
     "Communicates well as part of a team."),
    ("design-manager", "user-research", "gitlab:product-design-management--product-design-manager",
     "Plans research that spans several stage groups and helps designers see when research is needed."),
    ("design-manager", "usability-testing", "gitlab:product-design-management--product-design-manager",
     "Runs UX scorecards to measure and improve the usability of the team\"s areas."),
    ("design-manager", "design-operations", "gitlab:product-design-management--product-design-manager",
     "Sets up and runs the team\"s collaborative design process."),
    ("design-manager", "hiring-and-talent-development", "gitlab:product-design-management--product-design-manager",
     "Sources, interviews and reviews portfolios to hire designers."),
    ("design-manager", "coaching-and-mentoring", "gitlab:product-design-management--product-design-manager",
     "Coaches each designer on the team in skills and career."),
    ("design-manager", "people-leadership", "gitlab:product-design-management--product-design-manager",
     "Manages the team\"s performance, happiness and productivity."),
    ("design-manager", "remote-team-leadership", "gitlab:product-design-management--product-design-manager",
     "Has a clear view of how remote design teams are best managed."),
    ("design-manager", "visual-design", "gitlab:product-design-management--product-design-manager",
     "Sound visual judgement: typography, layout, composition, colour."),
    ("design-manager", "stakeholder-management", "gitlab:product-design-management--product-design-manager",
     "Has driven organisational change together with stakeholders in other functions."),
    ("design-manager", "communication", "gitlab:product-design-management--product-design-manager",
     "Communicates well as part of a team."),
    ("chief-product-officer", "people-leadership", "gitlab:chief-product-officer",
     "Manages the product leaders, vice presidents included, and has managed a team of several levels of PMs and directors."),
    ("chief-product-officer", "hiring-and-talent-development", "gitlab:chief-product-officer",
     "Recruits and keeps the product directors, and has hired a product organisation of several levels."),
    ("chief-product-officer", "coaching-and-mentoring", "gitlab:chief-product-officer",
     "Coaches the product directors and makes sure every product manager is effective."),
    ("chief-product-officer", "product-vision", "gitlab:chief-product-officer",
     "Holds the product vision and a sound view of the product\"s future and its gaps."),
    ("chief-product-officer", "organisational-design", "gitlab:chief-product-officer",
     "Decides how many engineers the product needs and how the organisation is structured."),
    ("chief-product-officer", "product-roadmapping", "gitlab:chief-product-officer",
     "Keeps the roadmap open to all and up to date."),
    ("chief-product-officer", "competitive-analysis", "gitlab:chief-product-officer",
     "Gathers the product\"s competitive strengths and weaknesses in a structured way."),
    ("chief-product-officer", "requirements-definition", "gitlab:chief-product-officer",
     "Owns the process that turns ideas into detailed requirements."),
    ("chief-product-officer", "backlog-management", "gitlab:chief-product-officer",
     "Owns the process that keeps those requirements in a prioritised backlog."),
    ("chief-product-officer", "feature-prioritisation", "gitlab:chief-product-officer",
     "Can explain a clear prioritisation process that others can repeat."),
    ("chief-product-officer", "product-strategy", "gitlab:chief-product-officer",
     "Has growth and data strategy experience."),
    ("chief-product-officer", "strategic-product-decision-making", "gitlab:chief-product-officer",
     "Makes decisions fast."),
)

# ---------------------------------------------------------------------------------------- no requirement
#
# Reference roles no bundled source gives a requirement, with the reason shown in their place
# (pm:requirementsNote, cited to src:editorial). A role listed here must have no requirement.

NO_REQUIREMENTS: dict[str, str] = {
    "chief-executive-officer": (
        "No framework bundled here states requirements for this role: GitLab names the CEO only as the one the "
        "Chief Product Officer reports to, and the article says 'C-suite' without describing the job. The "
        "carry-forward rule does not cross functions, so nothing is carried from the CPO, COO or CTO."),
    "customer-success-manager": (
        "No framework bundled here states requirements for this role: GitLab names customer success only as a "
        "discipline product managers move to and from, with no skills or level."),
    "quality-engineer": (
        "No framework bundled here states requirements for this role: GitLab names quality engineering only as a "
        "discipline product managers move to and from, with no skills; DDaT's Test Engineer is not converted."),
}

# ---------------------------------------------------------------------------------------- carry-forward
#
# A requirement carries up each same-function promotion (CARRY_DEFINITION) unless a source states
# the higher role drops it (DROPS: role, skill, source IRI, the claim) or an editorial reason says
# the skill is the lower role's own (NOT_CARRIED: lower role, higher role, skill, reason).

DROPS: tuple[tuple[str, str, str, str], ...] = ()
NOT_CARRIED: tuple[tuple[str, str, str, str], ...] = (
    ("technical-product-manager", "senior-product-manager", "api-and-platform-knowledge",
     "the technical PM's specialism: a senior PM of another product does not need it"),
)

# ---------------------------------------------------------------------------------------- estimates
#
# The editors' proficiency for each requirement whose supports give no level: the level the
# reference ladder had before it was derived from the frameworks where it had one, else the
# editors' reading of the rung. Marked as estimates wherever they are shown.

ESTIMATES: dict[tuple[str, str], str] = {
    ("associate-product-manager", "communication"): "working",
    ("associate-product-manager", "cross-functional-collaboration"): "working",
    ("associate-product-manager", "data-analysis"): "working",
    ("associate-product-manager", "experimentation"): "awareness",
    ("associate-product-manager", "feature-prioritisation"): "awareness",
    ("associate-product-manager", "kpi-and-metrics"): "awareness",
    ("associate-product-manager", "product-domain-knowledge"): "awareness",
    ("associate-product-manager", "stakeholder-management"): "awareness",
    ("chief-marketing-officer", "strategic-thinking"): "expert",
    ("chief-operating-officer", "building-trust"): "practitioner",
    ("chief-operating-officer", "communication"): "practitioner",
    ("chief-operating-officer", "negotiation"): "practitioner",
    ("chief-operating-officer", "supplier-relationship-management"): "practitioner",
    ("chief-product-officer", "organisational-design"): "practitioner",
    ("chief-product-officer", "stakeholder-management"): "authority",
    ("design-manager", "coaching-and-mentoring"): "practitioner",
    ("design-manager", "design-operations"): "practitioner",
    ("design-manager", "hiring-and-talent-development"): "practitioner",
    ("design-manager", "remote-team-leadership"): "practitioner",
    ("design-manager", "stakeholder-management"): "practitioner",
    ("design-manager", "usability-testing"): "practitioner",
    ("design-manager", "user-research"): "practitioner",
    ("design-manager", "visual-design"): "practitioner",
    ("director-of-product", "coaching-and-mentoring"): "expert",
    ("director-of-product", "market-analysis"): "expert",
    ("director-of-product", "okr-planning"): "expert",
    ("director-of-product", "portfolio-management"): "practitioner",
    ("group-product-manager", "people-leadership"): "practitioner",
    ("group-product-manager", "product-roadmapping"): "expert",
    ("head-of-design", "culture-building"): "expert",
    ("head-of-product", "adaptability"): "practitioner",
    ("head-of-product", "building-trust"): "practitioner",
    ("head-of-product", "digital-collaboration-tools"): "awareness",
    ("head-of-product", "interpersonal-skills"): "practitioner",
    ("head-of-product", "kpi-and-metrics"): "expert",
    ("head-of-product", "product-launch-strategy"): "working",
    ("head-of-product", "remote-team-leadership"): "practitioner",
    ("head-of-product", "requirements-definition"): "awareness",
    ("head-of-product", "strategic-thinking"): "practitioner",
    ("marketing-specialist", "communication"): "working",
    ("marketing-specialist", "content-creation"): "practitioner",
    ("marketing-specialist", "content-marketing"): "working",
    ("marketing-specialist", "email-marketing"): "working",
    ("marketing-specialist", "paid-advertising"): "working",
    ("marketing-specialist", "seo"): "working",
    ("marketing-specialist", "social-media-marketing"): "working",
    ("principal-product-manager", "business-acumen"): "practitioner",
    ("principal-product-manager", "coaching-and-mentoring"): "practitioner",
    ("principal-product-manager", "influencing"): "practitioner",
    ("principal-product-manager", "product-domain-knowledge"): "expert",
    ("principal-product-manager", "product-strategy"): "expert",
    ("principal-product-manager", "stakeholder-management"): "expert",
    ("principal-product-manager", "strategic-product-decision-making"): "practitioner",
    ("product-designer", "interaction-design"): "practitioner",
    ("product-manager", "communication"): "practitioner",
    ("product-manager", "continuous-learning"): "working",
    ("product-manager", "cross-functional-collaboration"): "practitioner",
    ("product-manager", "data-analysis"): "practitioner",
    ("product-manager", "experimentation"): "working",
    ("product-manager", "feature-prioritisation"): "practitioner",
    ("product-manager", "kpi-and-metrics"): "working",
    ("product-manager", "product-discovery"): "practitioner",
    ("product-manager", "product-domain-knowledge"): "working",
    ("product-manager", "stakeholder-management"): "working",
    ("product-manager", "thought-leadership"): "awareness",
    ("product-marketing-manager", "communication"): "practitioner",
    ("product-marketing-manager", "product-domain-knowledge"): "practitioner",
    ("product-marketing-manager", "product-launch-strategy"): "working",
    ("product-marketing-manager", "product-positioning"): "working",
    ("product-owner", "backlog-management"): "practitioner",
    ("product-owner", "writing-user-stories"): "practitioner",
    ("product-portfolio-manager", "portfolio-management"): "expert",
    ("senior-product-designer", "interaction-design"): "expert",
    ("senior-product-manager", "coaching-and-mentoring"): "working",
    ("senior-product-manager", "experimentation"): "practitioner",
    ("senior-product-manager", "inclusive-leadership"): "working",
    ("senior-product-manager", "kpi-and-metrics"): "practitioner",
    ("senior-product-manager", "product-domain-knowledge"): "practitioner",
    ("senior-product-manager", "relationship-building"): "practitioner",
    ("senior-product-manager", "stakeholder-management"): "practitioner",
    ("senior-product-manager", "thought-leadership"): "working",
    ("senior-product-marketing-manager", "communication"): "expert",
    ("technical-product-manager", "api-and-platform-knowledge"): "practitioner",
    ("technical-product-manager", "technical-fluency"): "practitioner",
    ("vice-president-of-design", "design-systems"): "expert",
    ("vice-president-of-design", "executive-communication"): "expert",
    ("vice-president-of-design", "financial-planning"): "practitioner",
    ("vice-president-of-design", "okr-planning"): "expert",
    ("vice-president-of-design", "thought-leadership"): "expert",
    ("vice-president-of-product", "executive-communication"): "expert",
    ("vice-president-of-product", "hiring-and-talent-development"): "expert",
    ("vice-president-of-product", "product-vision"): "expert",
}


@dataclass(frozen=True)
class Support:
    """A framework requirement standing for a reference one."""

    requirement: str  #: the framework requirement's IRI
    role_label: str
    skill_label: str
    framework: str
    level: str | None  #: the framework's level, if it gives one
    tier: int  #: 0: role and skill links both close; 1: one of them; 2: neither
    pages: tuple[str, ...]  #: who states that the role requires the skill
    level_pages: tuple[str, ...]  #: who states the level (pages and reading rules)
    link: str = "close"  #: the weaker of the role's and the skill's crosswalk links: close, broad or narrow

    def words(self) -> str:
        level = f", {self.level}" if self.level else ", no level"
        return f"{self.framework} {self.role_label}: {self.skill_label}{level}"


def _supports(graphs: dict[str, rdflib.Graph]) -> dict[tuple[str, str], list[Support]]:
    """(reference role IRI, reference skill IRI) -> the framework requirements standing for it;
    ``graphs`` gets each framework's graph, by id."""
    import rdflib
    from rdflib import DCTERMS, RDF, SKOS

    from .crosswalk import crosswalk

    links = crosswalk()
    kinds = {SKOS.closeMatch: "close", SKOS.broadMatch: "broad", SKOS.narrowMatch: "narrow"}
    role_links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # framework role -> (reference role, kind)
    skill_links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for predicate, kind in kinds.items():
        for reference, other in links.subject_objects(predicate):
            table = role_links if str(reference).startswith(PREFIXES["role"]) else skill_links
            table[str(other)].append((str(reference), kind))
    pm = rdflib.Namespace(_PM)
    out: dict[tuple[str, str], list[Support]] = defaultdict(list)
    for framework in FRAMEWORKS:
        graph = graphs[framework] = rdflib.Graph()
        graph.parse(ONTOLOGY / "frameworks" / f"{framework}.ttl", format="turtle")
        title = {"ddat": "DDaT", "gitlab": "GitLab", "monzo": "Monzo", "sourcegraph": "Sourcegraph",
                 "octopus": "Octopus"}[framework]
        stated: dict[tuple[str, str, str], tuple[str, ...]] = {}
        for statement in graph.subjects(RDF.type, RDF.Statement):
            key = (str(graph.value(statement, RDF.subject)), str(graph.value(statement, RDF.predicate)),
                   str(graph.value(statement, RDF.object)))
            stated[key] = tuple(sorted(str(s) for s in graph.objects(statement, DCTERMS.source)))
        for role, requirement in graph.subject_objects(pm.hasSkillRequirement):
            if str(role) not in role_links:
                continue
            skill = graph.value(requirement, pm.skill)
            if str(skill) not in skill_links:
                continue
            level_node = graph.value(requirement, pm.proficiency)
            level = str(level_node).rsplit("/", 1)[1] if level_node is not None else None
            pages = stated.get((str(role), _PM + "requiresSkill", str(skill)), ())
            level_pages = stated.get((str(requirement), _PM + "proficiency", str(level_node)), ()) if level else ()
            role_label = str(graph.value(role, SKOS.prefLabel))
            skill_label = str(graph.value(skill, SKOS.prefLabel))
            for reference_role, role_kind in role_links[str(role)]:
                for reference_skill, skill_kind in skill_links[str(skill)]:
                    tier = 2 - (role_kind == "close") - (skill_kind == "close")
                    link = min(role_kind, skill_kind, key=_LINK_ORDER.index)
                    out[(reference_role, reference_skill)].append(Support(
                        str(requirement), role_label, skill_label, title, level, tier, pages, level_pages, link))
    for supports in out.values():
        supports.sort(key=lambda s: (s.tier, s.framework, s.role_label, s.skill_label, s.requirement))
    return out


def _level(supports: list[Support]) -> tuple[str, list[Support]] | None:
    """The stated level and the supports giving it, by the rule in the module docstring; None if none gives one."""
    levelled = [s for s in supports if s.level is not None]
    if not levelled:
        return None
    best = min(s.tier for s in levelled)
    tier = [s for s in levelled if s.tier == best]
    ranks = sorted(_RANKS[s.level] for s in tier if s.level is not None)
    level = _LEVELS[ranks[(len(ranks) - 1) // 2]]
    return level, [s for s in tier if s.level == level]


def _moves(reference: rdflib.Graph) -> list[tuple[str, str]]:
    """The reference promotions a requirement carries along (see :data:`CARRY_DEFINITION`): both ends
    of one function, lower roles first."""
    from rdflib import URIRef

    pm = _PM
    level = {str(r): int(str(v)) for r, v in reference.subject_objects(URIRef(pm + "level"))}
    function = {str(r): str(f) for r, f in reference.subject_objects(URIRef(pm + "function"))}
    moves = [(str(a), str(b)) for a, b in reference.subject_objects(URIRef(pm + "promotesTo"))
             if function.get(str(a)) == function.get(str(b)) and str(a) in function]
    return sorted(moves, key=lambda m: (level[m[0]], level[m[1]], m))


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def requirements() -> rdflib.Graph:
    """The reference requirements as a graph (see the module docstring), every value cited by a statement.

    Raises ``ValueError`` naming the entry when an :data:`ARTICLE`, :data:`PAGES` or :data:`EDITORIAL`
    entry names an unknown role or skill, repeats one, or a requirement needs an estimate that
    :data:`ESTIMATES` lacks (or ESTIMATES holds one nothing needs).
    """
    import rdflib
    from rdflib import DCTERMS, RDF, SKOS, Literal, URIRef

    base = ONTOLOGY
    reference = rdflib.Graph()
    for name in ("roles.ttl", "skills.ttl"):
        reference.parse(base / name, format="turtle")
    roles = {str(r) for r in reference.subjects(RDF.type, URIRef(_PM + "Role"))}
    skills = {str(s) for s in reference.subjects(RDF.type, URIRef(_PM + "Skill"))}
    labels = {str(r): str(reference.value(r, SKOS.prefLabel)) for r in reference.subjects(RDF.type, URIRef(_PM + "Role"))}
    graphs: dict[str, rdflib.Graph] = {}
    supports = {key: value for key, value in _supports(graphs).items() if key[0] in roles and key[1] in skills}
    article: dict[tuple[str, str], str] = {}
    editorial: dict[tuple[str, str], str] = {}
    pages: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # -> [(page IRI, claim)]
    for table, rows in (("ARTICLE", ARTICLE), ("EDITORIAL", EDITORIAL)):
        into = article if table == "ARTICLE" else editorial
        for role_key, skill_key, claim in rows:
            key = (PREFIXES["role"] + role_key, PREFIXES["skill"] + skill_key)
            if key[0] not in roles or key[1] not in skills:
                raise ValueError(f"requirements {table} entry {(role_key, skill_key)!r}: unknown role or skill")
            if key in into:
                raise ValueError(f"requirements {table} entry {(role_key, skill_key)!r}: listed twice")
            into[key] = claim
    for role_key, skill_key, page, claim in PAGES:
        key = (PREFIXES["role"] + role_key, PREFIXES["skill"] + skill_key)
        framework, _, page_key = page.partition(":")
        if key[0] not in roles or key[1] not in skills or framework not in FRAMEWORKS:
            raise ValueError(f"requirements PAGES entry {(role_key, skill_key, page)!r}: unknown role, skill or "
                             "framework")
        page_iri = f"{FRAMEWORK_NS}{framework}/source/{page_key}"
        if any(p == page_iri for p, _ in pages[key]):
            raise ValueError(f"requirements PAGES entry {(role_key, skill_key, page)!r}: listed twice")
        pages[key].append((page_iri, claim))
    for key in editorial:
        if key in supports or key in article or key in pages:
            raise ValueError(f"requirements EDITORIAL entry {key!r}: a source states it; the editorial reason is "
                             "not needed")
    not_carried = {(PREFIXES["role"] + a, PREFIXES["role"] + b, PREFIXES["skill"] + k) for a, b, k, _ in NOT_CARRIED}
    dropped = {(PREFIXES["role"] + r, PREFIXES["skill"] + k) for r, k, _, _ in DROPS}

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix in ("pm", "role", "skill", "req", "stmt", "src", "prof", "rdf", "rdfs", "dct", "prov", "skos"):
        graph.bind(prefix, PREFIXES[prefix])
    for framework in FRAMEWORKS:
        graph.bind(f"{framework}requirement", f"{FRAMEWORK_NS}{framework}/requirement/")
        graph.bind(f"{framework}src", f"{FRAMEWORK_NS}{framework}/source/")
    graph.bind("fw", FRAMEWORK_NS)
    graph.bind("schema", PREFIXES["schema"])
    pm = rdflib.Namespace(_PM)
    prov = rdflib.Namespace(PREFIXES["prov"])
    carry = URIRef(CARRY_SOURCE)
    for triple in ((carry, RDF.type, pm.EditorialSource), (carry, RDF.type, pm.DerivationRule),
                   (carry, SKOS.notation, Literal("carried from the role below")),
                   (carry, DCTERMS.title, Literal(CARRY_TITLE, lang="en")),
                   (carry, SKOS.definition, Literal(CARRY_DEFINITION, lang="en"))):
        graph.add(triple)
    from .crosswalk import add_link_rules, link_rule

    add_link_rules(graph)

    # First the value each source gives every requirement, then what the promotions carry up.
    primary = set(supports) | set(article) | set(editorial) | set(pages)
    by_role: dict[str, set[str]] = defaultdict(set)
    for role_iri, skill_iri in primary:
        by_role[role_iri].add(skill_iri)
    # (role, skill) -> (rank, lower role, whether the lower value is an estimate) for carried values
    carried: dict[tuple[str, str], tuple[int, str, bool]] = {}
    final: dict[tuple[str, str], tuple[int, bool]] = {}  # -> (rank, estimate?)
    needed: set[tuple[str, str]] = set()
    missing: list[tuple[str, str]] = []

    def own(key: tuple[str, str]) -> tuple[int, bool] | None:
        """The value the sources give ``key`` before any carry: (rank, is an estimate)."""
        if key not in primary:
            return None
        level = _level(supports.get(key, []))
        if level is not None:
            return _RANKS[level[0]], False
        estimate = ESTIMATES.get((_name(key[0]), _name(key[1])))
        return (_RANKS[estimate], True) if estimate is not None else (0, True)

    moves = _moves(reference)
    order = sorted(roles, key=lambda r: min([int(str(v)) for v in reference.objects(URIRef(r), pm.level)] or [0]))
    lowers: dict[str, list[str]] = defaultdict(list)
    for a, b in moves:
        lowers[b].append(a)
    for role_iri in order:
        for lower in sorted(lowers.get(role_iri, [])):
            for (r, skill_iri), (rank, estimate) in sorted(final.items()):
                if r != lower or (lower, role_iri, skill_iri) in not_carried or (role_iri, skill_iri) in dropped:
                    continue
                key = (role_iri, skill_iri)
                if key not in carried or carried[key][0] < rank:
                    carried[key] = (rank, lower, estimate)
        for skill_iri in sorted(by_role.get(role_iri, set()) | {k[1] for k in carried if k[0] == role_iri}):
            key = (role_iri, skill_iri)
            mine, up = own(key), carried.get(key)
            if mine is not None and mine[0] and not mine[1]:  # a source states the level
                final[key] = (max(mine[0], up[0]) if up else mine[0], False)
            elif up is not None and (mine is None or not mine[0] or mine[0] <= up[0]):
                final[key] = (up[0], False)
            elif mine is not None:
                needed.add(key)
                if not mine[0]:
                    missing.append(key)
                final[key] = mine
    if missing:
        raise ValueError(f"requirements: no source gives a level for {len(missing)} requirements; add ESTIMATES "
                         f"entries: {sorted((_name(r), _name(k)) for r, k in missing)!r}")
    statements: dict[tuple[str, str, str], list[URIRef]] = defaultdict(list)  # (role, skill, what) -> statements

    def emit(subject: URIRef, predicate: URIRef, obj: URIRef, sources: list[str], name: str, comment: str,
             derived: list[URIRef] | tuple[URIRef, ...], record: tuple[str, str, str],
             primary_pages: tuple[str, ...] = ()) -> None:
        st = cite(graph, subject, predicate, obj, [URIRef(x) for x in sources], name=name, comment=comment,
                  derived_from=derived)
        for page in primary_pages:
            graph.add((st, prov.hadPrimarySource, URIRef(page)))
        statements[record].append(st)

    for role_iri in order:
        for skill_iri in sorted({k[1] for k in final if k[0] == role_iri}):
            key = (role_iri, skill_iri)
            role, skill = URIRef(role_iri), URIRef(skill_iri)
            node = URIRef(f"{PREFIXES['req']}{_name(role_iri)}--{_name(skill_iri)}")
            graph.add((node, RDF.type, pm.SkillRequirement))
            graph.add((node, pm.skill, skill))
            graph.add((role, pm.hasSkillRequirement, node))
            found = supports.get(key, [])
            requires = (role_iri, skill_iri, "requires")
            for link in reversed(_LINK_ORDER):
                group = [s for s in found if s.link == link]
                if group:
                    emit(role, pm.requiresSkill, skill, sorted({p for s in group for p in s.pages}) + [link_rule(link)],
                         f"requirement-{link}", "; ".join(s.words() for s in group),
                         [URIRef(s.requirement) for s in group], requires)
            if key in article:
                emit(role, pm.requiresSkill, skill, [ARTICLE_SOURCE], "requirement-article",
                     f"the article: {article[key]}", [], requires)
            if key in pages:
                emit(role, pm.requiresSkill, skill, [p for p, _ in pages[key]], "requirement-page",
                     "; ".join(claim for _, claim in pages[key]), [], requires, tuple(p for p, _ in pages[key]))
            if key in editorial:
                emit(role, pm.requiresSkill, skill, [EDITORIAL_SOURCE], "requirement-editorial",
                     f"editorial: {editorial[key]}", [], requires)
            up = carried.get(key)
            if key not in primary and up is not None:
                emit(role, pm.requiresSkill, skill, [CARRY_SOURCE], "requirement-carried",
                     f"carried from {labels[up[1]]}", statements[(up[1], skill_iri, "requires")], requires)
            rank, _ = final[key]
            level = _level(found)
            value = URIRef(PREFIXES["prof"] + _LEVELS[rank])
            proficiency = (role_iri, skill_iri, "proficiency")
            if level is not None and _RANKS[level[0]] == rank:
                givers = level[1]
                for link in reversed(_LINK_ORDER):
                    group = [s for s in givers if s.link == link]
                    if group:
                        emit(node, pm.proficiency, value,
                             sorted({p for s in group for p in s.level_pages}) + [link_rule(link)],
                             f"requirement-{link}", "; ".join(s.words() for s in group),
                             [URIRef(s.requirement) for s in group], proficiency)
            elif up is not None and up[0] == rank:
                was = f"; {'; '.join(s.words() for s in level[1])}" if level is not None else ""
                lower = " (an estimate there)" if up[2] else ""
                emit(node, pm.proficiency, value, [CARRY_SOURCE], "requirement-carried",
                     f"carried {_LEVELS[rank]} from {labels[up[1]]}{lower}{was}",
                     statements[(up[1], skill_iri, "proficiency")], proficiency)
            else:
                emit(node, pm.proficiency, value, [EDITORIAL_SOURCE], "requirement", ESTIMATE_NOTE, [], proficiency)
    for role_key, reason in sorted(NO_REQUIREMENTS.items()):
        role_iri = PREFIXES["role"] + role_key
        if role_iri not in roles or any(k[0] == role_iri for k in final):
            raise ValueError(f"requirements NO_REQUIREMENTS entry {role_key!r}: unknown role, or it has requirements")
        cite(graph, URIRef(role_iri), pm.requirementsNote, Literal(reason, lang="en"), [URIRef(EDITORIAL_SOURCE)],
             name="requirements-note", comment="editorial: no source states requirements for this role")
    # Describe the framework pages cited, so outputs can name them without the frameworks loaded.
    cited = {str(o) for o in graph.objects(None, DCTERMS.source) if str(o).startswith(FRAMEWORK_NS)}
    for cited_page in sorted(cited):
        framework = cited_page[len(FRAMEWORK_NS):].split("/", 1)[0]
        describe(graph, graphs[framework], URIRef(cited_page))
    unused = {(PREFIXES["role"] + r, PREFIXES["skill"] + s) for r, s in ESTIMATES} - needed
    if unused:
        raise ValueError(f"requirements ESTIMATES: {len(unused)} entries nothing needs: "
                         f"{sorted((_name(r), _name(k)) for r, k in unused)!r}")
    return graph
