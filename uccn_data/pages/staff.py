"""Arbetstid / Staff time: the hours each party gives against its commitment of 30 % of an
official's full-time year.

What "30 % of a full-time year" means in hours is a store setting, so the page states it first.
A party with no rows has reported nothing: "inga uppgifter", no status, never 0 hours and never
"below" the commitment (DATA_CONTRACT v2).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import Block, Card, Cards, Chart, Heading, Page, Text
from uccn_data.pages.words import t
from uccn_data.reports import texts


def hours(value: Any, lang: str) -> str:
    """Whole hours as `2 054`, half hours kept: `515,5`; unknown in words."""
    whole = value is None or value != value or float(value).is_integer()
    return texts.number(value, lang, 0 if whole else 1)


def intro(lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [Heading(t("staff.heading", lang), 1), Text(t("staff.lead", lang))]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    setting = kpis.staff_commitment(conn, f).iloc[0]
    committed = setting["committed_share"]
    has_commitment = bool(pd.notna(committed))
    share = texts.percent(committed, lang)
    blocks = intro(lang)
    blocks.append(common.finality(conn, f, lang))
    # The yardstick first: what "30 % of a full-time year" means in hours is a setting.
    blocks.append(
        Text(
            t(
                "staff.setting" if has_commitment else "staff.setting_window",
                lang,
                full_time=hours(setting["full_time_hours"], lang),
                share=share,
                per_year=hours(setting["expected_hours_per_year"], lang),
                per_month=hours(setting["expected_hours_per_month"], lang),
            )
        )
    )
    if f.framework_area or f.theme or f.municipality:
        # Staff time is reported per party and month, not per activity.
        blocks.append(Text(t("staff.filters_ignored", lang), "caption"))
    monthly = kpis.staff_time_by_month(conn, f)
    if monthly.empty:
        return Page([*blocks, Text(t("staff.empty", lang), "info")])

    # Per party: hours, months, expected hours and share of a full-time year (None: unknown).
    given = {str(r["organisation"]): r for r in kpis.staff_time(conn, f).to_dict("records")}
    months = common.months_begun(conn, f)
    notes = {o: common.staff_note(row, months, lang) for o, row in given.items()}
    figures = kpis.headline(conn, f).set_index("kpi")
    shown = cards(given, figures, notes, setting, lang)
    keys = [f"staff_share_{organisation}" for organisation in ref.ORGANISATIONS]  # cards' order
    blocks += common.cards_with_commentary(conn, f, shown, keys, lang)
    blocks.append(monthly_chart(monthly, given, notes, setting, lang))
    return Page(blocks)


def cards(
    given: dict[str, Any], figures: pd.DataFrame, notes: dict[str, str], setting: Any, lang: str
) -> Cards:
    """One key-figure card per party, in a row: its share of a full-time year, with how
    complete it is and, where known, the hours behind it."""
    committed = setting["committed_share"]
    share = texts.percent(committed, lang)
    out: list[Card] = []
    for organisation in ref.ORGANISATIONS:
        row = given[organisation]
        key = f"staff_share_{organisation}"
        # A party with no rows is not reported, never 0 hours: the card says so, no status.
        card = common.kpi_card(key, figures.loc[key], lang, note=notes[organisation])
        if pd.notna(row["hours"]) and pd.notna(committed):
            given_hours = t(
                "staff.card_hours",
                lang,
                hours=hours(row["hours"], lang),
                months=int(row["months"]),
                expected=hours(row["expected_hours"], lang),
                share=share,
            )
            card = Card(card.metrics, card.heading, card.badge, [*card.captions, given_hours])
        out.append(card)
    return Cards(out, per_row=len(ref.ORGANISATIONS))


def monthly_chart(
    monthly: pd.DataFrame,
    given: dict[str, Any],
    notes: dict[str, str],
    setting: Any,
    lang: str,
) -> Chart:
    """Hours per party and month against the line the commitment draws, titled by who falls
    short of it (or has not reported), with every party's share of a full-time year."""
    committed = setting["committed_share"]
    has_commitment = bool(pd.notna(committed))
    share = texts.percent(committed, lang)
    names = {o: words.label(ref.ORGANISATIONS, o, lang) for o in ref.ORGANISATIONS}
    and_word = t("staff.and", lang)
    # One decimal, so that 29,8 % is not shown as the 30 % it falls short of.
    shares = ", ".join(
        f"{names[o]} {texts.percent(given[o]['share_of_full_time'], lang, 1)}" for o in names
    )
    # Below the commitment only where a share is known; a party with no rows is not reported,
    # which is neither "met" nor "below" (DATA_CONTRACT v2). A window has no commitment.
    known = {o: bool(pd.notna(given[o]["share_of_full_time"])) for o in names}
    below = [
        names[o]
        for o in names
        if known[o] and has_commitment and given[o]["share_of_full_time"] < committed
    ]
    missing = [names[o] for o in names if not known[o]]
    if below:
        title = t("staff.title_below", lang, names=and_word.join(below), share=share, shares=shares)
    elif missing:
        title = t("staff.title_unreported", lang, names=and_word.join(missing), shares=shares)
    elif has_commitment:
        title = t("staff.title_met", lang, share=share, shares=shares)
    else:
        title = t("staff.title_window", lang, shares=shares)

    per_month = hours(setting["expected_hours_per_month"], lang)
    parties = "; ".join(
        t(
            "staff.alt_party" if known[o] else "staff.alt_party_unreported",
            lang,
            name=names[o],
            hours=hours(given[o]["hours"], lang),
            months=int(given[o]["months"]),
            note=notes[o].lower(),
            expected=hours(given[o]["expected_hours"], lang)
            if has_commitment
            else t("staff.no_commitment", lang),
        )
        for o in names
    )
    alt_key = "staff.alt" if has_commitment else "staff.alt_window"
    alt = t(alt_key, lang, share=share, hours=per_month) + " " + parties

    lines = monthly.assign(organisation=monthly["organisation"].map(names))
    columns = {
        "month": t("staff.col_month", lang),
        "organisation": t("staff.col_party", lang),
        "hours": t("staff.col_hours", lang),
        "expected_hours": t("staff.col_expected", lang),
    }
    return Chart(
        key="staff-monthly",
        title=title,
        kind="lines_over_target",
        data=lines,
        options={
            "x": "month",
            "y": "hours",
            "series": "organisation",
            "value_title": columns["hours"],
            "monthly": True,
            "target": float(setting["expected_hours_per_month"]) if has_commitment else None,
            "target_label": t("staff.target_label", lang, share=share, hours=per_month),
        },
        alt=alt,
        # Months as `2024-03`, the Swedish standard, in both languages.
        table=lines.assign(month=lines["month"].dt.strftime("%Y-%m"))[list(columns)].rename(
            columns=columns
        ),
    )
