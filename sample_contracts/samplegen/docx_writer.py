"""Write a contract as a Word document (.docx), the twin of its PDF.

Clause numbers are Word's automatic numbering, as drafters' templates have them: a
heading "5. VERIFICATION AND AUDIT" is the text "VERIFICATION AND AUDIT" in a list at
level 0 ("%1."), and a paragraph labelled "5.2" is at level 1 ("%1.%2"). The numbers
are therefore not in the text runs; the reader must draw them from numbering.xml. The
writer checks that Word's counting gives exactly the labels of the PDF.

The package is written with fixed dates and ZIP timestamps, so runs are byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from samplegen.layout import CREATION_DATE, PRODUCER
from samplegen.model import (
    Block,
    Columns,
    Contract,
    Heading,
    PageBreak,
    Para,
    Signature,
    Table,
    Title,
)

NUM_ID = "90"  # clear of the ids in python-docx's template
ZIP_DATE = (2024, 3, 1, 9, 0, 0)
# Label pattern -> list level; the numbering definition below draws these labels.
_LEVELS = ((re.compile(r"^(\d+)\.$"), 0), (re.compile(r"^(\d+)\.(\d+)$"), 1))
_HEADING_NUMBER = re.compile(r"^(\d+)\.\s+(.+)$")
_ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="432" w:hanging="432"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="576" w:hanging="576"/></w:pPr></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'


def write_docx(contract: Contract) -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT_NUM))
    numbering.append(parse_xml(_NUM))
    writer = _Writer(document)
    for block in contract.blocks:
        writer.block(block)
    properties = document.core_properties
    properties.title, properties.author = contract.title, PRODUCER
    properties.created = properties.modified = CREATION_DATE.replace(tzinfo=None)
    properties.last_modified_by, properties.revision = PRODUCER, 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_timestamps(buffer.getvalue())


class _Writer:
    def __init__(self, document: docx.document.Document) -> None:
        self.document = document
        self.counters = [0, 0]  # what Word's list counters will show, checked per label

    def block(self, block: Block) -> None:
        if isinstance(block, Title):  # one paragraph, a line break between its lines
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for i, line in enumerate(block.lines):
                run = paragraph.add_run(line)
                run.bold = True
                if i < len(block.lines) - 1:
                    run.add_break()
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Para):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Columns):
            for inner in block.blocks:
                self.block(inner)
        elif isinstance(block, Signature):
            self.signature(block)
        elif isinstance(block, PageBreak):
            self.document.add_page_break()

    def heading(self, block: Heading) -> None:
        paragraph = self.document.add_paragraph(style="Heading 1")
        match = _HEADING_NUMBER.match(block.text)
        if match:
            self._check_label(f"{match[1]}.", 0)
            _number(paragraph, 0)
        paragraph.add_run(match[2] if match else block.text)

    def paragraph(self, block: Para) -> None:
        paragraph = self.document.add_paragraph()
        level = next((lvl for pattern, lvl in _LEVELS if pattern.match(block.label)), None)
        if level is not None:
            self._check_label(block.label, level)
            _number(paragraph, level)
        elif block.label:
            paragraph.add_run(f"{block.label} ").bold = bool(block.runin)
        if block.runin:
            paragraph.add_run(f"{block.runin} ").bold = True
        paragraph.add_run(block.body)

    def table(self, block: Table) -> None:
        table = self.document.add_table(rows=0, cols=len(block.header), style="Table Grid")
        for row_index, row in enumerate((block.header, *block.rows)):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = row_index == 0

    def signature(self, block: Signature) -> None:
        self.document.add_paragraph(block.text)
        table = self.document.add_table(rows=1, cols=len(block.parties))
        for cell, party in zip(table.rows[0].cells, block.parties, strict=True):
            cell.text = ""
            lines = [party.role, party.company, "By:", f"Name: {party.name}"]
            lines += [f"Title: {party.title}", "Date:"]
            cell.paragraphs[0].add_run(lines[0]).bold = True
            for line in lines[1:]:
                cell.add_paragraph(line)

    def _check_label(self, label: str, level: int) -> None:
        """Advance the list counters as Word will: they must show `label`."""
        counters = [self.counters[0], self.counters[1]]
        counters[level] += 1
        counters[level + 1 :] = [0] * (len(counters) - level - 1)
        shown = f"{counters[0]}." if level == 0 else f"{counters[0]}.{counters[1]}"
        if shown != label:
            raise ValueError(f"label {label!r} is not Word's next list number {shown!r}")
        self.counters = counters


def _number(paragraph, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{NUM_ID}"/></w:numPr>'
        )
    )


def _fixed_timestamps(package: bytes) -> bytes:
    """The same ZIP with every member dated ZIP_DATE (python-docx stamps the time now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
