"""What each key figure (nyckeltal) means, in Swedish and English.

The keys are the vocabulary of the `targets` table and of `kpis.py`; the texts are shown on
the About page and in reports, so leadership and the UNESCO report read the same definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from uccn_data.reference import Label

Unit = Literal["count", "share", "sek", "ratio", "hours"]


@dataclass(frozen=True)
class KpiDefinition:
    """A key figure: its name, how it is computed, its unit and which way is good."""

    key: str
    name: Label
    definition: Label
    unit: Unit
    higher_is_better: bool = True

    @property
    def over_years(self) -> Literal["sum", "max", "mean"]:
        """How yearly targets combine over a period. Counts of events and money add up;
        counts of distinct things (companies, cities) do not, so a period's target is the
        highest yearly one; shares and ratios are averaged."""
        if self.key in DISTINCT_COUNTS:
            return "max"
        return "sum" if self.unit in ("count", "sek") else "mean"


DISTINCT_COUNTS = frozenset(
    {"smes_reached", "smes_repeat", "partner_cities", "partner_countries", "sdg11_targets_covered"}
)


def _kpi(key: str, sv: str, en: str, def_sv: str, def_en: str, unit: Unit) -> KpiDefinition:
    return KpiDefinition(key, Label(sv, en), Label(def_sv, def_en), unit)


KPI_DEFINITIONS: dict[str, KpiDefinition] = {
    k.key: k
    for k in (
        _kpi(
            "activities", "Aktiviteter", "Activities",
            "Antal aktiviteter som pågår någon gång under perioden, utom inställda; en aktivitet räknas en gång även om den nämner flera ramaktiviteter.",
            "Number of activities that run at some time in the period, cancelled ones excluded; an activity counts once even when it names several framework areas.",
            "count",
        ),
        _kpi(
            "activities_completed", "Genomförda aktiviteter", "Completed activities",
            "Antal aktiviteter med status genomförd som pågår någon gång under perioden.",
            "Number of activities with status completed that run at some time in the period.",
            "count",
        ),
        _kpi(
            "smes_reached", "Företag som nåtts", "SMEs reached",
            "Antal olika företag (organisationsnummer) som deltagit i periodens aktiviteter.",
            "Number of distinct companies (organisation numbers) taking part in the "
            "period's activities.",
            "count",
        ),
        _kpi(
            "smes_outside_ostersund_share", "Andel företag utanför Östersund",
            "Share of SMEs outside Östersund",
            "Andel av företagen som nåtts med säte i någon av de sju andra kommunerna i länet "
            "eller utanför länet, bland dem vars kommun är känd (den vid deras senaste aktivitet).",
            "Share of the SMEs reached that are based in one of the seven other municipalities "
            "of the county or outside it, among those whose municipality is known (as at their "
            "latest activity).",
            "share",
        ),
        _kpi(
            "smes_repeat", "Företag som deltagit flera gånger", "SMEs reached more than once",
            "Antal företag som deltagit i mer än en aktivitet under perioden.",
            "Number of companies taking part in more than one activity in the period.",
            "count",
        ),
        _kpi(
            "exchanges", "Utbyten", "Exchanges",
            "Antal utbyten (utresande, inkommande och digitala) under perioden.",
            "Number of exchanges (outbound, inbound and digital) in the period.",
            "count",
        ),
        _kpi(
            "exchange_participants", "Deltagare i utbyten", "Exchange participants",
            "Summa deltagare i periodens utbyten.",
            "Total participants in the period's exchanges.",
            "count",
        ),
        _kpi(
            "partner_cities", "Partnerstäder", "Partner cities",
            "Antal olika partnerstäder i periodens utbyten.",
            "Number of distinct partner cities in the period's exchanges.",
            "count",
        ),
        _kpi(
            "partner_countries", "Partnerländer", "Partner countries",
            "Antal olika länder i periodens utbyten.",
            "Number of distinct countries in the period's exchanges.",
            "count",
        ),
        _kpi(
            "uccn_exchange_share", "Andel utbyten med UCCN-städer", "Share of exchanges with UCCN cities",
            "Andel av utbytena där partnerstaden är medlem i UCCN.",
            "Share of the exchanges whose partner city is a UCCN member.",
            "share",
        ),
        _kpi(
            "ostersund_spending_sek", "Östersunds kommuns medel använda",
            "Östersund Municipality's money used",
            "Summa kostnader finansierade av Östersunds kommun; åtagandet är 100 000 kr per år.",
            "Total spending funded by Östersund Municipality; the commitment is 100,000 SEK a year.",
            "sek",
        ),
        _kpi(
            "external_funding_sek", "Extern finansiering", "External funding",
            "Summa kostnader finansierade av externa finansiärer (t.ex. EU-program, "
            "Tillväxtverket).",
            "Total spending funded by external funders (e.g. EU programmes, Tillväxtverket).",
            "sek",
        ),
        _kpi(
            "leverage_ratio", "Växling", "Leverage ratio",
            "Extern finansiering delad med Östersunds kommuns medel: hur många kronor utifrån "
            "varje kommunal krona växlats upp till.",
            "External funding divided by Östersund Municipality's money: how many kronor from "
            "outside each municipal krona was multiplied into.",
            "ratio",
        ),
        _kpi(
            "staff_share_ostersund", "Arbetstid Östersunds kommun", "Staff time Östersund",
            "Rapporterade timmar som andel av en heltid (inställning, standard 1 700 h per år); "
            "åtagandet är 30 %.",
            "Reported hours as a share of one full-time year (a setting, default 1,700 h); "
            "the commitment is 30 %.",
            "share",
        ),
        _kpi(
            "staff_share_region", "Arbetstid Regionen", "Staff time Region",
            "Rapporterade timmar som andel av en heltid (inställning, standard 1 700 h per år); "
            "åtagandet är 30 %.",
            "Reported hours as a share of one full-time year (a setting, default 1,700 h); "
            "the commitment is 30 %.",
            "share",
        ),
        _kpi(
            "sdg11_aligned_share", "Andel aktiviteter kopplade till mål 11",
            "Share of activities aligned with SDG 11",
            "Andel av periodens aktiviteter (utom inställda) som anger minst ett delmål under "
            "Agenda 2030 mål 11.",
            "Share of the period's activities (cancelled excluded) naming at least one target "
            "under Agenda 2030 goal 11.",
            "share",
        ),
        _kpi(
            "sdg11_targets_covered", "Delmål i mål 11 som berörs", "SDG 11 targets covered",
            "Antal av de tio delmålen 11.1–11.c som minst en aktivitet anger.",
            "Number of the ten targets 11.1–11.c named by at least one activity.",
            "count",
        ),
        _kpi(
            "team_sweden_activities", "Aktiviteter med Team Sweden", "Activities with Team Sweden",
            "Antal aktiviteter där Team Sweden anges som partner.",
            "Number of activities naming Team Sweden as a partner.",
            "count",
        ),
        _kpi(
            "unesco_council_followups", "Uppföljningar med Svenska Unescorådet",
            "Follow-ups with the Swedish National Commission for UNESCO",
            "Antal aktiviteter där Svenska Unescorådet anges som partner.",
            "Number of activities naming Svenska Unescorådet as a partner.",
            "count",
        ),
    )
}  # fmt: skip
