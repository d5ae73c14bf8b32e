"""The agreement and its vocabulary: what the software knows without any upload.

Everything here comes from the cooperation agreement (see ../shared/DATA_CONTRACT.md) or from
official lists (SCB municipality codes, the UN's SDG 11 targets, UNESCO's Creative Cities).
Bulky lists live as CSV files in `reference_data/` so that an official can read and check them;
the `# ` lines atop a file name its source and date.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from uccn_data.text import match_key

REFERENCE_DIR = Path(__file__).with_name("reference_data")


@dataclass(frozen=True)
class Label:
    """A name shown to users, in Swedish (first) and English."""

    sv: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


# --- Enumerations used in uploaded files -------------------------------------------------
# Keys are what the store keeps; the labels are what coordinators write and read.

FRAMEWORK_AREAS: dict[str, Label] = {
    "information_marketing": Label("Information och marknadsföring", "Information and marketing"),
    "competence_development": Label("Kompetensutveckling", "Competence development"),
    "strategic_development": Label("Strategisk utveckling", "Strategic development"),
}

THEMES: dict[str, Label] = {
    "gastronomy": Label("Mat/gastronomi", "Food/gastronomy"),
    "culture": Label("Kultur", "Culture"),
    "tourism": Label("Turism", "Tourism"),
    "sustainable_development": Label("Hållbar utveckling", "Sustainable development"),
}

LEVELS: dict[str, Label] = {
    "regional": Label("Regional", "Regional"),
    "national": Label("Nationell", "National"),
    "international": Label("Internationell", "International"),
}

ORGANISATIONS: dict[str, Label] = {
    "ostersund": Label("Östersunds kommun", "Östersund Municipality"),
    "region": Label("Region Jämtland Härjedalen", "Region Jämtland Härjedalen"),
}

LEADS: dict[str, Label] = {
    **ORGANISATIONS,
    "joint": Label("Gemensam", "Joint"),
    # (v2) Another organisation leads (a university, a company, an association, a city).
    "external": Label("Extern", "External"),
}

# (v2) What the parties did in an activity that another organisation led.
PARTY_ROLES: dict[str, Label] = {
    "co_organiser": Label("Medarrangör", "Co-organiser"),
    "partner": Label("Partner", "Partner"),
    "funder": Label("Finansiär", "Funder"),
    "participant": Label("Deltagare", "Participant"),
}

# (v2) Where an activity took place beyond the eight municipalities.
PLACES: dict[str, Label] = {
    "county": Label("Hela länet", "The whole county"),
    "outside_county": Label("Utanför länet", "Outside the county"),
    "abroad": Label("Utomlands", "Abroad"),
}

STATUSES: dict[str, Label] = {
    "planned": Label("Planerad", "Planned"),
    "ongoing": Label("Pågående", "Ongoing"),
    "completed": Label("Genomförd", "Completed"),
    "cancelled": Label("Inställd", "Cancelled"),
}

DIRECTIONS: dict[str, Label] = {
    "outbound": Label("Utresande", "Outbound"),
    "inbound": Label("Inkommande", "Inbound"),
    "digital": Label("Digital", "Digital"),
}

FUNDERS: dict[str, Label] = {
    **ORGANISATIONS,
    "external": Label("Extern", "External"),
    # (v2) The finer kinds of external funder; all of them are external funding.
    "state": Label("Staten", "The state"),
    "eu": Label("EU-program", "EU programme"),
    "municipality_other": Label("Annan kommun", "Another municipality"),
    "private": Label("Privat", "Private"),
    "other": Label("Övrig", "Other"),
}
# Every funder that is neither party brings external funding (DATA_CONTRACT v2).
EXTERNAL_FUNDERS = tuple(k for k in FUNDERS if k not in ORGANISATIONS)

# (v2) Spent money, or money planned: budgets are shown beside outcomes, never added to them.
SPENDING_KINDS: dict[str, Label] = {
    "actual": Label("Utfall", "Actual"),
    "budget": Label("Budget", "Budget"),
}

# (v2) Who the partner of an exchange is.
PARTNER_TYPES: dict[str, Label] = {
    "city": Label("Stad", "City"),
    "region": Label("Region", "Region"),
    "organisation": Label("Organisation", "Organisation"),
    "network": Label("Nätverk", "Network"),
}

# (v2) What the work led to that is not an activity.
OUTCOME_KINDS: dict[str, Label] = {
    "award": Label("Utmärkelse", "Award"),
    "agreement": Label("Avtal", "Agreement"),
    "publication": Label("Publikation", "Publication"),
    "strategy": Label("Strategi", "Strategy"),
    "network_role": Label("Uppdrag i nätverket", "Role in the network"),
    "media": Label("Media", "Media"),
    "other": Label("Övrigt", "Other"),
}

SPENDING_CATEGORIES: dict[str, Label] = {
    "staff": Label("Personal", "Staff"),
    "travel": Label("Resor", "Travel"),
    "events": Label("Evenemang", "Events"),
    "marketing": Label("Marknadsföring", "Marketing"),
    "projects": Label("Projekt", "Projects"),
    "other": Label("Övrigt", "Other"),
}

SECTORS: dict[str, Label] = {
    "food": Label("Livsmedel", "Food"),
    "restaurant": Label("Restaurang", "Restaurant"),
    "design": Label("Design", "Design"),
    "crafts": Label("Konsthantverk", "Crafts"),
    "music": Label("Musik", "Music"),
    "film_media": Label("Film och media", "Film and media"),
    "literature": Label("Litteratur", "Literature"),
    "performing_arts": Label("Scenkonst", "Performing arts"),
    "visual_arts": Label("Bildkonst", "Visual arts"),
    "architecture": Label("Arkitektur", "Architecture"),
    "games": Label("Spel", "Games"),
    "tourism": Label("Turism", "Tourism"),
    "other": Label("Övrigt", "Other"),
}

SIZE_CLASSES: dict[str, Label] = {
    "micro": Label("Mikro (< 10)", "Micro (< 10)"),
    "small": Label("Liten (10–49)", "Small (10–49)"),
    "medium": Label("Medelstor (50–249)", "Medium (50–249)"),
}

# Plain-word aliases that coordinators write, beyond the labels above ("mikro", "liten").
EXTRA_ALIASES: dict[str, dict[str, str]] = {
    "size_class": {"mikro": "micro", "liten": "small", "medelstor": "medium"},
    "theme": {
        "mat": "gastronomy",
        "gastronomi": "gastronomy",
        "food": "gastronomy",
        "gastronomy": "gastronomy",
        "mat och gastronomi": "gastronomy",
    },
    "lead": {
        "östersund": "ostersund",
        "region": "region",
        "regionen": "region",
        "extern": "external",
        "annan": "external",
    },
    "funder": {
        "östersund": "ostersund",
        "regionen": "region",
        "stat": "state",
        "statlig": "state",
        "myndighet": "state",
        "eu": "eu",
        "eu-program": "eu",
        "eu programme": "eu",
        "kommun": "municipality_other",
        "privat": "private",
        "övrigt": "other",
    },
    "party_role": {"medarrangor": "co_organiser", "co-organiser": "co_organiser"},
    "kind": {"avtal": "agreement", "uppdrag": "network_role", "utmärkelse": "award"},
    "partner_type": {"stad": "city", "nätverk": "network", "organisation": "organisation"},
    "organisation": {"östersund": "ostersund", "regionen": "region"},
    "sector": {"film/media": "film_media", "film & media": "film_media"},
}


@dataclass(frozen=True)
class Municipality:
    """One of the eight municipalities of Jämtland Härjedalen, with its SCB code."""

    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Sdg11Target:
    """A target under UN Agenda 2030, goal 11 (sustainable cities and communities)."""

    code: str
    en: str
    sv: str


@dataclass(frozen=True)
class SdgGoal:
    """One of the 17 goals of UN Agenda 2030, with its official short name."""

    goal: int
    en: str
    sv: str


@dataclass(frozen=True)
class UccnCity:
    """A member city of the UNESCO Creative Cities Network in one creative field.

    `subnetwork` (also `creative_field`) is one of `UCCN_CREATIVE_FIELDS`. `lat`/`lon` are
    None where the reference file gives no position for the city.
    """

    city: str
    country: str
    lat: float | None
    lon: float | None
    year_designated: int
    subnetwork: str

    @property
    def creative_field(self) -> str:
        """The creative field the city is designated in (the same as `subnetwork`)."""
        return self.subnetwork


UCCN_CREATIVE_FIELDS: tuple[str, ...] = (
    "crafts_folk_art", "design", "film", "gastronomy", "literature", "media_arts", "music",
)  # fmt: skip


def _read_lines(name: str) -> list[str]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return handle.readlines()


def _read_csv(name: str) -> list[dict[str, str]]:
    """The rows of a reference CSV; lines starting with `#` (its source notes) are skipped."""
    return list(csv.DictReader(line for line in _read_lines(name) if not line.startswith("#")))


def _comments(name: str) -> str:
    """The `# ` comment lines at the top of a reference CSV, without the `# `, one a line."""
    notes = [line.rstrip("\r\n") for line in _read_lines(name) if line.startswith("#")]
    return "\n".join(note.removeprefix("#").strip() for note in notes)


def _optional_float(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The eight municipalities, in SCB code order."""
    rows = _read_csv("municipalities.csv")
    return tuple(
        Municipality(r["code"], r["name"], float(r["lat"]), float(r["lon"]))
        for r in sorted(rows, key=lambda r: r["code"])
    )


@cache
def sdg11_targets() -> tuple[Sdg11Target, ...]:
    """SDG 11 targets 11.1–11.7 and 11.a–11.c with their official texts."""
    return tuple(Sdg11Target(r["code"], r["en"], r["sv"]) for r in _read_csv("sdg11_targets.csv"))


@cache
def sdg_goals() -> tuple[SdgGoal, ...]:
    """The 17 SDGs with their short names: the UN's in English, Globala målen's in Swedish."""
    return tuple(SdgGoal(int(r["goal"]), r["en"], r["sv"]) for r in _read_csv("sdg_goals.csv"))


@cache
def uccn_cities() -> tuple[UccnCity, ...]:
    """Every UCCN member city in the seven creative fields, from UNESCO's list of members.

    As of UNESCO's designations of 31 October 2023 (350 cities); `uccn_source()` names the
    source, its date and where the years and map positions come from. A city designated
    later is not in the list: its membership is unknown here, not denied.
    """
    return tuple(
        UccnCity(
            r["city"],
            r["country"],
            _optional_float(r["lat"]),
            _optional_float(r["lon"]),
            int(r["year_designated"]),
            r["subnetwork"],
        )
        for r in _read_csv("uccn_cities.csv")
    )


@cache
def uccn_source() -> str:
    """Where the UCCN city list comes from and as of when (the notes atop its CSV file)."""
    return _comments("uccn_cities.csv")


SDG11_CODES: tuple[str, ...] = (
    "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c",
)  # fmt: skip

MUNICIPALITY_CODES: dict[str, str] = {
    "2303": "Ragunda",
    "2305": "Bräcke",
    "2309": "Krokom",
    "2313": "Strömsund",
    "2321": "Åre",
    "2326": "Berg",
    "2361": "Härjedalen",
    "2380": "Östersund",
}
OSTERSUND_CODE = "2380"
OTHER_MUNICIPALITY = "other"


def fold_name(text: str) -> str:
    """`  Dénia ` -> `denia`: names typed with other case, spacing or without accents match."""
    decomposed = unicodedata.normalize("NFKD", match_key(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def uccn_city_index() -> frozenset[tuple[str, str]]:
    """(folded city name, country code) of every known UCCN city, for exchange rows."""
    return frozenset((fold_name(c.city), c.country) for c in uccn_cities())


def is_uccn_city(city: str, country: str) -> bool | None:
    """A partner city's UCCN membership when `uccn_member` is empty: True when the reference
    list holds it, else None (unknown). Never False: the list has a date, cities join every
    second year, and a name may be spelt another way (DATA_CONTRACT v2)."""
    return True if (fold_name(city), country.upper()) in uccn_city_index() else None


@cache
def _uccn_names() -> dict[str, str]:
    """Folded city name -> the name as the reference list writes it."""
    return {fold_name(c.city): c.city for c in uccn_cities()}


def uccn_cities_named(text: str) -> list[str] | None:
    """The UCCN cities named in a free-text list of partners ("Parma; Tucson; Team Sweden"
    -> ["Parma", "Tucson"]), spelt as the reference list does; None when there are none."""
    names = _uccn_names()
    found: list[str] = []
    for part in re.split(r"[;,]", text):
        city = names.get(fold_name(part))
        if city is not None and city not in found:
            found.append(city)
    return found or None


# --- Agreement periods -------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementPeriod:
    """An agreement period and what the parties committed to in it."""

    period_id: str
    start: date
    end: date
    # None for a reporting window (v2): a span to report on, with no commitments.
    ostersund_sek_per_year: float | None
    staff_share: float | None
    is_example: bool
    note_sv: str
    note_en: str
    kind: str = "agreement"  # `agreement` (with commitments) or `reporting` (a window)

    @property
    def has_commitments(self) -> bool:
        """A reporting window, or a period without commitments, has no targets or status."""
        return self.kind == "agreement" and self.ostersund_sek_per_year is not None

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


AGREEMENT_2021_2024 = AgreementPeriod(
    period_id="2021-2024",
    start=date(2021, 1, 1),
    end=date(2024, 12, 31),
    ostersund_sek_per_year=100_000.0,
    staff_share=0.30,
    is_example=False,
    note_sv="Samverkansavtalet 2021–2024 mellan Region Jämtland Härjedalen och Östersunds kommun.",
    note_en="The cooperation agreement 2021–2024 between Region Jämtland Härjedalen and "
    "Östersund Municipality.",
)

# The renewal is not yet agreed: the demo adds it, labelled as an example, so that the
# store's handling of several periods can be seen and tested.
EXAMPLE_RENEWAL_2025_2028 = AgreementPeriod(
    period_id="2025-2028",
    start=date(2025, 1, 1),
    end=date(2028, 12, 31),
    ostersund_sek_per_year=100_000.0,
    staff_share=0.30,
    is_example=True,
    note_sv="Exempel: en förnyad avtalsperiod med samma åtaganden (demodata).",
    note_en="Example: a renewed agreement period with the same commitments (demo data).",
)

DEFAULT_FULL_TIME_HOURS = 1700.0

# Partners the agreement names; matched in the free-text `partners` column.
TEAM_SWEDEN_NAMES = ("team sweden",)
UNESCO_COUNCIL_NAMES = ("svenska unescorådet", "swedish national commission for unesco")
