"""Every word the meeting screens, the deck and the printable report show, in Swedish and English,
and numbers written the way each language writes them (`12 500 kr`, `SEK 12,500`).

The words live here as (Swedish, English) pairs rather than in the dashboard's locale files,
because the data package must stand alone: the command line makes the same reports.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.reference import Label

# A no-break space keeps `12 500 kr` and `54 %` on one line in a slide or a printed table.
NBSP = "\u00a0"

TEXTS: dict[str, tuple[str, str]] = {
    # --- shared ---
    "report.name": ("UCCN-uppföljning", "UCCN follow-up"),
    "report.agreement": (
        "Samverkansavtalet om UNESCO Creative Cities Network mellan Region Jämtland Härjedalen och Östersunds kommun",
        "The UNESCO Creative Cities Network cooperation agreement between Region Jämtland Härjedalen and Östersund Municipality",
    ),
    "report.city": (
        "Östersund – UNESCO:s gastronomistad sedan 2010",
        "Östersund – UNESCO City of Gastronomy since 2010",
    ),
    "report.scope_period": ("Avtalsperioden {period}", "The agreement period {period}"),
    "report.scope_year": (
        "{year} i avtalsperioden {period}",
        "{year} in the agreement period {period}",
    ),
    "report.date": ("Rapportdatum {date}", "Report date {date}"),
    "report.example_period": (
        "Perioden {period} är ett exempel på en förnyad avtalsperiod.",
        "The period {period} is an example of a renewed agreement period.",
    ),
    "report.demo": (
        "Demodata: siffrorna är påhittade och visar hur verktyget fungerar. De är inte uppföljning av det verkliga arbetet.",
        "Demo data: the figures are made up to show how the tool works. They are not a follow-up of the real work.",
    ),
    "report.no_data": (
        "Det finns inga data ännu. Siffrorna visas här när en samordnare har importerat filer.",
        "There is no data yet. The figures show here once a coordinator has imported files.",
    ),
    "report.no_data_screen": ("Inga data ännu för urvalet.", "No data yet for the selection."),
    "report.chart_data": ("Siffrorna bakom diagrammet", "The numbers behind the chart"),
    "report.details": ("Aktiviteterna", "The activities"),
    "report.key_figures": ("Nyckeltal", "Key figures"),
    "report.contents": ("Innehåll", "Contents"),
    "status.on_track": ("i fas", "on track"),
    "status.at_risk": ("risk", "at risk"),
    "status.behind": ("efter", "behind"),
    "status.no_value": ("inget värde ännu", "no value yet"),
    "status.not_yet": ("inget väntat ännu", "nothing expected yet"),
    "municipality.other": ("Utanför länet", "Outside the county"),
    "municipality.unknown": ("Okänd", "Unknown"),
    # --- column headings ---
    "col.kpi": ("Nyckeltal", "Key figure"),
    "col.value": ("Värde", "Value"),
    "col.target": ("Mål", "Target"),
    "col.expected": ("Väntat hittills", "Expected by now"),
    "col.status": ("Läge", "Progress"),
    "col.reached": ("Uppnått av väntat (%)", "Reached of expected (%)"),
    "col.activity_status": ("Status", "Status"),
    "col.activities": ("Aktiviteter", "Activities"),
    "col.municipality": ("Kommun", "Municipality"),
    "col.smes": ("Företag", "Companies"),
    "col.year": ("År", "Year"),
    "col.exchanges": ("Utbyten", "Exchanges"),
    "col.participants": ("Deltagare", "Participants"),
    "col.ostersund": ("Östersunds kommun (kr)", "Östersund Municipality (SEK)"),
    "col.commitment": ("Åtagande (kr)", "Commitment (SEK)"),
    "col.external": ("Extern finansiering (kr)", "External funding (SEK)"),
    "col.leverage": (
        "Växling (externa kr per kommunal krona)",
        "Leverage (external SEK per municipal krona)",
    ),
    "col.target_code": ("Delmål", "Target"),
    "col.target_text": ("Delmålets text", "Target text"),
    "col.what": ("Vad", "What"),
    "col.count": ("Antal", "Number"),
    "col.activity": ("Aktivitet", "Activity"),
    "col.area": ("Ramaktivitet", "Framework activity"),
    "col.date": ("Datum", "Date"),
    # --- headline ---
    "headline.name": ("Nyckeltalen", "The key figures"),
    "headline.title": (
        "{on_track} av {with_target} nyckeltal med mål är i fas",
        "{on_track} of {with_target} key figures with a target are on track",
    ),
    "headline.subtitle": (
        "{scope}: värde, mål och läge mot det som väntas hittills.",
        "{scope}: value, target and progress against what is expected by now.",
    ),
    "headline.subtitle_window": (
        "{scope}: nyckeltalens värden, utan mål och läge.",
        "{scope}: the key figures' values, without targets or progress.",
    ),
    "headline.figure": ("{value} (mål {target}, {status})", "{value} (target {target}, {status})"),
    "headline.series": (
        "Uppnått av det som väntas hittills (%)",
        "Reached of what is expected by now (%)",
    ),
    "headline.alt": (
        "Stapeldiagram över hur stor del av det som väntas hittills varje nyckeltal med mål har nått, i procent; 100 betyder i fas:",
        "Bar chart of how much of what is expected by now each key figure with a target has reached, in per cent; 100 means on track:",
    ),
    # --- framework activities ---
    "area.title": (
        "{area}: {completed} av {total} aktiviteter genomförda",
        "{area}: {completed} of {total} activities completed",
    ),
    "area.title_empty": ("{area}: inga aktiviteter ännu", "{area}: no activities yet"),
    "area.subtitle": ("{purpose} {scope}.", "{purpose} {scope}."),
    "area.purpose.information_marketing": (
        "Information och marknadsföring av nätverkets möjligheter till regionens näringsliv, organisationer och invånare.",
        "Information and marketing of the network's opportunities to the region's businesses, organisations and citizens.",
    ),
    "area.purpose.competence_development": (
        "Kompetensutveckling: regionala, nationella och internationella utbyten om mat, kultur, turism och hållbar utveckling, med fokus på små och medelstora företag.",
        "Competence development: regional, national and international exchanges on food, culture, tourism and sustainable development, with a focus on SMEs.",
    ),
    "area.purpose.strategic_development": (
        "Strategisk utveckling: samordning av gemensamma projekt och initiativ mellan UCCN-medlemmar och organisationer i Östersund och Jämtland Härjedalen.",
        "Strategic development: coordinating joint projects and initiatives between UCCN members and organisations in Östersund and Jämtland Härjedalen.",
    ),
    "area.alt": (
        "Stapeldiagram över antalet aktiviteter per status i {area}, inställda medräknade:",
        "Bar chart of the number of activities per status in {area}, cancelled ones included:",
    ),
    "fig.activities": ("Aktiviteter", "Activities"),
    "fig.completed": ("Genomförda", "Completed"),
    "fig.participants": ("Deltagare", "Participants"),
    "fig.sdg11_share": ("Andel kopplade till mål 11", "Share linked to SDG 11"),
    "fig.smes": ("Företag som nåtts", "SMEs reached"),
    # --- SMEs ---
    "smes.name": ("Företag och regional räckvidd", "SMEs and regional reach"),
    "smes.title": (
        "{share} av de listade företagen finns utanför Östersund ({outside} av {total})",
        "{share} of the listed companies are based outside Östersund ({outside} of {total})",
    ),
    "smes.title_counted": (
        "{total} företag har nåtts; inget av dem är listat med namn",
        "{total} companies reached; none of them is listed by name",
    ),
    "smes.title_empty": ("Inga företag har nåtts ännu", "No companies have been reached yet"),
    "smes.subtitle": (
        "Små och medelstora företag i de kulturella och kreativa näringarna som deltagit i aktiviteterna, och var i länet de finns. {scope}.",
        "Small and medium-sized enterprises in the cultural and creative sector that took part in the activities, and where in the county they are based. {scope}.",
    ),
    "smes.alt": (
        "Stapeldiagram över antalet olika företag per kommun där företaget finns:",
        "Bar chart of the number of different companies per municipality where the company is based:",
    ),
    # --- exchanges ---
    "exchanges.name": ("Internationella utbyten", "International exchanges"),
    "exchanges.title": (
        "{share} av utbytena var med UCCN-städer – {cities} partnerstäder i {countries} länder",
        "{share} of the exchanges were with UCCN cities – {cities} partner cities in {countries} countries",
    ),
    "exchanges.title_empty": ("Inga utbyten ännu", "No exchanges yet"),
    "exchanges.title_no_share": (
        "{n} utbyten med {cities} partnerstäder i {countries} länder",
        "{n} exchanges with {cities} partner cities in {countries} countries",
    ),
    "exchanges.subtitle": (
        "Utresande, inkommande och digitala utbyten med partnerstäder, inom och utanför UNESCO Creative Cities Network. {scope}.",
        "Outbound, inbound and digital exchanges with partner cities, within and outside the UNESCO Creative Cities Network. {scope}.",
    ),
    "exchanges.alt": (
        "Stapeldiagram över antalet utbyten per år:",
        "Bar chart of the number of exchanges per year:",
    ),
    # --- budget ---
    "budget.name": ("Ekonomi och växling", "Budget and leverage"),
    "budget.title": (
        "Östersunds kommun har använt {share} av sina {commitment}; varje krona har växlats upp till {ratio} kr extern finansiering",
        "Östersund Municipality has used {share} of its {commitment}; each krona brought in SEK {ratio} of external funding",
    ),
    "budget.title_no_leverage": (
        "Östersunds kommun har använt {share} av sina {commitment}",
        "Östersund Municipality has used {share} of its {commitment}",
    ),
    "budget.title_empty": ("Inga kostnader registrerade ännu", "No spending recorded yet"),
    "budget.subtitle": (
        "Östersunds kommuns 100 000 kr per år mot åtagandet, och hur mycket extern finansiering pengarna växlats upp till. {scope}.",
        "Östersund Municipality's 100,000 SEK a year against the commitment, and how much external funding the money was multiplied into. {scope}.",
    ),
    "budget.share": ("Andel av åtagandet", "Share of the commitment"),
    "budget.alt": (
        "Stapeldiagram per år över Östersunds kommuns använda medel, åtagandet och extern finansiering:",
        "Bar chart per year of Östersund Municipality's money used, the commitment and external funding:",
    ),
    # --- SDG 11 ---
    "sdg11.name": ("Agenda 2030: mål 11", "Agenda 2030: SDG 11"),
    "sdg11.title": (
        "Aktiviteterna berör {covered} av 10 delmål; {share} av dem är kopplade till mål 11",
        "The activities serve {covered} of 10 targets; {share} of them are linked to SDG 11",
    ),
    "sdg11.title_empty": (
        "Inga aktiviteter kopplade till mål 11 ännu",
        "No activities linked to SDG 11 yet",
    ),
    "sdg11.subtitle": (
        "Hållbara städer och samhällen, som avtalet och Östersunddeklarationen (2016) lyfter särskilt. {scope}.",
        "Sustainable cities and communities, which the agreement and the Östersund Declaration (2016) single out. {scope}.",
    ),
    "sdg11.aligned": ("Aktiviteter kopplade till mål 11", "Activities linked to SDG 11"),
    "sdg11.alt": (
        "Stapeldiagram över antalet aktiviteter per delmål 11.1–11.c; en aktivitet kan beröra flera:",
        "Bar chart of the number of activities per target 11.1–11.c; one activity can serve several:",
    ),
    # --- since the last meeting ---
    "since.name": ("Sedan förra mötet", "Since the last meeting"),
    "since.title": (
        "Sedan {since}: {added} nya aktiviteter, {completed} genomförda, {exchanges} utbyten",
        "Since {since}: {added} new activities, {completed} completed, {exchanges} exchanges",
    ),
    "since.title_empty": ("Inget nytt sedan {since}", "Nothing new since {since}"),
    "since.subtitle": (
        "Sedan förra mötet: från {since} till {until}, oavsett vald avtalsperiod.",
        "Since the last meeting: from {since} to {until}, whichever agreement period is chosen.",
    ),
    "since.added": ("Nya aktiviteter", "New activities"),
    "since.started": ("Startade aktiviteter", "Activities started"),
    "since.completed": ("Genomförda aktiviteter", "Activities completed"),
    "since.exchanges": ("Utbyten", "Exchanges"),
    "since.ostersund": ("Använt av Östersunds kommun", "Spent by Östersund Municipality"),
    "since.region": ("Använt av Regionen", "Spent by the Region"),
    "since.external": ("Extern finansiering", "External funding"),
    "since.change.added": ("registrerad", "registered"),
    "since.change.started": ("startad", "started"),
    "since.change.completed": ("genomförd", "completed"),
    "since.alt": (
        "Stapeldiagram över vad som hänt sedan förra mötet:",
        "Bar chart of what has happened since the last meeting:",
    ),
    # --- (v2) reporting windows, unknown and approximate figures, completeness ---
    "report.scope_window": ("Rapporteringsfönstret {period}", "The reporting window {period}"),
    "report.scope_window_year": (
        "{year} i rapporteringsfönstret {period}",
        "{year} in the reporting window {period}",
    ),
    "report.window": (
        "{period} är ett rapporteringsfönster, inte en avtalsperiod: det har inga åtaganden, så siffrorna visas utan mål och utan läge.",
        "{period} is a reporting window, not an agreement period: it has no commitments, so the figures are shown without targets and without progress.",
    ),
    "report.reading": ("Att läsa siffrorna", "Reading the figures"),
    "report.unknown": (
        "”inga uppgifter” betyder att inget har rapporterats: siffran är okänd, inte noll, och får inget läge.",
        "“not reported” means nothing has been reported: the figure is unknown, not zero, and gets no progress status.",
    ),
    "report.approximate": (
        "”ca”, ”>” och ”minst” står vid antal som rapporterats ungefärligt; en summa som innehåller sådana är också ungefärlig (”ca”).",
        "“about”, “>” and “at least” mark counts reported approximately; a sum that includes them is approximate too (“about”).",
    ),
    "report.no_chart_window": (
        "Inget diagram: ett rapporteringsfönster har inga mål att mäta läget mot.",
        "No chart: a reporting window has no targets to measure progress against.",
    ),
    "complete.money": (
        "Kostnader rapporterade för {reported} av {years} år hittills.",
        "Spending reported for {reported} of {years} years so far.",
    ),
    "complete.money_unknown": (
        "Kostnadsposter med okänt belopp, där bara finansiären är känd: {n}. De ingår inte i summorna.",
        "Spending items with an unknown amount, where only the funder is known: {n}. They are not in the sums.",
    ),
    "complete.money_spread": (
        "Poster som gäller flera månader: {n}. De är fördelade jämnt över sina månader när de visas per år.",
        "Items that cover several months: {n}. They are spread evenly over their months when shown per year.",
    ),
    "complete.budget": (
        "Budgetar, {budget} för urvalet, visas bredvid utfallet och räknas aldrig in i det.",
        "Budgets, {budget} for the selection, are shown beside the money spent and never added to it.",
    ),
    "complete.staff": (
        "Arbetstid rapporterad hittills: {parts}.",
        "Staff time reported so far: {parts}.",
    ),
    "complete.staff_part": (
        "{party} {reported} av {months} månader",
        "{party} {reported} of {months} months",
    ),
    "complete.participants": (
        "Deltagarantal rapporterat för {known} av {total} aktiviteter.",
        "Participant numbers reported for {known} of {total} activities.",
    ),
    "area.several": (
        "Aktiviteter som också hör till en annan ramaktivitet: {n}. De räknas i var och en, så ramaktiviteterna blir tillsammans fler än aktiviteterna.",
        "Activities that also belong to another framework activity: {n}. They count in each, so together the framework activities add up to more than the activities.",
    ),
    "area.led_by_others": (
        "Aktiviteter som leds av en annan organisation, med parterna som medarrangör, partner, finansiär eller deltagare: {n}.",
        "Activities led by another organisation, with the parties as co-organiser, partner, funder or participant: {n}.",
    ),
    "headline.title_window": (
        "Nyckeltalen för {period}, utan mål och läge",
        "The key figures for {period}, without targets or progress",
    ),
    "headline.several": (
        "Varje aktivitet räknas en gång här, även när den hör till flera ramaktiviteter (det gör {n}).",
        "Each activity counts once here, even when it belongs to several framework activities ({n} of them do).",
    ),
    "smes.counted": (
        "Diagrammet visar företagen som är listade med namn ({listed}). Företag som bara är räknade i aktiviteterna finns inte med i diagrammet: {counted}.",
        "The chart shows the companies listed by name ({listed}). Companies only counted in the activities are not in the chart: {counted}.",
    ),
    "exchanges.unknown": (
        "Andelen med UCCN-städer räknas bland utbyten med städer vars medlemskap är känt. Utbyten där det är okänt (staden finns inte i UNESCO:s lista): {n}.",
        "The share with UCCN cities is taken among exchanges with cities whose membership is known. Exchanges where it is unknown (the city is not in UNESCO's list): {n}.",
    ),
    "exchanges.networks": (
        "Nätverksmöten ({network}) och utbyten med regioner eller organisationer ({other}) räknas som utbyten men inte som partnerstäder.",
        "Network meetings ({network}) and exchanges with regions or organisations ({other}) count as exchanges but not as partner cities.",
    ),
    "budget.title_window": (
        "Östersunds kommun har använt {used}; varje krona har växlats upp till {ratio} kr extern finansiering",
        "Östersund Municipality has used {used}; each krona brought in SEK {ratio} of external funding",
    ),
    "budget.title_window_no_leverage": (
        "Östersunds kommun har använt {used}",
        "Östersund Municipality has used {used}",
    ),
    "budget.subtitle_window": (
        "Östersunds kommuns, Regionens och externa medel, med budgetarna bredvid. {scope}.",
        "Östersund Municipality's, the Region's and external money, with the budgets beside it. {scope}.",
    ),
    "budget.alt_v2": (
        "Stapeldiagram per år över använda medel och budgetar (budgetarna räknas inte in i utfallet):",
        "Bar chart per year of the money used and the budgets (budgets are not added to the money used):",
    ),
    "fig.budget": ("Budgeterat (räknas inte in)", "Budgeted (not added)"),
    "col.budget": ("Budget (kr)", "Budget (SEK)"),
    "col.when": ("När", "When"),
    "col.also_in": ("Även i", "Also in"),
    "col.lead": ("Leds av", "Led by"),
    "col.kind": ("Slag", "Kind"),
    "col.title": ("Titel", "Title"),
    "col.partner": ("Partner", "Partner"),
    "col.link": ("Länk", "Link"),
    # --- (v2) outcomes ---
    "outcomes.name": ("Resultat", "Outcomes"),
    "outcomes.title": (
        "{n} resultat av arbetet utöver aktiviteterna",
        "{n} outcomes of the work beyond the activities",
    ),
    "outcomes.title_empty": ("Inga resultat registrerade ännu", "No outcomes registered yet"),
    "outcomes.subtitle": (
        "Utmärkelser, avtal, publikationer, antagna strategier, uppdrag i nätverket och uppmärksamhet i media som arbetet lett till. {scope}.",
        "Awards, agreements, publications, strategies adopted, roles in the network and media coverage the work led to. {scope}.",
    ),
    "outcomes.total": ("Resultat totalt", "Outcomes in all"),
    "outcomes.alt": (
        "Stapeldiagram över antalet resultat per slag:",
        "Bar chart of the number of outcomes per kind:",
    ),
    "outcomes.undated": ("utan datum", "undated"),
    "outcomes.undated_note": (
        "Resultat utan datum ({n}) visas i varje period.",
        "Outcomes without a date ({n}) are shown in every period.",
    ),
    "outcomes.more": ("… och {n} till", "… and {n} more"),
    # --- sources ---
    "sources.title": ("Källor", "Sources"),
    "sources.kpis": (
        "Alla siffror är beräknade ur datalagret med nyckeltalsfunktionerna i uccn_data, samma som instrumentpanelen använder.",
        "Every figure is computed from the data store by the key figure functions in uccn_data, the same as the dashboard uses.",
    ),
    "sources.tables": ("Tabeller i datalagret", "Tables in the data store"),
    "sources.table_line": (
        "{table}: {rows} rader, senast importerad {when}",
        "{table}: {rows} rows, last imported {when}",
    ),
    "sources.never": ("aldrig", "never"),
    "sources.uccn": ("UCCN:s medlemsstäder: {source}", "UCCN member cities: {source}"),
    "sources.last_import": ("Senaste import: {when}", "Last import: {when}"),
    "sources.reference": ("Referensdata", "Reference data"),
    "sources.reference_lines": (
        "Samverkansavtalet 2021–2024 mellan Region Jämtland Härjedalen och Östersunds kommun|"
        "Länets åtta kommuner med SCB:s kommunkoder|"
        "FN:s Agenda 2030, mål 11 och delmålen 11.1–11.c|"
        "UNESCO Creative Cities Network: medlemsstäder i alla sju kreativa områden",
        "The cooperation agreement 2021–2024 between Region Jämtland Härjedalen and Östersund Municipality|"
        "The county's eight municipalities with Statistics Sweden's codes|"
        "UN Agenda 2030, goal 11 and the targets 11.1–11.c|"
        "UNESCO Creative Cities Network: member cities in all seven creative fields",
    ),
}


def t(key: str, lang: str, **params: Any) -> str:
    """The text for `key` in the language, placeholders filled in."""
    sv, en = TEXTS[key]
    return (en if lang == "en" else sv).format(**params)


def label(labels: dict[str, Label], key: str, lang: str) -> str:
    """An enum key as its word; a key the reference does not know is shown as it is."""
    found = labels.get(key)
    return found(lang) if found else str(key)


def _missing(value: Any) -> bool:
    """None, NaN and NaT (not equal to themselves), and pandas' NA (neither equal nor not)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


# (v2) Unknown is not zero: a figure computed from nothing says so, in words.
NOT_REPORTED = ("inga uppgifter", "not reported")


def not_reported(lang: str) -> str:
    """`inga uppgifter` / `not reported`: what a page shows for an unknown figure."""
    return NOT_REPORTED[lang == "en"]


def number(value: Any, lang: str, decimals: int = 0) -> str:
    """12500 -> `12 500` (sv) or `12,500` (en); missing -> `inga uppgifter` (not reported)."""
    if _missing(value):
        return not_reported(lang)
    text = f"{float(value):,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def money(value: Any, lang: str) -> str:
    """`12 500 kr` (sv) or `SEK 12,500` (en), whole kronor."""
    if _missing(value):
        return not_reported(lang)
    return f"{number(value, lang)}{NBSP}kr" if lang != "en" else f"SEK{NBSP}{number(value, lang)}"


def percent(value: Any, lang: str, decimals: int = 0) -> str:
    """A share 0.54 -> `54 %` (sv) or `54%` (en)."""
    if _missing(value):
        return not_reported(lang)
    return f"{number(float(value) * 100, lang, decimals)}{NBSP if lang != 'en' else ''}%"


def ratio(value: Any, lang: str) -> str:
    return number(value, lang, decimals=2)


def figure(key: str, value: Any, lang: str) -> str:
    """A key figure written by its unit: money, share, ratio or count."""
    return by_unit(KPI_DEFINITIONS[key].unit, value, lang)


def by_unit(unit: str, value: Any, lang: str) -> str:
    """A number written by its unit (values straight from a frame: NaN and None are missing)."""
    if unit == "sek":
        return money(value, lang)
    if unit == "share":
        return percent(value, lang)
    if unit == "ratio":
        return ratio(value, lang)
    if unit == "points":  # a share already multiplied by 100 (a chart of per cent)
        return percent(None if _missing(value) else float(value) / 100, lang)
    return number(value, lang)


# (v2) How an approximate count reads: `ca 250`, `> 250`, `minst 20`.
APPROXIMATE = {
    "about": ("ca {n}", "about {n}"),
    "over": ("> {n}", "> {n}"),
    "at_least": ("minst {n}", "at least {n}"),
}


def count(value: Any, approx: str | None, lang: str) -> str:
    """A count as it was reported: `250`, `ca 250`, `> 3 000`, `minst 20`; unknown in words."""
    if _missing(value):
        return not_reported(lang)
    text = number(value, lang)
    if isinstance(approx, str) and approx in APPROXIMATE:
        return APPROXIMATE[approx][lang == "en"].format(n=text)
    return text


def total(value: Any, approximate_parts: Any, lang: str) -> str:
    """A sum that includes approximate counts says so: `ca 262` / `about 262`."""
    if _missing(value):
        return not_reported(lang)
    has_approx = not _missing(approximate_parts) and int(approximate_parts) > 0
    return count(value, "about" if has_approx else None, lang)


_MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def written_date(value: Any, precision: str | None, lang: str) -> str:
    """A date with precision as it was written: `2018`, `maj 2018` / `May 2018`, or a day.
    Never an invented day for a month or a year (DATA_CONTRACT v2)."""
    if value is None or _missing(value):
        return not_reported(lang)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{_MONTHS['en' if lang == 'en' else 'sv'][value.month - 1]} {value.year}"
    return day(value, lang)


def written_span(
    start: Any, start_precision: str | None, end: Any, end_precision: str | None, lang: str
) -> str:
    """`maj 2018–2019`, `2023-06-10–2023-06-12`, or the start alone when there is no end."""
    first = written_date(start, start_precision, lang)
    if end is None or _missing(end):
        return first
    last = written_date(end, end_precision, lang)
    return first if last == first else f"{first}–{last}"


# The one time-zone rule for pages and outputs alike: the store logs in UTC, readers think in
# Swedish time, summer and winter.
LOCAL_TIME = ZoneInfo("Europe/Stockholm")


def local_time(moment: datetime) -> datetime:
    """A logged moment in Swedish time; a moment without a zone is UTC (as the store logs)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LOCAL_TIME)


def stockholm_time(moment: datetime) -> str:
    """`2024-03-05 14:07`, in Swedish time (Europe/Stockholm)."""
    return f"{local_time(moment):%Y-%m-%d %H:%M}"


def day(value: date | datetime | Any, lang: str) -> str:
    """ISO dates (`2024-03-05`), the Swedish standard; English readers get `5 Mar 2024`."""
    if value is None or _missing(value):
        return not_reported(lang)
    if lang == "en":
        return f"{value.day} {value.strftime('%b %Y')}"
    return value.strftime("%Y-%m-%d")


def moment(value: Any, lang: str) -> str:
    """A timestamp as a day and a time (`2026-11-12 14:05`), or `never`-like dash."""
    if value is None or _missing(value):
        return t("sources.never", lang)
    return f"{day(value, lang)} {value:%H:%M}"
