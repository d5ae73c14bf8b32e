"""The admin tab on the Data page: agreement periods and reporting windows, in real Streamlit."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, cheap_hash
from uccn_data import reference as ref
from uccn_data.store import Store

PASSWORD = "ett långt och hemligt lösenord"
HASH = cheap_hash(PASSWORD)
WINDOW = ref.AgreementPeriod(
    "2016-2020", date(2016, 1, 1), date(2020, 12, 31), None, None, False, "", "", "reporting"
)


def shown(markdown: str) -> str:
    """What a reader sees of a message drawn as Markdown: period ids and what was typed are
    escaped (backslashes) so that they read as written, never as links or formatting."""
    return re.sub(r"\\(.)", r"\1", markdown)


def as_admin(store: Store, monkeypatch: pytest.MonkeyPatch, lang: str = "sv") -> AppTest:
    """The Data page, signed in as an admin through the built-in accounts."""
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.secrets["uccn"] = {
        "accounts": {"admin": {"password_hash": HASH, "role": "admin", "name": "Alva Admin"}}
    }
    at.run()
    at.text_input(key="login_user").input("admin")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label in ("Logga in", "Sign in")).click()
    at.run()
    at.run()
    at.switch_page("views/data.py").run()
    assert not at.exception
    return at


def periods_table(at: AppTest, kind_column: str = "Sort"):
    return next(d.value for d in at.dataframe if kind_column in d.value.columns)


def save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label in ("Spara perioden", "Save the period")).click()
    return at.run()


def fill_new(
    at: AppTest, period_id: str, start: date, end: date, kind: str = "agreement"
) -> AppTest:
    at.radio(key="period_kind_new").set_value(kind).run()
    at.text_input(key="period_id_new").input(period_id)
    at.date_input(key="period_start_new").set_value(start)
    at.date_input(key="period_end_new").set_value(end)
    return at


def test_admin_adds_a_reporting_window_without_commitments(empty_store, monkeypatch):
    at = as_admin(empty_store, monkeypatch)
    assert list(periods_table(at)["Sort"]) == ["Avtalsperiod"]
    assert at.number_input(key="period_sek_new") is not None

    fill_new(at, "2016-2020", date(2016, 1, 1), date(2020, 12, 31), "reporting")
    # A reporting window has no commitment fields.
    assert not [w for w in at.number_input if str(w.key).startswith("period_")]
    at.text_input(key="period_note_sv_new").input("Före avtalet")
    save(at)

    assert not at.exception
    assert not at.error
    assert "Rapporteringsfönster 2016-2020 är sparad." in [shown(s.value) for s in at.success]
    window = next(p for p in empty_store.periods() if p.period_id == "2016-2020")
    assert window.kind == "reporting" and not window.has_commitments
    assert (window.ostersund_sek_per_year, window.staff_share) == (None, None)
    assert (window.start, window.end, window.note_sv) == (
        date(2016, 1, 1),
        date(2020, 12, 31),
        "Före avtalet",
    )
    table = periods_table(at)
    assert list(table["Id"]) == ["2016-2020", "2021-2024"]
    assert list(table["Sort"]) == ["Rapporteringsfönster", "Avtalsperiod"]


def test_admin_adds_and_edits_an_agreement_period_in_english(empty_store, monkeypatch):
    at = as_admin(empty_store, monkeypatch, lang="en")
    fill_new(at, "2025-2028", date(2025, 1, 1), date(2028, 12, 31))
    at.number_input(key="period_sek_new").set_value(120_000.0)
    at.number_input(key="period_share_new").set_value(0.25)
    save(at)
    assert not at.exception and not at.error
    assert "Agreement period 2025-2028 is saved." in [shown(s.value) for s in at.success]
    renewal = next(p for p in empty_store.periods() if p.period_id == "2025-2028")
    assert (renewal.kind, renewal.ostersund_sek_per_year, renewal.staff_share) == (
        "agreement",
        120_000.0,
        0.25,
    )

    # After the save the form shows the saved period, ready to be changed.
    assert at.selectbox(key="period_edit").value == "2025-2028"
    at.number_input(key="period_share2025-2028").set_value(0.5)
    save(at)
    assert not at.exception and not at.error
    assert [p.staff_share for p in empty_store.periods() if p.period_id == "2025-2028"] == [0.5]
    assert list(periods_table(at, "Kind")["Kind"]) == ["Agreement period", "Agreement period"]


@pytest.mark.parametrize(
    ("lang", "period_id", "start", "end", "kind", "words"),
    [
        (
            "sv",
            "2025-2028",
            date(2025, 1, 1),
            date(2024, 12, 31),
            "agreement",
            "slutdatumet 2024-12-31 ligger före startdatumet 2025-01-01",
        ),
        (
            "en",
            "2025-2028",
            date(2025, 1, 1),
            date(2024, 12, 31),
            "reporting",
            "the end 2024-12-31 is before the start 2025-01-01",
        ),
        ("sv", "ny period!", date(2025, 1, 1), date(2028, 12, 31), "agreement", "kan inte vara id"),
        ("en", "", date(2025, 1, 1), date(2028, 12, 31), "reporting", "cannot be an id"),
        (
            "sv",
            "2021-2024",
            date(2021, 1, 1),
            date(2024, 12, 31),
            "agreement",
            "2021-2024 finns redan",
        ),
        (
            "en",
            "2021-2024",
            date(2021, 1, 1),
            date(2024, 12, 31),
            "reporting",
            "2021-2024 already exists",
        ),
    ],
)
def test_a_period_with_a_mistake_is_refused_in_the_pages_language(
    empty_store, monkeypatch, lang, period_id, start, end, kind, words
):
    before = empty_store.periods()
    at = as_admin(empty_store, monkeypatch, lang=lang)
    fill_new(at, period_id, start, end, kind)
    save(at)
    assert not at.exception
    errors = [shown(e.value) for e in at.error]
    assert any(words in e for e in errors), errors
    nothing = "Inget har ändrats" if lang == "sv" else "Nothing has changed"
    assert any(nothing in e for e in errors), errors
    assert not at.success
    assert empty_store.periods() == before


def test_the_last_agreement_period_cannot_become_a_window(empty_store, monkeypatch):
    before = empty_store.periods()
    at = as_admin(empty_store, monkeypatch)
    at.selectbox(key="period_edit").set_value("2021-2024").run()
    at.radio(key="period_kind2021-2024").set_value("reporting").run()
    save(at)
    assert not at.exception
    assert any("den sista avtalsperioden" in shown(e.value) for e in at.error)
    assert empty_store.periods() == before


def test_admin_removes_a_window_but_never_the_last_agreement(empty_store, monkeypatch):
    empty_store.save_period(WINDOW)
    at = as_admin(empty_store, monkeypatch)

    at.selectbox(key="period_remove_id").set_value("2021-2024")
    at.button(key="period_remove").click().run()
    assert not at.exception
    assert any("2021-2024 är den sista avtalsperioden" in shown(e.value) for e in at.error)
    assert [b for b in at.button if b.key == "period_remove_yes"] == []  # no dialog
    assert [p.period_id for p in empty_store.periods()] == ["2016-2020", "2021-2024"]

    at.selectbox(key="period_remove_id").set_value("2016-2020")
    at.button(key="period_remove").click().run()
    at.button(key="period_remove_yes").click().run()
    assert not at.exception and not at.error
    assert "Rapporteringsfönster 2016-2020 är borttagen." in [shown(s.value) for s in at.success]
    assert [p.period_id for p in empty_store.periods()] == ["2021-2024"]
    assert list(periods_table(at)["Id"]) == ["2021-2024"]


def test_cancel_removes_nothing(empty_store, monkeypatch):
    empty_store.save_period(WINDOW)
    at = as_admin(empty_store, monkeypatch, lang="en")
    at.selectbox(key="period_remove_id").set_value("2016-2020")
    at.button(key="period_remove").click().run()
    at.button(key="period_remove_no").click().run()
    assert not at.exception
    assert [p.period_id for p in empty_store.periods()] == ["2016-2020", "2021-2024"]
