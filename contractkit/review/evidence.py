"""Which detected clauses count as present, and how a finding cites them.

Detection scores shift as the detector improves; the review decides presence in exactly
one place, so a changed threshold moves every rule, factor and cost line together.
"""

from __future__ import annotations

from collections.abc import Iterable

from contractkit.result import ContractResult
from contractkit.textutil import shorten


def present(result: ContractResult, types: Iterable[str]) -> list[int]:
    """Indexes into `result.clauses` of the hits of those `types` the contract has
    (contract-level presence, `ContractResult.has`), best-scored first: every hit the
    detector reported for such a type is evidence, weak ones included (an audit section's
    sentence on scripts counts even if it would not pass as an audit clause on its own)."""
    wanted = {t for t in types if result.has(t)}
    hits = [i for i, hit in enumerate(result.clauses) if hit.type in wanted]
    return sorted(hits, key=lambda i: -result.clauses[i].score)


def likeliest(result: ContractResult, types: Iterable[str], limit: int = 3) -> list[int]:
    """Indexes of the best-scored hits of `types`, at most `limit`, best first, whether or
    not the contract counts as having the type: where to look when the detector is unsure."""
    wanted = set(types)
    hits = [i for i, hit in enumerate(result.clauses) if hit.type in wanted]
    return sorted(hits, key=lambda i: -result.clauses[i].score)[:limit]


def cite(result: ContractResult, indexes: Iterable[int]) -> str:
    """'p.2: …' for the first cited clause, the pointer a reader follows."""
    for index in indexes:
        hit = result.clauses[index]
        where = f"p.{hit.page}" if hit.page else "text"
        return f"{where}: “{shorten(hit.text, 120)}”"
    return ""
