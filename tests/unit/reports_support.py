"""Shared by the report tests: the demo store built once per session, the figures each screen
should show computed straight from the KPI functions, and a search for leaked personal numbers."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pandas as pd
import pytest

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reports import texts
from uccn_data.reports.texts import t
from uccn_data.store import Store

AS_OF = date(2026, 11, 12)  # the demo's own "today", so progress never depends on the clock
SINCE = date(2026, 9, 1)
HEADLINE_KEYS = (
    "activities", "smes_reached", "exchanges", "partner_cities", "ostersund_spending_sek",
    "external_funding_sek", "leverage_ratio", "staff_share_ostersund", "staff_share_region",
    "sdg11_aligned_share",
)  # fmt: skip
_BUILT: dict[str, Store] = {}


def shared_demo(factory: pytest.TempPathFactory) -> Store:
    """The demo store, built once for every report test module in the session (read only)."""
    if "demo" not in _BUILT:
        from uccn_data.demo import build_demo

        store = Store(factory.mktemp("reports-demo") / "demo.duckdb")
        build_demo(store)
        _BUILT["demo"] = store
    return _BUILT["demo"]


def shared_empty(factory: pytest.TempPathFactory) -> Store:
    """A store that exists but holds nothing yet."""
    if "empty" not in _BUILT:
        store = Store(factory.mktemp("reports-empty") / "empty.duckdb")
        store.initialise()
        _BUILT["empty"] = store
    return _BUILT["empty"]


# --- what each screen should show, straight from kpis ---------------------------------------


def expected_chart(conn: kpis.Connection, key: str, f: kpis.Filters) -> list[list[float]]:
    """The values of each series of a screen's chart, from the KPI breakdowns."""
    if key == "headline":
        rows = kpis.headline(conn, f, AS_OF)
        rows = rows[rows["status"].notna() & (rows["expected"] > 0)]
        return [
            [
                float(round(v / e * 100))
                for v, e in zip(rows["value"], rows["expected"], strict=True)
            ]
        ]
    if key.startswith("area:"):
        area = key.split(":")[1]
        by = kpis.activities_by_area(conn, kpis.Filters(f.period, f.year, area), "status")
        counts = dict(zip(by["category"], by["activities"], strict=True))
        return [[float(counts.get(s, 0)) for s in ref.STATUSES]]
    if key == "smes":
        return [[float(n) for n in kpis.smes_by_municipality(conn, f)["smes"]]]
    if key == "exchanges":
        return [[float(n) for n in kpis.exchanges_by(conn, f, "year")["exchanges"]]]
    if key == "budget":
        money = kpis.money_by_year(conn, f)
        return [list(money[c]) for c in ("ostersund_sek", "commitment_sek", "external_sek")]
    if key == "sdg11":
        per = kpis.sdg11_coverage(conn, f).groupby("target")["activities"].sum()
        return [[float(per.get(c, 0)) for c in ref.SDG11_CODES]]
    if key == "since":
        s = kpis.since_last_meeting(conn, f, SINCE, AS_OF).iloc[0]
        names = ("activities_added", "activities_started", "activities_completed", "exchanges")
        return [[float(s[n]) for n in names]]
    raise KeyError(key)


def _name(key: str, lang: str) -> str:
    return KPI_DEFINITIONS[key].name(lang)


def expected_figures(
    conn: kpis.Connection, key: str, f: kpis.Filters, lang: str
) -> list[tuple[str, str]]:
    """The (label, value) key figures of a screen, from the KPI functions."""
    n, money, pct = texts.number, texts.money, texts.percent
    if key == "headline":
        rows = kpis.headline(conn, f, AS_OF).set_index("kpi")
        found = []
        for k in HEADLINE_KEYS:
            value = texts.figure(k, rows.at[k, "value"], lang)
            if not pd.isna(rows.at[k, "target"]):
                status = rows.at[k, "status"]
                if pd.isna(status):  # a target but no status: no value, or none expected yet
                    status = "no_value" if pd.isna(rows.at[k, "value"]) else "not_yet"
                word = {"on_track": ("i fas", "on track"), "at_risk": ("risk", "at risk"),
                        "behind": ("efter", "behind"),
                        "no_value": ("inget värde ännu", "no value yet"),
                        "not_yet": ("inget väntat ännu", "nothing expected yet"),
                        }[status][lang == "en"]  # fmt: skip
                target = texts.figure(k, rows.at[k, "target"], lang)
                value = (
                    f"{value} (target {target}, {word})"
                    if lang == "en"
                    else f"{value} (mål {target}, {word})"
                )
            found.append((_name(k, lang), value))
        return found
    if key.startswith("area:"):
        area = key.split(":")[1]
        row = kpis.framework_summary(conn, f).set_index("framework_area").loc[area]
        smes = kpis.sme_summary(conn, kpis.Filters(f.period, f.year, area))["smes_reached"]
        return [
            (t("fig.activities", lang), n(row["activities"], lang)),
            (t("fig.completed", lang), n(row["activities_completed"], lang)),
            (t("fig.participants", lang), n(row["participants"], lang)),
            (t("fig.sdg11_share", lang), pct(row["sdg11_aligned_share"], lang)),
            (t("fig.smes", lang), n(smes.iloc[0], lang)),
        ]
    values = kpis.kpi_values(conn, f)
    if key in ("smes", "exchanges"):
        keys = {
            "smes": ("smes_reached", "smes_outside_ostersund_share", "smes_repeat"),
            "exchanges": (
                "exchanges", "exchange_participants", "partner_cities", "partner_countries",
                "uccn_exchange_share",
            ),
        }[key]  # fmt: skip
        return [(_name(k, lang), texts.figure(k, values[k], lang)) for k in keys]
    if key == "budget":
        s = kpis.money_summary(conn, f).iloc[0]
        return [
            (_name("ostersund_spending_sek", lang), money(values["ostersund_spending_sek"], lang)),
            (t("budget.share", lang), pct(s["share_of_commitment"], lang)),
            (_name("external_funding_sek", lang), money(values["external_funding_sek"], lang)),
            (_name("leverage_ratio", lang), texts.ratio(values["leverage_ratio"], lang)),
        ]
    if key == "sdg11":
        s = kpis.activity_summary(conn, f).iloc[0]
        return [
            (_name("sdg11_aligned_share", lang), pct(values["sdg11_aligned_share"], lang)),
            (t("sdg11.aligned", lang), n(s["sdg11_aligned"], lang)),
            (_name("sdg11_targets_covered", lang), n(values["sdg11_targets_covered"], lang)),
        ]
    if key == "since":
        s = kpis.since_last_meeting(conn, f, SINCE, AS_OF).iloc[0]
        return [
            (t("since.added", lang), n(s["activities_added"], lang)),
            (t("since.started", lang), n(s["activities_started"], lang)),
            (t("since.completed", lang), n(s["activities_completed"], lang)),
            (t("since.exchanges", lang), n(s["exchanges"], lang)),
            (t("since.ostersund", lang), money(s["ostersund_sek"], lang)),
            (t("since.region", lang), money(s["region_sek"], lang)),
            (t("since.external", lang), money(s["external_sek"], lang)),
        ]
    raise KeyError(key)


def screen_keys(since: bool = True) -> list[str]:
    keys = ["headline", *(f"area:{a}" for a in ref.FRAMEWORK_AREAS)]
    keys += ["smes", "exchanges", "budget", "sdg11"]
    return ["since", *keys] if since else keys


# --- personal data ------------------------------------------------------------------------


def sole_trader_numbers(store: Store) -> set[str]:
    """The sole traders' organisation numbers (personal identity numbers) in the store."""
    numbers = store.table("sme_participation")["org_number"].to_pylist()
    return {n for n in numbers if len(n) == 10 and n[2] in "01"}


def leaks(text: str, numbers: set[str]) -> list[str]:
    """The numbers that appear in full in `text`, with or without the hyphen."""
    digits = re.sub(r"(\d{6})-(\d{4})", r"\1\2", text)
    return sorted(n for n in numbers if n in digits)


def office_text(data: bytes) -> str:
    """Every XML part of a .pptx/.docx/.xlsx, embedded workbooks included, as one text."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith((".xlsx", ".xlsm")):
                parts.append(office_text(content))
            elif name.endswith((".xml", ".rels")):
                parts.append(content.decode("utf-8", errors="replace"))
    return "\n".join(parts)
