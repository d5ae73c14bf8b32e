"""The Reports page in a real browser: each output downloads, opens in its own library, and
carries the same figures as the pages; the open data a viewer gets has no personal number."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document
from pptx import Presentation

from uccn_data import kpis
from uccn_data.store import Store

pytestmark = pytest.mark.e2e


def download(page: Any, label: str) -> bytes:
    button = page.get_by_role("button", name=label)
    with page.expect_download(timeout=120_000) as caught:
        button.click()
    path = caught.value.path()
    with open(path, "rb") as handle:
        return handle.read()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_report_downloads_and_opens(
    open_app: Callable[..., Any], app: Any, lang: str
) -> None:
    from dashboard import i18n

    page = open_app("rapporter", lang=lang)
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    with Store(app.store).reading() as conn:
        activities = int(kpis.kpi(conn, "activities", kpis.Filters()) or 0)

    deck = Presentation(io.BytesIO(download(page, t("reports.deck"))))
    assert len(deck.slides) >= 8
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)

    html = download(page, t("reports.html")).decode("utf-8")
    assert f'lang="{lang}"' in html and "http://" not in html and "https://" not in html
    assert str(activities) in html

    report = Document(io.BytesIO(download(page, t("reports.unesco_en"))))
    assert any("Executive summary" in p.text for p in report.paragraphs)

    archive = zipfile.ZipFile(io.BytesIO(download(page, t("reports.open_data_masked"))))
    names = archive.namelist()
    assert "datapackage.json" in names and any(n.endswith(".parquet") for n in names)
    with Store(app.store).reading() as conn:
        personal = [
            r[0]
            for r in conn.execute(
                "select org_number from sme_participation where substr(org_number, 3, 1) in ('0', '1')"
            ).fetchall()
        ]
    everything = b"".join(archive.read(n) for n in names)
    for number in personal:
        assert (
            number.encode() not in everything
            and f"{number[:6]}-{number[6:]}".encode() not in everything
        )
