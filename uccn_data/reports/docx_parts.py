"""The pieces the UNESCO monitoring report draft is made of in Word: tagged language, notices,
highlighted places for the officials' own text, and tables whose header repeats on every page.

Every cell and paragraph is set as text (`cell.text`, `add_run`), so a title from an uploaded
file is never read as anything but words.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from uccn_data.reports.monitoring_texts import mt

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
TEXT_WIDTH = Cm(16)  # between the default margins of an A4 page


def language(doc: Any, lang: str) -> None:
    """Tag the default text language, so Word's proofing and screen readers get it right."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    tag = properties.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        properties.append(tag)
    tag.set(qn("w:val"), LANGUAGE_TAGS[lang])


def notice(doc: Any, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold = True


def placeholder(doc: Any, what: str, lang: str) -> None:
    """A highlighted place for the officials' own text, impossible to overlook or to send."""
    run = doc.add_paragraph().add_run(mt("placeholder", lang, what=what))
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def highlighted(cell: Any, text: str) -> None:
    """A placeholder inside a table cell."""
    run = cell.paragraphs[0].add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def table(
    doc: Any, headers: list[str], rows: list[list[str]], widths: tuple[float, ...] = ()
) -> Any:
    """A table with a repeating header row; `widths` share the text width between columns
    (Word's equal columns would squeeze an activity's title into a word per line)."""
    found = doc.add_table(rows=1, cols=len(headers))
    found.style = "Table Grid"
    for cell, text in zip(found.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    # The header row repeats on every page and is announced as a header by screen readers.
    header = found.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in rows:
        for cell, text in zip(found.add_row().cells, row, strict=True):
            cell.text = text
    if widths:
        found.autofit = False
        sizes = [int(TEXT_WIDTH * share / sum(widths)) for share in widths]
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        for column, size in zip(found.columns, sizes, strict=True):
            column.width = size
        for row in found.rows:
            for cell, size in zip(row.cells, sizes, strict=True):
                cell.width = size
    doc.add_paragraph()
    return found
