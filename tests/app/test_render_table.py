"""A page's own tables as HTML (`dashboard/render.py`, table_html): every cell is the text as
typed, whatever it holds, and only a checked address in a link column is a live link."""

from __future__ import annotations

import lxml.html
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.render import HTML_TABLE_MAX_ROWS, table_html
from tests.app.conftest import HTML_TABLE, read_table, tables
from uccn_data.pages.model import Table

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**fet** [länk](http://evil.example) ![bild](http://evil.example/x.png)",
    "rad ett\n\nrad tre efter en tom rad\r\nrad fyra",
    "&amp; &lt; är redan kodat",
    ":red[röd] $x^2$ www.evil.se :material/home: :smile:",
    "</div></table><div>",
]


def test_every_cell_is_shown_as_typed_and_forms_no_element():
    frame = pd.DataFrame({"Titel": HOSTILE, "<b>Kolumn</b>": range(len(HOSTILE))})
    markup = table_html(Table("hostile", frame), "sv")

    # One line, so Markdown keeps it as one HTML block and renders nothing inside it; and no
    # ":material/", which Streamlit's Markdown element rewrites in its whole text.
    assert "\n" not in markup and "\r" not in markup
    assert ":material/" not in markup
    assert HTML_TABLE.match(markup)
    shown = read_table(markup)
    assert list(shown.columns) == ["Titel", "<b>Kolumn</b>"]
    typed = [text.replace("\r\n", "\n") for text in HOSTILE]
    assert shown["Titel"].tolist() == typed
    assert shown["<b>Kolumn</b>"].tolist() == list(range(len(HOSTILE)))
    # The browser's view of it: one table, no element that came from a cell.
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    tags = {element.tag for element in root.iter() if isinstance(element.tag, str)}
    assert tags == {"div", "table", "thead", "tbody", "tr", "th", "td", "br", "style"}
    assert len(root.findall(".//table")) == 1


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_table_is_labelled_and_numbers_are_right_aligned(lang: str):
    frame = pd.DataFrame({"Stad": ["Bergen", "Tromsø"], "Antal utbyten": [7, 3]})
    root = lxml.html.fragment_fromstring(
        table_html(Table("partners", frame), lang), create_parent="div"
    )
    (box,) = root.findall("div")
    assert box.get("data-table") == "partners"
    # A box that may scroll sideways on a phone: reachable by keyboard and named.
    assert box.get("tabindex") == "0" and box.get("role") == "region"
    assert box.get("aria-label") == i18n.t("table.label", lang, columns="Stad, Antal utbyten")
    assert [th.get("scope") for th in box.iter("th")] == ["col", "col"]
    rows = box.find("table").find("tbody")
    assert [[td.get("class") for td in tr] for tr in rows] == [[None, "num"], [None, "num"]]


def test_unknown_is_an_empty_cell_not_nan_or_none():
    frame = pd.DataFrame({"Deltagare": pd.array([12, None], dtype="Int64"), "Not": ["x", None]})
    shown = read_table(table_html(Table("unknown", frame), "sv"))
    assert shown.loc[1, "Not"] == ""
    assert shown.loc[0, "Not"] == "x"
    markup = table_html(Table("unknown", frame), "sv")
    assert "nan" not in markup.casefold() and "None" not in markup and "<NA>" not in markup


def test_only_a_checked_address_in_a_link_column_is_a_link():
    frame = pd.DataFrame(
        {
            "Länk": ["https://example.org/a?b=1&c=2", "javascript:alert(1)", None],
            "Text": ["https://example.org/inte-länk", "", ""],
        }
    )
    root = lxml.html.fragment_fromstring(
        table_html(Table("links", frame, links=("Länk",)), "sv"), create_parent="div"
    )
    links = root.findall(".//a")
    assert [a.get("href") for a in links] == ["https://example.org/a?b=1&c=2"]
    assert links[0].get("rel") == "noopener noreferrer"
    cells = [td.text_content() for td in root.iter("td")]
    # Row by row: the checked address and the plain text; the rejected one as text; empties.
    assert cells == [
        "https://example.org/a?b=1&c=2",
        "https://example.org/inte-länk",
        "javascript:alert(1)",
        "",
        "",
        "",
    ]


def _shown(rows: int) -> AppTest:
    def app(rows: int) -> None:
        import pandas as pd

        from dashboard import render
        from uccn_data.pages.model import Table

        frame = pd.DataFrame({"Företag": [f"Företag {i}" for i in range(rows)]})
        render.table(Table("listed", frame), "sv")

    at = AppTest.from_function(app, args=(rows,))
    return at.run()


def test_a_long_table_is_the_grid_that_draws_only_the_rows_in_view():
    """At scale 100 the demo's tables run to thousands of rows: drawn whole as HTML they made
    the Data quality page slower than the grid did."""
    short = _shown(HTML_TABLE_MAX_ROWS)
    assert not short.exception and not short.dataframe
    (found,) = tables(short)
    assert len(found.value) == HTML_TABLE_MAX_ROWS and found.key == "listed"
    long = _shown(HTML_TABLE_MAX_ROWS + 1)
    assert not long.exception and not [m for m in long.markdown if HTML_TABLE.match(m.value)]
    (found,) = tables(long)
    assert len(found.value) == HTML_TABLE_MAX_ROWS + 1
    assert found.value["Företag"].iloc[-1] == f"Företag {HTML_TABLE_MAX_ROWS}"
