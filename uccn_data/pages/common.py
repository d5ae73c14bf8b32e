"""Blocks more than one page shows: key-figure cards with their status and how complete their
data is, the facts under the Overview's cards, and the outcomes list.

A card gives an unknown figure no status: unknown is not zero (DATA_CONTRACT v2), and says how
complete its figure is ("spending reported for 3 of 4 years so far"). Text from the
coordinators' files (outcome titles, partners) is shown in plain-text tables only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.commentary import comment_for
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import words
from uccn_data.pages.model import Badge, Block, Card, Cards, Columns, Heading, Metric, Table, Text
from uccn_data.pages.words import t
from uccn_data.privacy import mask_personal_numbers
from uccn_data.reports import texts
from uccn_data.store import closed_years_on

MONEY_KPIS = ("ostersund_spending_sek", "external_funding_sek", "leverage_ratio")
# A status as a word with an icon, so it does not rest on colour alone.
BADGES: dict[str, tuple[str, Any]] = {
    "on_track": (":material/check_circle:", "green"),
    "at_risk": (":material/warning:", "orange"),
    "behind": (":material/error:", "red"),
}


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is not equal to itself


def money_note(
    money: pd.DataFrame, summary: Any, lang: str, today: date | None = None
) -> str | None:
    """How complete the money is, from `kpis.money_by_year` and `kpis.money_summary`:
    `spending reported for 3 of 4 years so far; amounts unknown: 2`. Years not yet begun
    cannot have been reported, so they are not counted (as in the reports' notes)."""
    begun = money[money["year"] <= (today or date.today()).year]
    reported = int((begun["spending_rows"] > 0).sum())
    parts = [t("completeness.years", lang, reported=reported, years=len(begun))]
    if begun.empty:  # a scope that has not begun: nothing could have been reported yet
        parts = []
    if summary["amounts_unknown"]:
        unknown = int(summary["amounts_unknown"])
        parts.append(t("completeness.amounts_unknown", lang, count=unknown))
    return "; ".join(parts) or None


def months_begun(conn: Connection, f: Filters, today: date | None = None) -> int:
    """The months of the scope that have ended by today: the months staff time could have
    been reported for (as in the reports' notes)."""
    return len(kpis.months_in_scope(conn, f, today))


def staff_note(row: Any, months: int, lang: str) -> str:
    """How complete one party's staff time is: `reported for 9 of 12 months`; a party with
    no rows has reported nothing, which is not 0 hours."""
    if _missing(row["hours"]):
        return t("completeness.staff_none", lang)
    reported = int(row["months_reported"])
    return t("completeness.months", lang, reported=reported, months=max(months, reported))


def completeness_notes(conn: Connection, f: Filters, lang: str) -> dict[str, str]:
    """Key figure -> how complete its data is, for the cards: a figure from part of the
    record says which part (DATA_CONTRACT v2)."""
    money = kpis.money_by_year(conn, f)
    note = money_note(money, kpis.money_summary(conn, f).iloc[0], lang)
    notes = dict.fromkeys(MONEY_KPIS, note) if note else {}
    months = months_begun(conn, f)
    for row in kpis.staff_time(conn, f).to_dict("records"):
        notes[f"staff_share_{row['organisation']}"] = staff_note(row, months, lang)
    return notes


def finality(conn: Connection, f: Filters, lang: str) -> Text:
    """Whether the figures shown are final: which years of the scope an admin has closed
    (fastställt, with the day) and which are still preliminary."""
    lo, hi = kpis.bounds(conn, f)
    closed = closed_years_on(conn)
    years = range(lo.year, hi.year + 1)
    final = [
        t("common.year_closed_on", lang, year=y, on=closed[y].closed_on())
        for y in years
        if y in closed
    ]
    open_years = [str(y) for y in years if y not in closed]
    if not final:
        return Text(t("common.years_none_final", lang), "caption")
    parts = [t("common.years_final", lang, years=", ".join(final))]
    if open_years:
        parts.append(t("common.years_preliminary", lang, years=", ".join(open_years)))
    return Text(" ".join(parts), "caption")


def commentary(conn: Connection, f: Filters, scope: str, lang: str) -> list[Block]:
    """The coordinators' comment on `scope` (`overall`, a framework area, a KPI key, `sdg11`)
    for the chosen period and year, shown exactly as written; nothing when there is none."""
    found = comment_for(conn, scope, f.period, f.year)
    if found is None:
        return []
    blocks: list[Block] = [
        Heading(t("commentary.heading", lang), 3),
        # Free text: a personal identity number in it is masked, as in every list.
        Text(mask_personal_numbers(found.text(lang)), "plain"),
    ]
    if not found.translated(lang):
        blocks.append(Text(t("commentary.swedish_only", lang), "caption"))
    return blocks


def cards_with_commentary(
    conn: Connection, f: Filters, shown: Cards, scopes: Sequence[str | None], lang: str
) -> list[Block]:
    """Key-figure cards with the coordinators' comment on each under its own card, so that a
    comment is read with its figure (and stays with it when narrow screens stack the columns).
    `scopes` names each card's comment scope in order (a framework area, a KPI key; None for a
    card nobody comments on). Without any comment the cards are returned as they are."""
    said = [[] if s is None else commentary(conn, f, s, lang) for s in scopes]
    if not any(said):
        return [shown]
    row = shown.per_row
    columns = [[Cards([c], per_row=1), *s] for c, s in zip(shown.cards, said, strict=True)]
    # A short last row keeps the cards' width: empty columns fill it, as `Cards` does.
    columns += [[] for _ in range(-len(columns) % row)]
    return [Columns(columns[i : i + row]) for i in range(0, len(columns), row)]


def month(value: date, lang: str) -> str:
    """`november 2023` / `November 2023`."""
    return texts.written_date(value, "month", lang)


def how_current(
    conn: Connection,
    f: Filters,
    lang: str,
    today: date | None = None,
    style: Literal["write", "caption"] = "caption",
) -> Text:
    """How current the record is: the month through which both parties' staff time (the one
    monthly series the agreement asks for) is reported without a gap."""
    months = kpis.months_in_scope(conn, f, today)
    through = kpis.complete_through(conn, f, today)
    if not months:
        said = t("completeness.no_months_yet", lang)
    elif through is None:
        said = t("completeness.through_none", lang, month=month(months[0], lang))
    elif through == months[-1]:
        said = t("completeness.through_all", lang, month=month(through, lang))
    else:
        said = t("completeness.through", lang, month=month(through, lang))
    return Text(said, style)


def kpi_card(
    key: str, row: Any, lang: str, previous: float | None = None, note: str | None = None
) -> Card:
    """A key figure (`row` has value, target, status) with its target, its progress in words
    (not colour alone), the change from the previous year when one is given, and how complete
    its data is (`note`).

    An unknown value reads "inga uppgifter" / "not reported" and gets no status: a figure
    computed from nothing is not 0, and not behind (DATA_CONTRACT v2)."""
    definition = KPI_DEFINITIONS[key]
    target, value = row["target"], row["value"]
    has_target = not _missing(target)
    status = row["status"] if isinstance(row["status"], str) else None
    if _missing(value):
        status, status_key = None, "status.unknown"
    elif status:
        status_key = f"status.{status}"
    else:
        # A target but nothing expected yet (the scope has not begun), or no target at all.
        status_key = "status.not_yet" if has_target else "status.none"
    delta = None
    if previous is not None and not _missing(previous) and not _missing(value):
        delta = texts.figure(key, value - previous, lang)
        if value - previous > 0:
            delta = "+" + delta
    icon, colour = BADGES.get(status or "", (":material/remove:", "gray"))
    target_text = (
        t("overview.target", lang, target=texts.figure(key, target, lang))
        if has_target
        else t("overview.no_target", lang)
    )
    return Card(
        [
            Metric(
                definition.name(lang),
                texts.figure(key, value, lang),
                help=definition.definition(lang),
                delta=delta,
                inverse=not definition.higher_is_better,
            )
        ],
        badge=Badge(t(status_key, lang), icon, colour),
        captions=[target_text, *([note] if note else [])],
    )


def activity_facts(activity: Any, lang: str) -> str:
    """Participants, led by others: from `kpis.activity_summary`. A sum that includes
    approximate counts says so ("ca 4 344"), and a sum of nothing is not reported, not 0."""
    approx = int(activity["activity_participants_approx"])
    facts = [
        t(
            "overview.participants",
            lang,
            total=texts.total(activity["activity_participants"], approx, lang),
            reported=int(activity["activities_with_participants"]),
            activities=int(activity["activities"]),
        )
    ]
    if approx:
        facts.append(t("overview.participants_approx", lang, count=approx))
    if activity["activities_led_by_others"]:
        led = int(activity["activities_led_by_others"])
        facts.append(t("overview.led_by_others", lang, count=led))
    return " ".join(facts)


def several_areas_note(activity: Any, lang: str) -> str | None:
    """A breakdown by framework area counts an activity in each area it names: say so when
    it does, so the areas are not read as adding up to the total."""
    several = int(activity["activities_in_several_areas"])
    if not several:
        return None
    total = texts.number(activity["activities"], lang)
    return t("overview.several_areas", lang, count=several, total=total)


def outcomes(found: pd.DataFrame, by_kind: pd.DataFrame, lang: str, key: str) -> list[Block]:
    """Outcomes (awards, agreements, roles in the network...): a count by kind, then a
    plain-text table. Titles and partners are the coordinators' own words."""
    blocks: list[Block] = [Heading(t("outcomes.title", lang, count=len(found)), 3)]
    if found.empty:
        return [*blocks, Text(t("outcomes.empty", lang), "caption")]
    kinds = by_kind[by_kind["outcomes"] > 0]
    counted = ", ".join(
        f"{words.label(ref.OUTCOME_KINDS, r.kind, lang)}: {r.outcomes}" for r in words.rows(kinds)
    )
    when = [
        t("outcomes.undated", lang)
        if _missing(r.date)
        else texts.written_span(r.date, r.date_precision, r.end_date, r.end_date_precision, lang)
        for r in words.rows(found)
    ]
    table = pd.DataFrame(
        {
            t("outcomes.col_date", lang): when,
            t("outcomes.col_kind", lang): [
                words.label(ref.OUTCOME_KINDS, k, lang) for k in found["kind"]
            ],
            t("outcomes.col_title", lang): found["title"].astype(str),
            t("outcomes.col_partner", lang): found["partner"].astype(str),
        }
    )
    return [*blocks, Text(counted, "caption"), Table(key, table)]
