"""Resource limits on uploads: cells, the longest row, rows and unpacked bytes are counted
before a file is parsed, and a large file is read in a child process under a memory cap and
a time limit (uccn_data/worker.py). Every refusal names its limit, in Swedish and English,
and leaves the store as it was.

The hostile workbooks are written by hand, XML straight into a zip, as an attacker would:
openpyxl would take minutes (and gigabytes) to write what it takes minutes to read.
"""

from __future__ import annotations

import io
import random
import tracemalloc
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import ROOT, swedish_csv
from uccn_data import reader, worker
from uccn_data.importer import ImportReport, import_file
from uccn_data.problems import ReaderError
from uccn_data.store import Store

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SPENDING = ["post_id", "datum", "belopp", "finansiar", "kategori"]


def workbook(
    sheets: Iterable[tuple[str, Iterable[bytes], str]],
    shared_strings: Iterable[bytes] | None = None,
    prefix: str = "",
    dimension: bool = False,
) -> bytes:
    """A workbook written by hand: each sheet is (name, its <sheetData> content in pieces,
    state), written whole into the zip so that a huge, repetitive sheet stays tiny. With
    `dimension`, each sheet starts with the `<dimension>` record Excel writes (its range is
    not checked by anyone)."""
    sheets = list(sheets)
    out = io.BytesIO()
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared_strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>',
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        listed = "".join(
            f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
            for i, (name, _, state) in enumerate(sheets, start=1)
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}'
            "</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}">{rels}</Relationships>',
        )
        for i, (_, pieces, _) in enumerate(sheets, start=1):
            with book.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as sheet:
                namespace = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
                record = f'<{prefix}dimension ref="A1"/>' if dimension else ""
                sheet.write(
                    f'<?xml version="1.0"?><{prefix}worksheet {namespace}="{MAIN}">{record}'
                    f"<{prefix}sheetData>".encode()
                )
                for piece in pieces:
                    sheet.write(piece)
                sheet.write(f"</{prefix}sheetData></{prefix}worksheet>".encode())
        if shared_strings is not None:
            with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
                strings.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode())
                for piece in shared_strings:
                    strings.write(piece)
                strings.write(b"</sst>")
    return out.getvalue()


def sheet(pieces: Iterable[bytes], name: str = "Blad1") -> bytes:
    return workbook([(name, pieces, "visible")])


def same_rows(rows: int, cells: int, batch: int = 1000) -> Iterable[bytes]:
    """`rows` rows of `cells` numbers each, as the 425 KB file in the security review."""
    row = b"<row>" + b"<c><v>1</v></c>" * cells + b"</row>"
    for start in range(0, rows, batch):
        yield row * min(batch, rows - start)


def refusal(data: bytes, name: str = "fil.xlsx") -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        reader.read_file(data, name)
    return caught.value


# --- counted before parsing ----------------------------------------------------------------


def test_60_000_rows_of_200_cells_are_refused_naming_the_cell_limit():
    data = sheet(same_rows(60_000, 200))
    assert len(data) < 1024 * 1024  # under half a megabyte zipped, 12 million cells

    (problem,) = refusal(data).problems

    assert (problem.code, problem.sheet) == ("too_many_cells", "Blad1")
    assert "2\u00a0000\u00a0000 celler" in problem.message("sv")
    assert "2,000,000 cells" in problem.message("en")
    assert "Dela upp" in problem.message("sv") and "Split" in problem.message("en")


@pytest.mark.processes
def test_one_row_of_8_million_cells_is_refused_with_little_memory():
    data = sheet([b"<row r='1'>" + b"<c><v>1</v></c>" * 8_000_000 + b"</row>"])

    tracemalloc.start()
    try:
        (problem,) = refusal(data).problems
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (problem.code, problem.row, problem.sheet) == ("too_many_columns", 1, "Blad1")
    assert "at most 200" in problem.message("en") and "högst 200" in problem.message("sv")
    # A chunk of the unpacked XML at a time, never the row (the review measured 3.8 GB).
    assert peak < 40 * 1024 * 1024


def test_a_row_that_reaches_far_right_counts_its_whole_length():
    """One cell in column XFD makes openpyxl build a row of 16,384 values."""
    rows = (f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="XFD{r}"><v>1</v></c></row>' for r in [1])
    (problem,) = refusal(sheet(row.encode() for row in rows)).problems
    assert (problem.code, problem.params["count"]) == ("too_many_columns", 16_384)


def test_cells_are_counted_as_the_parser_builds_them(monkeypatch: pytest.MonkeyPatch):
    """Rows as long as their last cell's column (empty cells between included); a file just
    under the limit is read, one just over is refused."""
    monkeypatch.setattr(reader, "MAX_CELLS", 100)
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr">'
    header += b"<is><t>b</t></is></c></row>"

    def rows(count: int) -> Iterable[bytes]:  # each data row reaches column J: 10 cells
        yield header
        for r in range(2, count + 2):
            yield f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="J{r}"><v>2</v></c></row>'.encode()

    assert reader.read_file(sheet(rows(9)), "ok.xlsx").n_rows == 9  # 2 + 9 * 10 = 92 cells
    (problem,) = refusal(sheet(rows(10))).problems  # 2 + 10 * 10 = 102 cells
    assert problem.code == "too_many_cells"
    assert "100 cells" in problem.message("en")


def test_rows_far_down_are_counted_by_their_number(monkeypatch: pytest.MonkeyPatch):
    """openpyxl fills the gap up to a row's number with empty rows; so does the count."""
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    far = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="13"><c r="A13"><v>1</v></c></row>'
    (problem,) = refusal(sheet([far])).problems
    assert problem.code == "too_many_rows"
    assert "10 rows" in problem.message("en")


def test_prefixed_tags_are_counted_too():
    """Some .NET libraries write every tag with a prefix (`<x:row>`, `<x:c>`)."""
    row = b"<x:row>" + b"<x:c><x:v>1</x:v></x:c>" * 5_000 + b"</x:row>"
    (problem,) = refusal(workbook([("Blad1", [row], "visible")], prefix="x:")).problems
    assert (problem.code, problem.params["count"]) == ("too_many_columns", 5_000)


def test_elements_of_any_kind_are_bounded(monkeypatch: pytest.MonkeyPatch):
    """openpyxl keeps every element it does not know in memory: millions of them, outside
    any row, are refused like millions of cells."""
    monkeypatch.setattr(reader, "MAX_CELLS", 1_000)
    monkeypatch.setattr(reader, "MAX_ROWS", 100)
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    (problem,) = refusal(sheet([header, b"<x/>" * 100_000])).problems
    assert problem.code == "too_many_cells"


def test_shared_text_is_bounded(monkeypatch: pytest.MonkeyPatch):
    """Every shared string becomes a Python string when the workbook is opened."""
    monkeypatch.setattr(reader, "MAX_CELLS", 1_000)
    data = workbook(
        [("Blad1", [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], "visible")],
        shared_strings=[b"<si><t>a</t></si>" * 1_001],
    )
    (problem,) = refusal(data).problems
    assert problem.code == "too_many_cells"


def test_another_sheet_counts_only_when_openpyxl_would_read_it():
    """openpyxl opens every sheet up to its `<dimension>` record (Excel writes one first in
    every sheet); a hidden helper sheet (drop-down lists) with one is not read, one without
    is read whole when the workbook is opened, so it is counted like the sheet that is read."""
    rows = [SPENDING, ["P1", "2023-04-01", "100", "extern", "resor"]]
    hidden = ("Listor", [b"<row r='1'>" + b"<c><v>1</v></c>" * 8_000_000 + b"</row>"], "hidden")
    shown = ("Kostnader", [_rows_of(rows)], "visible")

    raw = reader.read_file(workbook([hidden, shown], dimension=True), "kostnader.xlsx")
    assert (raw.sheet, raw.headers, raw.n_rows) == ("Kostnader", SPENDING, 1)

    (problem,) = refusal(workbook([hidden, shown])).problems
    assert (problem.code, problem.sheet) == ("too_many_columns", "Listor")


def _rows_of(rows: list[list[str]]) -> bytes:
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{value}</t></is></c>'
            for i, value in enumerate(row)
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out).encode()


def test_a_workbook_written_by_hand_within_the_limits_is_read():
    rows = [SPENDING, ["P1", "2023-04-01", "100", "extern", "resor"]]
    raw = reader.read_file(sheet([_rows_of(rows)]), "kostnader.xlsx")
    assert raw.headers == SPENDING
    assert raw.columns[0].to_pylist() == ["P1"]


def test_a_csv_over_the_cell_limit_is_refused_before_it_is_parsed():
    header = ";".join(f"k{i}" for i in range(200))
    data = (header + "\r\n" + (";" * 199 + "x\r\n") * 10_000).encode()  # 2,000,200 cells

    (problem,) = refusal(data, "bred.csv").problems

    assert problem.code == "too_many_cells"
    assert "2,000,000 cells" in problem.message("en")


def test_a_csv_row_longer_than_the_column_limit_is_refused():
    data = b"post_id;datum\r\nP1;2023-04-01\r\n" + b";" * 5_000_000 + b"\r\n"
    (problem,) = refusal(data, "rad.csv").problems
    assert (problem.code, problem.params["count"]) == ("too_many_columns", 5_000_001)
    assert "at most 200" in problem.message("en")


def test_a_refusal_through_the_import_leaves_the_store_as_it_was(store: Store):
    before = store.history()
    report = import_file(store, sheet(same_rows(60_000, 200)), "stor.xlsx", "spending")
    assert not report.ok
    assert [p.code for p in report.errors] == ["too_many_cells"]
    assert store.history() == before


# --- the worker ----------------------------------------------------------------------------

IN_CHILD = worker.Limits(inline_bytes=0)  # every file in a child, however small


def spending(rows: int) -> bytes:
    rng = random.Random(3)
    body = [
        [f"K{i:06d}", f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", str(rng.randint(1, 99_999)),
         "extern", "resor"]
        for i in range(rows)
    ]  # fmt: skip
    return swedish_csv([SPENDING, *body])


@pytest.mark.processes
def test_a_report_from_the_child_is_the_report_from_this_thread(store: Store):
    """The same file, read here and in a child: the same report, for every table's example
    file (their problems carry two-language parameters, which must cross the pipe)."""
    for path in sorted((ROOT / "tests" / "fixtures" / "contract-v2").glob("*.csv")):
        data = path.read_bytes()
        here = import_file(store, data, path.name, dry_run=True)
        there = worker.import_file(store.path, data, path.name, dry_run=True, limits=IN_CHILD)
        assert _summary(there) == _summary(here), path.name


def _summary(report: ImportReport) -> tuple[object, ...]:
    return (
        report.ok,
        report.table,
        report.checked.n_rows if report.checked else None,
        report.result,
        [p.as_dict("en") for p in report.errors],
        [p.as_dict("sv") for p in report.warnings],
    )


@pytest.mark.processes
def test_a_file_over_the_limits_is_refused_in_the_child(store: Store):
    report = worker.import_file(
        store.path, sheet(same_rows(60_000, 200)), "stor.xlsx", dry_run=True, limits=IN_CHILD
    )
    assert [p.code for p in report.errors] == ["too_many_cells"]
    assert report.file_name == "stor.xlsx" and not report.ok


@pytest.mark.processes
def test_the_child_imports_and_the_store_keeps_it(store: Store):
    before = len(store.history())
    report = worker.import_file(store.path, spending(3), "kostnader.csv", limits=IN_CHILD)
    assert report.ok and report.result is not None and report.result.inserted == 3
    assert len(store.history()) == before + 1


@pytest.mark.processes
def test_a_child_over_its_memory_cap_gives_a_message_and_writes_nothing(store: Store):
    """Its libraries and DuckDB take about 200 MB; importing 200,000 rows takes over 300 MB.
    The child is stopped at the cap and the coordinator is told which limit."""
    before = store.history()
    capped = worker.Limits(memory_mb=220, inline_bytes=0)

    report = worker.import_file(store.path, spending(200_000), "stor.csv", limits=capped)

    assert not report.ok and report.result is None
    (problem,) = report.errors
    assert problem.code == "import_memory_limit"
    assert "220 MB" in problem.message("sv") and "220 MB" in problem.message("en")
    assert "Dela upp" in problem.message("sv")
    assert store.history() == before


@pytest.mark.processes
def test_a_child_over_its_time_limit_gives_a_message(store: Store):
    report = worker.import_file(
        store.path, spending(150_000), "stor.csv", limits=worker.Limits(time_s=1, inline_bytes=0)
    )
    (problem,) = report.errors
    assert problem.code == "import_time_limit"
    assert "1 seconds" in problem.message("en") and "1 sekunder" in problem.message("sv")


@pytest.mark.processes
def test_the_child_says_when_the_store_cannot_be_opened(tmp_path: Path):
    from uccn_data.problems import StoreError

    broken = tmp_path / "trasig.duckdb"
    broken.write_bytes(b"inte en DuckDB-fil" * 1000)
    with pytest.raises(StoreError) as caught:
        worker.import_file(broken, spending(3), "kostnader.csv", limits=IN_CHILD)
    assert "kan inte öppnas" in caught.value.message("sv")


def test_a_small_file_is_read_in_this_thread(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Starting a child costs more than a small file: below `inline_bytes` there is none."""
    monkeypatch.setattr(worker, "_in_child", lambda *a: pytest.fail("a child was started"))
    report = worker.import_file(store.path, spending(3), "kostnader.csv", dry_run=True)
    assert report.ok
