"""What the workspace shows, as plain values in the reader's language: tables, labels, the
messages for a period that cannot be saved, a new period's dates. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

from uccn_data import reference as ref
from uccn_data.__main__ import period_problems
from uccn_data.export import cell_text, file_columns
from uccn_data.importer import ImportReport
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.pages.words import markdown, t
from uccn_data.reports.texts import money, percent, stockholm_time
from uccn_data.tables import TABLES

# The column as the coordinator's file names it, as in the downloadable error report.
from uccn_data.templates import shown_column as column_as_written

PREVIEW_ROWS = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # MIME type


def table_label(name: str, lang: str) -> str:
    """'Kostnader (kostnader)': the table's name in `lang`, then the alias files use."""
    return f"{TABLES[name].label(lang)} ({TABLES[name].alias})"


def kind_label(kind: str, lang: str) -> str:
    """An agreement period or a reporting window, in words; an unknown kind as it is."""
    labels = {
        "agreement": t("data.kind_agreement", lang),
        "reporting": t("data.kind_reporting", lang),
    }
    return labels.get(kind, kind)


def problems_frame(report: ImportReport, lang: str) -> pd.DataFrame:
    """One row per error: (sheet,) Excel row, column as the file names it, value, what to do."""
    table = TABLES.get(report.table or "")
    rows = [
        {
            **({t("data.col_sheet", lang): p.sheet} if p.sheet else {}),
            t("data.col_row", lang): p.row,
            t("data.col_column", lang): column_as_written(p.column, table, lang),
            t("data.col_value", lang): p.value,
            t("data.col_message", lang): p.message(lang),
        }
        for p in report.errors
    ]
    return pd.DataFrame(rows)


def preview_frame(report: ImportReport) -> pd.DataFrame:
    """The first rows of a checked file as they will read back, under the file's own headers:
    lists, "maj 2018", "ca 250" as written. Empty for a file that was not checked."""
    if report.checked is None or report.table is None:
        return pd.DataFrame()
    spec = TABLES[report.table]
    first = report.checked.data.slice(0, PREVIEW_ROWS)
    return pd.DataFrame(
        {
            spec.column(name).alias: [cell_text(v, kind) for v in values]
            for name, kind, values in file_columns(spec, first)
        }
    )


def history_frame(history: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """The import log (`Store.history()`, newest first) with headers and times for a reader.
    A deletion from a form is one of its entries: its rows read 0, its deleted count 1."""
    frame = pd.DataFrame(history)
    deleted = frame["rows_deleted"] if "rows_deleted" in frame else pd.Series(0, frame.index)
    return pd.DataFrame(
        {
            t("data.col_id", lang): frame["import_id"],
            t("data.col_when", lang): frame["imported_at"].map(stockholm_time),
            t("data.col_who", lang): frame["imported_by"],
            t("data.col_table", lang): frame["table_name"].map(lambda n: table_label(n, lang)),
            t("data.col_file", lang): frame["file_name"],
            t("data.col_rows", lang): [
                t("data.rows_changed", lang, inserted=i, updated=u, unchanged=n)
                for i, u, n in zip(
                    frame["rows_inserted"],
                    frame["rows_updated"],
                    frame["rows_unchanged"],
                    strict=True,
                )
            ],
            t("data.history_col_deleted", lang): deleted.fillna(0).astype(int),
            t("data.col_undone", lang): frame["undone_at"].map(
                lambda v: "" if pd.isna(v) else stockholm_time(v)
            ),
        }
    )


def kpi_labels(lang: str) -> dict[str, str]:
    """KPI key -> its name in `lang`: what the targets table shows and offers."""
    return {key: d.name(lang) for key, d in KPI_DEFINITIONS.items()}


def targets_frame(existing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The stored targets (year, kpi, target) to edit, each KPI by its name in `lang`."""
    labels = kpi_labels(lang)
    return pd.DataFrame(
        {
            "year": existing["year"].astype("Int64"),
            "kpi": existing["kpi"].map(lambda k: labels.get(k, k)),
            "target": existing["target"].astype(float),
        }
    )


def periods_frame(periods: Sequence[ref.AgreementPeriod], lang: str) -> pd.DataFrame:
    """Agreement periods and reporting windows, money and shares formatted for `lang`."""
    return pd.DataFrame(
        [
            {
                t("data.col_period_id", lang): p.period_id,
                t("data.col_kind", lang): kind_label(p.kind, lang),
                t("data.col_start", lang): p.start,
                t("data.col_end", lang): p.end,
                t("data.col_sek", lang): money(p.ostersund_sek_per_year, lang),
                t("data.col_share", lang): percent(p.staff_share, lang),
                t("data.col_example", lang): (
                    t("data.yes", lang) if p.is_example else t("data.no", lang)
                ),
            }
            for p in periods
        ]
    )


def new_period_span(periods: Sequence[ref.AgreementPeriod]) -> tuple[date, date]:
    """A new period's suggested (start, end): after the latest agreement period, four years."""
    ends = [p.end for p in periods if p.kind == "agreement"]
    first = max(ends) + timedelta(days=1) if ends else date(2021, 1, 1)
    return first, date(first.year + 4, first.month, 1) - timedelta(days=1)


def period_messages(
    period: ref.AgreementPeriod,
    periods: Sequence[ref.AgreementPeriod],
    is_new: bool,
    lang: str,
) -> list[str]:
    """Why `period` cannot be saved, one message per problem, each naming its field; empty
    when it can. The checks are the command line's (`python -m uccn_data period add`).

    The messages quote what was typed (`'[x](http://…)' cannot be an id`) and are shown as
    Markdown, so they come escaped (`words.markdown`)."""
    field_labels = {
        "id": t("data.col_period_id", lang),
        "start": t("data.col_start", lang),
        "end": t("data.col_end", lang),
        "kind": t("data.col_kind", lang),
        "sek_per_year": t("data.col_sek", lang),
        "staff_share": t("data.col_share", lang),
        "note_sv": t("data.period_note_sv", lang),
        "note_en": t("data.period_note_en", lang),
    }
    messages = [
        f"{field_labels[p.field]}: {p.message(lang)}" for p in period_problems(period, periods)
    ]
    if is_new and period.period_id in {p.period_id for p in periods}:
        messages.append(t("data.period_exists", lang, period=period.period_id))
    return [markdown(m) for m in messages]
