"""Contract text -> candidate units for the clause classifier, and CUAD spans -> unit labels.

The statistical clause classifier (`contractkit.detect.classifier`) scores *units*: short pieces
of a contract that could each be reported as a clause's evidence. This module makes them from a
plain string, so training (CUAD's `txt/<id>.txt`) and inference (the reading text of a PDF) see
exactly the same units, and it labels them from CUAD's annotated spans for training.

Units
-----
* **sentence** units: the text is cut into paragraphs on blank lines, each paragraph into
  sentences after `.`, `!` or `?` followed by whitespace and a capital, digit, quote or
  parenthesis (not after common abbreviations such as "Inc." or "U.S.", nor after a single
  capital letter, an initial), and each sentence into list items where a `;` or `:` is followed
  by an item marker such as `(b)`, `(ii)` or `2)`. CUAD annotates whole sentences or list items
  for most categories, and CUAD's metric compares a prediction's word set with an annotated span
  (Jaccard >= 0.5), so the unit has to be about the size of what annotators mark.
* **date** units: every date expression ("July 11, 2006", "1st day of May, 2013",
  "September __, 2018", "1 August 2019", "12/31/2019"). Agreement and effective dates are
  annotated as the bare date, which a whole sentence would never match.
* **title** units: in the first `TITLE_WINDOW` characters, runs of capitalised words ending in a
  document word ("Content License Agreement", "STATEMENT OF WORK"), because the Document Name is
  often embedded in a longer first sentence.

Each unit keeps its character offsets, the heading in force where it sits, the words just
before and after it, its enclosing sentence (for date and title units) and its relative
position: `model_input()` turns these into the text the classifier reads, with context words
marked by prefixes so that they become separate features from the unit's own words.

Labelling rule (`label_units`)
------------------------------
Annotated spans are located in the text (pieces joined by CUAD's `<omitted>` are located one by
one; whitespace is compared folded; the first occurrence is taken). For each category a unit is

* **positive** when at least half of the unit's characters lie inside the category's annotated
  spans (the unit is clause text); a date or title unit must also cover at least half of one
  annotated piece (it is the phrase, not a fragment of a long clause: a date inside an annotated
  expiration sentence is a negative, as a prediction it would never match). For Parties, whose
  CUAD metric accepts any prediction containing the party name, a sentence containing a whole
  annotated piece is positive too;
* **missing** (left out of the loss) when it overlaps the annotation less than that, e.g. a long
  sentence with a short clause or a date inside it: neither a good example nor a counter-example;
* **negative** otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from contractkit.textutil import normalized_with_offsets, paragraph_spans

__all__ = [
    "PARTIES",
    "Unit",
    "UnitLabels",
    "label_units",
    "locate_span",
    "model_input",
    "split_units",
    "words",
]

PARTIES = "Parties"
OOV = "oov"
TITLE_WINDOW = 10_000
CONTEXT_WORDS = 8  # words either side of a unit used as its context
HEADING_MAX_WORDS = 12

SENTENCE = "sentence"
DATE = "date"
TITLE = "title"

# Words after which a full stop does not end a sentence (lower-case, without the stop), and
# words that make a title candidate a reference ("This Agreement") rather than a name.
# fmt: off
ABBREVIATIONS = frozenset((
    "inc", "co", "corp", "ltd", "llc", "l.p", "lp", "n.a", "no", "nos", "mr", "mrs", "ms", "dr",
    "st", "sec", "secs", "art", "u.s", "u.k", "e.g", "i.e", "etc", "vs", "v", "para", "cf",
    "approx", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
))
_DETERMINERS = frozenset((
    "this", "the", "such", "said", "each", "any", "other", "that", "which", "these", "a", "an",
))
# fmt: on

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9(])")
_LIST_ITEM = re.compile(r"[;:]\s+(?:(?:and|or)\s+)?(?=\(?(?:[a-z]|[ivx]{1,4}|[A-Z]|\d{1,2})\)\s)")
_WORD_BEFORE = re.compile(r"(\S+)$")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:\d{1,2}|_+)\s?(?:st|nd|rd|th|t\s?h)?"
_YEAR = r"(?:\d{4}|_+\s?\d{0,4}|\[\s*\d{0,4}\s*\])"
_DATE = re.compile(
    rf"\b{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}"  # July 11, 2006 / September __, 2018
    rf"|\b{_DAY}\s+day\s+of\s+{_MONTH}\s*,?\s*{_YEAR}"  # 1st day of November, 2002
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*\d{{4}}"  # 1 August 2019
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 12/31/2019
    r"|_{3,}\s*_*\s*,?\s*\d{4}",  # ___________ __, 2000
    re.IGNORECASE,
)
_DATE_CHARACTER = re.compile(r"[\d_]")
_DOC_WORD = (
    r"(?:agreement|contract|amendment|addendum|license|licence|lease|terms|plan|memorandum"
    r"|statement\s+of\s+work|order|schedule|appendix|exhibit|charter|deed)"
)
# A title: a capitalised word, up to 8 more title words (not a determiner), a document word.
# (words of at most 40 characters: an unbounded word would be re-scanned from every capital
# of a long run without spaces, quadratic on hostile text)
_TITLE_WORD = (
    r"(?:(?!(?i:this|the|these|such|said)\b)[A-Z][\w'&/.-]{0,40}|of|and|for|the|on|in|to|&|-)"
)
_TITLE = re.compile(
    rf"[A-Z][\w'&/.-]{{0,40}}[ \t,]+(?:{_TITLE_WORD}[ \t,]+){{0,8}}(?i:{_DOC_WORD})\b"
)
_TITLE_CI = re.compile(_DOC_WORD + r"\b", re.IGNORECASE)
# Section numbering at the start of a sentence: "12.", "3.2", "(a)", "iv.", "Article 5".
_HEADING_NUMBER = re.compile(
    r"^(?:(?:article|section|clause|schedule|exhibit)\s+)?"
    r"(?:\d+(?:\.\d+)*\.?|\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.)(?=\s|$)\s*",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:(?:article|section)\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+)[.)]?\s", re.I)
# A heading run at the start of a numbered sentence: "RIGHTS GRANTED  ..." or "Term. ...".
_CAPS_WORD = r"(?:[A-Z][A-Z'&/-]+|OF|AND|OR|THE|TO|FOR|IN|ON)"
_LEADING_CAPS = re.compile(rf"^({_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,7}})(?:[.:]|\s{{2,}})")
_HEAD_WORD = r"(?:[A-Z][a-z'&/-]+|[A-Z]+|of|and|or|the|to|for|in|on)"
_LEADING_TITLE = re.compile(rf"^({_HEAD_WORD}(?:\s+{_HEAD_WORD}){{0,7}})\.\s")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[\w$%&/'-]+")
_BLANKS = re.compile(r"_+")


@dataclass(frozen=True, slots=True)
class Unit:
    """One candidate unit: `text == source[start:end]`, plus the context the classifier reads.

    `heading` is the section heading in force (may be ""), `context` the enclosing sentence of a
    date or title unit ("" for sentences), `left` / `right` the `CONTEXT_WORDS` words just before
    and after it, and `position` the unit's start as a fraction of the text length (None when
    unknown, e.g. a sentence scored on its own).
    """

    start: int
    end: int
    text: str
    kind: str
    heading: str = ""
    context: str = ""
    left: str = ""
    right: str = ""
    position: float | None = None


# --- splitting ---------------------------------------------------------------------------------


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the `.` at `stop` ends an abbreviation or an initial rather than a sentence."""
    if text[stop] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    if match is None:
        return False
    word = match.group(1).lstrip("(\"'“").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`(start, end)` of the sentences and list items of `text[start:end]` (one paragraph)."""
    cuts = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.start()
        if not _is_abbreviation(text, stop) and not _HEADING_NUMBER.fullmatch(
            text[cuts[-1] : stop + 1].strip()
        ):
            cuts.append(match.end())
    cuts += [m.end() for m in _LIST_ITEM.finditer(text, start, end)]
    cuts = [*sorted(set(cuts)), end]
    spans = []
    for a, b in pairwise(cuts):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


def heading_of(sentence: str) -> str | None:
    """The heading a sentence carries, if any: the whole sentence when it is short and looks like
    a heading ("ARTICLE 12 GOVERNING LAW", "9. Insurance."), or a leading numbered heading run
    ("1. RIGHTS GRANTED   Licensor grants ...", "Section 1. The Offering. In ...")."""
    body = _HEADING_NUMBER.sub("", sentence, count=1).strip()
    if not body:
        return None
    tokens = body.split()
    if len(tokens) <= HEADING_MAX_WORDS and not body.endswith((",", ";")):
        letters = [c for c in body if c.isalpha()]
        capitalised = sum(w[:1].isupper() for w in tokens) / len(tokens)
        if letters and (capitalised >= 0.6 or body.upper() == body):
            return body.rstrip(".:")
    if _NUMBERED.match(sentence):
        match = _LEADING_CAPS.match(body) or _LEADING_TITLE.match(body)
        if match:
            return match.group(1)
    return None


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to `CONTEXT_WORDS` words before `start` and after `end`."""
    left = " ".join(text[max(0, start - 200) : start].split()[-CONTEXT_WORDS:])
    right = " ".join(text[end : end + 200].split()[:CONTEXT_WORDS])
    return left, right


def _names_something(title: str) -> bool:
    """Whether a title candidate has a word besides determiners and its document word: "This
    Agreement" is a reference, "This Supply Agreement" a name."""
    rest = _TITLE_CI.sub("", title).lower().replace(",", " ").split()
    return any(w not in _DETERMINERS for w in rest)


def _phrase_spans(text: str, sentence: tuple[int, int]) -> Iterable[tuple[str, int, int]]:
    """Date and title phrases inside one sentence span: `(kind, start, end)`."""
    start, end = sentence
    if _DATE_CHARACTER.search(text, start, end):  # every date has a digit or a blank line
        for match in _DATE.finditer(text, start, end):
            yield DATE, match.start(), match.end()
    if start < TITLE_WINDOW and _TITLE_CI.search(text, start, end):
        for match in _TITLE.finditer(text, start, end):
            if (match.start(), match.end()) != (start, end) and _names_something(match.group()):
                yield TITLE, match.start(), match.end()


def split_units(text: str) -> list[Unit]:
    """All candidate units of a contract text, in reading order (see the module docstring)."""
    units: list[Unit] = []
    heading = ""
    size = max(len(text), 1)
    for para_start, para_end in paragraph_spans(text):
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            left, right = _window(text, start, end)
            units.append(
                Unit(start, end, sentence, SENTENCE, heading, "", left, right, start / size)
            )
            for kind, a, b in _phrase_spans(text, (start, end)):
                left, right = _window(text, a, b)
                units.append(Unit(a, b, text[a:b], kind, heading, sentence, left, right, a / size))
            found = heading_of(sentence)
            if found is not None:
                heading = found
    return units


def sentence_within(text: str, start: int, end: int, around: Unit) -> Unit:
    """A sentence unit for `text[start:end]`, a part of the unit `around` (its heading)."""
    left, right = _window(text, start, end)
    position = start / max(len(text), 1)
    return Unit(start, end, text[start:end], SENTENCE, around.heading, "", left, right, position)


# --- model input -------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased words with digits folded to 0 (amounts and dates generalise, ids do not)."""
    return _WORD.findall(_BLANKS.sub("__", _DIGIT.sub("0", text.lower())))


@lru_cache(maxsize=4096)
def _cached_words(text: str) -> tuple[str, ...]:
    # each model reads the same units, and a unit's text is its neighbours' context too
    return tuple(words(text))


def _words(text: str, vocabulary: Collection[str] | None, limit: int | None = None) -> list[str]:
    """`words(text)` (the first `limit`), those outside `vocabulary` replaced by `OOV`."""
    found = list(_cached_words(text)[:limit])
    if vocabulary is None:
        return found
    return [w if w in vocabulary else OOV for w in found]


def _position_tokens(position: float | None) -> list[str]:
    """A coarse position bucket (none when unknown): the cover page is where names, parties and
    dates live, the end where signatures and schedules are."""
    if position is None:
        return []
    for bound, token in ((0.02, "start"), (0.05, "early"), (0.15, "front"), (0.85, "body")):
        if position < bound:
            return [f"pos_{token}"]
    return ["pos_end"]


def model_input(unit: Unit, vocabulary: Collection[str] | None = None) -> str:
    """The text the classifier reads for a unit: a kind and position marker, the unit's own words,
    and prefixed context words (`h_` heading; `p_` / `n_` words just before and after a sentence;
    `l_` / `r_` words around and `c_` the enclosing sentence of a date or title).

    Words outside `vocabulary` (the classifier's: words seen in several training contracts)
    become `oov`: names, typos and ids of one contract are not features."""
    tokens = [f"kind_{unit.kind}", *_position_tokens(unit.position)]
    own = _words(unit.text, vocabulary, 400 if unit.kind == SENTENCE else None)
    tokens += own if unit.kind == SENTENCE else [f"{unit.kind[0]}_{w}" for w in own]
    tokens += [f"h_{w}" for w in _words(unit.heading, vocabulary, HEADING_MAX_WORDS)]
    if unit.kind == SENTENCE:
        tokens += [f"p_{w}" for w in _words(unit.left, vocabulary)]
        tokens += [f"n_{w}" for w in _words(unit.right, vocabulary)]
    else:
        tokens += [f"l_{w}" for w in _words(unit.left, vocabulary)]
        tokens += [f"r_{w}" for w in _words(unit.right, vocabulary)]
        tokens += [f"c_{w}" for w in _words(unit.context, vocabulary, 60)]
    return " ".join(tokens)


# --- labelling ---------------------------------------------------------------------------------


Folded = tuple[str, str, list[int]]


def fold(text: str) -> Folded:
    """`text` with whitespace folded, also lower-cased (where that keeps its length), and the
    source offset of each folded character: computed once per text for `locate_span`."""
    norm, offsets = normalized_with_offsets(text)
    lowered = norm.lower()
    return norm, (lowered if len(lowered) == len(norm) else norm), offsets


def locate_span(text: str, span: str, folded: Folded | None = None) -> list[tuple[int, int]]:
    """Character ranges of an annotated span in `text`: each `<omitted>`-separated piece at its
    first occurrence, comparing with whitespace folded (case-sensitively, else ignoring case:
    a title annotated as "Supply Agreement" may only occur as "SUPPLY AGREEMENT"); pieces not
    found are left out."""
    norm, lowered, offsets = folded if folded is not None else fold(text)
    ranges = []
    for piece in span.split("<omitted>"):
        needle = " ".join(piece.split())
        if not needle:
            continue
        k = norm.find(needle)
        if k < 0:
            k = lowered.find(needle.lower())
        if k >= 0:
            ranges.append((offsets[k], offsets[k + len(needle) - 1] + 1))
    return ranges


UnitLabels = dict[str, float]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _label(unit: Unit, pieces: Sequence[tuple[int, int]], category: str) -> float | None:
    """1.0, 0.0 or None (missing) for one unit and one category's located pieces."""
    bounds = (unit.start, unit.end)
    overlaps = [_overlap(bounds, piece) for piece in pieces]
    covered = sum(overlaps)  # pieces of one category rarely overlap each other
    if covered == 0:
        return 0.0
    length = max(unit.end - unit.start, 1)
    if 2 * covered >= length:
        if unit.kind == SENTENCE:
            return 1.0
        spans = [p[1] - p[0] for p in pieces]
        return 1.0 if any(2 * o >= s for o, s in zip(overlaps, spans, strict=True)) else 0.0
    whole = any(o == p[1] - p[0] for o, p in zip(overlaps, pieces, strict=True))
    if category == PARTIES and unit.kind == SENTENCE and whole:
        return 1.0
    return None


def label_units(
    units: Sequence[Unit], text: str, clauses: Mapping[str, Sequence[str]]
) -> list[UnitLabels]:
    """Per unit, category -> 1.0 / 0.0 for every category that is not missing (module docstring).

    `clauses` is CUAD's `record["clauses"]`: category -> annotated span texts."""
    folded = fold(text)
    located = {
        category: [r for span in spans for r in locate_span(text, span, folded)]
        for category, spans in clauses.items()
    }
    labels: list[UnitLabels] = []
    for unit in units:
        cats: UnitLabels = {}
        for category, pieces in located.items():
            value = _label(unit, pieces, category)
            if value is not None:
                cats[category] = value
        labels.append(cats)
    return labels
