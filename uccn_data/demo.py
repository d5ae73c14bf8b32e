"""Build a repeatable, plausible demo store for 2021–2026 by importing generated Excel-style files.

The record is written as the real one is (data contract version 2): activities in several
framework areas and themes, led by other organisations, for the whole county or abroad, dated
"2022-05" or "2023", with "ca 250" participants and visitors at open events; multi-day meetings
with several partner cities or a whole network; money in EUR, in budgets over several years, in
"tkr" and "MSEK", or known only by its funder; and the outcomes (roles, agreements, strategies,
media, awards) the work led to. A few projects began before the period; a few are planned.

The rows are written as the CSV a Swedish coordinator's Excel would save and then go through the
same reader, checks and upsert as a real upload, so a demo that builds is also a proof that the
import pipeline accepts what coordinators make. Everything random comes from one seeded
`random.Random`; nothing reads the clock, so the same seed always gives the same store.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from uccn_data import reference as ref
from uccn_data.countries import country_code, country_name
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.problems import ReaderError, StoreError
from uccn_data.reader import read_file
from uccn_data.store import Store
from uccn_data.tables import TABLES, Table
from uccn_data.validation import check

# The demo pretends to be looked at in November 2026: a fixed "today" keeps it repeatable and
# lets 2026 hold done, running and planned work. Nothing is reported for a month not yet over.
AS_OF = date(2026, 11, 12)
YEARS = range(2021, 2027)
LAST_STAFF_MONTH = date(2026, 10, 1)
# Activities must exist before the rows that point at them are checked.
IMPORT_ORDER = (
    "activities", "sme_participation", "exchanges", "spending", "staff_time", "targets",
    "outcomes", "comments",
)  # fmt: skip

Row = dict[str, str | None]

# --- vocabulary --------------------------------------------------------------------------

# Villages and towns per municipality (SCB code), so that titles and company names fit the map.
LOCALITIES: dict[str, tuple[str, ...]] = {
    "2380": ("Östersund", "Frösön", "Brunflo", "Lit", "Orrviken", "Häggenås"),
    "2309": ("Krokom", "Föllinge", "Offerdal", "Nälden", "Ås", "Rödön", "Aspås"),
    "2321": ("Åre", "Duved", "Järpen", "Undersåker", "Mörsil", "Hallen", "Kall"),
    "2326": ("Oviken", "Myrviken", "Svenstavik", "Klövsjö", "Hackås", "Rätan"),
    "2361": ("Sveg", "Funäsdalen", "Vemdalen", "Lofsdalen", "Tännäs", "Hede"),
    "2313": ("Strömsund", "Hammerdal", "Gäddede", "Backe", "Hoting"),
    "2303": ("Hammarstrand", "Stugun", "Bispgården"),
    "2305": ("Bräcke", "Kälarne", "Gällö", "Pilgrimstad"),
    ref.OTHER_MUNICIPALITY: ("Sundsvall", "Umeå", "Stockholm", "Härnösand"),
}
ISLANDS = frozenset({"Frösön", "Rödön"})
# Östersund is where most of the work happens; every other municipality still appears.
ACTIVITY_MUNICIPALITY_WEIGHTS = {
    "2380": 46, "2321": 12, "2309": 10, "2361": 8, "2326": 7, "2313": 6, "2305": 5, "2303": 5,
}  # fmt: skip
COMPANY_MUNICIPALITY_WEIGHTS = {
    "2380": 47, "2321": 10, "2309": 10, "2361": 7, "2326": 7, "2313": 5, "2305": 4, "2303": 4,
    ref.OTHER_MUNICIPALITY: 5,
}  # fmt: skip

SDG11_WEIGHTS = {
    "11.4": 30, "11.a": 20, "11.3": 18, "11.6": 8, "11.b": 6, "11.7": 6, "11.c": 4, "11.2": 4,
    "11.1": 2, "11.5": 2,
}  # fmt: skip

# Nordic and European cities are cheaper to reach and so are met more often.
CITY_WEIGHTS = {
    "Bergen": 10, "Parma": 4, "Dénia": 3, "Burgos": 3, "Alba": 3, "Bergamo": 3, "Fribourg": 3,
    "Herakleion": 2, "Gaziantep": 2, "Tsuruoka": 2, "Jeonju": 2, "Chengdu": 2, "Tucson": 2,
    "San Antonio": 2,
}  # fmt: skip
# Partners that are not UCCN members, so the UCCN share of exchanges is not trivially 100 %.
OTHER_PARTNER_CITIES = (("Trondheim", "NO"), ("Umeå", "SE"), ("Rovaniemi", "FI"), ("Tromsø", "NO"))

TOPICS = (
    "ost och mejerihantverk", "vilt och jakttradition", "bröd och spannmål",
    "bär och skogens skafferi", "matturism", "hållbar matproduktion", "fermentering och matarv",
)  # fmt: skip
# What a study trip to a city is usually about; elsewhere a general topic is drawn.
CITY_TOPICS = {
    "Bergen": "fisk och fjällmat", "Parma": "ost och charkuteri", "Alba": "tryffel och vinkultur",
    "Dénia": "fisk och skaldjur", "Tsuruoka": "fermentering och matarv",
    "Fribourg": "ost och mejerihantverk",
}  # fmt: skip
LOCAL_PARTNERS = (
    "Eldrimner", "Jamtli", "Mittuniversitetet", "Almi Mitt", "Hushållningssällskapet Jämtland",
    "LRF Jämtland",
)  # fmt: skip


@dataclass(frozen=True)
class Template:
    """A kind of activity the coordinators run, and how big and long it usually is."""

    title: str
    area: str
    theme: str
    level: str
    kind: str  # meeting, workshop, event, trip, digital, course, project
    partner: str | None  # team_sweden, city or None
    weight: int


_IM, _CD, _SD = "information_marketing", "competence_development", "strategic_development"
_GA, _CU, _TO, _SU = "gastronomy", "culture", "tourism", "sustainable_development"
_RE, _NA, _IN = "regional", "national", "international"

TEMPLATES = (
    Template("Matkluster-frukost: exportmöjligheter i UCCN", _IM, _GA, _RE, "meeting", "team_sweden", 3),
    Template("Digitalt möte med gastronominätverket", _IM, _GA, _IN, "digital", None, 3),
    Template("Informationsträff om UCCN för företag {at_place}", _IM, _GA, _RE, "meeting", None, 4),
    Template("Nyhetsbrev: Östersund som UNESCO City of Gastronomy", _IM, _GA, _RE, "digital", None, 2),
    Template("Matmarknad med UCCN-monter {at_place}", _IM, _GA, _RE, "event", None, 3),
    Template("Gastronomistaden presenteras på nationell matkonferens", _IM, _GA, _NA, "event", None, 2),
    Template("Frukostmöte: exportstöd för kulturella och kreativa näringar", _IM, _CU, _RE, "meeting", "team_sweden", 2),
    Template("Kulturkväll om jämtländskt matarv {at_place}", _IM, _CU, _RE, "event", None, 2),
    Template("Besöksnäringsdag: UCCN som reseanledning", _IM, _TO, _RE, "event", None, 2),
    Template("Filmer om lokala matproducenter för sociala medier", _IM, _GA, _RE, "project", None, 1),
    Template("Gemensam presskonferens med {city} om matturism", _IM, _TO, _IN, "digital", "city", 1),
    Template("Informationsmöte om Agenda 2030 och mål 11 {at_place}", _IM, _SU, _RE, "meeting", None, 2),
    Template("Studieresa till {city} – {topic}", _CD, _GA, _IN, "trip", "city", 4),
    Template("Workshop: hållbar besöksnäring {at_place}", _CD, _TO, _RE, "workshop", None, 3),
    Template("Kurs i förädling av vilt och lokala råvaror", _CD, _GA, _RE, "course", None, 3),
    Template("Kockutbyte med {city}", _CD, _GA, _IN, "trip", "city", 2),
    Template("Webbinarium: matsvinn och cirkulära restaurangkök", _CD, _SU, _NA, "digital", None, 2),
    Template("Mentorprogram för småskaliga livsmedelsföretag", _CD, _GA, _RE, "project", None, 2),
    Template("Seminarium om fäbodbruk och immateriellt kulturarv", _CD, _CU, _NA, "workshop", None, 2),
    Template("Nätverksträff för hantverkare och formgivare {at_place}", _CD, _CU, _RE, "meeting", None, 2),
    Template("Digital masterclass med kockar från {city}", _CD, _GA, _IN, "digital", "city", 3),
    Template("Exportskola för matföretag", _CD, _GA, _NA, "workshop", "team_sweden", 2),
    Template("Utbildning för guider: berätta om lokal matkultur", _CD, _TO, _RE, "course", None, 2),
    Template("Hållbarhetsdiagnos för restauranger {at_place}", _CD, _SU, _RE, "workshop", None, 2),
    Template("Studiebesök hos småskaliga producenter {at_place}", _CD, _GA, _RE, "workshop", None, 3),
    Template("Erfarenhetsutbyte med Sveriges UNESCO-städer", _CD, _CU, _NA, "meeting", None, 1),
    Template("Förstudie: gastronomiskt kunskapscentrum i Östersund", _SD, _GA, _RE, "project", None, 1),
    Template("Gemensamt projekt med {city}: {topic}", _SD, _GA, _IN, "project", "city", 2),
    Template("Sammanställning av gastronominätverkets aktiviteter {year}", _SD, _GA, _IN, "project", None, 1),
    Template("Medverkan i UCCN:s årliga konferens {year}", _SD, _CU, _IN, "trip", None, 1),
    Template("Styrgruppsmöte för samverkansavtalet", _SD, _SU, _RE, "meeting", None, 2),
    Template("Strategi för mat och hållbar stadsutveckling (mål 11)", _SD, _SU, _RE, "project", None, 1),
    Template("Planering av delnätverksmöte för gastronomistäderna", _SD, _GA, _IN, "digital", None, 1),
    Template("Projektansökan: fjällmat över gränsen", _SD, _GA, _IN, "project", None, 1),
    Template("Uppföljning av Östersundsdeklarationen", _SD, _SU, _IN, "meeting", None, 1),
    Template("Samverkan om matturism med destinationerna {at_place}", _SD, _TO, _RE, "meeting", None, 2),
    Template("Kreativa näringar i fjällen: samverkansprojekt", _SD, _CU, _RE, "project", None, 1),
)  # fmt: skip
# The agreement asks for regular follow-up meetings with Svenska Unescorådet: a few every year.
UNESCO_FOLLOW_UP = Template(
    "Uppföljningsmöte med Svenska Unescorådet", _SD, _SU, _NA, "meeting", "unesco", 0
)

# kind -> (fewest, most participants), (shortest, longest duration in days)
KIND_SIZES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "meeting": ((5, 25), (0, 0)),
    "workshop": ((10, 45), (0, 1)),
    "event": ((30, 120), (0, 2)),
    "trip": ((5, 20), (3, 6)),
    "digital": ((8, 60), (0, 0)),
    "course": ((8, 30), (14, 90)),
    "project": ((6, 40), (90, 360)),
}
# Few activities in the July holidays, many in spring and autumn.
MONTH_WEIGHTS = (8, 9, 10, 10, 9, 7, 2, 5, 10, 10, 10, 6)

DESCRIPTIONS = (
    "Fokus på små och medelstora företag i länet.",
    "Program: förmiddag föreläsningar; eftermiddag studiebesök hos producenter.",
    "Del av arbetet med Agenda 2030, mål 11.\nUppföljning sker i styrgruppen.",
    "Dokumentation och deltagarlista finns hos samordnaren.",
    "Genomförs tillsammans med lokala aktörer inom mat, kultur och besöksnäring.",
    "Erfarenheter delas i gastronominätverkets årliga sammanställning.",
)

# --- companies ---------------------------------------------------------------------------

SECTOR_WEIGHTS = {
    "food": 30, "restaurant": 18, "tourism": 18, "crafts": 12, "design": 5, "music": 3,
    "film_media": 3, "visual_arts": 3, "performing_arts": 1, "literature": 1, "architecture": 1,
    "games": 1, "other": 2,
}  # fmt: skip
# sector -> (word, definite form or None); the definite form reads well as "Mejeriet i Oviken".
PRODUCTS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "food": (
        ("Bageri", "Bageriet"), ("Mejeri", "Mejeriet"), ("Rökeri", "Rökeriet"),
        ("Charkuteri", "Charkuteriet"), ("Bryggeri", "Bryggeriet"), ("Kvarn", "Kvarnen"),
        ("Gårdsbutik", "Gårdsbutiken"), ("Destilleri", "Destilleriet"), ("Bröd", None),
        ("Vilt", None), ("Fisk", None), ("Lamm", None), ("Honung", None), ("Must", None),
        ("Getost", None), ("Bär", None), ("Svamp", None),
    ),
    "restaurant": (
        ("Krog", "Krogen"), ("Bistro", "Bistron"), ("Kök", "Köket"), ("Kafé", "Kaféet"),
        ("Värdshus", "Värdshuset"), ("Gästgiveri", "Gästgiveriet"),
    ),
    "tourism": (
        ("Fjällguide", None), ("Äventyr", None), ("Stugby", "Stugbyn"), ("Safari", None),
        ("Upplevelser", None), ("Camping", "Campingen"),
    ),
    "crafts": (
        ("Keramik", None), ("Textil", None), ("Silversmide", None), ("Slöjd", None),
        ("Smedja", "Smedjan"), ("Väveri", "Väveriet"), ("Läder", None),
    ),
    "design": (("Design", None), ("Form", None)),
    "music": (("Musik", None), ("Ljudstudio", "Ljudstudion")),
    "film_media": (("Film", None), ("Foto", None), ("Media", None)),
    "visual_arts": (("Ateljé", "Ateljén"), ("Galleri", "Galleriet"), ("Konst", None)),
    "performing_arts": (("Teater", "Teatern"),),
    "literature": (("Förlag", "Förlaget"),),
    "architecture": (("Arkitekter", None),),
    "games": (("Spelstudio", "Spelstudion"),),
    "other": (("Event", None), ("Kommunikation", None)),
}  # fmt: skip
NAME_PREFIXES = ("Jämt", "Storsjö", "Fjäll", "Frösö", "Skogs", "Myr", "Älv", "Norr", "Fäbod",
                 "Tjärn", "Vidde", "Lav", "Hög", "Sjö", "Ren")  # fmt: skip
FIRST_NAMES = ("Anna", "Karin", "Maria", "Elin", "Sara", "Ingrid", "Lena", "Ida", "Erik",
               "Lars", "Per", "Anders", "Jonas", "Nils", "Olof", "Mikael", "Johan", "Sofia")  # fmt: skip
SURNAMES = ("Persson", "Olsson", "Jonsson", "Eriksson", "Nilsson", "Andersson", "Svensson",
            "Larsson", "Ersson", "Olofsson", "Mattsson", "Hansson", "Berglund", "Sjödin")  # fmt: skip
# Real companies the name patterns could produce; the demo must not put words in their mouths.
REAL_NAMES = frozenset({"Oviken Ost AB", "Åre Chokladfabrik AB", "Jämtlands Bryggeri AB"})

# (name, sector, municipality, legal form): the companies everyone in the network knows.
KNOWN_COMPANIES = (
    ("Jämtbröd AB", "food", "2380", "ab"),
    ("Fjällmejeriet i Oviken AB", "food", "2326", "ab"),
    ("Storsjö Design", "design", "2380", "sole"),
    ("Frösö Bär & Must AB", "food", "2380", "ab"),
    ("Hammarstrands Rökeri AB", "food", "2303", "ab"),
    ("Bistro Storsjöviken AB", "restaurant", "2380", "ab"),
    ("Fäbodköket i Klövsjö AB", "restaurant", "2326", "ab"),
    ("Duveds Gårdsbutik HB", "food", "2321", "hb"),
    ("Vemdalens Fjällguider AB", "tourism", "2361", "ab"),
    ("Lits Kvarn ekonomisk förening", "food", "2380", "ef"),
    ("Gäddede Fiskecamp AB", "tourism", "2313", "ab"),
    ("Bräcke Träslöjd", "crafts", "2305", "sole"),
    ("Offerdals Ullspinneri AB", "crafts", "2309", "ab"),
    ("Mittfjällsfilm AB", "film_media", "2380", "ab"),
    ("Karin Ersson Keramik", "crafts", "2303", "sole"),
)
# Legal form -> first three digits of the organisation number (third digit >= 2: a legal entity).
LEGAL_PREFIXES = {"ab": ("556", "559"), "hb": ("969",), "ef": ("769",)}


@dataclass(frozen=True)
class Company:
    """A fictitious SME in the demo's pool, with a valid organisation number as typed."""

    org_number: str
    name: str
    municipality: str
    sector: str
    size_class: str
    popularity: int


@dataclass
class Activity:
    """A generated activity, kept to link SMEs, exchanges, spending and outcomes to it."""

    activity_id: str
    template: Template
    title: str
    start: date  # the first day the start covers: "2022-05" starts on 2022-05-01
    end: date | None
    status: str
    participants: int | None
    city: tuple[str, str] | None
    partners: list[str]
    sdg11: str | None  # as typed: "11.4, 11.a" or "11.4; 11.a"
    lead: str
    description: str | None
    areas: list[str] = field(default_factory=list)  # the first named is the main one
    themes: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # SCB codes, or county/outside_county/abroad
    start_text: str | None = None  # as typed when not a day: "2022-05" or "2023"
    end_text: str | None = None
    participants_text: str | None = None  # as typed when approximate: "ca 120", "över 250"
    visitors: str | None = None
    smes_count: str | None = None
    other_sdgs: str | None = None
    lead_name: str | None = None
    party_role: str | None = None
    results: str | None = None
    has_url: bool = False
    key: str | None = None  # a showcase activity's name, for the rows that point at it


@dataclass(frozen=True)
class Showcase:
    """An activity written out by hand, of the kinds the real record is full of (contract v2):
    long projects led by others and begun before the period, festivals with visitors,
    whole-county work, several areas and themes, dates known only to the month or the year."""

    key: str
    title: str
    areas: tuple[str, ...]
    themes: tuple[str, ...]
    level: str
    kind: str
    start: str  # as typed: "2019-09", "2022" or a day
    end: str | None
    lead: str
    lead_name: str | None = None
    party_role: str | None = None
    places: tuple[str, ...] = ()
    participants: str | None = None  # as typed: "8", "ca 120", "över 250"
    visitors: str | None = None
    smes_count: str | None = None
    sdg11: str | None = None
    other_sdgs: str | None = None
    partners: tuple[str, ...] = ()
    description: str | None = None
    results: str | None = None
    url: bool = False


SHOWCASES = (
    Showcase(
        "fjallmat", "Fjällmat över gränsen: Interreg-projekt om småskalig matproduktion",
        (_SD, _CD), (_GA, _SU), _IN, "project", "2019-09", "2022-08", "external",
        lead_name="Mittuniversitetet", party_role="partner", places=("county", "abroad"),
        smes_count="minst 40", sdg11="11.a", other_sdgs="8; 12.3",
        partners=("Mittuniversitetet", "Trondheim"),
        description="Treårigt projekt med partner i Trøndelag om förädling, försäljning och "
        "matturism i fjällen.",
        results="Gemensam kunskapsbank om fjällmat; tolv företag i samarbeten över gränsen.",
        url=True,
    ),
    Showcase(
        "matlandet", "Förädlingslyft för småskaliga livsmedelsproducenter i länet",
        (_CD, _SD), (_GA,), _RE, "project", "2020", "2023", "external",
        lead_name="Eldrimner", party_role="funder", places=("county",), smes_count="ca 60",
        sdg11="11.a; 11.3", other_sdgs="2.4; 8",
        results="Fler producenter med egen förädling; nya kurser i mejeri och chark.",
    ),
    Showcase(
        "lansturne-2021", "Digital länsturné: UCCN:s möjligheter för företag i alla kommuner",
        (_IM,), (_GA, _TO), _RE, "digital", "2021", None, "joint", places=("county",),
        participants="ca 150", smes_count="minst 20", sdg11="11.a",
    ),
    Showcase(
        "fabod-2022", "Seminarieserie om fäbodmat och immateriellt kulturarv",
        (_CD, _IM), (_CU, _GA), _RE, "workshop", "2022-03", "2022-05", "region",
        places=("2326", "2361"), participants="45", other_sdgs="SDG 4",
        partners=("Jamtli",),
    ),
    Showcase(
        "festival-2022", "Skördefest med länets matproducenter på Jamtli",
        (_IM, _CD), (_GA, _CU, _TO), _RE, "event", "2022-09-03", "2022-09-04", "external",
        lead_name="Jamtli", party_role="co_organiser", places=("2380",),
        participants="ca 250", visitors="över 4 000", smes_count="minst 30", sdg11="11.4",
    ),
    Showcase(
        "gastrovecka-2023", "Gästkocksvecka med gastronomistäderna Bergen, Parma och Tucson",
        (_IM, _CD), (_GA, _TO), _IN, "event", "2023-05", "2023-05", "joint",
        places=("2380", "2321"), participants="ca 120", visitors="över 3 000",
        sdg11="11.4", other_sdgs="8.9", partners=("Bergen", "Parma", "Tucson", "Team Sweden"),
        results="Två nya samarbeten mellan restauranger; avsiktsförklaring om kockutbyte "
        "med Bergen.",
        url=True,
    ),
    Showcase(
        "festival-2023", "Skördefest med länets matproducenter på Jamtli",
        (_IM, _CD), (_GA, _CU, _TO), _RE, "event", "2023-09-02", "2023-09-03", "external",
        lead_name="Jamtli", party_role="co_organiser", places=("2380",),
        participants="över 250", visitors="ca 6 000", smes_count="minst 35", sdg11="11.4",
        url=True,
    ),
    Showcase(
        "resa-2024", "Studieresa till nordiska matstäder: Bergen och Trondheim",
        (_SD,), (_GA, _CU), _IN, "trip", "2024-09-10", "2024-09-13", "region",
        places=("abroad",), participants="8", smes_count="5", partners=("Bergen", "Trondheim"),
    ),
    Showcase(
        "festival-2024", "Skördefest med länets matproducenter på Jamtli",
        (_IM, _CD), (_GA, _CU, _TO), _RE, "event", "2024-09-07", "2024-09-08", "external",
        lead_name="Jamtli", party_role="co_organiser", places=("2380",),
        participants="över 250", visitors="ca 7 500", smes_count="ca 40", sdg11="11.4; 11.a",
        results="Rekordmånga besökare; tre producenter fick nya återförsäljare.",
    ),
    Showcase(
        "nordiskt-mote-2026", "Nordiskt möte för gastronomistäder i Östersund",
        (_SD, _IM), (_GA, _TO), _IN, "event", "2026-12", "2026-12", "joint",
        places=("2380",), partners=("Bergen", "Team Sweden"), sdg11="11.4",
    ),
    Showcase(
        "ansokan-2026", "Hållbar matturism i fjällen: Interreg-projekt med Trøndelag",
        (_SD,), (_TO, _SU, _GA), _IN, "project", "2026-12", "2029-11", "external",
        lead_name="Mittuniversitetet", party_role="partner", places=("county", "abroad"),
        sdg11="11.a; 11.b", other_sdgs="12; 8.9", partners=("Mittuniversitetet", "Trondheim"),
        description="Ansökan lämnas i december 2026; projektet planeras för 2027–2029.",
    ),
)  # fmt: skip

# Organisations that lead some of the work themselves (lead `external`, v2).
EXTERNAL_LEADS = (
    "Mittuniversitetet", "Eldrimner", "Jamtli", "Hushållningssällskapet Jämtland", "Almi Mitt",
)  # fmt: skip
PARTY_ROLE_WEIGHTS = {"co_organiser": 50, "partner": 25, "funder": 15, "participant": 10}
# A second theme beside the template's: food goes with tourism and sustainability most often.
EXTRA_THEME_WEIGHTS = {_TO: 4, _SU: 3, _GA: 3, _CU: 2}
# Other sustainable development goals, as coordinators write them (SDG 11 has its own column).
OTHER_SDGS = ("8", "8; 12.3", "12.3", "SDG 4", "Mål 8", "2.4; 12.3", "4; 8.9", "13", "12.3; 14")
RESULTS = (
    "Nya kontakter mellan producenter och restauranger.",
    "Två företag har inlett samarbete om gemensam försäljning.",
    "Deltagarna tog fram en gemensam handlingsplan.",
    "Underlag till gastronominätverkets årliga sammanställning.",
    "Ett nytt produktsamarbete mellan kock och producent.",
)


# --- entry point -------------------------------------------------------------------------


def build_demo(
    store: Store, scale: int = 1, seed: int = 2021, *, force: bool = False
) -> dict[str, int]:
    """(Re)build the demo store: 2021–2026, `scale` times the usual volumes; rows per table.

    Only a missing file or an earlier demo store is replaced: a store with real imports, or
    a file that is not a store at all, is refused unless `force` is given, because the
    rebuild deletes the file.
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    if store.exists() and not force:
        _refuse_unless_demo(store)
    rng = random.Random(seed)
    for path in (store.path, store.path.with_name(store.path.name + ".wal")):
        path.unlink(missing_ok=True)
    store.initialise()
    store.save_period(ref.EXAMPLE_RENEWAL_2025_2028)
    store.set_setting("is_demo", "true")

    activities = _activities(rng, scale)
    companies = _company_pool(rng, scale)
    rows: dict[str, list[Row]] = {
        "activities": [_activity_row(a) for a in activities],
        "sme_participation": _sme_rows(rng, scale, activities, companies),
        "exchanges": _exchange_rows(rng, scale, activities),
        "spending": _spending_rows(rng, scale, activities),
        "staff_time": _staff_rows(rng),
        "targets": _target_rows(),
        "outcomes": _outcome_rows(scale, activities),
        "comments": _comment_rows(),
    }
    return {name: _import(store, TABLES[name], rows[name]) for name in IMPORT_ORDER}


def _refuse_unless_demo(store: Store) -> None:
    try:
        is_demo = store.is_demo()
    except StoreError:
        is_demo = False
    if not is_demo:
        raise StoreError(
            f"{store.path} finns redan och är inte ett demodatalager. Demodata byggs inte över "
            "riktiga data; välj en annan fil med --db (eller --force om filen ska ersättas).",
            f"{store.path} already exists and is not a demo store. Demo data is not built over "
            "real data; choose another file with --db (or --force to replace the file).",
        )


def _import(store: Store, table: Table, rows: list[Row]) -> int:
    """Write rows as a Swedish Excel CSV and import it like an upload; a refusal is a bug."""
    data = _swedish_csv(table, rows)
    file_name = f"demo/{table.name}.csv"
    try:
        raw = read_file(data, file_name)
    except ReaderError as exc:
        raise RuntimeError(f"demo file {file_name} could not be read: {exc.message('en')}") from exc
    checked = check(raw, table, store.activity_ids())
    if not checked.ok:
        first = "; ".join(
            f"row {p.row}, {p.column}, {p.value!r}: {p.message('en')}" for p in checked.errors[:5]
        )
        raise RuntimeError(
            f"demo file {file_name} does not validate ({len(checked.errors)} errors): {first}"
        )
    result = store.commit(checked, file_name, hashlib.sha256(data).hexdigest(), "demo")
    if result.inserted != checked.n_rows:
        raise RuntimeError(f"{file_name}: {result.inserted} of {checked.n_rows} rows inserted")
    return checked.n_rows


def _swedish_csv(table: Table, rows: list[Row]) -> bytes:
    """The file Excel saves as "CSV UTF-8" in Sweden: BOM, `;`, CRLF, Swedish headers."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.alias for c in table.columns])
    for row in rows:
        writer.writerow([row.get(c.name) or "" for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


# --- small helpers -----------------------------------------------------------------------


def _at(place: str) -> str:
    """The place with its Swedish preposition: islands take "på" (på Frösön, but i Lit)."""
    return f"på {place}" if place in ISLANDS else f"i {place}"


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _id_width(per_year: int) -> int:
    # A001 reads well; a scaled-up demo needs more digits to keep ids unique and sortable.
    return max(3, len(str(per_year)))


def _day_in_year(rng: random.Random, year: int, until: date | None = None) -> date:
    """A working-life date in `year` (few in July), not after `until`."""
    while True:
        month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
        day = date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))
        if until is None or day <= until:
            return day


def _sek(ore: int, grouped: bool) -> str:
    """An amount as Swedish Excel shows it: decimal comma, no-break space between thousands."""
    kronor, rest = divmod(ore, 100)
    text = f"{kronor:,}".replace(",", "\u00a0") if grouped else str(kronor)
    return text if rest == 0 else f"{text},{rest:02d}"


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


# --- activities --------------------------------------------------------------------------


def _activities(rng: random.Random, scale: int) -> list[Activity]:
    gastronomy_cities = [
        c for c in ref.uccn_cities() if c.subnetwork == "gastronomy" and c.city != "Östersund"
    ]
    city_weights = [CITY_WEIGHTS.get(c.city, 1) for c in gastronomy_cities]
    # People travel to the nearer, boosted cities; the far ones are met online.
    destinations = [c for c in gastronomy_cities if c.city in CITY_WEIGHTS]
    destination_weights = [CITY_WEIGHTS[c.city] for c in destinations]
    template_weights = [t.weight for t in TEMPLATES]
    stay_home = [t for t in TEMPLATES if t.kind != "trip"]
    stay_home_weights = [t.weight for t in stay_home]
    # The showcases come once per unit of scale; those begun before 2021 get their own years.
    showcases: dict[int, list[Activity]] = {}
    for _ in range(scale):
        for showcase in SHOWCASES:
            activity = _showcase_activity(showcase)
            showcases.setdefault(activity.start.year, []).append(activity)
    activities: list[Activity] = []
    for year in sorted(set(YEARS) | set(showcases)):
        drafts = list(showcases.get(year, []))
        if year in YEARS:
            n = rng.randint(26, 38) * scale
            follow_ups = rng.randint(2, 4) * scale
            for i in range(n - len(drafts)):
                template = (
                    UNESCO_FOLLOW_UP
                    if i < follow_ups
                    else rng.choices(TEMPLATES, weights=template_weights)[0]
                )
                if year == 2021 and template.kind == "trip" and rng.random() < 0.8:
                    # Travel stopped in the pandemic year; the work went on at home and online.
                    template = rng.choices(stay_home, weights=stay_home_weights)[0]
                if template.kind == "trip":
                    city = rng.choices(destinations, weights=destination_weights)[0]
                else:
                    city = rng.choices(gastronomy_cities, weights=city_weights)[0]
                drafts.append(_activity(rng, year, template, (city.city, city.country)))
            _assign_sdg11(rng, drafts)
            _assign_team_sweden(rng, drafts)
        drafts.sort(key=lambda a: (a.start, a.title))
        width = _id_width(len(drafts))
        for number, activity in enumerate(drafts, start=1):
            activity.activity_id = f"A{year}-{number:0{width}d}"
        activities.extend(drafts)
    return activities


def _first_day(text: str) -> date:
    """The first day a date as typed covers: "2022" -> 2022-01-01, "2022-05" -> 2022-05-01."""
    if len(text) == 4:
        return date(int(text), 1, 1)
    if len(text) == 7:
        return date(int(text[:4]), int(text[5:]), 1)
    return date.fromisoformat(text)


def _last_day(day: date, text: str | None) -> date:
    """The last day a date covers: a year ends on 31 December, a month on its last day."""
    if text is not None and len(text) == 4:
        return date(day.year, 12, 31)
    if text is not None and len(text) == 7:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def _status(rng: random.Random | None, year: int, start: date, last_day: date) -> str:
    if start > AS_OF:
        return "planned"
    # 2021 lost more to the pandemic; the showcases (no rng) all took place.
    if rng is not None and rng.random() < (0.10 if year == 2021 else 0.04):
        return "cancelled"
    return "ongoing" if last_day >= AS_OF else "completed"


def _showcase_activity(s: Showcase) -> Activity:
    start = _first_day(s.start)
    end = _first_day(s.end) if s.end else None
    status = _status(None, start.year, start, _last_day(end or start, s.end or s.start))
    done = status in ("completed", "ongoing")
    participants = int(re.sub(r"\D", "", s.participants)) if s.participants and done else None
    return Activity(
        activity_id="",  # numbered once the year's activities are sorted by date
        template=Template(s.title, s.areas[0], s.themes[0], s.level, s.kind, None, 0),
        title=s.title,
        start=start,
        end=end,
        status=status,
        participants=participants,
        city=None,  # its exchanges are written out too (_showcase_exchanges)
        partners=list(s.partners),
        sdg11=s.sdg11,
        lead=s.lead,
        description=s.description,
        areas=list(s.areas),
        themes=list(s.themes),
        places=list(s.places),
        start_text=s.start if len(s.start) < 10 else None,
        end_text=s.end if s.end and len(s.end) < 10 else None,
        participants_text=s.participants if participants is not None else None,
        visitors=s.visitors if done else None,
        smes_count=s.smes_count if done else None,
        other_sdgs=s.other_sdgs,
        lead_name=s.lead_name,
        party_role=s.party_role,
        results=s.results if status == "completed" else None,
        has_url=s.url,
        key=s.key,
    )


def _activity(rng: random.Random, year: int, template: Template, city: tuple[str, str]) -> Activity:
    home = _pick(rng, ACTIVITY_MUNICIPALITY_WEIGHTS)
    places = [home]
    place = rng.choice(LOCALITIES[home])
    title = template.title.format(
        at_place=_at(place),
        city=city[0],
        topic=CITY_TOPICS.get(city[0]) or rng.choice(TOPICS),
        year=year,
    )
    spread = rng.random()
    if "{at_place}" in template.title:
        if spread < 0.08:  # the same programme run in a second municipality too
            second = _pick(rng, ACTIVITY_MUNICIPALITY_WEIGHTS)
            places += [second] if second != home else []
    elif template.kind in ("digital", "trip") and spread < 0.5:
        # A video call happens in no municipality; a trip abroad is often written as such.
        places = ["abroad"] if template.kind == "trip" and spread < 0.3 else []
    elif template.level == _RE and spread < 0.15:
        places = ["county"]  # work for the whole county
    elif template.level == _NA and spread < 0.25:
        places = ["outside_county"]  # a national conference elsewhere in Sweden
    areas = [template.area]
    if rng.random() < 0.15:
        areas.append(rng.choice([a for a in ref.FRAMEWORK_AREAS if a != template.area]))
    themes = [template.theme]
    if rng.random() < 0.25:
        themes.append(_pick(rng, {t: w for t, w in EXTRA_THEME_WEIGHTS.items() if t not in themes}))
    (fewest, most), (shortest, longest) = KIND_SIZES[template.kind]
    start = _day_in_year(rng, year)
    days = rng.randint(shortest, longest)
    end: date | None = start + timedelta(days=days)
    if days == 0 and rng.random() < 0.3:
        end = None  # one-day meetings are often logged without an end date
    # Long work is often logged by month or year only ("maj 2022", "2023"); a meeting seldom.
    start_text = end_text = None
    vague = rng.random() * (1 if template.kind in ("project", "course") else 8)
    if vague < 0.1:
        start, start_text = date(year, 1, 1), str(year)
        if end is not None and end.year != year:
            end, end_text = date(end.year, 1, 1), str(end.year)
        else:
            end = None
    elif vague < 0.3:
        start, start_text = start.replace(day=1), f"{start:%Y-%m}"
        if end is not None:
            end, end_text = end.replace(day=1), f"{end:%Y-%m}"
    status = _status(rng, year, start, _last_day(end or start, end_text or start_text))
    done = status in ("completed", "ongoing")
    participants = rng.randint(fewest, most) if done else None
    participants_text = visitors = smes_count = None
    if participants is not None and template.kind == "event" and rng.random() < 0.4:
        participants = max(10, round(participants, -1))
        participants_text = f"ca {participants}"
    if done and template.kind == "event" and rng.random() < 0.6:
        crowd = rng.randint(200, 3500)
        visitors = rng.choice(
            (_count(crowd), f"ca {_count(round(crowd, -2))}", f"över {_count(round(crowd, -3))}")
        )
    if (
        done
        and template.area in (_CD, _IM)
        and template.kind in ("event", "workshop", "course", "meeting")
        and rng.random() < 0.15
    ):
        # SMEs counted, not listed by name: some only as "at least".
        smes_count = rng.choice(("minst 20", "minst 10", "ca 15", str(rng.randint(3, 12))))
    partners: list[str] = []
    if template.partner == "unesco":
        partners.append("Svenska Unescorådet")
    if template.partner == "team_sweden":
        partners.append("Team Sweden")
    if template.partner == "city":
        partners.append(city[0])
    if rng.random() < 0.25:
        partners.append(rng.choice(LOCAL_PARTNERS))
    lead = rng.choices(("ostersund", "region", "joint"), weights=(45, 30, 25))[0]
    lead_name = party_role = None
    if (
        template.partner is None
        and template.kind in ("course", "workshop", "event", "project")
        and rng.random() < 0.12
    ):
        # Another organisation leads; the parties co-organise, fund or take part.
        lead, lead_name = "external", rng.choice(EXTERNAL_LEADS)
        party_role = _pick(rng, PARTY_ROLE_WEIGHTS) if rng.random() < 0.9 else None
        partners = [p for p in partners if p != lead_name]
    description = rng.choice(DESCRIPTIONS) if rng.random() < 0.5 else None
    other_sdgs = rng.choice(OTHER_SDGS) if rng.random() < 0.15 else None
    results = rng.choice(RESULTS) if status == "completed" and rng.random() < 0.12 else None
    return Activity(
        activity_id="",  # numbered once the year's activities are sorted by date
        template=template,
        title=title,
        start=start,
        end=end,
        status=status,
        participants=participants,
        city=city if template.partner == "city" else None,
        partners=partners,
        sdg11=None,
        lead=lead,
        description=description,
        areas=areas,
        themes=themes,
        places=places,
        start_text=start_text,
        end_text=end_text,
        participants_text=participants_text,
        visitors=visitors,
        smes_count=smes_count,
        other_sdgs=other_sdgs,
        lead_name=lead_name,
        party_role=party_role,
        results=results,
        has_url=rng.random() < 0.08,
    )


def _count(n: int) -> str:
    """A count as written in Swedish: a space between thousands ("3 000")."""
    return f"{n:,}".replace(",", " ")


def _assign_sdg11(rng: random.Random, activities: list[Activity]) -> None:
    """Give 62–68 % of a year's activities one to three SDG 11 targets (showcases as written)."""
    wanted = round(len(activities) * rng.uniform(0.62, 0.68))
    have = sum(a.sdg11 is not None for a in activities)
    open_ = [i for i, a in enumerate(activities) if a.sdg11 is None and a.key is None]
    for index in rng.sample(open_, max(0, min(wanted - have, len(open_)))):
        count = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        targets: list[str] = []
        while len(targets) < count:
            code = _pick(rng, SDG11_WEIGHTS)
            if code not in targets:
                targets.append(code)
        activities[index].sdg11 = rng.choice((", ", "; ", " ")).join(targets)


def _assign_team_sweden(rng: random.Random, activities: list[Activity]) -> None:
    """Team Sweden takes part in about a tenth of the activities, mostly export-minded ones."""
    wanted = round(len(activities) * rng.uniform(0.08, 0.12))
    have = sum("Team Sweden" in a.partners for a in activities)
    candidates = [
        a
        for a in activities
        if "Team Sweden" not in a.partners
        and a.key is None
        and a.template.partner != "unesco"
        and a.template.level != "regional"
    ]
    for activity in rng.sample(candidates, max(0, min(wanted - have, len(candidates)))):
        activity.partners.insert(0, "Team Sweden")


def _place(key: str) -> str:
    """A municipality by name, or a place beyond one as a coordinator writes it ("hela länet")."""
    if key in ref.MUNICIPALITY_CODES:
        return ref.MUNICIPALITY_CODES[key]
    return ref.PLACES[key].sv.lower()


def _activity_row(a: Activity) -> Row:
    return {
        "activity_id": a.activity_id,
        "title": a.title,
        "framework_area": "; ".join(ref.FRAMEWORK_AREAS[k].sv for k in a.areas),
        "theme": "; ".join(ref.THEMES[k].sv for k in a.themes),
        "start_date": a.start_text or a.start.isoformat(),
        "end_date": a.end_text or (a.end.isoformat() if a.end else None),
        "level": ref.LEVELS[a.template.level].sv,
        "lead": ref.LEADS[a.lead].sv,
        "lead_name": a.lead_name,
        "party_role": ref.PARTY_ROLES[a.party_role].sv if a.party_role else None,
        "municipality": "; ".join(_place(p) for p in a.places) or None,
        "participants": a.participants_text
        or (str(a.participants) if a.participants is not None else None),
        "visitors": a.visitors,
        "smes_count": a.smes_count,
        "sdg11_targets": a.sdg11,
        "other_sdgs": a.other_sdgs,
        "partners": ("; " if a.key else ", ").join(a.partners) or None,
        "status": ref.STATUSES[a.status].sv,
        "description": a.description,
        "results": a.results,
        "url": f"https://example.org/uccn/aktiviteter/{a.activity_id.lower()}"
        if a.has_url
        else None,
    }


# --- SMEs --------------------------------------------------------------------------------


def _org_number(rng: random.Random, form: str, taken: set[str]) -> str:
    """A valid organisation number as a coordinator types it; a sole trader's is personal."""
    while True:
        if form == "sole":
            born = date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365))
            nine = born.strftime("%y%m%d") + f"{rng.randrange(1000):03d}"
        else:
            nine = rng.choice(LEGAL_PREFIXES[form]) + f"{rng.randrange(1_000_000):06d}"
        digits = nine + _luhn_digit(nine)
        if digits not in taken:
            taken.add(digits)
            # Mostly NNNNNN-NNNN as printed on invoices; some pasted as 10 or 12 digits.
            style = rng.random()
            if form == "sole" or style < 0.8:
                return f"{digits[:6]}-{digits[6:]}"
            return digits if style < 0.95 else "16" + digits


def _company_name(rng: random.Random, form: str, sector: str, municipality: str) -> str:
    word, definite = rng.choice(PRODUCTS[sector])
    place = rng.choice(LOCALITIES[municipality])
    if form == "sole":
        if rng.random() < 0.6:
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {word}"
        return f"{place} {word}"
    if form == "hb":
        return f"{rng.choice(SURNAMES)}s {word} HB"
    if form == "ef":
        return f"{place} {word} ekonomisk förening"
    pattern = rng.random()
    if definite and pattern < 0.35:
        return f"{definite} {_at(place)} AB"
    if pattern < 0.7:
        return f"{rng.choice(NAME_PREFIXES)}{word.lower()} AB"
    return f"{place} {word} AB"


def _company_pool(rng: random.Random, scale: int) -> list[Company]:
    """About 85–95 fictitious SMEs per unit of scale, a tenth of them sole traders."""
    size = rng.randint(85, 95) * scale
    taken_numbers: set[str] = set()
    taken_names: set[str] = set(REAL_NAMES)
    pool: list[Company] = []
    specs: list[tuple[str | None, str, str, str]] = [
        (name, sector, municipality, form) for name, sector, municipality, form in KNOWN_COMPANIES
    ]
    while len(specs) < size:
        draw = rng.random()
        form = "sole" if draw < 0.1 else "hb" if draw < 0.16 else "ef" if draw < 0.19 else "ab"
        specs.append(
            (None, _pick(rng, SECTOR_WEIGHTS), _pick(rng, COMPANY_MUNICIPALITY_WEIGHTS), form)
        )
    for given, sector, municipality, form in specs[:size]:
        name = given
        attempt = 0
        while name is None or name in taken_names:
            name = _company_name(rng, form, sector, municipality)
            attempt += 1
            if attempt > 20 and name in taken_names:
                name = f"{name} {attempt}"  # only a very large scale exhausts the patterns
        taken_names.add(name)
        pool.append(
            Company(
                _org_number(rng, form, taken_numbers),
                name,
                municipality,
                sector,
                rng.choices(("micro", "small", "medium"), weights=(75, 20, 5))[0],
                # Some companies come back again and again; most take part once or twice.
                rng.choice((1, 1, 1, 1, 1, 2, 2, 3, 5)),
            )
        )
    return pool


def _sme_rows(
    rng: random.Random, scale: int, activities: Sequence[Activity], companies: Sequence[Company]
) -> list[Row]:
    """140–185 participations per unit of scale, over activities that have taken place."""
    area_weight = {_CD: 3, _IM: 2, _SD: 1}
    eligible = [a for a in activities if a.status in ("completed", "ongoing")]
    # Cumulative weights, summed once: `choices` would sum them again on every draw, which a
    # large scale pays for dearly (the draws are the same either way).
    cum_weights = list(
        accumulate(
            area_weight[a.template.area] * (2 if a.template.theme == _GA else 1) for a in eligible
        )
    )
    # Pick Östersund or elsewhere first, then a company: otherwise a few popular companies
    # would swing Östersund's share of the participations far from the usual 40–55 %.
    groups = [
        [c for c in companies if c.municipality == ref.OSTERSUND_CODE],
        [c for c in companies if c.municipality != ref.OSTERSUND_CODE],
    ]
    group_weights = [list(accumulate(c.popularity for c in group)) for group in groups]
    ostersund_share = rng.uniform(0.44, 0.5)
    # Never ask for more than the activities can hold, or the loop below would not end.
    capacity = sum(min(a.participants or 0, 15) for a in eligible)
    wanted = min(rng.randint(140, 185) * scale, capacity)
    seen: set[tuple[str, str]] = set()
    per_activity: dict[str, int] = {}
    pairs: list[tuple[Activity, Company]] = []
    in_ostersund = 0
    while len(pairs) < wanted:
        activity = rng.choices(eligible, cum_weights=cum_weights)[0]
        # The group behind its share gets the next company, so the share holds at any scale.
        g = 0 if in_ostersund < ostersund_share * (len(pairs) + 1) else 1
        company = rng.choices(groups[g], cum_weights=group_weights[g])[0]
        key = (activity.activity_id, company.org_number)
        cap = min(activity.participants or 0, 15)
        if key in seen or per_activity.get(activity.activity_id, 0) >= cap:
            continue
        seen.add(key)
        per_activity[activity.activity_id] = per_activity.get(activity.activity_id, 0) + 1
        in_ostersund += g == 0
        pairs.append((activity, company))
    pairs.sort(key=lambda p: (p[0].activity_id, p[1].name))
    return [
        {
            "activity_id": a.activity_id,
            "org_number": c.org_number,
            "company_name": c.name,
            "municipality": "annan"
            if c.municipality == ref.OTHER_MUNICIPALITY
            else ref.MUNICIPALITY_CODES[c.municipality],
            "sector": ref.SECTORS[c.sector].sv,
            "size_class": ref.SIZE_CLASSES[c.size_class].sv,
        }
        for a, c in pairs
    ]


# --- exchanges ---------------------------------------------------------------------------


# Partners that are not cities (v2): an organisation or a region, with its country if it has one.
OTHER_PARTNERS = (
    ("organisation", "Nordiska ministerrådet", None),
    ("organisation", "Slow Food International", "IT"),
    ("region", "Trøndelag fylkeskommune", "NO"),
)
ANNUAL_CONFERENCE = "UCCN Annual Conference"
SUBNETWORK_MEETING = "UCCN Creative Cities of Gastronomy"


def _exchange_rows(rng: random.Random, scale: int, activities: Sequence[Activity]) -> list[Row]:
    """8–15 exchanges a year per unit of scale; mostly digital in the pandemic year 2021.

    Each year holds the network's annual conference and a meeting of the gastronomy
    subnetwork (partner type network, with about how many cities and countries took part);
    the rest are visits and calls with one or more cities, now and then an organisation."""
    # The gastronomy subnetwork, as in the real record: most exchanges stay within it.
    cities = [
        (c.city, c.country)
        for c in ref.uccn_cities()
        if c.subnetwork == "gastronomy" and c.city != "Östersund"
    ]
    city_weights = [CITY_WEIGHTS.get(c, 1) for c, _ in cities]
    cities += OTHER_PARTNER_CITIES
    city_weights += [3] * len(OTHER_PARTNER_CITIES)
    digital_share = {2021: 0.85, 2022: 0.45}
    rows: list[Row] = []
    for year in YEARS:
        n = rng.randint(8, 15) * scale
        this_year = [a for a in activities if a.start.year == year]
        linked = [a for a in this_year if a.city and a.status in ("completed", "ongoing")]
        drafts: list[tuple[date, Row]] = []
        for _ in range(scale):
            drafts += _network_meetings(rng, year)
        drafts += _showcase_exchanges(this_year)
        for _ in range(n - len(drafts)):
            # One exchange per linked activity: a trip is one exchange, not two.
            activity = (
                linked.pop(rng.randrange(len(linked))) if linked and rng.random() < 0.4 else None
            )
            partner_type = "city"
            when_text = end_text = None
            end: date | None = None
            if activity is not None and activity.city is not None:
                partners = [activity.city]
                when, when_text = activity.start, activity.start_text
                end, end_text = activity.end, activity.end_text
                kind = activity.template.kind
                direction = {"trip": "outbound", "digital": "digital"}.get(kind, "inbound")
            else:
                partners = [rng.choices(cities, weights=city_weights)[0]]
                when = _day_in_year(rng, year, until=AS_OF - timedelta(days=7))
                if rng.random() < digital_share.get(year, 0.2):
                    direction = "digital"
                else:
                    direction = rng.choice(("outbound", "inbound"))
                other = rng.random()
                if other < 0.06:
                    partner_type, name, land = rng.choice(OTHER_PARTNERS)
                    partners = [(name, land or "")]
                elif other < 0.16:
                    # One meeting with several cities: a joint call, a visit by two delegations.
                    # Each from another country: the import currently reads "IT; IT" in a
                    # country list as one country, so "MX; IT; IT" would not match 3 cities.
                    while len(partners) < rng.choice((2, 2, 3)):
                        city = rng.choices(cities, weights=city_weights)[0]
                        partners += [city] if city[1] not in {c for _, c in partners} else []
                # Visits last a few days; a call is over the same day.
                if direction != "digital" and rng.random() < (
                    0.7 if direction == "outbound" else 0.4
                ):
                    end = when + timedelta(days=rng.randint(1, 4))
            low, high = {"outbound": (2, 12), "inbound": (4, 30), "digital": (5, 40)}[direction]
            participants = rng.randint(low, high)
            member: str | None = None
            if partner_type == "city" and len(partners) == 1 and rng.random() < 0.15:
                # Most leave it empty and the store derives it; a city not in UNESCO's list
                # is left unknown (the import warns), never written down as a non-member.
                member = "ja" if ref.is_uccn_city(*partners[0]) else None
            row: Row = {
                "activity_id": activity.activity_id if activity else None,
                "date": when_text or when.isoformat(),
                "end_date": end_text or (end.isoformat() if end else None),
                "direction": ref.DIRECTIONS[direction].sv,
                "partner_type": ref.PARTNER_TYPES[partner_type].sv.lower()
                if partner_type != "city" or rng.random() < 0.2
                else None,
                "partner_city": "; ".join(city for city, _ in partners),
                "partner_country": _countries(rng, [country for _, country in partners]),
                "uccn_member": member,
                "participants": str(participants),
                "smes_involved": str(rng.randint(0, min(12, participants))),
            }
            drafts.append((when, row))
        drafts.sort(key=lambda d: (d[0], d[1]["partner_city"] or ""))
        width = _id_width(len(drafts))
        for number, (_, row) in enumerate(drafts, start=1):
            rows.append({"exchange_id": f"U{year}-{number:0{width}d}", **row})
    return rows


def _countries(rng: random.Random, codes: list[str]) -> str | None:
    """The partners' countries as typed: one for all when they share it, else one each; as a
    code or, now and then, the Swedish name."""
    if not any(codes):
        return None
    if len(set(codes)) == 1:
        codes = codes[:1]
    typed = []
    for code in codes:
        name = country_name(code, "sv") if rng.random() < 0.3 else code
        typed.append(name if country_code(name) == code else code)
    return "; ".join(typed)


def _network_meetings(rng: random.Random, year: int) -> list[tuple[date, Row]]:
    """The year's UCCN annual conference and gastronomy subnetwork meeting (partner type
    network): several days, the number of cities and countries known only roughly."""
    online = year == 2021  # the pandemic year met online
    start = date(year, 7, rng.randint(1, 8))
    annual: Row = {
        "date": start.isoformat(),
        "end_date": (start + timedelta(days=4)).isoformat(),
        "direction": ref.DIRECTIONS["digital" if online else "outbound"].sv,
        "partner_type": "nätverk",
        "partner_city": ANNUAL_CONFERENCE,
        "cities_count": f"ca {rng.choice((100, 120, 150))}",
        "countries_count": f"över {rng.choice((50, 60, 70))}",
        "participants": str(rng.randint(5, 10) if online else rng.randint(2, 4)),
    }
    month = rng.choice((3, 4, 10))
    hosted = year == 2024  # Östersund hosted the subnetwork that year
    subnetwork: Row = {
        "date": f"{year}-{month:02d}" if not hosted else f"{year}-{month:02d}-14",
        "end_date": None if not hosted else f"{year}-{month:02d}-16",
        "direction": ref.DIRECTIONS["inbound" if hosted else "digital"].sv,
        "partner_type": "nätverk",
        "partner_city": SUBNETWORK_MEETING,
        "cities_count": f"ca {rng.choice((25, 30, 35))}",
        "countries_count": f"ca {rng.choice((20, 25))}",
        "participants": str(rng.randint(6, 25) if hosted else rng.randint(2, 5)),
        "smes_involved": str(rng.randint(3, 8)) if hosted else None,
    }
    return [(start, annual), (date(year, month, 1), subnetwork)]


def _showcase_exchanges(activities: Sequence[Activity]) -> list[tuple[date, Row]]:
    """The visits that belong to the showcases: several partner cities in one row."""
    rows: list[tuple[date, Row]] = []
    for a in activities:
        if a.key == "gastrovecka-2023" and a.status == "completed":
            day = date(2023, 5, 15)
            row: Row = {
                "activity_id": a.activity_id,
                "date": day.isoformat(),
                "end_date": "2023-05-19",
                "direction": ref.DIRECTIONS["inbound"].sv,
                "partner_type": "stad",
                "partner_city": "Bergen; Parma; Tucson",
                "partner_country": "Norge; Italien; USA",
                "participants": "9",
                "smes_involved": "ca 12",
            }
            rows.append((day, row))
        if a.key == "resa-2024" and a.status == "completed":
            row = {
                "activity_id": a.activity_id,
                "date": a.start.isoformat(),
                "end_date": a.end.isoformat() if a.end else None,
                "direction": ref.DIRECTIONS["outbound"].sv,
                "partner_city": "Bergen; Trondheim",
                "partner_country": "Norge",
                "participants": "8",
                "smes_involved": "5",
            }
            rows.append((a.start, row))
    return rows


# --- spending ----------------------------------------------------------------------------

# External funders by kind (v2), with how often each pays; `external` is the v1 word, still used.
EXTERNAL_FUNDERS: dict[tuple[str, str | None], int] = {
    ("eu", "Europeiska regionala utvecklingsfonden (ERUF)"): 4,
    ("eu", "Interreg Aurora"): 4,
    ("eu", "Leader Jämtlandsfjällen"): 2,
    ("state", "Tillväxtverket"): 3,
    ("state", "Kulturrådet"): 1,
    ("state", "Svenska institutet"): 1,
    ("state", "Länsstyrelsen Jämtlands län"): 1,
    ("municipality_other", "Åre kommun"): 1,
    ("municipality_other", "Krokoms kommun"): 1,
    ("private", "Lokala företag (sponsring)"): 1,
    ("other", "Nordiska ministerrådet"): 1,
    ("external", None): 2,
}
# SEK per EUR the demo assumes for a year, near the Riksbank's annual averages. It is the demo's
# assumption, written in each EUR row as the file's own rate, not a rate the package ships.
EUR_RATES = {2019: "10,59", 2021: "10,15", 2022: "10,63", 2023: "11,48", 2024: "11,43",
             2025: "11,10", 2026: "10,95"}  # fmt: skip
# How many external kronor each of Östersund's kronor brought in: growing as projects mature.
LEVERAGE = {2021: (1.05, 1.4), 2022: (1.2, 1.9), 2023: (1.5, 2.5), 2024: (1.8, 2.9),
            2025: (1.6, 2.7), 2026: (1.4, 2.4)}  # fmt: skip
CATEGORY_WEIGHTS = {
    "ostersund": {"travel": 25, "events": 25, "marketing": 20, "projects": 15, "other": 10, "staff": 5},
    "region": {"events": 30, "travel": 25, "marketing": 20, "other": 15, "projects": 10},
    "external": {"projects": 50, "staff": 20, "events": 15, "travel": 15},
}  # fmt: skip


@dataclass(frozen=True)
class Budget:
    """A budget or grant over a span (kind `budget`), shown beside outcomes, never added."""

    start: str  # as typed
    end: str
    amount: str  # as typed, with its unit: "400 tkr", "2,4 MSEK", "437 221"
    currency: str | None
    funder: str
    funder_name: str | None
    category: str
    activity: str | None = None  # a showcase's key


BUDGETS = (
    Budget("2021-01", "2024-12", "400 tkr", None, "ostersund",
           "Samverkansavtalet 2021–2024: 100 000 kr per år", "projects"),
    Budget("2025-01", "2028-12", "400 tkr", None, "ostersund",
           "Förnyat avtal 2025–2028 (exempel): 100 000 kr per år", "projects"),
    Budget("2022-01", "2024-12", "1,2 mkr", None, "region", "Regionala utvecklingsmedel",
           "projects"),
    Budget("2019-09", "2022-08", "437 221", "EUR", "eu", "Interreg Aurora", "projects",
           "fjallmat"),
    Budget("2020", "2023", "2,4 MSEK", None, "state", "Tillväxtverket", "projects", "matlandet"),
    Budget("2026-12", "2029-11", "3,6 MSEK", None, "eu", "Interreg Aurora (sökt)", "projects",
           "ansokan-2026"),
)  # fmt: skip
# Co-funding known only by its funder: the amount stays empty, never 0 (v2).
UNKNOWN_AMOUNTS = (
    ("2023-05", "municipality_other", "Åre kommun (medfinansiering, belopp okänt)", "events",
     "gastrovecka-2023"),
    ("2024-09", "private", "Lokala företag (sponsring, belopp okänt)", "events",
     "festival-2024"),
)  # fmt: skip


def _split(rng: random.Random, total_ore: int, parts: int) -> list[int]:
    """`total_ore` in `parts` uneven amounts; most whole kronor, some with öre."""
    weights = [rng.uniform(0.3, 1.0) for _ in range(parts)]
    amounts = []
    for w in weights[:-1]:
        ore = round(total_ore * w / sum(weights))
        amounts.append(ore if rng.random() < 0.3 else round(ore, -2))
    amounts.append(max(100, total_ore - sum(amounts)))
    return amounts


def _external_amount(
    rng: random.Random, ore: int, funder: str, year: int
) -> tuple[str, str | None, str | None]:
    """An external amount as its funder's papers give it: (amount, currency, rate). EU money
    often in euros with the rate used, larger grants in thousands ("150 tkr")."""
    if funder == "eu" and rng.random() < 0.7:
        rate = EUR_RATES[year]
        cents = round(Decimal(ore) / Decimal(rate.replace(",", ".")))
        amount = _sek(int(cents), grouped=True)
        if rng.random() < 0.5:
            return f"{amount} EUR", None, rate  # the currency in the cell, as on the decision
        return amount, "EUR", rate
    if ore >= 50_000_00 and rng.random() < 0.4:
        return f"{round(ore / 100_000)} tkr", None, None
    return _sek(ore, grouped=rng.random() < 0.3), None, None


def _spending_rows(rng: random.Random, scale: int, activities: Sequence[Activity]) -> list[Row]:
    """Östersund's 100,000 SEK a year (85–105 % used), the Region's money and external funding
    of every kind; budgets over several years and co-funding of unknown amount beside them."""
    drafts: list[tuple[date, Row]] = []
    funders = list(EXTERNAL_FUNDERS)
    funder_weights = list(EXTERNAL_FUNDERS.values())
    for year in YEARS:
        # 2026 is not over: November and December bookings are still to come.
        used = rng.uniform(0.72, 0.85) if year == 2026 else rng.uniform(0.88, 1.02)
        ostersund = round(100_000 * 100 * used) * scale  # in öre, so that sums are exact
        budgets = {
            "ostersund": (ostersund, rng.randint(7, 12) * scale),
            "region": (rng.randint(40_000, 90_000) * 100 * scale, rng.randint(4, 8) * scale),
            "external": (
                round(ostersund * rng.uniform(*LEVERAGE[year])),
                rng.randint(2, 5) * scale,
            ),
        }
        linkable = [a for a in activities if a.start.year == year and a.status != "planned"]
        until = min(date(year, 12, 31), AS_OF - timedelta(days=1))
        for group, (total, parts) in budgets.items():
            for ore in _split(rng, total, parts):
                activity = rng.choice(linkable) if linkable and rng.random() < 0.4 else None
                when = _day_in_year(rng, year, until)
                if activity is not None:
                    # Costs are booked around the activity, but always in the same year.
                    near = activity.start + timedelta(days=rng.randint(-10, 30))
                    when = min(max(near, date(year, 1, 1)), until)
                funder, funder_name = group, None
                amount, currency, rate = _sek(ore, grouped=rng.random() < 0.3), None, None
                when_text = when.isoformat()
                if group == "external":
                    funder, funder_name = rng.choices(funders, weights=funder_weights)[0]
                    amount, currency, rate = _external_amount(rng, ore, funder, year)
                    if rng.random() < 0.25:
                        when_text = f"{when:%Y-%m}"  # a grant paid out, booked by month
                row: Row = {
                    "date": when_text,
                    "amount_sek": amount,
                    "currency": currency,
                    "exchange_rate": rate,
                    "funder": ref.FUNDERS[funder].sv,
                    "funder_name": funder_name,
                    "category": ref.SPENDING_CATEGORIES[_pick(rng, CATEGORY_WEIGHTS[group])].sv,
                    "activity_id": activity.activity_id if activity else None,
                }
                drafts.append((_first_day(when_text), row))
    drafts += _budget_rows(scale, activities)
    by_year: dict[int, list[tuple[date, Row]]] = {}
    for when, row in drafts:
        by_year.setdefault(when.year, []).append((when, row))
    rows: list[Row] = []
    for year in sorted(by_year):
        year_rows = sorted(
            by_year[year], key=lambda d: (d[0], d[1]["funder"] or "", d[1].get("amount_sek") or "")
        )
        width = _id_width(len(year_rows))
        for number, (_, row) in enumerate(year_rows, start=1):
            rows.append({"spending_id": f"K{year}-{number:0{width}d}", **row})
    return rows


def _budget_rows(scale: int, activities: Sequence[Activity]) -> list[tuple[date, Row]]:
    """The budgets and the rows whose amount is unknown, once per unit of scale."""
    showcases: dict[str, list[Activity]] = {}
    for a in activities:
        if a.key is not None:
            showcases.setdefault(a.key, []).append(a)
    rows: list[tuple[date, Row]] = []
    for copy in range(scale):
        for b in BUDGETS:
            linked = showcases[b.activity][copy] if b.activity else None
            row: Row = {
                "date": b.start,
                "end_date": b.end,
                "amount_sek": b.amount,
                "currency": b.currency,
                "exchange_rate": EUR_RATES[_first_day(b.start).year] if b.currency else None,
                "kind": ref.SPENDING_KINDS["budget"].sv,
                "funder": ref.FUNDERS[b.funder].sv,
                "funder_name": b.funder_name,
                "category": ref.SPENDING_CATEGORIES[b.category].sv,
                "activity_id": linked.activity_id if linked else None,
            }
            rows.append((_first_day(b.start), row))
        for when, funder, name, category, key in UNKNOWN_AMOUNTS:
            row = {
                "date": when,
                "kind": ref.SPENDING_KINDS["actual"].sv,
                "funder": ref.FUNDERS[funder].sv,
                "funder_name": name,
                "category": ref.SPENDING_CATEGORIES[category].sv,
                "activity_id": showcases[key][copy].activity_id,
            }
            rows.append((_first_day(when), row))
    return rows


# --- outcomes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the work led to that is not an activity (v2): roles, agreements, strategies…"""

    kind: str
    title: str
    date: str | None  # as typed; an undated agreement is still an outcome
    end: str | None = None
    activity: str | None = None  # a showcase's key
    partner: str | None = None
    description: str | None = None
    url: str | None = None  # a path under https://example.org/


OUTCOMES = (
    Outcome("network_role", "Ordförande och samordnare för UCCN:s gastronomiska delnätverk",
            "2019", "2022", partner="UCCN, gastronomiska delnätverket",
            description="Östersund ledde delnätverket och sammanställde dess aktiviteter."),
    Outcome("network_role", "Ledamot i styrgruppen för UCCN:s gastronomiska delnätverk",
            "2023-01", partner="UCCN, gastronomiska delnätverket"),
    Outcome("agreement", "Avsiktsförklaring om kockutbyte med Bergen", "2023-05",
            activity="gastrovecka-2023", partner="Bergen"),
    Outcome("agreement", "Samarbetsavtal med Parma om ost- och charkhantverk", "2024-10-15",
            partner="Parma"),
    Outcome("agreement", "Överenskommelse med Mittuniversitetet om studentprojekt", None,
            partner="Mittuniversitetet"),
    Outcome("strategy", "Strategi för mat och hållbar stadsutveckling antagen", "2023-06",
            partner="Östersunds kommun",
            description="Antagen av kommunfullmäktige; knyter arbetet till Agenda 2030, mål 11."),
    Outcome("strategy", "Handlingsplan för UCCN-arbetet 2025–2028", "2024-12",
            partner="Region Jämtland Härjedalen och Östersunds kommun"),
    Outcome("publication", "Gastronominätverkets aktivitetsrapport 2021", "2022-03",
            partner="UCCN, gastronomiska delnätverket", url="publikationer/aktivitetsrapport-2021"),
    Outcome("publication", "Slutrapport: Fjällmat över gränsen", "2022-10", activity="fjallmat",
            url="publikationer/fjallmat-slutrapport"),
    Outcome("media", "Reportage om Östersund som gastronomistad i nationell dagspress",
            "2022-08-14", url="media/reportage-2022"),
    Outcome("media", "Radioinslag om skördefesten på Jamtli", "2023-09",
            activity="festival-2023"),
    Outcome("award", "Pris för årets hållbara matupplevelse till skördefesten på Jamtli",
            "2024-03", activity="festival-2023", partner="Jamtli"),
    Outcome("other", "Besök av UNESCO:s sekretariat för kreativa städer", "2025-05-20",
            description="Samtal om nätverkets arbete och Östersundsdeklarationen."),
)  # fmt: skip


def _outcome_rows(scale: int, activities: Sequence[Activity]) -> list[Row]:
    """The outcomes above, once per unit of scale, numbered by date (undated last)."""
    showcases: dict[str, list[Activity]] = {}
    for a in activities:
        if a.key is not None:
            showcases.setdefault(a.key, []).append(a)
    drafts: list[tuple[str, Row]] = []
    for copy in range(scale):
        for o in OUTCOMES:
            row: Row = {
                "kind": ref.OUTCOME_KINDS[o.kind].sv,
                "title": o.title,
                "date": o.date,
                "end_date": o.end,
                "activity_id": showcases[o.activity][copy].activity_id if o.activity else None,
                "partner": o.partner,
                "description": o.description,
                "url": f"https://example.org/uccn/{o.url}" if o.url else None,
            }
            drafts.append((o.date or "9999", row))
    drafts.sort(key=lambda d: d[0])
    width = _id_width(len(drafts))
    return [{"outcome_id": f"R-{n:0{width}d}", **row} for n, (_, row) in enumerate(drafts, 1)]


# --- staff time and targets --------------------------------------------------------------

# Share of a normal month's hours: the summer holidays and Christmas show in the time reports.
MONTH_FACTOR = (0.95, 1.0, 1.05, 1.0, 1.05, 0.85, 0.6, 0.85, 1.1, 1.1, 1.05, 0.85)


# Months a party has not reported, as happens: the completeness page has something to show.
STAFF_GAPS = {("region", date(2023, 11, 1)), ("region", date(2023, 12, 1))}


def _staff_rows(rng: random.Random) -> list[Row]:
    """Both parties' hours for every month up to the last full one, about 30 % of 1,700 h,
    except the months in STAFF_GAPS."""
    rows: list[Row] = []
    for organisation in ("ostersund", "region"):
        month = date(YEARS.start, 1, 1)
        while month <= LAST_STAFF_MONTH:
            if (organisation, month) in STAFF_GAPS:
                month = (month + timedelta(days=32)).replace(day=1)
                continue
            hours = 45.0 * MONTH_FACTOR[month.month - 1] + rng.gauss(0, 5)
            hours = round(min(60.0, max(25.0, hours)) * 2) / 2  # reported in half hours
            rows.append(
                {
                    "organisation": ref.ORGANISATIONS[organisation].sv,
                    "month": month.strftime("%Y-%m"),
                    "hours": _decimal(hours),
                }
            )
            month = (month + timedelta(days=32)).replace(day=1)
    return rows


# Yearly targets the steering group might set; ambitions rise as the network work matures.
TARGETS: dict[str, tuple[float, ...]] = {  # 2021 … 2026
    "activities": (25, 28, 30, 32, 32, 34),
    "smes_reached": (15, 20, 22, 25, 25, 28),
    "exchanges": (8, 10, 10, 12, 12, 12),
    "partner_cities": (6, 8, 8, 9, 9, 10),
    "ostersund_spending_sek": (100_000,) * 6,
    "leverage_ratio": (1.5,) * 6,
    "sdg11_aligned_share": (0.6,) * 6,
    "staff_share_ostersund": (0.3,) * 6,
    "staff_share_region": (0.3,) * 6,
}


# The coordinators' comments on 2023: one in both languages, one only in Swedish (so that the
# English views show the Swedish text and say so). Other years and the whole period are left
# for a coordinator to write.
DEMO_COMMENTS: tuple[Row, ...] = (
    {
        "scope": "overall",
        "period": ref.AGREEMENT_2021_2024.period_id,
        "year": "2023",
        "text_sv": "Demodata: ett år med fler utbyten än väntat men färre nya företag utanför "
        "Östersund. Kommentaren är påhittad, som siffrorna.",
        "text_en": "Demo data: a year with more exchanges than expected but fewer new SMEs "
        "outside Östersund. The comment is made up, like the figures.",
    },
    {
        "scope": "sdg11",
        "period": ref.AGREEMENT_2021_2024.period_id,
        "year": "2023",
        "text_sv": "Demodata: fler aktiviteter kopplade till delmål 11.4 (kulturarvet) än "
        "året innan.",
    },
)


def _comment_rows() -> list[Row]:
    return list(DEMO_COMMENTS)


def _target_rows() -> list[Row]:
    return [
        {
            "year": str(year),
            "kpi": KPI_DEFINITIONS[kpi].name.sv,
            "target": _decimal(values[i]),
        }
        for kpi, values in TARGETS.items()
        for i, year in enumerate(YEARS)
    ]
