"""The reporting calendar in real Streamlit: an admin adds a date on the Data page, and the
Data completeness page shows it with what is missing and offers the .ics file."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.test_periods import as_admin
from uccn_data.store import Store


def test_an_admin_adds_a_date_and_the_completeness_page_shows_it(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = as_admin(demo_copy, monkeypatch)
    assert "Rapportkalender" in [tab.label for tab in at.tabs]

    # Without a title the date is not added, and the form says why.
    at.date_input(key="deadline_due").set_value(date(2098, 2, 14))
    next(b for b in at.button if b.label == "Lägg till datumet").click().run()
    assert "Skriv vad som ska vara klart (på svenska)." in [e.value for e in at.error]
    assert demo_copy.deadlines() == []

    at.date_input(key="deadline_due").set_value(date(2098, 2, 14))
    at.number_input(key="deadline_year").set_value(2023)
    at.text_input(key="deadline_title_sv").input("Årsuppföljning [2023](http://evil)")
    next(b for b in at.button if b.label == "Lägg till datumet").click().run()
    assert not at.exception
    (saved,) = demo_copy.deadlines()
    assert (saved.due, saved.year, saved.title_sv) == (
        date(2098, 2, 14),
        2023,
        "Årsuppföljning [2023](http://evil)",
    )

    at.switch_page("views/completeness.py").run()
    assert not at.exception
    assert [h.value for h in at.title] == ["Datakvalitet"]
    nxt = next(i.value for i in at.info if "Nästa:" in i.value)
    assert "2098-02-14" in nxt and "(uppgifterna för 2023)" in nxt
    assert "[2023](http://evil)" not in nxt  # escaped: shown as written, never a link
    assert any(
        "Arbetstid saknas för Region Jämtland Härjedalen: november 2023, december 2023." in m.value
        for m in at.markdown
    )
    assert [b.label for b in at.get("download_button")] == [
        "Ladda ned kalendern (.ics, öppnas i Outlook)"
    ]

    at.switch_page("views/data.py").run()
    at.selectbox(key="deadline_remove_id").set_value(saved.deadline_id)
    at.button(key="deadline_remove").click().run()
    assert not at.exception
    assert demo_copy.deadlines() == []
    assert "Inga datum är satta. En administratör lägger till dem på sidan Data." in [
        i.value for i in at.info
    ]
