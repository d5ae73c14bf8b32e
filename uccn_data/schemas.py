"""One pandera model per uploadable table: the rules a parsed file must satisfy.

Values arrive here already typed (see parsing.py), so these models check rules, not types:
required columns, allowed keys, ranges, lengths, the shape of ids. Rules that need more
than one row or the store (unique keys, references, end after start) live in validation.py.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS

ID_PATTERN = r"^[A-Za-z0-9._-]{1,40}$"
_MUNICIPALITIES = list(ref.MUNICIPALITY_CODES)


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class ActivitiesSchema(_Base):
    activity_id: Series[str] = pa.Field(str_matches=ID_PATTERN)
    title: Series[str] = pa.Field(str_length={"max_value": 200})
    framework_area: Series[str] = pa.Field(isin=list(ref.FRAMEWORK_AREAS))
    theme: Series[str] = pa.Field(isin=list(ref.THEMES))
    start_date: Series[pd.Timestamp]
    end_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    level: Series[str] = pa.Field(isin=list(ref.LEVELS))
    lead: Series[str] = pa.Field(isin=list(ref.LEADS))
    municipality: Series[str] = pa.Field(nullable=True, isin=_MUNICIPALITIES)
    participants: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    sdg11_targets: Series[object] = pa.Field(nullable=True)
    partners: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=list(ref.STATUSES))
    description: Series[str] = pa.Field(nullable=True, str_length={"max_value": 2000})


class SmeParticipationSchema(_Base):
    activity_id: Series[str] = pa.Field(str_matches=ID_PATTERN)
    org_number: Series[str] = pa.Field(str_matches=r"^\d{10}$")
    company_name: Series[str] = pa.Field(str_length={"max_value": 200})
    municipality: Series[str] = pa.Field(nullable=True, isin=[*_MUNICIPALITIES, "other"])
    sector: Series[str] = pa.Field(isin=list(ref.SECTORS))
    size_class: Series[str] = pa.Field(isin=list(ref.SIZE_CLASSES))


class ExchangesSchema(_Base):
    exchange_id: Series[str] = pa.Field(str_matches=ID_PATTERN)
    activity_id: Series[str] = pa.Field(nullable=True, str_matches=ID_PATTERN)
    date: Series[pd.Timestamp]
    direction: Series[str] = pa.Field(isin=list(ref.DIRECTIONS))
    partner_city: Series[str] = pa.Field(str_length={"max_value": 200})
    partner_country: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$")
    uccn_member: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    participants: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    smes_involved: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)


class SpendingSchema(_Base):
    spending_id: Series[str] = pa.Field(str_matches=ID_PATTERN)
    date: Series[pd.Timestamp]
    amount_sek: Series[float] = pa.Field(ge=0, lt=100_000_000)
    funder: Series[str] = pa.Field(isin=list(ref.FUNDERS))
    funder_name: Series[str] = pa.Field(nullable=True, str_length={"max_value": 200})
    category: Series[str] = pa.Field(isin=list(ref.SPENDING_CATEGORIES))
    activity_id: Series[str] = pa.Field(nullable=True, str_matches=ID_PATTERN)


class StaffTimeSchema(_Base):
    organisation: Series[str] = pa.Field(isin=list(ref.ORGANISATIONS))
    month: Series[pd.Timestamp]
    hours: Series[float] = pa.Field(ge=0, le=744)


class TargetsSchema(_Base):
    year: Series[pd.Int64Dtype] = pa.Field(ge=2010, le=2100)
    kpi: Series[str] = pa.Field(isin=list(KPI_DEFINITIONS))
    target: Series[float] = pa.Field(ge=0)


SCHEMAS: dict[str, type[_Base]] = {
    "activities": ActivitiesSchema,
    "sme_participation": SmeParticipationSchema,
    "exchanges": ExchangesSchema,
    "spending": SpendingSchema,
    "staff_time": StaffTimeSchema,
    "targets": TargetsSchema,
}

# pandera's check names -> our problem codes (see problems.py for the words).
CHECK_CODES: dict[str, str] = {
    "not_nullable": "required",
    "str_matches": "bad_id",
    "str_length": "too_long",
    "greater_than_or_equal_to": "below_minimum",
    "less_than_or_equal_to": "above_maximum",
    "less_than": "not_below_maximum",
    "isin": "invalid_value",
}
