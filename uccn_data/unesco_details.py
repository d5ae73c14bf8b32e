"""The facts about the city's UNESCO membership that only an admin can give, kept in the
store's settings under `unesco.*` keys: the designation date as UNESCO stated it, the entity
responsible, the focal point, the city-government contact and the web resources.

The data contract wants such facts as data with a source, never sentences fixed in code: the
UNESCO draft (section 2) shows what is set and leaves a highlighted place for what is not.
The creative field and year of designation also come from the UCCN reference list, with its
source (`designation`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from uccn_data import reference as ref
from uccn_data.kpis import Connection
from uccn_data.reference import Label
from uccn_data.store import Store

# The city the follow-up is about: the county's municipality with this SCB code, in Sweden
# (SCB codes name Swedish municipalities only).
HOME_CITY = ref.MUNICIPALITY_CODES[ref.OSTERSUND_CODE]
HOME_COUNTRY = "SE"
SHORT_TEXT, LONG_TEXT = 300, 1000  # characters a field may hold: a line, or a few lines


@dataclass(frozen=True)
class DetailField:
    """One admin-edited fact: its name on `UnescoDetails`, its settings key, what the UNESCO
    form calls it, a hint for the admin, and whether it takes several lines."""

    name: str
    key: str
    label: Label
    hint: Label
    multiline: bool = False

    @property
    def max_length(self) -> int:
        return LONG_TEXT if self.multiline else SHORT_TEXT


FIELDS: tuple[DetailField, ...] = (
    DetailField(
        "designation_date",
        "unesco.designation_date",
        Label("Datum för utnämningen", "Date of designation"),
        Label(
            "Som UNESCO angav det, t.ex. 2010-12-01. Tomt: året ur UCCN-listan visas.",
            "As UNESCO stated it, e.g. 2010-12-01. Empty: the year from the UCCN list is shown.",
        ),
    ),
    DetailField(
        "responsible_entity",
        "unesco.responsible_entity",
        Label("Ansvarig organisation", "Entity responsible"),
        Label(
            "Den eller de organisationer som ansvarar för medlemskapet.",
            "The organisation or organisations responsible for the membership.",
        ),
    ),
    DetailField(
        "focal_point",
        "unesco.focal_point",
        Label("Kontaktperson (focal point)", "Focal point"),
        Label(
            "Namn, titel, e-post och telefon.",
            "Name, title, e-mail and telephone.",
        ),
        multiline=True,
    ),
    DetailField(
        "city_contact",
        "unesco.city_contact",
        Label("Kontakt i stadens ledning", "Contact in the city government"),
        Label(
            "Namn, titel, e-post och telefon till den förtroendevalda eller tjänsteperson som företräder staden.",
            "Name, title, e-mail and telephone of the elected official or officer who represents the city.",
        ),
        multiline=True,
    ),
    DetailField(
        "web_resources",
        "unesco.web_resources",
        Label("Webbresurser", "Web resources"),
        Label(
            "Webbplatser och sociala medier om medlemskapet, en per rad.",
            "Websites and social media about the membership, one a line.",
        ),
        multiline=True,
    ),
)
KEYS: dict[str, str] = {f.name: f.key for f in FIELDS}


@dataclass(frozen=True)
class UnescoDetails:
    """The admin-edited facts; None where none is set (the draft shows a placeholder)."""

    designation_date: str | None = None
    responsible_entity: str | None = None
    focal_point: str | None = None
    city_contact: str | None = None
    web_resources: str | None = None

    def value(self, name: str) -> str | None:
        """The fact called `name` (a `DetailField.name`); KeyError for another name."""
        if name not in KEYS:
            raise KeyError(name)
        found: str | None = getattr(self, name)
        return found


def cleaned(text: str | None) -> str | None:
    """What a field holds once its surrounding spaces are gone; None for nothing."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def read_on(conn: Connection) -> UnescoDetails:
    """The facts as the store on `conn` holds them (any connection, read-only included)."""
    rows = conn.execute(
        "select key, value from settings where key in (?, ?, ?, ?, ?)", list(KEYS.values())
    ).fetchall()
    stored = {str(k): str(v) for k, v in rows}
    return UnescoDetails(**{f.name: cleaned(stored.get(f.key)) for f in FIELDS})


def read(store: Store) -> UnescoDetails:
    """The facts as `store` holds them."""
    with store.reading() as conn:
        return read_on(conn)


def too_long(details: UnescoDetails) -> list[DetailField]:
    """The fields whose text is longer than they may hold."""
    return [f for f in FIELDS if len(details.value(f.name) or "") > f.max_length]


def save(store: Store, details: UnescoDetails) -> None:
    """Store every field in one transaction; an empty one is removed, so it reads as unset.

    Raises ValueError for a field longer than it may hold (the form says so before saving);
    StoreError / StoreBusyError for a store that cannot be written."""
    tidy = replace(details, **{f.name: cleaned(getattr(details, f.name)) for f in fields(details)})
    if too_long(tidy):
        raise ValueError(f"too long: {', '.join(f.name for f in too_long(tidy))}")
    with store.writing() as conn:
        for field in FIELDS:
            value = tidy.value(field.name)
            if value is None:
                conn.execute("delete from settings where key = ?", [field.key])
            else:
                conn.execute("insert or replace into settings values (?, ?)", [field.key, value])


def designation() -> ref.UccnCity | None:
    """The home city's row in the UCCN reference list (creative field, year designated), or
    None if the list does not hold it; `designation_source` names where the list comes from."""
    key = (ref.fold_name(HOME_CITY), HOME_COUNTRY)
    return next((c for c in ref.uccn_cities() if (ref.fold_name(c.city), c.country) == key), None)


def designation_source() -> str:
    """The UCCN reference list's source, as its first note line says (without `source: `)."""
    return ref.uccn_source().splitlines()[0].removeprefix("source: ")
