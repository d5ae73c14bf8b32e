"""The reporting calendar: what is due next, what is still missing for it, and the deadlines as
an iCalendar (.ics) file that Outlook opens. Nothing is sent: the file is downloaded.

Deadlines are set by an admin (`Store.save_deadline`); each is for the figures of one year.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.kpis import Connection, Filters
from uccn_data.pages.words import t
from uccn_data.reports import texts
from uccn_data.store import Deadline, deadlines_on, periods_on

# How long before a deadline the calendar reminds its owner.
REMINDER_DAYS = 7


def next_due(conn: Connection, today: date | None = None) -> Deadline | None:
    """The first deadline on or after `today` (default: today), or None."""
    day = today or date.today()
    return next((d for d in deadlines_on(conn) if d.due >= day), None)


def scope_of(conn: Connection, year: int) -> Filters | None:
    """Filters for one year: in the agreement period that holds it, else a reporting window
    that does; None when no period covers the year."""
    periods = sorted(
        (p for p in periods_on(conn) if p.start.year <= year <= p.end.year),
        key=lambda p: p.kind != "agreement",
    )
    return Filters(period=periods[0].period_id, year=year) if periods else None


def still_missing(
    conn: Connection, deadline: Deadline, lang: str, today: date | None = None
) -> list[str]:
    """What the record still lacks for `deadline`'s year, one sentence per kind of gap (empty
    when nothing is missing): staff-time months per party, months without spending, and
    activities and exchanges with gaps."""
    f = scope_of(conn, deadline.year)
    if f is None:
        return [t("calendar.no_period", lang, year=deadline.year)]
    found: list[str] = []
    for organisation, months in kpis.staff_months_missing(conn, f, today).items():
        if months:
            found.append(
                t(
                    "calendar.staff_missing",
                    lang,
                    party=ref.ORGANISATIONS[organisation](lang),
                    months=", ".join(texts.written_date(m, "month", lang) for m in months),
                )
            )
    spent = set(kpis.spending_months(conn, f))
    without = [m for m in kpis.months_in_scope(conn, f, today) if m not in spent]
    if without:
        found.append(t("calendar.spending_missing", lang, count=len(without)))
    gaps = kpis.completeness_gaps(conn, f)
    for gap, count in gaps["gap"].value_counts().sort_index().items():
        found.append(t(f"calendar.gap_{gap}", lang, count=int(count)))
    return found


def ics(deadlines: list[Deadline], lang: str, now: datetime | None = None) -> bytes:
    """The deadlines as an iCalendar file: one all-day event per deadline, with a reminder
    REMINDER_DAYS before. `now` stamps the events (default: now, UTC)."""
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Region Jämtland Härjedalen och Östersunds kommun//UCCN//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t("calendar.name", lang))
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"{deadline.deadline_id}@uccn-uppfoljning")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("summary", deadline.title(lang))
        event.add("description", t("calendar.event_description", lang, year=deadline.year))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", deadline.title(lang))
        alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
