"""HTML for widgets. Contract text is untrusted: every piece of it is escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
from spacy import displacy

from contractkit.result import ClauseHit

HIGHLIGHT_COLOUR = "#ffd966"


def escape(value: object) -> str:
    return html.escape(str(value))


def clause_span_html(hit: ClauseHit) -> str:
    """The clause text with its span marked and labelled by displaCy's span renderer.

    displaCy escapes token text but not labels or titles, so the label is escaped here."""
    tokens = hit.text.split()
    label = escape(f"{hit.type} {hit.score:.2f}")
    parsed = {
        "text": " ".join(tokens),
        "tokens": tokens,
        "spans": [{"start_token": 0, "end_token": len(tokens), "label": label}],
    }
    options = {"colors": {label: HIGHLIGHT_COLOUR}}
    return displacy.render(parsed, style="span", manual=True, options=options, jupyter=False)


def attributes_text(attributes: dict) -> str:
    """`key=value, …` on one line (not escaped: callers escape or use it as plain text)."""
    return ", ".join(f"{key}={value}" for key, value in attributes.items())


def table_html(frame: pd.DataFrame) -> str:
    """A DataFrame as an HTML table, cells escaped, missing values blank (blanked by hand:
    pandas writes `None` and the nullable integers' `<NA>` whatever `na_rep` says)."""
    blanked = frame.astype(object).where(frame.notna(), "")
    return blanked.to_html(index=False, escape=True, border=0, classes="contractkit")


def definition_list(rows: Iterable[tuple[str, object]]) -> str:
    """`<b>term</b> value` lines, both escaped."""
    return "".join(f"<div><b>{escape(term)}</b> {escape(value)}</div>" for term, value in rows)
