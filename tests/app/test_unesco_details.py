"""The admins' UNESCO details form, in real Streamlit: an admin signs in with a built-in
account, fills in the facts, saves them, and the UNESCO draft shows them; clearing a field
makes it a placeholder again; a coordinator cannot save.

The form is run on a page of its own (the Data page's tab is wired in separately): the same
sign-in in the sidebar, then `dashboard.workspace.unesco_details.show`."""

from __future__ import annotations

import io

import docx
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import cheap_hash
from uccn_data import unesco_details
from uccn_data.reports.monitoring import build_monitoring_report
from uccn_data.store import Store

PASSWORD = "ett långt och hemligt lösenord"
HASH = cheap_hash(PASSWORD)


def _page() -> None:
    import streamlit as st

    from dashboard import cache, login
    from dashboard.state import View
    from dashboard.workspace import unesco_details
    from uccn_data.kpis import Filters
    from uccn_data.store import Store

    lang = st.query_params.get("lang", "sv")
    login.sidebar(lang)
    unesco_details.show(View(lang, Filters()), Store(cache.store_path()))


def signed_in(store: Store, monkeypatch: pytest.MonkeyPatch, user: str, lang: str) -> AppTest:
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_function(_page, default_timeout=60)
    at.query_params["lang"] = lang
    at.secrets["uccn"] = {
        "accounts": {
            "admin": {"password_hash": HASH, "role": "admin", "name": "Alva Admin"},
            "anna": {"password_hash": HASH, "role": "coordinator", "name": "Anna Samordnare"},
        }
    }
    at.run()
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label in ("Logga in", "Sign in")).click()
    at.run()
    assert not at.exception
    return at


def _save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label in ("Spara uppgifterna", "Save the details")).click()
    return at.run()


def _general(store: Store) -> dict[str, str]:
    with store.reading() as conn:
        doc = docx.Document(io.BytesIO(build_monitoring_report(conn, "2021-2024", "en")))
    return {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}


def test_an_admin_fills_in_the_details_and_the_draft_shows_them(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = signed_in(demo_copy, monkeypatch, "admin", "sv")
    assert [t.label for t in at.text_input if t.key.startswith("unesco_")] == [
        "Datum för utnämningen",
        "Ansvarig organisation",
    ]
    assert [t.label for t in at.text_area] == [
        "Kontaktperson (focal point)",
        "Kontakt i stadens ledning",
        "Webbresurser",
    ]
    assert any(i.value.startswith("Inte ifyllt ännu: Datum för utnämningen") for i in at.info)

    at.text_input(key="unesco_responsible_entity").input("Östersunds kommun")
    at.text_area(key="unesco_focal_point").input("Anna Andersson\nanna@example.se")
    at.text_area(key="unesco_web_resources").input("[KLICKA](http://evil.example)")
    _save(at)
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Uppgifterna är sparade. De syns i nästa utkast av UNESCO-rapporten."
    ]
    assert unesco_details.read(demo_copy) == unesco_details.UnescoDetails(
        responsible_entity="Östersunds kommun",
        focal_point="Anna Andersson\nanna@example.se",
        web_resources="[KLICKA](http://evil.example)",
    )
    # The form shows what is saved, and what is still missing.
    assert at.text_input(key="unesco_responsible_entity").value == "Östersunds kommun"
    assert any(
        i.value.startswith("Inte ifyllt ännu: Datum för utnämningen, Kontakt i stadens ledning.")
        for i in at.info
    )
    general = _general(demo_copy)
    assert general["Entity responsible"] == "Östersunds kommun"
    assert general["Focal point"] == "Anna Andersson\nanna@example.se"
    assert general["Web resources"] == "[KLICKA](http://evil.example)"  # as typed, no link
    assert general["Contact in the city government"].startswith("[To be written by the officials:")

    # Emptied, a field is unset again: the draft has its placeholder back.
    at.text_input(key="unesco_responsible_entity").input("  ")
    _save(at)
    assert demo_copy.setting("unesco.responsible_entity") is None
    assert _general(demo_copy)["Entity responsible"].startswith("[To be written by the officials:")


def test_the_form_reads_in_english(demo_copy: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(demo_copy, monkeypatch, "admin", "en")
    assert at.text_input(key="unesco_designation_date").label == "Date of designation"
    assert [b.label for b in at.button if b.label.startswith("Save")] == ["Save the details"]


def test_a_coordinator_cannot_save_the_details(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = signed_in(demo_copy, monkeypatch, "anna", "sv")
    at.text_input(key="unesco_responsible_entity").input("Någon annan")
    _save(at)
    # A signed-in coordinator is told this is for administrators, not to sign in.
    assert [e.value for e in at.error] == [
        "Det här är bara för administratörer. Be en administratör, "
        "eller logga in som administratör i sidomenyn."
    ]
    assert demo_copy.setting("unesco.responsible_entity") is None
