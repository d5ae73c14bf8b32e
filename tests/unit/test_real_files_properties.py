"""Properties of the five kinds of fault in files from real spreadsheet programs (issue 11).

- A header or an enum label written in NFD, or with no-break, narrow or zero-width
  characters added, matches the same column or value.
- A valid file saved in UTF-8, UTF-16, Windows-1252 or Mac Roman gives the same rows.
- Dropping a valid file's trailing empty fields, as Excel does, changes nothing.
"""

from __future__ import annotations

import io
import unicodedata

import hypothesis.strategies as st
import pyarrow as pa
from hypothesis import HealthCheck, given, settings

from tests.conftest import examples
from uccn_data.parsing import parse_column
from uccn_data.reader import read_file
from uccn_data.tables import TABLES, header_aliases
from uccn_data.validation import check, fold_header

SETTINGS = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

SPACES = ["\u00a0", "\u202f", "\u2009", "\t", "  "]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@st.composite
def disguised(draw: st.DrawFn, text: str) -> str:
    """`text` as another program may have written it: NFD, other spaces, invisible marks."""
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    text = "".join(draw(st.sampled_from([" ", *SPACES])) if ch == " " else ch for ch in text)
    positions = draw(st.lists(st.integers(0, len(text)), max_size=3))
    for position in sorted(positions, reverse=True):
        text = text[:position] + draw(st.sampled_from(INVISIBLE)) + text[position:]
    if draw(st.booleans()):
        text = text.upper()
    return text


HEADERS = [
    (table.name, column.name, spelling)
    for table in TABLES.values()
    for column in table.columns
    for spelling in (column.name, column.alias, *column.other_aliases)
]


@SETTINGS
@given(data=st.data(), header=st.sampled_from(HEADERS))
def test_any_spelling_of_a_header_matches_its_column(
    data: st.DataObject, header: tuple[str, str, str]
) -> None:
    table, column, spelling = header
    written = data.draw(disguised(spelling))
    assert header_aliases(TABLES[table]).get(fold_header(written)) == column


LABELS = [
    (table.name, column.name, key, spelling)
    for table in TABLES.values()
    for column in table.columns
    if column.choices
    for key, label in column.choices.items()
    for spelling in (key, label.sv, label.en)
]


@SETTINGS
@given(data=st.data(), label=st.sampled_from(LABELS))
def test_any_spelling_of_an_enum_label_matches_its_value(
    data: st.DataObject, label: tuple[str, str, str, str]
) -> None:
    table, column, key, spelling = label
    written = data.draw(disguised(spelling))
    spec = TABLES[table].column(column)
    parsed = parse_column(pa.array([written]), spec, pa.array([2]))
    assert parsed.problems == []
    assert parsed.values.to_pylist() == [[key] if spec.many else key]


MUNICIPALITIES = ["Östersund", "Åre", "Härjedalen", "Strömsund", "Bräcke", "Östersunds kommun"]


@SETTINGS
@given(data=st.data(), name=st.sampled_from(MUNICIPALITIES))
def test_any_spelling_of_a_municipality_matches(data: st.DataObject, name: str) -> None:
    written = data.draw(disguised(name))
    column = TABLES["sme_participation"].column("municipality")
    parsed = parse_column(pa.array([written]), column, pa.array([2]))
    assert parsed.problems == []
    assert parsed.values.to_pylist()[0] in {"2380", "2321", "2361", "2313", "2305"}
    # And in an activity, where (v2) the cell is a list of places.
    listed = parse_column(
        pa.array([written]), TABLES["activities"].column("municipality"), pa.array([2])
    )
    assert listed.values.to_pylist()[0] == parsed.values.to_pylist()


# --- whole files --------------------------------------------------------------------------

# Columns in an order with the optional ones last, so that a row can end in empty fields.
HEADER = [
    "aktivitet_id", "titel", "ramaktivitet", "tema", "startdatum", "nivå", "ansvarig",
    "status", "kommun", "deltagare", "slutdatum", "sdg11", "partner", "beskrivning",
]  # fmt: skip
WORDS = [
    "Matkväll", "på", "Jamtli", "Östersund", "Åre", "Härjedalen", "företagare", "café",
    "smörgåsbord", "Ölfestival", "Jämtland", "Bräcke", "kött", "fäbod", "Gästabud", "möte",
    "Studieresa", "till", "Bergen", "och", "ÅRSMÖTE", "Mat", "Älvdalen",
]  # fmt: skip


@st.composite
def activity_rows(draw: st.DrawFn) -> list[list[str]]:
    count = draw(st.integers(1, 6))
    rows = []
    for i in range(count):
        title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
        optional = [
            draw(st.sampled_from(["", "Östersund", "Åre", "Härjedalen"])),
            draw(st.sampled_from(["", "12", "250"])),
            draw(st.sampled_from(["", "2023-05-31"])),
            draw(st.sampled_from(["", "11.4", "11.3, 11.4"])),
            draw(st.sampled_from(["", "Team Sweden", "Svenska Unescorådet"])),
            draw(st.sampled_from(["", title, "Årets möte"])),
        ]
        if draw(st.booleans()):
            optional = [*optional[:-2], "", ""]  # the trailing fields empty
        rows.append(
            [
                f"A-{i}",
                title,
                draw(st.sampled_from(["Kompetensutveckling", "Strategisk utveckling"])),
                draw(st.sampled_from(["Mat/gastronomi", "Kultur", "Hållbar utveckling"])),
                "2023-05-01",
                draw(st.sampled_from(["Regional", "Internationell"])),
                draw(st.sampled_from(["Östersunds kommun", "Gemensam"])),
                draw(st.sampled_from(["Genomförd", "Pågående", "Planerad"])),
                *optional,
            ]
        )
    return rows


def _csv(rows: list[list[str]], delimiter: str = ";", trim_trailing: bool = False) -> str:
    lines = []
    for row in [HEADER, *rows]:
        cells = list(row)
        while trim_trailing and cells and cells[-1] == "":
            cells.pop()
        lines.append(delimiter.join(cells))
    return "\r\n".join(lines) + "\r\n"


def _checked_rows(data: bytes) -> list[dict[str, object]]:
    checked = check(read_file(data, "aktiviteter.csv"), TABLES["activities"], set())
    assert checked.ok, [(p.where("en"), p.value, p.message("en")) for p in checked.errors]
    rows: list[dict[str, object]] = checked.data.to_pylist()
    return rows


@settings(SETTINGS, max_examples=examples(60))  # whole files through check(): slower per example
@given(rows=activity_rows())
def test_every_encoding_gives_the_same_rows(rows: list[list[str]]) -> None:
    text = _csv(rows)
    expected = _checked_rows(text.encode("utf-8"))
    for encoding in ("utf-8-sig", "utf-16", "cp1252", "mac_roman"):
        # Old Excel for Mac also ended lines with CR alone.
        written = text.replace("\r\n", "\r") if encoding == "mac_roman" else text
        assert _checked_rows(written.encode(encoding)) == expected, encoding
    assert expected[0]["title"] == rows[0][1]


@settings(SETTINGS, max_examples=examples(60))
@given(rows=activity_rows(), delimiter=st.sampled_from([";", ",", "\t"]))
def test_dropping_trailing_empty_fields_changes_nothing(
    rows: list[list[str]], delimiter: str
) -> None:
    if delimiter == ",":
        rows = [[cell.replace(",", ";") for cell in row] for row in rows]
    full = _csv(rows, delimiter).encode("cp1252")
    trimmed = _csv(rows, delimiter, trim_trailing=True).encode("cp1252")
    assert _checked_rows(trimmed) == _checked_rows(full)


def test_the_generated_files_really_exercise_the_cases() -> None:
    """The properties above are only worth something if their files differ in bytes."""
    rows = [["A-1", "Ölfestival på Åre", "Kompetensutveckling", "Kultur", "2023-05-01",
             "Regional", "Gemensam", "Genomförd", "Åre", "12", "", "", "", ""]]  # fmt: skip
    text = _csv(rows)
    assert text.encode("cp1252") != text.encode("mac_roman")
    assert len(_csv(rows, trim_trailing=True)) < len(text)
    assert io.BytesIO(text.encode("utf-16")).read(2) == b"\xff\xfe"
