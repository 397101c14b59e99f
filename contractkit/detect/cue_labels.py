"""Regular-expression cues as people read them, when no one wrote it down: `readable_pattern()`
turns a cue's regex into the words it looks for ("accept(s/ed/ing/…) … within … (N)
(business/calendar/working) day").

Every pattern of the packaged `taxonomy.yaml` has a hand-written label, which explanations
show instead ("a choice to accept or reject"); this reading names the bare patterns of a
user's taxonomy, which need not label theirs. Either way the pattern also has an id, its
clause type and position in `taxonomy.yaml` ("acceptance #3"), to look it up."""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C
    import sre_parse

MAX_OPTIONS = 3  # alternatives shown before "…"
_REPEATS = tuple(
    getattr(C, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(C, name)
)


def readable_pattern(pattern: str) -> str:
    """The words `pattern` looks for, alternatives joined by "/", gaps as "…", digits as "N"."""
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return pattern
    text = _render(list(tree))
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?<!/)(?:\s*…\s*)+", " … ", text)
    text = re.sub(r"/(?: … |…)+(?=\s|$)", "/…", text)
    text = re.sub(r"^[\s…]+|(?<!/)[\s…]+$", "", text).strip()
    return text or pattern


def _render(items: list) -> str:
    out: list[str] = []
    prefix = 0  # how many of the last pieces are plain letters (a prefix the parser factored out)
    for op, av in items:
        if op is C.LITERAL:
            # an asterisk in a filed contract is a redaction ("[***]"): read as a gap
            out.append("…" if chr(av) == "*" else chr(av))
            prefix = prefix + 1 if chr(av).isalnum() else 0
            continue
        if op is C.BRANCH:
            # the parser turns "respond|response|resolve" into "res" + "pond|ponse|olve"
            stem = "".join(out[len(out) - prefix :]) if prefix else ""
            del out[len(out) - prefix :]
            options = [o for o in (_render(branch).strip() for branch in av[1]) if o]
            more = "/…" if len(options) > MAX_OPTIONS else ""
            out.append("/".join(stem + o for o in options[:MAX_OPTIONS]) + more)
        elif op in (C.NOT_LITERAL, C.ANY):
            out.append("…")
        elif op is C.IN:
            out.append(_char_class(av))
        elif op is C.SUBPATTERN:
            out.append(_render(av[-1]))
        elif op in _REPEATS:
            out.append(_repeat(*av))
        elif op is C.CATEGORY:
            out.append(_category(av))
        prefix = 0
    return "".join(out)


def _char_class(members: list) -> str:
    if any(kind is C.NEGATE for kind, _ in members):
        return ""  # "not a digit": context, not a word to read
    categories = [value for kind, value in members if kind is C.CATEGORY]
    if categories:
        return _category(categories[0])
    literals = [chr(value) for kind, value in members if kind is C.LITERAL]
    return literals[0] if literals else "…"


def _category(category) -> str:
    if category is C.CATEGORY_DIGIT:
        return "N"
    if category is C.CATEGORY_SPACE:
        return " "
    return "…"


def _repeat(low: int, high: int, sub: list) -> str:
    inner = _render(sub)
    kinds = [kind for kind, _ in sub]
    if kinds == [C.ANY] or inner == "…":
        return "" if kinds and kinds[0] is C.IN and low == 0 else " … "
    if inner in ("N", " "):
        return inner
    if low == 0 and high == 1:  # optional: shown in brackets when it has words
        words = inner.strip()
        if words in ("s", "es"):
            return inner
        return f"[{words}] " if len(words) > 2 and any(ch.islower() for ch in words) else ""
    return inner
