"""The choices and defaults of the career functions that the command line offers as options, defined
once for both; this module imports nothing, so ``pmgraph path --help`` reads them without networkx.
"""

__all__ = ["WEIGHTS", "WEIGHT", "EVIDENCE", "EVIDENCE_DEFAULT", "REACH_STEPS", "PAPERS", "PAPER"]

#: What a path may minimise (:func:`pmgraph.career.paths.shortest_paths`' ``by``): transitions,
#: typical years (the ranges' midpoints), proficiency steps to learn.
WEIGHTS = ("hops", "years", "effort")
#: The weight a path minimises unless told otherwise.
WEIGHT = "hops"
#: The weakest evidence a path's moves may have (``evidence=``): "stated" keeps only moves a
#: source states; "derived" also those a documented rule derives; "any" also editorial ones.
EVIDENCE = ("stated", "derived", "any")
#: The evidence setting unless told otherwise.
EVIDENCE_DEFAULT = "any"
#: Roles within this many moves are in reach (:func:`pmgraph.career.leverage.skill_leverage`'s ``steps``).
REACH_STEPS = 2
#: Paper sizes the HTML role card's print stylesheet sets: name -> CSS ``@page size``.
PAPERS = {"a4": "A4", "letter": "letter"}
#: The paper a role card is printed on unless told otherwise.
PAPER = "a4"
