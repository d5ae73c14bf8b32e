"""The About page in real Streamlit: every key figure explained, the data's origin, the
store's state, and the accessibility statement with its contact."""

from __future__ import annotations

import pytest

from dashboard import i18n
from tests.app.conftest import tables
from uccn_data import reference as ref
from uccn_data.kpi_definitions import KPI_DEFINITIONS
from uccn_data.tables import TABLES

# The placeholder address the statement gives until the organisation confirms one.
CONTACT = "uccn@ostersund.se"


def periods_table(at, lang: str):
    """The table of agreement periods (the page has reference tables too)."""
    column = i18n.t("about.col_kind", lang)
    found = [d.value for d in tables(at) if column in d.value.columns]
    return found[0] if found else None


def text(at) -> str:
    """Everything the page writes, headings and captions included."""
    parts = [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption]
    return "\n".join(p.value for p in parts)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_figure_is_explained_with_unit_and_combination(demo_store, open_page, lang):
    at = open_page(demo_store.path, "about", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("about.heading", lang)
    shown = text(at)
    for key, definition in KPI_DEFINITIONS.items():
        assert f"**{definition.name(lang)}**" in shown, key
        assert definition.definition(lang) in shown, key
        assert (
            i18n.t(
                "about.kpi_meta",
                lang,
                code=key,
                unit=i18n.t(f"about.unit_{definition.unit}", lang),
                over_years=i18n.t(f"about.over_years_{definition.over_years}", lang),
            )
            in shown
        ), key
    for table in TABLES.values():
        assert table.label(lang) in shown


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_accessibility_statement_is_complete(demo_store, open_page, lang):
    at = open_page(demo_store.path, "about", lang=lang)
    shown = text(at)
    assert i18n.t("about.a11y_heading", lang) in [h.value for h in at.header]
    for needed in ("2018:1937", "WCAG 2.1", "EN 301 549", "DIGG", CONTACT):
        assert needed in shown, needed
    assert i18n.t("about.a11y_contact_note", lang, contact=CONTACT) in shown
    assert ("delvis förenlig" if lang == "sv" else "partially compliant") in shown
    assert i18n.t("about.a11y_known_hover", lang) in shown
    # It says that axe runs, as it does (tests/e2e/test_accessibility.py), and when it was
    # last reviewed.
    assert i18n.t("about.a11y_known_automated", lang).startswith(
        "Automatiska tillgänglighetstester (axe) körs"
        if lang == "sv"
        else "Automated accessibility tests (axe) run"
    )
    assert i18n.t("about.a11y_known_automated", lang) in shown
    assert ("2026-12-03" if lang == "sv" else "3 Dec 2026") in shown


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_store_state_is_shown(demo_store, open_page, lang):
    at = open_page(demo_store.path, "about", lang=lang)
    shown = text(at)
    assert i18n.t("about.demo", lang) in shown
    assert i18n.t("about.last_import", lang, when="§").split("§")[0] in shown
    periods = periods_table(at, lang)
    kinds = dict(
        zip(
            periods[i18n.t("about.col_period", lang)],
            periods[i18n.t("about.col_kind", lang)],
            strict=True,
        )
    )
    assert kinds == {
        "2021-2024": i18n.t("about.kind_agreement", lang),
        "2025-2028": i18n.t("about.kind_example", lang),
    }


def test_without_a_store_definitions_and_statement_still_show(tmp_path, open_page):
    at = open_page(tmp_path / "missing.duckdb", "about", lang="en")
    assert not at.exception, at.exception
    shown = text(at)
    assert i18n.t("about.no_store", "en") in shown
    assert all(f"**{d.name('en')}**" in shown for d in KPI_DEFINITIONS.values())
    assert CONTACT in shown
    assert periods_table(at, "en") is None


def test_an_empty_store_says_nothing_is_imported(empty_store, open_page):
    at = open_page(empty_store.path, "about")
    assert not at.exception, at.exception
    shown = text(at)
    assert i18n.t("about.no_import", "sv") in shown
    assert i18n.t("about.demo", "sv") not in shown


# --- contract version 2: reference data with its sources, reporting windows -------------


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_reference_data_is_described_with_its_sources(tmp_path, open_page, lang):
    at = open_page(tmp_path / "missing.duckdb", "about", lang=lang)  # shown even before data
    assert not at.exception, at.exception
    shown = text(at)
    cities = ref.uccn_cities()
    assert len(cities) == 350
    fields = {c.creative_field for c in cities}
    assert fields == set(ref.UCCN_CREATIVE_FIELDS) and len(fields) == 7
    by_field = ", ".join(
        f"{i18n.t(f'about.field_{f}', lang)} {sum(c.creative_field == f for c in cities)}"
        for f in ref.UCCN_CREATIVE_FIELDS
    )
    assert i18n.t("about.reference_uccn", lang, count=350, fields=7, by_field=by_field) in shown
    # The sources as their files state them, as plain text (never rendered as markup).
    plain = [x.value for x in at.text]
    assert ref.uccn_source() in plain
    assert any("sdgs.un.org" in x for x in plain)
    goals = next(d.value for d in tables(at) if i18n.t("about.col_goal", lang) in d.value.columns)
    assert list(goals.iloc[:, 0]) == list(range(1, 18))
    names = [g.en if lang == "en" else g.sv for g in ref.sdg_goals()]
    assert list(goals.iloc[:, 1]) == names
    assert i18n.t("about.reference_sdg_goals", lang, count=17) in shown


def test_a_reporting_window_is_listed_without_commitments(empty_store, open_page):
    from datetime import date

    empty_store.save_period(
        ref.AgreementPeriod(
            "2016-2020",
            date(2016, 1, 1),
            date(2020, 12, 31),
            None,
            None,
            False,
            "",
            "",
            "reporting",
        )
    )
    at = open_page(empty_store.path, "about", lang="en")
    assert not at.exception, at.exception
    periods = periods_table(at, "en").set_index(i18n.t("about.col_period", "en"))
    window = periods.loc["2016-2020"]
    assert window[i18n.t("about.col_kind", "en")] == i18n.t("about.kind_reporting", "en")
    assert window[i18n.t("about.col_money", "en")] == i18n.t("about.no_commitment", "en")
    assert window[i18n.t("about.col_staff", "en")] == i18n.t("about.no_commitment", "en")
