"""Which of the store's rows the UNESCO draft tells in which section, so that each activity is
told once, where UNESCO asks for it (the words are in monitoring.py and monitoring_lists.py).

- Section 3, the network: outcomes of the kind `network_role`; exchanges with a network
  (partner_type `network`: a UCCN annual conference, a subnetwork meeting), attended, hosted
  (inbound) or digital; and the international events hosted here: activities of level
  `international` held in the county (one of its eight municipalities, or `county`).
- Section 4, local initiatives: activities of level `regional` or `national`.
- Section 5, inter-city cooperation: exchanges with cities, regions and organisations; every
  activity with a UCCN partner city, whatever its framework area or level; and the other
  international activities (held elsewhere, or where is not known).
- Section 6, the plan: planned activities and budgets in the following period.

An activity with a UCCN partner city is told in section 5 only; cancelled ones nowhere.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from uccn_data import reference as ref
from uccn_data.kpis import Connection
from uccn_data.reports import written

COUNTY_PLACES = frozenset({*ref.MUNICIPALITY_CODES, "county"})
LOCAL_LEVELS = ("regional", "national")


def following_period(conn: Connection, chosen: ref.AgreementPeriod) -> ref.AgreementPeriod | None:
    """The next stored period after `chosen`: the first that starts after it ends (of two
    that start the same day, the agreement period with commitments); None when there is none."""
    later = [p for p in written.stored_periods(conn) if p.start > chosen.end]
    later.sort(key=lambda p: (p.start, not p.has_commitments))
    return later[0] if later else None


def has_uccn_partner(row: Any) -> bool:
    """Whether an activity names a UCCN city among its partners (`partner_uccn_cities`)."""
    return bool(written.items(row.partner_uccn_cities))


def in_county(row: Any) -> bool:
    """Whether an activity took place in the county: one of its municipalities, or all."""
    return any(p in COUNTY_PLACES for p in written.items(row.municipality_all))


def _pick(listed: pd.DataFrame, keep: Any) -> pd.DataFrame:
    if listed.empty:
        return listed
    mask = [keep(r) for r in listed.itertuples()]
    return listed[mask]


def _told(row: Any) -> bool:
    return str(row.status) != "cancelled"


def hosted_events(listed: pd.DataFrame) -> pd.DataFrame:
    """Section 3: international activities held in the county, without a UCCN partner city."""
    return _pick(
        listed,
        lambda r: (
            _told(r) and r.level == "international" and in_county(r) and not has_uccn_partner(r)
        ),
    )


def local_initiatives(listed: pd.DataFrame) -> pd.DataFrame:
    """Section 4: regional and national activities, without a UCCN partner city."""
    return _pick(listed, lambda r: _told(r) and r.level in LOCAL_LEVELS and not has_uccn_partner(r))


def with_uccn_cities(listed: pd.DataFrame) -> pd.DataFrame:
    """Section 5: every activity with a UCCN partner city, whatever its area or level."""
    return _pick(listed, lambda r: _told(r) and has_uccn_partner(r))


def other_international(listed: pd.DataFrame) -> pd.DataFrame:
    """Section 5: international activities held outside the county or where is not known,
    without a UCCN partner city (those are listed with the UCCN cities)."""
    return _pick(
        listed,
        lambda r: (
            _told(r) and r.level == "international" and not in_county(r) and not has_uccn_partner(r)
        ),
    )


def planned(listed: pd.DataFrame) -> pd.DataFrame:
    """Section 6: the activities planned (status `planned`)."""
    return _pick(listed, lambda r: str(r.status) == "planned")


def planned_intercity(listed: pd.DataFrame) -> pd.DataFrame:
    """Planned activities with a UCCN partner city or of international level."""
    return _pick(planned(listed), lambda r: has_uccn_partner(r) or r.level not in LOCAL_LEVELS)


def planned_local(listed: pd.DataFrame) -> pd.DataFrame:
    """Planned regional and national activities without a UCCN partner city."""
    return _pick(planned(listed), lambda r: r.level in LOCAL_LEVELS and not has_uccn_partner(r))


def planned_communication(listed: pd.DataFrame) -> pd.DataFrame:
    """Planned activities that name information and marketing among their areas."""
    return _pick(
        planned(listed),
        lambda r: "information_marketing" in written.items(r.framework_area_all),
    )
