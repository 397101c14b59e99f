"""Word contracts (.docx) -> a page-less Document, like plain text.

python-docx opens the package and parses its parts; the text is then read from the
WordprocessingML itself, because what a reader sees is not what the runs hold:

- automatic numbering ("1.", "1.1", "(a)") is drawn by Word from `numbering.xml`, not
  stored in the runs; it is rendered here so that heading recognisers and the outline
  see it;
- tracked changes are shown accepted: insertions kept, deletions and moved-away text
  dropped;
- comments live in their own part and are left out, as are text boxes;
- tables are read row by row, their cells joined with `Line.separator_before`'s " | ",
  as `layout.py` reads ruled tables.

There are no pages: `locate()` is empty and clause locations come from section paths.
"""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import docx
from lxml import etree

from contractkit.errors import (
    ContractKitError,
    CorruptFile,
    EmptyDocument,
    TooLarge,
    UnsupportedFormat,
)
from contractkit.ingest.visibility import (
    FORMAT_CHARACTERS,
    SAME_COLOUR,
    TINY,
    hidden_text_warnings,
    hides_characters,
    show_invisible,
    strip_invisible,
)
from contractkit.limits import DEFAULT_MAX_BYTES, Deadline
from contractkit.model import CELL_SEPARATOR, Document, HiddenText
from contractkit.numbering import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNPACKED_BYTES = DEFAULT_MAX_BYTES  # a ZIP bomb is refused before it is unpacked
_UNPACK_CHUNK = 1 << 16  # bytes inflated at a time while counting
_WORD_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
MAX_LEVELS = 9  # Word's list levels 0-8
# Text that Word does not show once tracked changes are accepted, or keeps elsewhere.
_HIDDEN_CONTAINERS = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent"})
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen")
_BULLET = "•"
HIDDEN_RUN = "hidden text (Word's 'hidden' font setting)"


def read_docx(
    name: str, data: bytes, password: str | None, max_pages: int, deadline: Deadline
) -> Document:
    _check_unpacked_size(data, name)
    try:
        word = docx.Document(io.BytesIO(data))
        numbering = Numbering(_numbering_element(word))
        styles = word.styles.element
        reader = _BodyReader(numbering, _style_numbering(styles), _hidden_styles(styles))
        blocks = []
        for element in _block_elements(word.element.body):
            deadline.check()
            blocks.append(reader.block(element))
    except ContractKitError:
        raise
    except Exception as exc:  # python-docx and bad numbers raise many unrelated types
        detail = str(exc).strip() or type(exc).__name__  # some say nothing of themselves
        raise CorruptFile(f"the Word document cannot be parsed: {detail}"[:250], path=name) from exc
    text = "\n\n".join(block for block in blocks if block.strip())
    hidden = reader.hidden + _format_characters(text)
    text = strip_invisible(text)
    if not text.strip():
        raise EmptyDocument("the Word document contains no text", path=name)
    return Document(
        path=name,
        engine="text",
        pages=[],
        text=text,
        metadata={"format": "docx"},
        warnings=hidden_text_warnings(hidden),
        hidden_text=hidden,
    )


def _format_characters(text: str) -> list[HiddenText]:
    """The words of `text` broken by invisible characters on purpose (see `layout`)."""
    return [
        HiddenText(show_invisible(word), FORMAT_CHARACTERS)
        for word in text.split()
        if hides_characters(word)
    ]


def _hidden_styles(styles: etree._Element) -> dict[str, str]:
    """Character and paragraph style id -> why text in that style is not shown (hidden,
    white or tiny), following `basedOn` chains."""
    own: dict[str, tuple[str | None, str | None]] = {}
    for style in styles.iter(f"{W}style"):
        based_on = style.find(f"{W}basedOn")
        reason = _hidden_properties(style.find(f"{W}rPr"))
        own[_val(style, "styleId")] = (
            reason,
            _val(based_on, "val") if based_on is not None else None,
        )
    resolved: dict[str, str] = {}
    for style_id, (reason, parent) in own.items():
        seen = {style_id}
        while reason is None and parent and parent in own and parent not in seen:
            seen.add(parent)
            reason, parent = own[parent]
        if reason is not None:
            resolved[style_id] = reason
    return resolved


def _hidden_properties(r_pr: etree._Element | None) -> str | None:
    """Why run properties hide their text from a reader of the document, if they do."""
    if r_pr is None:
        return None
    for tag in ("vanish", "specVanish", "webHidden"):
        flag = r_pr.find(f"{W}{tag}")
        if flag is not None and _val(flag, "val").lower() not in ("0", "false", "off"):
            return HIDDEN_RUN
    size = r_pr.find(f"{W}sz")
    if size is not None and _val(size, "val").isdigit() and int(_val(size, "val")) < 2:
        return TINY  # half-points: under 1 pt
    colour = r_pr.find(f"{W}color")
    shaded = r_pr.find(f"{W}shd") is not None or r_pr.find(f"{W}highlight") is not None
    if colour is not None and _val(colour, "val").upper() == "FFFFFF" and not shaded:
        return SAME_COLOUR
    return None


def _numbering_element(word: docx.document.Document) -> etree._Element:
    """The document's `numbering.xml`, or an empty one: a document without lists need
    not have the part (python-docx raises a bare NotImplementedError for it)."""
    try:
        return word.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return etree.Element(f"{W}numbering")


def _check_unpacked_size(data: bytes, name: str, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a ZIP bomb before python-docx unpacks anything: each member is inflated here
    a chunk at a time and its real bytes counted, stopping once they pass `limit`. The
    sizes a ZIP declares are only the file's word for it, and zipfile inflates a member
    whose declared size is false up to 2 GB at once before cutting it to that size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            declared = sum(info.file_size for info in infos)
            if declared > limit:
                raise TooLarge(
                    f"the Word document unpacks to {declared / 1e6:.0f} MB, above the"
                    f" {limit / 1e6:.0f} MB limit",
                    path=name,
                )
            total = 0
            for info in infos:
                if info.compress_type not in _WORD_COMPRESSION:
                    raise UnsupportedFormat(
                        f"the Word document's part {info.filename!r} is compressed in a way"
                        f" Word does not write (ZIP method {info.compress_type})",
                        path=name,
                    )
                # read past a size that may be false, to the limit and beyond (zipfile
                # ends a member, checking its CRC, once it has inflated its file_size;
                # what it holds back from a read is under a chunk)
                counted = copy.copy(info)
                counted.file_size = limit - total + 16 * _UNPACK_CHUNK
                with archive.open(counted) as member:
                    while chunk := member.read(_UNPACK_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise TooLarge(
                                f"the Word document unpacks to more than {limit / 1e6:.0f} MB"
                                f" (its parts declare {declared:,} bytes), above the limit",
                                path=name,
                            )
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise CorruptFile(f"the Word document is not a valid ZIP: {exc}", path=name) from exc


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block_elements(content)


# -- numbering -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    start: int
    fmt: str  # decimal, lowerLetter, upperRoman, bullet, none, ...
    text: str  # "%1.%2", "(%3)"
    legal: bool  # isLgl: every number shown as decimal


class Numbering:
    """Word's list counters: `label(num_id, level)` is the next number as Word draws it.

    Lists that share an abstract definition share counters (so a list interrupted by
    plain paragraphs goes on), unless the instance restarts them with `startOverride`.
    """

    def __init__(self, root: etree._Element) -> None:
        self._levels: dict[str, dict[int, Level]] = {
            _val(abstract, "abstractNumId"): {
                int(_val(lvl, "ilvl")): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
            for abstract in root.iter(f"{W}abstractNum")
        }
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        for num in root.iter(f"{W}num"):
            abstract = num.find(f"{W}abstractNumId")
            overrides = {
                int(_val(o, "ilvl")): int(_val(start, "val"))
                for o in num.iter(f"{W}lvlOverride")
                if (start := o.find(f"{W}startOverride")) is not None
            }
            if abstract is not None:
                self._instances[_val(num, "numId")] = (_val(abstract, "val"), overrides)
        self._counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, level: int) -> str:
        if num_id not in self._instances:
            return ""
        abstract, overrides = self._instances[num_id]
        levels = self._levels.get(abstract, {})
        if level not in levels:
            return ""
        key = f"num {num_id}" if overrides else abstract
        counters = self._counters.setdefault(key, [None] * MAX_LEVELS)
        for lower in range(level):  # a sub-item before any item: Word shows the start
            if counters[lower] is None and lower in levels:
                counters[lower] = overrides.get(lower, levels[lower].start)
        current = counters[level]
        counters[level] = (
            overrides.get(level, levels[level].start) if current is None else current + 1
        )
        counters[level + 1 :] = [None] * (MAX_LEVELS - level - 1)
        return _render(levels[level], levels, counters)


def _level(lvl: etree._Element) -> Level:
    def child(tag: str, default: str) -> str:
        element = lvl.find(f"{W}{tag}")
        return _val(element, "val") if element is not None else default

    return Level(
        start=int(child("start", "1")),
        fmt=child("numFmt", "decimal"),
        text=child("lvlText", ""),
        legal=lvl.find(f"{W}isLgl") is not None,
    )


def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":
        return _BULLET
    text = level.text
    for index in range(MAX_LEVELS):
        placeholder = f"%{index + 1}"
        if placeholder in text:
            shown = levels.get(index, level)
            fmt = "decimal" if level.legal else shown.fmt
            text = text.replace(placeholder, format_number(counters[index] or shown.start, fmt))
    return text


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str, int]]:
    """Style id -> (numId, level) for styles that number their paragraphs (e.g. a
    numbered "Heading 1"), following `basedOn` chains."""
    own: dict[str, tuple[str | None, int | None, str | None]] = {}
    for style in styles.iter(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        based_on = style.find(f"{W}basedOn")
        num_id, level = _num_pr(num_pr) if num_pr is not None else (None, None)
        own[_val(style, "styleId")] = (
            num_id,
            level,
            _val(based_on, "val") if based_on is not None else None,
        )
    resolved: dict[str, tuple[str, int]] = {}
    for style_id in own:
        num_id, level, parent = own[style_id]
        seen = {style_id}
        while parent and parent in own and parent not in seen and (num_id is None or level is None):
            seen.add(parent)
            parent_num, parent_level, next_parent = own[parent]
            num_id = num_id if num_id is not None else parent_num
            level = level if level is not None else parent_level
            parent = next_parent
        if num_id is not None:
            resolved[style_id] = (num_id, level or 0)
    return resolved


def _num_pr(num_pr: etree._Element) -> tuple[str | None, int | None]:
    num_id = num_pr.find(f"{W}numId")
    level = num_pr.find(f"{W}ilvl")
    return (
        _val(num_id, "val") if num_id is not None else None,
        int(_val(level, "val")) if level is not None else None,
    )


def _val(element: etree._Element, attribute: str) -> str:
    return element.get(f"{W}{attribute}", "")


# -- paragraphs and tables -----------------------------------------------------------


class _BodyReader:
    """Turns body elements into text blocks, counting list numbers in document order."""

    def __init__(
        self,
        numbering: Numbering,
        styles: dict[str, tuple[str, int]],
        hidden_styles: dict[str, str] | None = None,
    ) -> None:
        self._numbering = numbering
        self._styles = styles
        self._hidden_styles = hidden_styles or {}
        self.hidden: list[HiddenText] = []  # runs a reader of the document does not see

    def block(self, element: etree._Element) -> str:
        return self.table(element) if element.tag == f"{W}tbl" else self.paragraph(element)

    def paragraph(self, p: etree._Element) -> str:
        if _mark_deleted(p) and not _runs_text(p).strip():
            return ""  # a paragraph removed by a tracked change: Word no longer numbers it
        label = self._label(p)
        text = _runs_text(p, self._run_hidden, self.hidden).strip()
        return f"{label} {text}" if label and text else label or text

    def table(self, tbl: etree._Element) -> str:
        rows = []
        for tr in tbl.iterchildren(f"{W}tr"):
            cells = [self.cell(tc) for tc in tr if tc.tag == f"{W}tc"]
            row = CELL_SEPARATOR.join(cell for cell in cells if cell)
            if row:
                rows.append(row)
        return "\n".join(rows)

    def cell(self, tc: etree._Element) -> str:
        """A cell's paragraphs (and nested tables) on one line, as layout joins the
        lines of a ruled table's cell."""
        parts = [self.block(element) for element in _block_elements(tc)]
        return " ".join(" ".join(part.split()) for part in parts if part.strip())

    def _run_hidden(self, run: etree._Element) -> str | None:
        """Why a run's text is not shown: its own properties, its character style, or its
        paragraph's style."""
        r_pr = run.find(f"{W}rPr")
        if reason := _hidden_properties(r_pr):
            return reason
        style = r_pr.find(f"{W}rStyle") if r_pr is not None else None
        if style is not None and (reason := self._hidden_styles.get(_val(style, "val"))):
            return reason
        p_style = run.getparent().find(f"{W}pPr/{W}pStyle") if run.getparent() is not None else None
        return self._hidden_styles.get(_val(p_style, "val")) if p_style is not None else None

    def _label(self, p: etree._Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id, level = _num_pr(num_pr) if num_pr is not None else (None, None)
        style = p.find(f"{W}pPr/{W}pStyle")
        style_num = self._styles.get(_val(style, "val")) if style is not None else None
        if num_id is None and style_num:
            num_id, level = style_num
        elif level is None and style_num and style_num[0] == num_id:
            level = style_num[1]
        if num_id is None or num_id == "0":  # numId 0 switches a style's numbering off
            return ""
        return self._numbering.label(num_id, level or 0)


def _runs_text(
    p: etree._Element,
    hidden_run: Callable[[etree._Element], str | None] | None = None,
    hidden: list[HiddenText] | None = None,
) -> str:
    """The paragraph's text as shown; with `hidden_run`, runs it says are not shown are left
    out and added to `hidden`."""
    parts = []
    verdicts: dict[int, str | None] = {}
    for element in p.iter(*_TEXT_TAGS):
        # Only run content: a paragraph's tab-stop list holds `w:tab` elements too.
        run = element.getparent()
        if run.tag != f"{W}r" or _has_ancestor(element, p, _HIDDEN_CONTAINERS):
            continue
        if hidden_run is not None:
            key = id(run)
            if key not in verdicts:
                verdicts[key] = hidden_run(run)
            if verdicts[key] is not None:
                if element.tag == f"{W}t" and hidden is not None and (element.text or "").strip():
                    _add_hidden(hidden, element.text or "", verdicts[key])
                continue
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        elif element.tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:  # tab, line break
            parts.append(" " if element.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _add_hidden(hidden: list[HiddenText], text: str, reason: str) -> None:
    """Consecutive hidden runs of one reason make one item."""
    if hidden and hidden[-1].reason == reason and hidden[-1].page is None:
        hidden[-1] = HiddenText(hidden[-1].text + text, reason)
    else:
        hidden.append(HiddenText(text, reason))


def _has_ancestor(element: etree._Element, stop: etree._Element, tags: frozenset[str]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _mark_deleted(p: etree._Element) -> bool:
    return p.find(f"{W}pPr/{W}rPr/{W}del") is not None
