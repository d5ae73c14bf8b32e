"""Every number a user sees, computed in DuckDB from the store, one function per key figure.

Functions take an open connection (from `Store.reading()`) so a page makes one connection
for all its figures, and a `Filters` value so the same call serves the pages, the reports
and the command line. Aggregation happens in SQL; only small result frames reach pandas.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd

from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.privacy import mask_frame
from uccn_data.store import READ_ONLY, period_bounds, period_from_row, sql

Connection = duckdb.DuckDBPyConnection

ACTIVITY_DIMENSIONS = ("framework_area", "theme", "level", "status", "lead", "municipality")
SME_DIMENSIONS = ("municipality", "sector", "size_class", "year")
# Progress against a target: at or above the first share of the expected value is on track,
# at or above the second is at risk, below it is behind.
ON_TRACK, AT_RISK = 0.95, 0.75


@dataclass(frozen=True)
class Filters:
    """What the user chose: an agreement period, optionally one year and narrowing filters."""

    period: str = ref.AGREEMENT_2021_2024.period_id
    year: int | None = None
    framework_area: str | None = None
    theme: str | None = None
    municipality: str | None = None

    def previous_year(self) -> Filters | None:
        return replace(self, year=self.year - 1) if self.year is not None else None


class UnknownPeriod(ValueError):
    """The filters name a period the store does not hold."""


# What reading connections have already read, by the store version they were opened on
# (store.READ_ONLY): a page asks for the same summary and the same period several times (a
# headline figure, its target, its chart), the other language and the other pages ask again,
# and a query costs 5–25 ms of DuckDB planning even on a small store. At a meeting thirty
# people open the same pages in two languages within seconds (issue 16). Bounded: the oldest
# reads go first once SHARED_READS_MB is passed, and a new version of the store is never
# served an older one's.
SHARED_READS_MB = 64
_READ: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
_READ_BYTES = 0
_READ_LOCK = threading.Lock()


def _size(value: Any) -> int:
    """Bytes a kept read holds, roughly: a frame's columns, else a small fixed amount."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=True).sum())
    return 1024


def remembered(conn: Connection, key: tuple[Any, ...], read: Callable[[], Any]) -> Any:
    """`read()`, once per store version and `key` for reading connections (shared by every
    reading connection opened on that version, in this process); a writing connection always
    reads afresh, as it may have just changed what it reads. The caller must not change what
    it gets."""
    global _READ_BYTES
    version = READ_ONLY.get(conn)
    if version is None:
        return read()
    full = (version, key)
    with _READ_LOCK:
        if full in _READ:
            _READ.move_to_end(full)
            return _READ[full][0]
    value = read()  # outside the lock: two threads may read the same once, never wait
    size = _size(value)
    with _READ_LOCK:
        if full not in _READ:
            _READ[full] = (value, size)
            _READ_BYTES += size
        while _READ_BYTES > SHARED_READS_MB * 1_000_000 and len(_READ) > 1:
            _READ_BYTES -= _READ.popitem(last=False)[1][1]
    return value


def period(conn: Connection, period_id: str) -> ref.AgreementPeriod:
    """The agreement period or reporting window `period_id`; UnknownPeriod if the store has none."""
    found: ref.AgreementPeriod = remembered(
        conn, ("period", period_id), lambda: _read_period(conn, period_id)
    )
    return found


def _read_period(conn: Connection, period_id: str) -> ref.AgreementPeriod:
    rows = conn.execute(
        "select period_id, start_date, end_date, ostersund_sek_per_year, staff_share, "
        "is_example, note_sv, note_en, kind from agreement_periods where period_id = ?",
        [period_id],
    ).fetchall()
    if not rows:
        raise UnknownPeriod(period_id)
    return period_from_row(rows[0])


def bounds(conn: Connection, f: Filters) -> tuple[date, date]:
    return period_bounds(period(conn, f.period), f.year)


# Connections that have the shared SQL rules (sql/macros.sql). The macros live in a
# connection's temporary catalog, so each connection gets them once, before its first figure
# (figures are read on connections in autocommit, so no rollback takes them away again).
_WITH_MACROS: weakref.WeakSet[Connection] = weakref.WeakSet()


def _install_macros(conn: Connection) -> None:
    """Define the shared macros (span_end, activity_matches, ...) on `conn` if not yet done."""
    if conn not in _WITH_MACROS:
        conn.execute(sql("macros.sql"))
        _WITH_MACROS.add(conn)


def _query(conn: Connection, name: str, f: Filters, **fmt: str) -> pd.DataFrame:
    """Run kpis/<name>.sql behind the shared activities-in-scope CTE, with the filters.
    Each caller gets its own copy, so one that changes it changes nothing for the next."""
    key = ("query", name, f, tuple(sorted(fmt.items())))
    frame: pd.DataFrame = remembered(conn, key, lambda: _run_query(conn, name, f, **fmt))
    return frame.copy()


def _run_query(conn: Connection, name: str, f: Filters, **fmt: str) -> pd.DataFrame:
    lo, hi = bounds(conn, f)
    _install_macros(conn)
    text = sql("kpis/activities_in_scope.sql") + sql(f"kpis/{name}.sql").format(**fmt)
    params = {
        "lo": lo,
        "hi": hi,
        "area": f.framework_area,
        "theme": f.theme,
        "municipality": f.municipality,
    }
    return conn.execute(text, params).df()


def _one(frame: pd.DataFrame, column: str) -> float | None:
    value = frame[column].iloc[0] if len(frame) else None
    return None if value is None or pd.isna(value) else float(value)


# --- breakdowns (for charts and tables) --------------------------------------------------


def activity_summary(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row: activities, completed, SDG 11 alignment, partner work, participants."""
    return _query(conn, "activity_summary", f)


# (v2) Dimensions an activity may name several of: it counts once in each.
LIST_DIMENSIONS = ("framework_area", "theme", "municipality")


def _dimension(name: str) -> str:
    """The SQL expression for one activity dimension: a list is unnested, and an activity
    that names no municipality still counts (as an empty category)."""
    if name == "municipality":
        return "unnest(coalesce(municipality, [null::varchar]))"
    return f"unnest({name})" if name in LIST_DIMENSIONS else name


def activities_by(conn: Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """Activities per framework area, theme, level, status, lead or municipality. An
    activity counts in every area, theme and municipality it names, so these add up to more
    than the number of activities."""
    if dimension not in ACTIVITY_DIMENSIONS:
        raise ValueError(f"unknown activity dimension {dimension!r}")
    return _query(conn, "activities_by", f, dimension=_dimension(dimension))


def activities_by_year(conn: Connection, f: Filters) -> pd.DataFrame:
    """The trend: activities per year and framework area (the year filter is ignored)."""
    return _query(conn, "activities_by_year", replace(f, year=None))


def sme_summary(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row: SMEs reached, outside Östersund, reached more than once."""
    return _query(conn, "sme_summary", f)


def smes_by(conn: Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """Distinct SMEs per municipality, sector, size class or year."""
    if dimension not in SME_DIMENSIONS:
        raise ValueError(f"unknown SME dimension {dimension!r}")
    return _query(conn, "smes_by", f, dimension=dimension)


def exchange_summary(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row: exchanges, participants, partner cities and countries, UCCN share."""
    return _query(conn, "exchange_summary", f)


def exchange_partners(conn: Connection, f: Filters) -> pd.DataFrame:
    """(v2) Partners that are not cities: regions, organisations and networks."""
    return mask_frame(_query(conn, "exchange_partners", f))


def exchange_cities(conn: Connection, f: Filters) -> pd.DataFrame:
    """Exchanges per partner city with the city's position where the reference knows it."""
    frame = _query(conn, "exchange_cities", f)
    places = {
        (ref.fold_name(c.city), c.country): (c.lat, c.lon)
        for c in ref.uccn_cities()
        if c.lat is not None and c.lon is not None
    }
    found = [
        places.get((ref.fold_name(c), k))
        for c, k in zip(frame["partner_city"], frame["partner_country"], strict=True)
    ]
    frame["lat"] = [p[0] if p else None for p in found]
    frame["lon"] = [p[1] if p else None for p in found]
    return mask_frame(frame)


def money_by_year(conn: Connection, f: Filters) -> pd.DataFrame:
    """Per year in scope: Östersund's money against its commitment, region, external (every
    funder that is neither party), leverage, and budgets beside them (never added).

    A year without rows for a funder is unknown (NaN), never 0 (DATA_CONTRACT v2: unknown is
    not zero); `spending_rows`, `amounts_unknown` and `spread_rows` say how complete and how
    spread the figures are. A period without commitments has no commitment column values.
    """
    agreement = period(conn, f.period)
    lo, hi = bounds(conn, f)
    spent = _query(conn, "money_by_year", f).set_index("year")
    years = pd.Index(range(lo.year, hi.year + 1), name="year")
    frame = spent.reindex(years).reset_index()
    for count in ("spending_rows", "amounts_unknown", "spread_rows"):
        frame[count] = frame[count].fillna(0).astype("int64")
    for money in ("ostersund_sek", "region_sek", "external_sek", "budget_sek"):
        frame[money] = frame[money].astype("float64")
    frame["commitment_sek"] = agreement.ostersund_sek_per_year
    frame["leverage_ratio"] = frame["external_sek"] / frame["ostersund_sek"].where(
        frame["ostersund_sek"] > 0
    )
    # Running totals of what is known so far; unknown until the first year with a value.
    for money in ("ostersund_sek", "external_sek"):
        known = frame[money].notna().cummax()
        frame[f"cumulative_{money}"] = frame[money].fillna(0).cumsum().where(known)
    frame["cumulative_commitment_sek"] = frame["commitment_sek"].astype("float64").cumsum()
    return frame


def spending_by_category(conn: Connection, f: Filters) -> pd.DataFrame:
    return _query(conn, "spending_by_category", f)


def _share(agreement: ref.AgreementPeriod) -> float:
    """The committed share of a full-time year; NaN for a window without commitments."""
    return agreement.staff_share if agreement.staff_share is not None else float("nan")


def full_time_hours(conn: Connection) -> float:
    rows = conn.execute("select value from settings where key = 'full_time_hours'").fetchall()
    return float(rows[0][0]) if rows else ref.DEFAULT_FULL_TIME_HOURS


def staff_time_by_month(conn: Connection, f: Filters) -> pd.DataFrame:
    """Hours per party and month, with the monthly line that 30 % of a full-time year draws."""
    agreement = period(conn, f.period)
    frame = _query(conn, "staff_time_by_month", f)
    frame["expected_hours"] = _share(agreement) * full_time_hours(conn) / 12
    return frame


def staff_time(conn: Connection, f: Filters) -> pd.DataFrame:
    """Per party: hours reported, the hours 30 % of a full-time year means for the months
    that party has reported so far, and the share of a full-time year actually given."""
    agreement = period(conn, f.period)
    monthly = staff_time_by_month(conn, f)
    fte_hours = full_time_hours(conn)
    lo, _ = bounds(conn, f)
    rows: list[dict[str, Any]] = []
    for organisation in ref.ORGANISATIONS:
        own = monthly[monthly["organisation"] == organisation]
        last = own["month"].max() if len(own) else None
        # Months elapsed for this party: from the start of the scope to its latest reported
        # month, so a year in progress, or a party that reports later than the other, is
        # not measured against months it has not reported yet.
        months = (
            0
            if last is None or pd.isna(last)
            else (last.year - lo.year) * 12 + last.month - lo.month + 1
        )
        # No rows: unknown, not 0 hours (DATA_CONTRACT v2).
        hours = float(own["hours"].sum()) if len(own) else None
        available = fte_hours * months / 12
        rows.append(
            {
                "organisation": organisation,
                "hours": hours,
                "months": months,
                "months_reported": int(own["month"].nunique()),
                "expected_hours": _share(agreement) * available,
                "share_of_full_time": hours / available
                if hours is not None and available
                else None,
                "committed_share": agreement.staff_share,
            }
        )
    return pd.DataFrame(rows)


def sdg11_coverage(conn: Connection, f: Filters) -> pd.DataFrame:
    """Activities per SDG 11 target and framework area (all ten targets, zeros included)."""
    found = _query(conn, "sdg11_coverage", f)
    grid = pd.MultiIndex.from_product(
        [list(ref.FRAMEWORK_AREAS), list(ref.SDG11_CODES)], names=["framework_area", "target"]
    )
    return (
        found.set_index(["framework_area", "target"])
        .reindex(grid, fill_value=0)
        .reset_index()
        .astype({"activities": "int64"})
    )


def sdg11_by_area(conn: Connection, f: Filters) -> pd.DataFrame:
    """Per framework area: activities, those aligned with SDG 11, and the share."""
    rows = []
    for area in ref.FRAMEWORK_AREAS:
        if f.framework_area not in (None, area):
            continue
        s = activity_summary(conn, replace(f, framework_area=area))
        rows.append(
            {
                "framework_area": area,
                "activities": int(s["activities"].iloc[0]),
                "sdg11_aligned": int(s["sdg11_aligned"].iloc[0]),
                "sdg11_aligned_share": _one(s, "sdg11_aligned_share"),
            }
        )
    return pd.DataFrame(rows)


def partners_by_year(conn: Connection, f: Filters) -> pd.DataFrame:
    """Activities with Team Sweden and follow-ups with Svenska Unescorådet, per year."""
    return _query(conn, "partners_by_year", f)


# --- one function per key figure ---------------------------------------------------------


def _money_totals(conn: Connection, f: Filters) -> dict[str, float | None]:
    money = money_by_year(conn, f)
    ostersund = _total(money["ostersund_sek"])
    external = _total(money["external_sek"])
    return {
        "ostersund_spending_sek": ostersund,
        "external_funding_sek": external,
        "leverage_ratio": external / ostersund if external is not None and ostersund else None,
    }


def _total(values: pd.Series) -> float | None:
    """The sum of the known values; None when none is known (unknown is not zero)."""
    known = values.dropna()
    return float(known.sum()) if len(known) else None


def _staff_share(organisation: str) -> Callable[[Connection, Filters], float | None]:
    def share(conn: Connection, f: Filters) -> float | None:
        frame = staff_time(conn, f)
        value = frame.loc[frame["organisation"] == organisation, "share_of_full_time"].iloc[0]
        return None if value is None or pd.isna(value) else float(value)

    return share


def _column_of(
    summary: Callable[[Connection, Filters], pd.DataFrame], column: str
) -> Callable[[Connection, Filters], float | None]:
    def value(conn: Connection, f: Filters) -> float | None:
        return _one(summary(conn, f), column)

    return value


KPI_FUNCTIONS: dict[str, Callable[[Connection, Filters], float | None]] = {
    "activities": _column_of(activity_summary, "activities"),
    "activities_completed": _column_of(activity_summary, "activities_completed"),
    "smes_reached": _column_of(sme_summary, "smes_reached"),
    "smes_outside_ostersund_share": _column_of(sme_summary, "smes_outside_ostersund_share"),
    "smes_repeat": _column_of(sme_summary, "smes_repeat"),
    "exchanges": _column_of(exchange_summary, "exchanges"),
    "exchange_participants": _column_of(exchange_summary, "exchange_participants"),
    "partner_cities": _column_of(exchange_summary, "partner_cities"),
    "partner_countries": _column_of(exchange_summary, "partner_countries"),
    "uccn_exchange_share": _column_of(exchange_summary, "uccn_exchange_share"),
    "ostersund_spending_sek": lambda c, f: _money_totals(c, f)["ostersund_spending_sek"],
    "external_funding_sek": lambda c, f: _money_totals(c, f)["external_funding_sek"],
    "leverage_ratio": lambda c, f: _money_totals(c, f)["leverage_ratio"],
    "staff_share_ostersund": _staff_share("ostersund"),
    "staff_share_region": _staff_share("region"),
    "sdg11_aligned_share": _column_of(activity_summary, "sdg11_aligned_share"),
    "sdg11_targets_covered": _column_of(activity_summary, "sdg11_targets_covered"),
    "team_sweden_activities": _column_of(activity_summary, "team_sweden_activities"),
    "unesco_council_followups": _column_of(activity_summary, "unesco_council_followups"),
}
assert set(KPI_FUNCTIONS) == set(KPI_DEFINITIONS), "every KPI key needs its function"


def kpi(conn: Connection, key: str, f: Filters) -> float | None:
    """The value of one key figure."""
    return KPI_FUNCTIONS[key](conn, f)


def kpi_values(conn: Connection, f: Filters) -> dict[str, float | None]:
    """Every key figure at once, with each summary query run a single time."""
    activity = activity_summary(conn, f)
    sme = sme_summary(conn, f)
    exchange = exchange_summary(conn, f)
    staff = staff_time(conn, f).set_index("organisation")["share_of_full_time"]
    values: dict[str, float | None] = {}
    for key in KPI_DEFINITIONS:
        for frame in (activity, sme, exchange):
            if key in frame.columns:
                values[key] = _one(frame, key)
    values.update(_money_totals(conn, f))
    for organisation in ref.ORGANISATIONS:
        share = staff.get(organisation)
        values[f"staff_share_{organisation}"] = (
            None if share is None or pd.isna(share) else float(share)
        )
    return {key: values.get(key) for key in KPI_DEFINITIONS}


def yearly_targets(conn: Connection, f: Filters) -> dict[str, dict[int, float]]:
    """Key figure -> {year: target} for the years in scope.

    The agreement's own commitments fill the years that have no target row: Östersund's
    money (100,000 SEK a year) and each party's staff share (30 %).
    """
    agreement = period(conn, f.period)
    if not agreement.has_commitments:
        return {}  # a reporting window: no commitments, so no targets and no status
    lo, hi = bounds(conn, f)
    result: dict[str, dict[int, float]] = {}
    for year in range(lo.year, hi.year + 1):
        if agreement.ostersund_sek_per_year is not None:
            result.setdefault("ostersund_spending_sek", {})[year] = agreement.ostersund_sek_per_year
        if agreement.staff_share is not None:
            for organisation in ref.ORGANISATIONS:
                result.setdefault(f"staff_share_{organisation}", {})[year] = agreement.staff_share
    rows = conn.execute(
        "select year, kpi, target from targets where year between ? and ?", [lo.year, hi.year]
    ).fetchall()
    for year, key, target in rows:
        if str(key) in KPI_DEFINITIONS:
            result.setdefault(str(key), {})[int(year)] = float(target)
    return result


def targets_for(conn: Connection, f: Filters) -> dict[str, float]:
    """Targets for the scope, the years combined as each figure's definition says."""
    return {
        key: targets_for_values(KPI_DEFINITIONS[key].over_years, list(by_year.values()))
        for key, by_year in yearly_targets(conn, f).items()
        if by_year
    }


def _elapsed(lo: date, hi: date, year: int, today: date) -> float:
    """How much of `year`'s part of the scope lies before `today` (0 to 1)."""
    start, end = max(lo, date(year, 1, 1)), min(hi, date(year, 12, 31))
    days = (end - start).days + 1
    return min(max((today - start).days + 1, 0), days) / days


def headline(conn: Connection, f: Filters, as_of: date | None = None) -> pd.DataFrame:
    """Every key figure with its target, the value expected by now, and a progress status.

    Counts and money grow through the year, so by `as_of` (default today) each year's
    target is expected in proportion to how much of that year has gone; shares and ratios
    are compared with the targets of the years begun. Before the scope starts there is no
    status: nothing is expected yet.
    """
    values = kpi_values(conn, f)
    by_year = yearly_targets(conn, f)
    lo, hi = bounds(conn, f)
    today = as_of or date.today()
    rows = []
    for key, definition in KPI_DEFINITIONS.items():
        yearly = by_year.get(key, {})
        elapsed = {year: _elapsed(lo, hi, year, today) for year in yearly}
        target = expected = None
        if yearly:
            target = targets_for_values(definition.over_years, list(yearly.values()))
            begun = [t for year, t in yearly.items() if elapsed[year] > 0]
            if begun:
                if definition.over_years == "sum":
                    expected = sum(t * elapsed[year] for year, t in yearly.items())
                elif definition.over_years == "max":
                    expected = max(t * elapsed[year] for year, t in yearly.items())
                else:
                    expected = sum(begun) / len(begun)
        value = values[key]
        rows.append(
            {
                "kpi": key,
                "value": value,
                "target": target,
                "expected": expected,
                "status": progress_status(value, expected),
            }
        )
    return pd.DataFrame(rows)


def targets_for_values(how: str, values: list[float]) -> float:
    if how == "sum":
        return float(sum(values))
    if how == "max":
        return float(max(values))
    return float(sum(values) / len(values))


def progress_status(value: float | None, expected: float | None) -> str | None:
    """on_track, at_risk or behind; None when there is no target (or nothing expected yet)."""
    if expected is None or value is None:
        return None
    if expected <= 0:
        return "on_track"
    ratio = value / expected
    if ratio >= ON_TRACK:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK else "behind"


# --- framework page ----------------------------------------------------------------------

FRAMEWORK_DIMENSIONS = ("theme", "level", "status")


def framework_summary(conn: Connection, f: Filters) -> pd.DataFrame:
    """Per framework area in scope: activities, completed, participants and SDG 11 share.

    Every area in scope gets a row, zeros included, so the three can stand side by side even
    when one has nothing registered yet.
    """
    areas = pd.Index([a for a in ref.FRAMEWORK_AREAS if f.framework_area in (None, a)])
    found = _query(conn, "framework_summary", f).set_index("framework_area")
    frame = found.reindex(areas.rename("framework_area")).reset_index()
    counts = ["activities", "activities_completed", "sdg11_aligned", "participants_approx"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    # Unknown stays unknown: an area where no activity reports participants has none to sum.
    frame["participants"] = frame["participants"].astype("float64")
    frame["sdg11_aligned_share"] = frame["sdg11_aligned_share"].astype("float64")
    return frame


def activities_by_area(conn: Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """Activities per framework area and theme, level or status.

    Cancelled activities count only in the status breakdown, so that theme and level add up
    to the same total as the cards.
    """
    if dimension not in FRAMEWORK_DIMENSIONS:
        raise ValueError(f"unknown framework dimension {dimension!r}")
    return _query(conn, "activities_by_area", f, dimension=_dimension(dimension))


def activity_list(conn: Connection, f: Filters) -> pd.DataFrame:
    """Every activity in scope, cancelled ones included, in order of start date.

    `framework_area`, `theme` and `municipality` are the first named (the main one); the
    `*_all` columns hold every one. Dates come with their precision (`start_date_precision`),
    counts with their approximation (`participants_approx`: about, over, at_least or null).
    """
    return mask_frame(_query(conn, "activity_list", f))


def outcomes_list(conn: Connection, f: Filters) -> pd.DataFrame:
    """(v2) Outcomes in scope: awards, agreements, publications, strategies, roles in the
    network, media; an undated one is listed with every scope. Dates keep their precision."""
    return mask_frame(_query(conn, "outcomes_list", f))


def exchange_list(conn: Connection, f: Filters) -> pd.DataFrame:
    """(v2) Every exchange in scope, one row each, oldest first: `partners` as written (joined
    with ", "), `partner_type` (`city` when the file left it empty), dates with precision,
    counts with their approximation. Free text masked (privacy.mask_frame)."""
    return mask_frame(_query(conn, "exchange_list", f))


def budget_list(conn: Connection, f: Filters) -> pd.DataFrame:
    """(v2) The budget items in scope, oldest first: `amount_sek` the part of the item in the
    dates, in SEK (NaN when the amount is unknown), `partial` when its span reaches outside
    them, with category, funder, `funder_name` and the linked `activity_title` ("" for none)."""
    return mask_frame(_query(conn, "budget_list", f))


def outcomes_by_kind(conn: Connection, f: Filters) -> pd.DataFrame:
    """(v2) How many outcomes of each kind are in scope (kinds with none included)."""
    found = outcomes_list(conn, f)["kind"].value_counts()
    return pd.DataFrame(
        {
            "kind": list(ref.OUTCOME_KINDS),
            "outcomes": [int(found.get(k, 0)) for k in ref.OUTCOME_KINDS],
        }
    )


# --- budget and staff pages --------------------------------------------------------------


def money_summary(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row for the scope: Östersund's money against its commitment for the years in
    scope, the region's and the external money, and the leverage ratio.

    The commitment counts every year in scope, a year still in progress included: the
    question leadership asks is how much of the promised money has been put to work.
    """
    money = money_by_year(conn, f)
    ostersund = _total(money["ostersund_sek"])
    region = _total(money["region_sek"])
    external = _total(money["external_sek"])
    known = [v for v in (ostersund, region, external) if v is not None]
    commitment = _total(money["commitment_sek"])
    return pd.DataFrame(
        [
            {
                "ostersund_sek": ostersund,
                "region_sek": region,
                "external_sek": external,
                "total_sek": sum(known) if known else None,
                "budget_sek": _total(money["budget_sek"]),
                "commitment_sek": commitment,
                "share_of_commitment": (
                    ostersund / commitment if ostersund is not None and commitment else None
                ),
                "leverage_ratio": (
                    external / ostersund if external is not None and ostersund else None
                ),
                # How complete: years with money spent reported, of the years in scope.
                "years_reported": int((money["spending_rows"] > 0).sum()),
                "years": len(money),
                "amounts_unknown": int(money["amounts_unknown"].sum()),
                "spread_rows": int(money["spread_rows"].max()) if len(money) else 0,
            }
        ]
    )


def staff_commitment(conn: Connection, f: Filters) -> pd.DataFrame:
    """One row: the full-time year (a store setting) and the hours the agreed share of it
    means per year and per month, so a page can show the yardstick without the store."""
    agreement = period(conn, f.period)
    hours = full_time_hours(conn)
    return pd.DataFrame(
        [
            {
                "full_time_hours": hours,
                "committed_share": agreement.staff_share,
                "expected_hours_per_year": _share(agreement) * hours,
                "expected_hours_per_month": _share(agreement) * hours / 12,
            }
        ]
    )


# --- SME and exchange pages ---

EXCHANGE_DIMENSIONS = ("direction", "partner_country", "year")
# A list is unnested: an exchange with partners in two countries counts once in each.
_EXCHANGE_EXPRESSIONS = {"partner_country": "unnest(partner_country)"}


def smes_reached_more_than_once(conn: Connection, f: Filters) -> pd.DataFrame:
    """SMEs in more than one activity in scope: organisation number (masked), latest name
    and municipality, and the number of activities joined.

    The number is masked here, not in the page, so that no cache or page ever holds a sole
    trader's personal identity number in full (DATA_CONTRACT: a viewer never sees it).
    """
    from uccn_data.export import mask_org_number  # kept local: one insertion for this section

    frame = _query(conn, "smes_reached_more_than_once", f)
    frame["org_number"] = [mask_org_number(n) for n in frame["org_number"]]
    return mask_frame(frame)


def smes_by_municipality(conn: Connection, f: Filters) -> pd.DataFrame:
    """Distinct SMEs per municipality: all eight (zeros included, as the map shows them),
    then companies from outside the county (`other`) and of unknown municipality (``),
    which are not on the map, only when there are any."""
    found = smes_by(conn, f, "municipality").set_index("category")["smes"]
    codes = list(ref.MUNICIPALITY_CODES) + [
        c for c in (ref.OTHER_MUNICIPALITY, "") if found.get(c, 0) > 0
    ]
    frame = found.reindex(pd.Index(codes, name="municipality"), fill_value=0).reset_index()
    return frame.astype({"smes": "int64"})


def exchanges_by(conn: Connection, f: Filters, dimension: str) -> pd.DataFrame:
    """Exchanges, participants and SMEs involved per direction, partner country or year
    (years in order, the others most exchanges first)."""
    if dimension not in EXCHANGE_DIMENSIONS:
        raise ValueError(f"unknown exchange dimension {dimension!r}")
    expression = _EXCHANGE_EXPRESSIONS.get(dimension, dimension)
    frame = _query(conn, "exchanges_by", f, dimension=expression)
    if dimension == "year":
        frame = frame.sort_values("category", ignore_index=True)
    return frame


# --- reports ---


def _since_query(
    conn: Connection, name: str, f: Filters, since: date, until: date | None
) -> pd.DataFrame:
    """Run kpis/<name>.sql behind the since-the-last-meeting CTE, with the filters."""
    _install_macros(conn)
    text = sql("kpis/since_scope.sql") + sql(f"kpis/{name}.sql")
    params = {
        "since": since,
        "until": until or date.today(),
        "area": f.framework_area,
        "theme": f.theme,
        "municipality": f.municipality,
    }
    return conn.execute(text, params).df()


def since_last_meeting(
    conn: Connection, f: Filters, since: date, until: date | None = None
) -> pd.DataFrame:
    """One row: activities added (first imported), started and completed, exchanges and
    their participants, and each funder's money spent from `since` to `until` (default today).

    The window ignores the chosen period and year: the presenter's question is what is new
    since the previous meeting, and that may straddle two agreement periods.
    """
    return _since_query(conn, "since_summary", f, since, until)


def changes_since(
    conn: Connection, f: Filters, since: date, until: date | None = None
) -> pd.DataFrame:
    """The activities behind `since_last_meeting`: one row per activity and change (added,
    started, completed) with its day, in order of that day."""
    return mask_frame(_since_query(conn, "since_activities", f, since, until))


# --- completeness (how much of the record is there) -------------------------------------


def completeness_gaps(conn: Connection, f: Filters) -> pd.DataFrame:
    """What the record leaves out in scope, one row per gap: `gap` (no_participants, no_smes,
    no_sdg for activities; exchange_no_participants), `id`, `title` (personal identity
    numbers masked; for an exchange its partner cities) and `date`."""
    return mask_frame(_query(conn, "completeness_gaps", f))


def spending_months(conn: Connection, f: Filters) -> list[date]:
    """The months in scope (first days) with at least one row of money spent."""
    return [pd.Timestamp(m).date() for m in _query(conn, "spending_months", f)["month"]]


def months_in_scope(conn: Connection, f: Filters, today: date | None = None) -> list[date]:
    """The months of the scope that have ended by `today` (default: today), first days: the
    months staff time and spending could have been reported for."""
    lo, hi = bounds(conn, f)
    last = min(hi, (today or date.today()).replace(day=1) - timedelta(days=1))
    months: list[date] = []
    month = lo.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def staff_months_missing(
    conn: Connection, f: Filters, today: date | None = None
) -> dict[str, list[date]]:
    """Per party (`ostersund`, `region`): the ended months of the scope with no staff time."""
    reported = staff_time_by_month(conn, f)
    months = months_in_scope(conn, f, today)
    found: dict[str, list[date]] = {}
    for organisation in ref.ORGANISATIONS:
        have = {
            pd.Timestamp(m).date()
            for m in reported.loc[reported["organisation"] == organisation, "month"]
        }
        found[organisation] = [m for m in months if m not in have]
    return found


def complete_through(conn: Connection, f: Filters, today: date | None = None) -> date | None:
    """The last month up to which both parties' staff time is reported without a gap from the
    start of the scope (the monthly record the agreement asks for), or None if the first
    ended month is already missing."""
    months = months_in_scope(conn, f, today)
    missing = {m for gaps in staff_months_missing(conn, f, today).values() for m in gaps}
    last = None
    for month in months:
        if month in missing:
            break
        last = month
    return last


def table_rows(conn: Connection) -> pd.DataFrame:
    """Rows per uploaded table and its latest import that is not undone: a report's sources."""
    return conn.execute(sql("kpis/table_rows.sql")).df()


def last_import_at(conn: Connection) -> Any:
    """When the latest import still in force was made (a UTC datetime), or None."""
    row = conn.execute("select max(imported_at) from import_log where undone_at is null").fetchone()
    return row[0] if row else None


def is_demo(conn: Connection) -> bool:
    """Whether the store holds the demo data, which every report must say on its first page."""
    rows = conn.execute("select value from settings where key = 'is_demo'").fetchall()
    return bool(rows) and rows[0][0] == "true"
