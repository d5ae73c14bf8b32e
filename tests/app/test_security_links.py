"""A crafted link, or a crafted file, cannot put Markdown into the dashboard's own message
boxes: the values are shown as typed (escaped by `words.markdown`), in real Streamlit.

The security review's link was
`/?theme=[KLICKA](http://evil/p)&area=![x](http://evil/t.png)&period=:red[**VARNING**]`: it
made a live link, an image fetched from elsewhere and red bold text inside the bad-value
notice. The Data page's warnings quote a file's headers and cells the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from tests.conftest import ROOT, cheap_hash, swedish_csv
from uccn_data.pages import words
from uccn_data.store import Store

LINK = "[KLICKA](http://evil/p)"
IMAGE = "![x](http://evil/t.png)"
COLOUR = ":red[**VARNING**]"
BARE = "http://evil.example/p"
WWW = "www.evil.se"
PASSWORD = "ett långt och hemligt lösenord"


def is_live(markdown: str) -> bool:
    """A link, image, colour or tag Markdown would form: a construct with its characters
    unescaped, or a bare address whole after the escapes are read (GitHub's autolinks)."""
    left = re.sub(r"\\[!-/:-@\[-`{-~]", "\x00", markdown)
    read = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    return bool(
        re.search(r"\[KLICKA\]\(|!\[x\]\(|:red\[|<img", left)
        or re.search(r"https?://|www\.|@evil", read, re.IGNORECASE)
    )


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_reviewers_link_shows_its_values_as_typed(
    demo_store: Store, open_page: Callable[..., AppTest], lang: str
):
    at = open_page(demo_store.path, theme=LINK, area=IMAGE, period=COLOUR, lang=lang)
    assert not at.exception
    shown = notices(at)
    for name, value in (("theme", LINK), ("area", IMAGE), ("period", COLOUR)):
        expected = i18n.t("filter.bad_value", lang, name=name, value=words.markdown(value))
        assert expected in shown, (name, shown)
    assert len(shown) == 3
    assert not [s for s in shown if is_live(s)]
    # The page itself was drawn with the defaults, as the notices say.
    assert at.query_params["period"] != [COLOUR]


def test_bare_addresses_in_a_link_stay_text(demo_store: Store, open_page: Callable[..., AppTest]):
    at = open_page(demo_store.path, theme=BARE, municipality=WWW, year="anna@evil.se")
    assert not at.exception
    shown = notices(at)
    assert len(shown) == 3 and not [s for s in shown if is_live(s)]
    assert any(words.markdown(BARE) in s for s in shown)


def test_the_data_pages_warnings_quote_a_file_as_typed(
    demo_store: Store, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    """An unknown column named like an image, and a partner city named like a link (not in
    UNESCO's list, so the check warns about it by name)."""
    from tests.conftest import copy_store

    store = copy_store(demo_store, tmp_path)
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    account = {"password_hash": cheap_hash(PASSWORD), "role": "coordinator", "name": "Anna"}
    at.secrets["uccn"] = {"accounts": {"anna": account}}
    at.run()
    at.text_input(key="login_user").input("anna")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label in ("Logga in", "Sign in")).click()
    at.run()
    at.run()
    at.switch_page("views/data.py").run()
    rows = [
        ["utbyte_id", "datum", "riktning", "partnerstad", "land", IMAGE],
        ["NY-1", "2023-01-10", "utresande", LINK, "Sverige", "x"],
    ]
    at.selectbox(key="upload_table").set_value("exchanges")
    at.file_uploader(key="upload_file").upload("u.csv", swedish_csv(rows, "utf-8"), "text/csv")
    at.run()
    assert not at.exception
    shown = notices(at)
    assert any(words.markdown(IMAGE) in s for s in shown), shown  # the unknown column
    assert any(words.markdown(LINK) in s for s in shown), shown  # the city not in the list
    assert not [s for s in shown if is_live(s)]
