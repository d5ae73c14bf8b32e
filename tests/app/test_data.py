"""The coordinators' workspace in real Streamlit: roles, upload, check, commit, undo, targets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, cheap_hash, swedish_csv
from uccn_data import kpis
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.store import Store

PASSWORD = "ett långt och hemligt lösenord"
HASH = cheap_hash(PASSWORD)
SPENDING_HEADER = ["post_id", "datum", "belopp", "finansiär", "kategori", "aktivitet_id"]
# A file as Swedish Excel saves it, with two mistakes a coordinator makes.
BROKEN = [
    SPENDING_HEADER,
    ["NY-1", "2023-03-01", "250 000 kr", "Östersunds kommun", "evenemang", ""],
    ["NY-2", "2023-02-30", "1 000,50", "extern", "resor", ""],
    ["NY-3", "2023-04-01", "tusen", "extern", "resor", ""],
]
FIXED = [
    SPENDING_HEADER,
    ["NY-1", "2023-03-01", "250 000 kr", "Östersunds kommun", "evenemang", ""],
    ["NY-2", "2023-02-28", "1 000,50", "extern", "resor", ""],
    ["NY-3", "2023-04-01", "1000", "extern", "resor", ""],
]


@pytest.fixture
def store(demo_copy: Store) -> Store:
    return demo_copy


def open_app(store: Store, monkeypatch, *, role: str | None = None, lang: str = "sv") -> AppTest:
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    accounts = {
        "anna": {"password_hash": HASH, "role": "coordinator", "name": "Anna Samordnare"},
        "admin": {"password_hash": HASH, "role": "admin", "name": "Alva Admin"},
    }
    at.secrets["uccn"] = {"accounts": accounts}
    at.run()
    if role is not None:
        sign_in(at, "anna" if role == "coordinator" else "admin", PASSWORD)
        # The sign-in reruns the app; one more run lets AppTest see the pages it now registers.
        at.run()
    return at


def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label in ("Logga in", "Sign in")).click()
    return at.run()


def frame_with(at: AppTest, column: str):
    """The table on the page that has `column` (st.dataframe keys are not addressable)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metric(at: AppTest, key: str, lang: str = "sv") -> str:
    return {m.label: m.value for m in at.metric}[KPI_DEFINITIONS[key].name(lang)]


def test_a_viewer_neither_sees_nor_reaches_the_data_page(demo_store, monkeypatch):
    at = open_app(demo_store, monkeypatch)
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/data.py")


def test_the_data_page_itself_refuses_a_viewer(demo_store, monkeypatch):
    """Defence in depth: run the page script directly, as a viewer, and it stops at once."""
    from dashboard.state import View

    monkeypatch.setenv("UCCN_DB", str(demo_store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "views" / "data.py"), default_timeout=60)
    at.session_state["_view"] = View("sv", kpis.Filters())
    at.run()
    assert not at.exception
    assert any("bara för samordnare" in e.value for e in at.error)
    assert not at.get("file_uploader")


def test_a_wrong_password_is_refused_and_five_lock_the_account(demo_store, monkeypatch):
    at = open_app(demo_store, monkeypatch)
    sign_in(at, "anna", "fel")
    assert any("Fel användarnamn" in e.value for e in at.error)
    for _ in range(4):
        sign_in(at, "anna", "fel")
    sign_in(at, "anna", PASSWORD)  # locked now, even with the right password
    assert any("För många" in e.value for e in at.error)
    assert "_account" not in at.session_state


def test_the_whole_coordinator_flow(store, monkeypatch):
    at = open_app(store, monkeypatch, role="coordinator")
    assert not at.exception
    before = metric(at, "ostersund_spending_sek")
    at.switch_page("views/data.py").run()
    assert at.title[0].value == "Data"

    # A Swedish Excel file with errors: every error on its Excel row, nothing written.
    log_before = store.history()
    at.selectbox(key="upload_table").set_value("spending")
    at.file_uploader(key="upload_file").upload("kostnader.csv", swedish_csv(BROKEN), "text/csv")
    at.run()
    assert not at.exception
    errors = frame_with(at, "Rad")
    assert list(errors["Rad"]) == [3, 4] and list(errors["Kolumn"]) == ["datum", "belopp"]
    assert any(b.label.startswith("Ladda ned felrapporten") for b in at.get("download_button"))
    assert not [b for b in at.button if b.key == "commit"]
    assert store.history() == log_before

    # The corrected file: a preview, then one import on an explicit click.
    at.file_uploader(key="upload_file").upload("kostnader.csv", swedish_csv(FIXED), "text/csv")
    at.run()
    assert len(frame_with(at, "post_id")) == 3  # the preview, with the file's own headers
    at.button(key="commit").click().run()
    assert not at.exception
    assert any("Import" in s.value and "3 nya" in s.value for s in at.success)
    assert len(store.history()) == len(log_before) + 1
    at.run()  # the same file again in this session (a second click): no second import
    assert not [b for b in at.button if b.key == "commit"]
    assert len(store.history()) == len(log_before) + 1

    # Every page shows the new data at once.
    at.switch_page("views/overview.py").run()
    after = metric(at, "ostersund_spending_sek")
    with store.reading() as conn:
        expected = kpis.kpi(conn, "ostersund_spending_sek", kpis.Filters())
    assert after != before and after.replace("\xa0", " ") == f"{expected:,.0f} kr".replace(",", " ")

    # Undo behind a confirm: the Overview is back.
    at.switch_page("views/data.py").run()
    newest = store.history()[0]["import_id"]
    at.selectbox(key="undo_id").set_value(newest)
    at.button(key="undo").click().run()
    at.button(key="undo_yes").click().run()
    assert not at.exception
    assert store.history()[0]["undone_at"] is not None
    at.switch_page("views/overview.py").run()
    assert metric(at, "ostersund_spending_sek") == before


def test_targets_are_edited_through_the_same_checks(store, monkeypatch):
    at = open_app(store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    at.button(key="save_targets").click().run()
    assert not at.exception
    assert any("0 nya" in s.value for s in at.success)  # saving unchanged targets changes nothing


def test_html_in_a_file_is_shown_as_text(store, monkeypatch):
    at = open_app(store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    hostile = [
        SPENDING_HEADER,
        ["<script>alert(1)</script>", "2023-03-01", "1", "extern", "resor", ""],
    ]
    at.file_uploader(key="upload_file").upload("x.csv", swedish_csv(hostile, "utf-8"), "text/csv")
    at.run()
    assert not at.exception
    errors = frame_with(at, "Värde")
    assert "<script>alert(1)</script>" in list(errors["Värde"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("tom.csv", b""),
        ("fel.xlsx", b"PK\x03\x04garbage"),
        ("word.csv", b"%PDF-1.4"),
    ],
)
def test_files_that_are_not_tables_get_a_message(demo_store, monkeypatch, name, content):
    at = open_app(demo_store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    before = demo_store.history()
    at.file_uploader(key="upload_file").upload(name, content, "application/octet-stream")
    at.run()
    assert not at.exception
    assert at.error
    assert demo_store.history() == before


def test_only_admins_see_agreement_periods(store, monkeypatch):
    coordinator = open_app(store, monkeypatch, role="coordinator")
    coordinator.switch_page("views/data.py").run()
    assert "Avtalsperioder" not in [tab.label for tab in coordinator.tabs]
    admin = open_app(store, monkeypatch, role="admin")
    admin.switch_page("views/data.py").run()
    assert "Avtalsperioder" in [tab.label for tab in admin.tabs]


@pytest.mark.parametrize(
    ("limit", "value", "words"),
    [("MAX_FILE_BYTES", 2_000, "för stor"), ("MAX_ROWS", 2, "fler än 2 rader")],
)
def test_files_over_the_limits_get_a_message(demo_store, monkeypatch, limit, value, words):
    import uccn_data.reader

    monkeypatch.setattr(uccn_data.reader, limit, value)
    at = open_app(demo_store, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    before = demo_store.history()
    rows = [SPENDING_HEADER] + [
        [f"K{i}", "2023-01-01", "1", "extern", "resor", "x" * 40] for i in range(60)
    ]
    at.file_uploader(key="upload_file").upload("stor.csv", swedish_csv(rows), "text/csv")
    at.run()
    assert not at.exception
    assert any(
        words in v
        for v in [
            *[e.value for e in at.error],
            *frame_with(at, "Rad")["Vad är fel och vad ska göras"],
        ]
    )
    assert demo_store.history() == before
