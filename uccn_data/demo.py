"""Build a repeatable, plausible demo store for 2021–2026 by importing generated Excel-style files.

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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
IMPORT_ORDER = ("activities", "sme_participation", "exchanges", "spending", "staff_time", "targets")

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
    """A generated activity, kept to link SMEs, exchanges and spending to it plausibly."""

    activity_id: str
    template: Template
    title: str
    start: date
    end: date | None
    municipality: str | None
    status: str
    participants: int | None
    city: tuple[str, str] | None
    partners: list[str]
    sdg11: str | None  # as typed: "11.4, 11.a" or "11.4; 11.a"
    lead: str
    description: str | None


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
    activities: list[Activity] = []
    for year in YEARS:
        n = rng.randint(26, 38) * scale
        follow_ups = rng.randint(2, 4) * scale
        drafts: list[Activity] = []
        for i in range(n):
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
        width = _id_width(n)
        for number, activity in enumerate(drafts, start=1):
            activity.activity_id = f"A{year}-{number:0{width}d}"
        activities.extend(drafts)
    return activities


def _activity(rng: random.Random, year: int, template: Template, city: tuple[str, str]) -> Activity:
    home = _pick(rng, ACTIVITY_MUNICIPALITY_WEIGHTS)
    municipality: str | None = home
    place = rng.choice(LOCALITIES[home])
    title = template.title.format(
        at_place=_at(place),
        city=city[0],
        topic=CITY_TOPICS.get(city[0]) or rng.choice(TOPICS),
        year=year,
    )
    if (
        "{at_place}" not in template.title
        and template.kind in ("digital", "trip")
        and rng.random() < 0.5
    ):
        municipality = None  # a trip abroad or a video call happens in no municipality
    (fewest, most), (shortest, longest) = KIND_SIZES[template.kind]
    start = _day_in_year(rng, year)
    days = rng.randint(shortest, longest)
    end: date | None = start + timedelta(days=days)
    if days == 0 and rng.random() < 0.3:
        end = None  # one-day meetings are often logged without an end date
    last_day = end or start
    if start > AS_OF:
        status = "planned"
    elif rng.random() < (0.10 if year == 2021 else 0.04):
        status = "cancelled"  # 2021 lost more to the pandemic
    else:
        status = "ongoing" if last_day >= AS_OF else "completed"
    participants = rng.randint(fewest, most) if status in ("completed", "ongoing") else None
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
    description = rng.choice(DESCRIPTIONS) if rng.random() < 0.5 else None
    return Activity(
        activity_id="",  # numbered once the year's activities are sorted by date
        template=template,
        title=title,
        start=start,
        end=end,
        municipality=municipality,
        status=status,
        participants=participants,
        city=city if template.partner == "city" else None,
        partners=partners,
        sdg11=None,
        lead=lead,
        description=description,
    )


def _assign_sdg11(rng: random.Random, activities: list[Activity]) -> None:
    """Give 62–68 % of a year's activities one to three SDG 11 targets."""
    chosen = rng.sample(range(len(activities)), round(len(activities) * rng.uniform(0.62, 0.68)))
    for index in chosen:
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
        and a.template.partner != "unesco"
        and a.template.level != "regional"
    ]
    for activity in rng.sample(candidates, max(0, min(wanted - have, len(candidates)))):
        activity.partners.insert(0, "Team Sweden")


def _activity_row(a: Activity) -> Row:
    t = a.template
    return {
        "activity_id": a.activity_id,
        "title": a.title,
        "framework_area": ref.FRAMEWORK_AREAS[t.area].sv,
        "theme": ref.THEMES[t.theme].sv,
        "start_date": a.start.isoformat(),
        "end_date": a.end.isoformat() if a.end else None,
        "level": ref.LEVELS[t.level].sv,
        "lead": ref.LEADS[a.lead].sv,
        "municipality": ref.MUNICIPALITY_CODES[a.municipality] if a.municipality else None,
        "participants": str(a.participants) if a.participants is not None else None,
        "sdg11_targets": a.sdg11,
        "partners": ", ".join(a.partners) or None,
        "status": ref.STATUSES[a.status].sv,
        "description": a.description,
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
    weights = [
        area_weight[a.template.area] * (2 if a.template.theme == _GA else 1) for a in eligible
    ]
    # Pick Östersund or elsewhere first, then a company: otherwise a few popular companies
    # would swing Östersund's share of the participations far from the usual 40–55 %.
    groups = [
        [c for c in companies if c.municipality == ref.OSTERSUND_CODE],
        [c for c in companies if c.municipality != ref.OSTERSUND_CODE],
    ]
    group_weights = [[c.popularity for c in group] for group in groups]
    ostersund_share = rng.uniform(0.44, 0.5)
    # Never ask for more than the activities can hold, or the loop below would not end.
    capacity = sum(min(a.participants or 0, 15) for a in eligible)
    wanted = min(rng.randint(140, 185) * scale, capacity)
    seen: set[tuple[str, str]] = set()
    per_activity: dict[str, int] = {}
    pairs: list[tuple[Activity, Company]] = []
    while len(pairs) < wanted:
        activity = rng.choices(eligible, weights=weights)[0]
        g = 0 if rng.random() < ostersund_share else 1
        company = rng.choices(groups[g], weights=group_weights[g])[0]
        key = (activity.activity_id, company.org_number)
        cap = min(activity.participants or 0, 15)
        if key in seen or per_activity.get(activity.activity_id, 0) >= cap:
            continue
        seen.add(key)
        per_activity[activity.activity_id] = per_activity.get(activity.activity_id, 0) + 1
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


def _exchange_rows(rng: random.Random, scale: int, activities: Sequence[Activity]) -> list[Row]:
    """8–15 exchanges a year per unit of scale; mostly digital in the pandemic year 2021."""
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
        linked = [
            a
            for a in activities
            if a.start.year == year and a.city and a.status in ("completed", "ongoing")
        ]
        drafts: list[tuple[date, Row]] = []
        for _ in range(n):
            # One exchange per linked activity: a trip is one exchange, not two.
            activity = (
                linked.pop(rng.randrange(len(linked))) if linked and rng.random() < 0.4 else None
            )
            if activity is not None and activity.city is not None:
                city, country = activity.city
                when = activity.start
                kind = activity.template.kind
                direction = {"trip": "outbound", "digital": "digital"}.get(kind, "inbound")
            else:
                city, country = rng.choices(cities, weights=city_weights)[0]
                when = _day_in_year(rng, year, until=AS_OF - timedelta(days=1))
                if rng.random() < digital_share.get(year, 0.2):
                    direction = "digital"
                else:
                    direction = rng.choice(("outbound", "inbound"))
            low, high = {"outbound": (2, 12), "inbound": (4, 30), "digital": (5, 40)}[direction]
            participants = rng.randint(low, high)
            member: str | None = None
            if rng.random() < 0.15:  # most leave it empty; the store derives it
                member = "ja" if ref.is_uccn_city(city, country) else "nej"
            land = country
            if rng.random() < 0.3:
                name = country_name(country, "sv")
                land = name if country_code(name) == country else country
            row: Row = {
                "activity_id": activity.activity_id if activity else None,
                "date": when.isoformat(),
                "direction": ref.DIRECTIONS[direction].sv,
                "partner_city": city,
                "partner_country": land,
                "uccn_member": member,
                "participants": str(participants),
                "smes_involved": str(rng.randint(0, min(12, participants))),
            }
            drafts.append((when, row))
        drafts.sort(key=lambda d: (d[0], d[1]["partner_city"] or ""))
        width = _id_width(n)
        for number, (_, row) in enumerate(drafts, start=1):
            rows.append({"exchange_id": f"U{year}-{number:0{width}d}", **row})
    return rows


# --- spending ----------------------------------------------------------------------------

EXTERNAL_FUNDERS = (
    "Europeiska regionala utvecklingsfonden (ERUF)", "Interreg Aurora", "Tillväxtverket",
    "Regionala projektmedel, Region Jämtland Härjedalen", "Leader Jämtlandsfjällen",
    "Kulturrådet", "Svenska institutet",
)  # fmt: skip
# How many external kronor each of Östersund's kronor brought in: growing as projects mature.
LEVERAGE = {2021: (1.0, 1.4), 2022: (1.2, 1.9), 2023: (1.5, 2.5), 2024: (1.8, 2.9),
            2025: (1.6, 2.7), 2026: (1.4, 2.4)}  # fmt: skip
CATEGORY_WEIGHTS = {
    "ostersund": {"travel": 25, "events": 25, "marketing": 20, "projects": 15, "other": 10, "staff": 5},
    "region": {"events": 30, "travel": 25, "marketing": 20, "other": 15, "projects": 10},
    "external": {"projects": 50, "staff": 20, "events": 15, "travel": 15},
}  # fmt: skip


def _split(rng: random.Random, total_ore: int, parts: int) -> list[int]:
    """`total_ore` in `parts` uneven amounts; most whole kronor, some with öre."""
    weights = [rng.uniform(0.3, 1.0) for _ in range(parts)]
    amounts = []
    for w in weights[:-1]:
        ore = round(total_ore * w / sum(weights))
        amounts.append(ore if rng.random() < 0.3 else round(ore, -2))
    amounts.append(max(100, total_ore - sum(amounts)))
    return amounts


def _spending_rows(rng: random.Random, scale: int, activities: Sequence[Activity]) -> list[Row]:
    """Östersund's 100,000 SEK a year (85–105 % used), the Region's money and external funding."""
    rows: list[Row] = []
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
        drafts: list[tuple[date, Row]] = []
        for funder, (total, parts) in budgets.items():
            for ore in _split(rng, total, parts):
                activity = rng.choice(linkable) if linkable and rng.random() < 0.4 else None
                when = _day_in_year(rng, year, until)
                if activity is not None:
                    # Costs are booked around the activity, but always in the same year.
                    near = activity.start + timedelta(days=rng.randint(-10, 30))
                    when = min(max(near, date(year, 1, 1)), until)
                row: Row = {
                    "date": when.isoformat(),
                    "amount_sek": _sek(ore, grouped=rng.random() < 0.3),
                    "funder": ref.FUNDERS[funder].sv,
                    "funder_name": rng.choice(EXTERNAL_FUNDERS) if funder == "external" else None,
                    "category": ref.SPENDING_CATEGORIES[_pick(rng, CATEGORY_WEIGHTS[funder])].sv,
                    "activity_id": activity.activity_id if activity else None,
                }
                drafts.append((when, row))
        drafts.sort(key=lambda d: (d[0], d[1]["funder"] or "", d[1]["amount_sek"] or ""))
        width = _id_width(len(drafts))
        for number, (_, row) in enumerate(drafts, start=1):
            rows.append({"spending_id": f"K{year}-{number:0{width}d}", **row})
    return rows


# --- staff time and targets --------------------------------------------------------------

# Share of a normal month's hours: the summer holidays and Christmas show in the time reports.
MONTH_FACTOR = (0.95, 1.0, 1.05, 1.0, 1.05, 0.85, 0.6, 0.85, 1.1, 1.1, 1.05, 0.85)


def _staff_rows(rng: random.Random) -> list[Row]:
    """Both parties' hours for every month up to the last full one: about 30 % of 1,700 h."""
    rows: list[Row] = []
    for organisation in ("ostersund", "region"):
        month = date(YEARS.start, 1, 1)
        while month <= LAST_STAFF_MONTH:
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
