"""The coordinators' analysis of the figures (kommentarer, DATA_CONTRACT v2 follow-up cycle).

A comment belongs to a scope (`overall`, a framework area, a KPI key or `sdg11`), an agreement
period or reporting window, and a year of it or (year None) the whole period. Each is written
in Swedish, English optional: an English reader without an English text gets the Swedish one
and is told so. The text is shown exactly as written: callers put it in plain-text places
(`Text(style="plain")`, a docx run, an escaped HTML paragraph), never in Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from uccn_data import kpis
from uccn_data.kpis import Connection
from uccn_data.tables import OVERALL, SDG11_SCOPE

__all__ = ["OVERALL", "SDG11_SCOPE", "Comment", "comment_for", "comments_on"]


@dataclass(frozen=True)
class Comment:
    """One comment as stored; `year` None means the whole period."""

    scope: str
    period: str
    year: int | None
    text_sv: str
    text_en: str | None = None

    def text(self, lang: str) -> str:
        """The text in `lang`; the Swedish one when there is no English (see `translated`)."""
        if lang == "en" and self.text_en:
            return self.text_en
        return self.text_sv

    def translated(self, lang: str) -> bool:
        """False when an English reader is shown the Swedish text for want of an English one."""
        return lang != "en" or bool(self.text_en)


def comments_on(conn: Connection, period_id: str, year: int | None = None) -> list[Comment]:
    """The comments for one period and one year of it (None: those on the whole period),
    in scope order."""

    def read() -> list[Comment]:
        rows = conn.execute(
            "select scope, period, year, text_sv, text_en from comments "
            "where period = ? and year is not distinct from ? order by scope",
            [period_id, year],
        ).fetchall()
        return [Comment(r[0], r[1], None if r[2] is None else int(r[2]), r[3], r[4]) for r in rows]

    # A page asks once per card: a reading connection reads the period's comments once.
    return list(kpis.remembered(conn, ("comments", period_id, year), read))


def comment_for(
    conn: Connection, scope: str, period_id: str, year: int | None = None
) -> Comment | None:
    """The comment on `scope` for this period and year (None: the whole period), if any."""
    return next((c for c in comments_on(conn, period_id, year) if c.scope == scope), None)
