"""The Reports page's files, made from a real store the way the page makes them: each is the
file it says it is, open data is masked unless asked otherwise, and names follow the selection."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from tests.unit.reports_support import SINCE, shared_demo
from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.reports import downloads
from uccn_data.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return shared_demo(tmp_path_factory)


def names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return set(archive.namelist())


def test_each_file_is_what_it_says(demo: Store) -> None:
    f = kpis.Filters()
    assert "ppt/presentation.xml" in names(downloads.deck(demo, f, "sv", SINCE))
    assert "word/document.xml" in names(downloads.monitoring(demo, f.period, "en"))
    page = downloads.printable(demo, f, "en", None).decode("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")


def test_open_data_is_every_table_with_its_description(demo: Store) -> None:
    masked = names(downloads.open_data(demo, mask=True))
    assert "datapackage.json" in masked
    assert {"activities.csv", "sme_participation.xlsx", "exchanges.parquet"} <= masked
    assert names(downloads.open_data(demo, mask=False)) == masked


def test_file_names_and_the_reporting_window_follow_the_selection() -> None:
    assert downloads.scope(kpis.Filters()) == ref.AGREEMENT_2021_2024.period_id
    assert downloads.scope(kpis.Filters(year=2023)) == f"{ref.AGREEMENT_2021_2024.period_id}-2023"
    window = replace(ref.AGREEMENT_2021_2024, period_id="2016-2020", kind="reporting")
    periods = [ref.AGREEMENT_2021_2024, window]
    assert downloads.is_window(periods, "2016-2020")
    assert not downloads.is_window(periods, ref.AGREEMENT_2021_2024.period_id)
    assert not downloads.is_window(periods, "2030-2033")  # unknown: not said to be a window
