"""Closing a year on the Data page (admins), in real Streamlit: the year is closed and shown as
final on the pages, an upload that touches it is refused row by row with nothing written, and
reopening it is logged."""

from __future__ import annotations

import pytest

from tests.app.test_data import SPENDING_HEADER, frame_with, open_app
from tests.app.test_periods import as_admin
from tests.conftest import swedish_csv
from uccn_data.store import Store


def admin_tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def test_an_admin_closes_2023_uploads_touching_it_are_refused_and_reopening_is_logged(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = as_admin(demo_copy, monkeypatch)
    assert "Fastställda år" in admin_tab_labels(at)
    assert any(i.value == "Inget år är fastställt ännu." for i in at.info)

    at.selectbox(key="year_close_which").set_value(2023)
    at.button(key="year_close").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["2023 är fastställt."]
    closed = demo_copy.closed_years()[2023]
    assert closed.closed_by == "Alva Admin"
    table = frame_with(at, "Fastställt")
    assert list(table["År"]) == ["2023"] and list(table["Av"]) == ["Alva Admin"]

    # An upload with one row in 2023 and one in 2024: both rows named, nothing written.
    before = demo_copy.history()
    data = swedish_csv(
        [
            SPENDING_HEADER,
            ["NY-23", "2023-05-02", "1 000 kr", "extern", "resor", ""],
            ["NY-24", "2024-05-02", "1 000 kr", "extern", "resor", ""],
        ]
    )
    at.file_uploader(key="upload_file").upload("kostnader.csv", data, "text/csv")
    at.run()
    assert not at.exception
    errors = frame_with(at, "Rad")
    assert list(errors["Rad"]) == [2]
    assert "2023" in errors.to_string() and "Alva Admin" in errors.to_string()
    assert demo_copy.history() == before

    # The Overview for 2023 says the figures are final.
    at.switch_page("views/overview.py").run()
    at.selectbox(key="f_year").set_value(2023).run()
    assert f"Fastställda siffror: 2023 (fastställt {closed.closed_on()})." in [
        c.value for c in at.caption
    ]

    at.switch_page("views/data.py").run()
    at.selectbox(key="year_reopen_which").set_value(2023)
    at.button(key="year_reopen").click().run()
    assert [s.value for s in at.success] == ["2023 är öppnat igen. Det står i loggen nedan."]
    assert demo_copy.closed_years() == {}
    log = frame_with(at, "Händelse")
    assert list(log["Händelse"]) == ["öppnat igen", "fastställt"]
    assert list(log["År"]) == ["2023", "2023"]


def test_a_coordinator_has_no_closed_years_tab(demo_store: Store, monkeypatch) -> None:
    at = open_app(demo_store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    assert "Fastställda år" not in admin_tab_labels(at)
