"""The uploadable tables as the data contract defines them: columns, aliases, keys.

One description serves the reader (header aliases), the parsers (column kinds), the pandera
schemas (rules), the store (DDL order) and the templates, so a column is named in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from uccn_data import reference as ref
from uccn_data.reference import Label
from uccn_data.text import match_key

Kind = Literal[
    "id", "text", "enum", "date", "month", "integer", "decimal", "boolean", "list",
    "org_number", "country", "municipality", "sdg", "url", "amount", "currency",
]  # fmt: skip

# (v2) What an approximate count says about its number: "ca 250", "> 250", "minst 250".
APPROXIMATIONS = ("about", "over", "at_least")
# (v2) How much of a date was written: "2018", "2018-05" or a day.
PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True)
class Column:
    """One column of an uploaded table and the rule its values follow."""

    name: str
    alias: str
    kind: Kind
    required: bool = False
    # Not part of equality: two columns with the same name and kind share their lookups.
    choices: dict[str, Label] | None = field(default=None, hash=False, compare=False)
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    # The contract writes "< 100,000,000" for amounts: an exclusive upper bound.
    maximum_exclusive: bool = False
    other_aliases: tuple[str, ...] = ()
    allow_other: bool = False  # municipality: also `other` (annan) for SMEs outside the region
    decimals: int | None = None  # the store keeps this many; more would be rounded silently
    # (v2) A list cell: one or more values separated by `;` or `,`, each of the column's kind.
    many: bool = False
    # (v2) A date written as `YYYY`, `YYYY-MM` or a day; stored as its first day with its
    # precision beside it (`<name>_precision`), and shown as written.
    precision: bool = False
    # (v2) An integer that may be approximate (`ca 250`, `över 250`, `minst 250`); the kind of
    # approximation is stored beside it (`<name>_approx`).
    approximate: bool = False
    default: str | None = None  # (v2) what an empty cell means, e.g. `city`, `SEK`, `actual`

    @property
    def companions(self) -> tuple[str, ...]:
        """The stored columns that go with this one (precision, approximation)."""
        return (
            *((f"{self.name}_precision",) if self.precision else ()),
            *((f"{self.name}_approx",) if self.approximate else ()),
        )


@dataclass(frozen=True)
class Table:
    """An uploadable table: its canonical and Swedish names, key and columns."""

    name: str
    alias: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    label: Label = field(default_factory=lambda: Label("", ""))
    # (v2) Columns the store derives at import and keeps (not in a file): e.g. the SEK
    # amount's original amount, each partner city's UCCN membership.
    derived: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        """The columns of a file, in the contract's order."""
        return [c.name for c in self.columns]

    @property
    def stored_names(self) -> list[str]:
        """The columns the store keeps: the file's, their companions, then derived ones."""
        names: list[str] = []
        for c in self.columns:
            names += [c.name, *c.companions]
        return [*names, *self.derived]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


def _id(name: str, alias: str, required: bool = True) -> Column:
    return Column(name, alias, "id", required=required, max_length=40)


ACTIVITIES = Table(
    "activities",
    "aktiviteter",
    ("activity_id",),
    (
        _id("activity_id", "aktivitet_id"),
        Column("title", "titel", "text", required=True, max_length=200),
        Column(
            "framework_area",
            "ramaktivitet",
            "enum",
            required=True,
            choices=ref.FRAMEWORK_AREAS,
            many=True,
        ),
        Column("theme", "tema", "enum", required=True, choices=ref.THEMES, many=True),
        Column("start_date", "startdatum", "date", required=True, precision=True),
        Column("end_date", "slutdatum", "date", precision=True),
        Column("level", "nivå", "enum", required=True, choices=ref.LEVELS, other_aliases=("niva",)),
        Column("lead", "ansvarig", "enum", required=True, choices=ref.LEADS),
        Column("lead_name", "ansvarig_namn", "text", max_length=200),
        Column(
            "party_role",
            "parternas_roll",
            "enum",
            choices=ref.PARTY_ROLES,
            other_aliases=("parternas roll",),
        ),
        Column("municipality", "kommun", "municipality", many=True),
        Column("participants", "deltagare", "integer", minimum=0, approximate=True),
        Column(
            "visitors",
            "besokare",
            "integer",
            minimum=0,
            approximate=True,
            other_aliases=("besökare",),
        ),
        Column(
            "smes_count",
            "antal_foretag",
            "integer",
            minimum=0,
            approximate=True,
            other_aliases=("antal_företag",),
        ),
        Column("sdg11_targets", "sdg11", "list"),
        Column(
            "other_sdgs",
            "andra_hallbarhetsmal",
            "sdg",
            many=True,
            other_aliases=("andra_hållbarhetsmål",),
        ),
        Column("partners", "partner", "text"),
        Column("status", "status", "enum", required=True, choices=ref.STATUSES),
        Column("description", "beskrivning", "text", max_length=2000),
        Column("results", "resultat", "text", max_length=2000),
        Column("url", "lank", "url", max_length=2000, other_aliases=("länk",)),
    ),
    Label("Aktiviteter", "Activities"),
    # The UCCN cities named among the partners, as the reference list spells them.
    derived=("partner_uccn_cities",),
)

SME_PARTICIPATION = Table(
    "sme_participation",
    "foretag",
    ("activity_id", "org_number"),
    (
        _id("activity_id", "aktivitet_id"),
        Column("org_number", "organisationsnummer", "org_number", required=True),
        Column(
            "company_name",
            "foretagsnamn",
            "text",
            required=True,
            max_length=200,
            other_aliases=("företagsnamn",),
        ),
        Column("municipality", "kommun", "municipality", allow_other=True),
        Column("sector", "bransch", "enum", required=True, choices=ref.SECTORS),
        Column("size_class", "storlek", "enum", required=True, choices=ref.SIZE_CLASSES),
    ),
    Label("Företag", "SMEs"),
)

EXCHANGES = Table(
    "exchanges",
    "utbyten",
    ("exchange_id",),
    (
        _id("exchange_id", "utbyte_id"),
        _id("activity_id", "aktivitet_id", required=False),
        Column("date", "datum", "date", required=True, precision=True),
        Column("end_date", "slutdatum", "date", precision=True),
        Column("direction", "riktning", "enum", required=True, choices=ref.DIRECTIONS),
        Column(
            "partner_type",
            "partnertyp",
            "enum",
            choices=ref.PARTNER_TYPES,
            default="city",
        ),
        Column("partner_city", "partnerstad", "text", required=True, max_length=200, many=True),
        # Required for cities and regions (validation.py), not for organisations and networks.
        Column("partner_country", "land", "country", many=True),
        Column("uccn_member", "uccn_medlem", "boolean"),
        Column(
            "cities_count",
            "antal_stader",
            "integer",
            minimum=0,
            approximate=True,
            other_aliases=("antal_städer",),
        ),
        Column(
            "countries_count",
            "antal_lander",
            "integer",
            minimum=0,
            approximate=True,
            other_aliases=("antal_länder",),
        ),
        Column("participants", "deltagare", "integer", minimum=0, approximate=True),
        Column(
            "smes_involved",
            "antal_foretag",
            "integer",
            minimum=0,
            approximate=True,
            other_aliases=("antal_företag",),
        ),
    ),
    Label("Utbyten", "Exchanges"),
    # Each partner's UCCN membership, in partner order: true, or null for unknown.
    derived=("partner_members",),
)

SPENDING = Table(
    "spending",
    "kostnader",
    ("spending_id",),
    (
        _id("spending_id", "post_id"),
        Column("date", "datum", "date", required=True, precision=True),
        Column("end_date", "slutdatum", "date", precision=True),
        Column(
            "amount_sek",
            "belopp",
            "amount",
            minimum=0,
            maximum=100_000_000,
            maximum_exclusive=True,
            decimals=2,
        ),
        Column("currency", "valuta", "currency", default="SEK"),
        Column(
            "exchange_rate",
            "vaxelkurs",
            "decimal",
            minimum=0,
            other_aliases=("växelkurs",),
        ),
        Column("kind", "typ", "enum", choices=ref.SPENDING_KINDS, default="actual"),
        Column(
            "funder",
            "finansiar",
            "enum",
            required=True,
            choices=ref.FUNDERS,
            other_aliases=("finansiär",),
        ),
        Column(
            "funder_name",
            "finansiar_namn",
            "text",
            max_length=200,
            other_aliases=("finansiär_namn",),
        ),
        Column("category", "kategori", "enum", required=True, choices=ref.SPENDING_CATEGORIES),
        _id("activity_id", "aktivitet_id", required=False),
    ),
    Label("Kostnader", "Spending"),
    # The amount as written, in its currency (the SEK amount is amount_sek).
    derived=("amount_original",),
)

STAFF_TIME = Table(
    "staff_time",
    "arbetstid",
    ("organisation", "month"),
    (
        Column("organisation", "organisation", "enum", required=True, choices=ref.ORGANISATIONS),
        Column("month", "manad", "month", required=True, other_aliases=("månad",)),
        Column("hours", "timmar", "decimal", required=True, minimum=0, maximum=744, decimals=2),
    ),
    Label("Arbetstid", "Staff time"),
)


def _kpi_choices() -> dict[str, Label]:
    # Imported late: kpis.py defines the keys, and targets may name any of them.
    from uccn_data.kpi_definitions import KPI_DEFINITIONS

    return {key: d.name for key, d in KPI_DEFINITIONS.items()}


TARGETS = Table(
    "targets",
    "mal",
    ("year", "kpi"),
    (
        Column(
            "year",
            "ar",
            "integer",
            required=True,
            minimum=2010,
            maximum=2100,
            other_aliases=("år",),
        ),
        Column("kpi", "nyckeltal", "enum", required=True, choices=_kpi_choices()),
        Column(
            "target", "malvarde", "decimal", required=True, minimum=0, other_aliases=("målvärde",)
        ),
    ),
    Label("Mål", "Targets"),
)

OUTCOMES = Table(
    "outcomes",
    "resultat",
    ("outcome_id",),
    (
        _id("outcome_id", "resultat_id"),
        Column("kind", "typ", "enum", required=True, choices=ref.OUTCOME_KINDS),
        Column("title", "titel", "text", required=True, max_length=200),
        Column("date", "datum", "date", precision=True),
        Column("end_date", "slutdatum", "date", precision=True),
        _id("activity_id", "aktivitet_id", required=False),
        Column("partner", "partner", "text", max_length=200),
        Column("description", "beskrivning", "text", max_length=2000),
        Column("url", "lank", "url", max_length=2000, other_aliases=("länk",)),
    ),
    Label("Resultat", "Outcomes"),
)

# (v2, follow-up cycle) What a comment is about: the whole, a framework area, a KPI or SDG 11.
OVERALL = "overall"
SDG11_SCOPE = "sdg11"


def _scope_choices() -> dict[str, Label]:
    return {
        OVERALL: Label("Helhet", "Overall"),
        **ref.FRAMEWORK_AREAS,
        **_kpi_choices(),
        SDG11_SCOPE: Label("Agenda 2030, mål 11", "Agenda 2030, SDG 11"),
    }


# The longest comment the contract allows, in characters.
COMMENT_MAX_LENGTH = 4000

COMMENTS = Table(
    "comments",
    "kommentarer",
    # `year` may be empty (the whole period): the store compares keys null-safely.
    ("scope", "period", "year"),
    (
        Column(
            "scope",
            "omfattning",
            "enum",
            required=True,
            choices=_scope_choices(),
        ),
        Column("period", "avtalsperiod", "id", required=True, max_length=40),
        Column(
            "year",
            "ar",
            "integer",
            minimum=2010,
            maximum=2100,
            other_aliases=("år",),
        ),
        Column("text_sv", "text_sv", "text", required=True, max_length=COMMENT_MAX_LENGTH),
        Column("text_en", "text_en", "text", max_length=COMMENT_MAX_LENGTH),
    ),
    Label("Kommentarer", "Comments"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ACTIVITIES,
        SME_PARTICIPATION,
        EXCHANGES,
        SPENDING,
        STAFF_TIME,
        TARGETS,
        OUTCOMES,
        COMMENTS,
    )
}

# Swedish names are accepted wherever a table is named (command line, the upload page);
# "mål" is what a Swede types for targets.
TABLE_ALIASES: dict[str, str] = {
    **{t.name: t.name for t in TABLES.values()},
    **{t.alias: t.name for t in TABLES.values()},
    "mål": "targets",
    "företag": "sme_participation",
}


def resolve_table(name: str) -> Table | None:
    """The table a user named, by canonical or Swedish name, any case; None if unknown."""
    key = TABLE_ALIASES.get(match_key(name))
    return TABLES[key] if key else None


def header_aliases(table: Table) -> dict[str, str]:
    """Folded header text -> canonical column name, for matching a file's header row."""
    mapping: dict[str, str] = {}
    for c in table.columns:
        for name in (c.name, c.alias, *c.other_aliases):
            mapping[match_key(name)] = c.name
    return mapping
