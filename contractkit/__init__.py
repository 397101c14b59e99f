"""contractkit: read supplier contracts, find the clauses that matter, flag what is missing.

The flow, one subpackage per stage:
ingest (file -> Document) -> segment (sections, clauses, sentences) -> detect -> review
-> present.
"""

from contractkit.errors import ContractKitError
from contractkit.ingest import load
from contractkit.model import Box, Document, Line, Page, Word
from contractkit.portfolio import review
from contractkit.result import ClauseHit, ContractResult
from contractkit.scan import analyze, iter_scan, scan

__version__ = "0.1.0"

__all__ = [
    "Box",
    "ClauseHit",
    "ContractKitError",
    "ContractResult",
    "Document",
    "Line",
    "Page",
    "Word",
    "__version__",
    "analyze",
    "iter_scan",
    "load",
    "review",
    "scan",
]
