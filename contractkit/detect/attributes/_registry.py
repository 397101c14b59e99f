"""The extractor registry: clause type -> extractor, and the keys each may return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Extractor = Callable[[str], dict[str, Any]]
EXTRACTORS: dict[str, Extractor] = {}
ATTRIBUTE_KEYS: dict[str, tuple[str, ...]] = {}


def extractor(*clause_types: str, keys: tuple[str, ...]) -> Callable[[Extractor], Extractor]:
    """Register an extractor for clause types, declaring the keys it may return."""

    def register(function: Extractor) -> Extractor:
        for clause_type in clause_types:
            EXTRACTORS[clause_type] = function
            ATTRIBUTE_KEYS[clause_type] = keys
        return function

    return register
