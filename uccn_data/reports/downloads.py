"""Every file the Reports page offers, as bytes made from the store when it is asked for: the
meeting deck, the printable report, the UNESCO monitoring report draft and open data, and what
each is called. The page only offers them (`dashboard/views/reports.py`).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from uccn_data.kpis import Filters
from uccn_data.reference import AgreementPeriod
from uccn_data.reports.deck import build_deck
from uccn_data.reports.html_report import build_html
from uccn_data.reports.monitoring import build_monitoring_report
from uccn_data.reports.open_data import export_all
from uccn_data.store import Store

OFFICE = "application/vnd.openxmlformats-officedocument"
PPTX = f"{OFFICE}.presentationml.presentation"
DOCX = f"{OFFICE}.wordprocessingml.document"


def deck(store: Store, f: Filters, lang: str, since: date | None) -> bytes:
    """The meeting's PowerPoint deck (.pptx) for the filters; with `since`, it opens with what
    is new since that day."""
    with store.reading() as conn:
        return build_deck(conn, f, lang, since)


def printable(store: Store, f: Filters, lang: str, since: date | None) -> bytes:
    """The printable report: one self-contained HTML file (UTF-8), to print as A4 PDF."""
    with store.reading() as conn:
        return build_html(conn, f, lang, since).encode("utf-8")


def monitoring(store: Store, period: str, lang: str) -> bytes:
    """The draft of the UCCN Membership Monitoring Report (.docx) for `period`."""
    with store.reading() as conn:
        return build_monitoring_report(conn, period, lang)


def open_data(store: Store, *, mask: bool) -> bytes:
    """Every table as CSV, Excel and Parquet with a datapackage.json, in one zip; `mask` hides
    sole traders' organisation numbers (whole ones are for the coordinators' own records)."""
    buffer = io.BytesIO()
    with (
        tempfile.TemporaryDirectory() as tmp,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for path in export_all(store, tmp, mask=mask):
            archive.write(path, Path(path).relative_to(tmp))
    return buffer.getvalue()


def scope(f: Filters) -> str:
    """What the meeting files' names say of the selection: `2021-2024`, or `2021-2024-2023`
    for one year of it."""
    return f.period if f.year is None else f"{f.period}-{f.year}"


def is_window(periods: Sequence[AgreementPeriod], period: str) -> bool:
    """(v2) Whether `period` is a reporting window, which has no commitments or status."""
    return any(p.period_id == period and not p.has_commitments for p in periods)
