"""Comments on the Data page (issue 15 part 1), in real Streamlit: a coordinator writes the
analysis of a year, readers see it on the Overview in their language and exactly as written,
undo and delete take it away (and undo brings a deleted one back), and a closed year refuses
it with the year named and nothing written."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_data import frame_with, open_app
from tests.app.test_periods import shown
from uccn_data.commentary import Comment, comments_on
from uccn_data.store import Store

PERIOD = "2021-2024"
SWEDISH = "Fler företag deltog 2024 än året före, mest tack vare matklustret."
ENGLISH = "More SMEs took part in 2024 than the year before, mostly thanks to the food cluster."


def write(
    at: AppTest, sv: str, en: str = "", *, year: int = 2024, scope: str = "overall"
) -> AppTest:
    """On the Data page: choose what the comment is about, write it and save it."""
    at.selectbox(key="comment_scope").set_value(scope).run()
    at.selectbox(key="comment_period").set_value(PERIOD).run()
    at.selectbox(key=f"comment_year_{PERIOD}").set_value(year).run()
    at.text_area(key="comment_text_sv").input(sv)
    at.text_area(key="comment_text_en").input(en)
    next(b for b in at.button if b.label == "Spara kommentaren").click()
    return at.run()


def overview(at: AppTest, year: int = 2024) -> list[str]:
    """The plain texts of the Overview for `year` (where a comment is drawn)."""
    at.switch_page("views/overview.py").run()
    at.selectbox(key="f_year").set_value(year).run()
    assert not at.exception
    return [x.value for x in at.text]


def stored(store: Store, year: int | None = 2024) -> list[Comment]:
    with store.reading() as conn:
        return comments_on(conn, PERIOD, year)


def listed(at: AppTest, year: str = "2024") -> list[list[str]]:
    """The Data page's list of the period's comments, the rows for `year` (the demo data
    has comments of its own on other years)."""
    frame = frame_with(at, "Gäller")
    return [list(row) for row in frame[frame["År"] == year].values.tolist()]


def undo(at: AppTest, import_id: int) -> AppTest:
    at.switch_page("views/data.py").run()
    at.selectbox(key="undo_id").set_value(import_id)
    at.button(key="undo").click().run()
    next(b for b in at.button if b.label == "Ja, ångra").click()
    return at.run()


def test_a_coordinators_comment_shows_on_the_overview_in_both_languages_until_undone(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    assert [tab.label for tab in at.tabs][1:3] == ["En post", "Kommentarer"]
    assert [c.value for c in at.caption if c.value.startswith("Ingen kommentar")] == [
        "Ingen kommentar för detta ännu."
    ]

    write(at, SWEDISH, ENGLISH)
    assert not at.exception and not at.error
    newest = demo_copy.history()[0]
    assert (newest["table_name"], newest["rows_inserted"]) == ("comments", 1)
    assert newest["file_name"] == "Formulär: kommentar, Helhet, 2021-2024, 2024"
    assert [s.value for s in at.success] == [
        f"Kommentaren sparades (import {newest['import_id']}). Ångra under Historik."
    ]
    assert stored(demo_copy) == [Comment("overall", PERIOD, 2024, SWEDISH, ENGLISH)]
    # The comment stays in the fields to be changed, and the period's list shows it.
    assert at.text_area(key="comment_text_sv").value == SWEDISH
    assert listed(at) == [["Helhet", "2024", SWEDISH, ENGLISH]]

    assert SWEDISH in overview(at, 2024)
    assert "Samordnarnas kommentar" in [h.value for h in at.subheader]
    assert SWEDISH not in overview(at, 2023)  # written for 2024 only

    # A reader who is not signed in sees it, in Swedish and in English; the Data page is
    # not theirs.
    viewer = open_app(demo_copy, monkeypatch)
    assert SWEDISH in overview(viewer)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        viewer.switch_page("views/data.py")
    english = open_app(demo_copy, monkeypatch, lang="en")
    texts = overview(english)
    assert ENGLISH in texts and SWEDISH not in texts
    assert "The coordinators' comment" in [h.value for h in english.subheader]

    undo(at, newest["import_id"])
    assert not at.exception
    assert stored(demo_copy) == []
    assert SWEDISH not in overview(at)
    assert "Samordnarnas kommentar" not in [h.value for h in at.subheader]


def test_the_comments_tab_speaks_english_to_an_english_coordinator(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator", lang="en")
    at.switch_page("views/data.py").run()
    assert "Comments" in [tab.label for tab in at.tabs]
    at.selectbox(key="comment_scope").set_value("overall").run()
    at.selectbox(key=f"comment_year_{PERIOD}").set_value(2024).run()
    at.text_area(key="comment_text_sv").input(SWEDISH)
    next(b for b in at.button if b.label == "Save the comment").click()
    at.run()
    newest = demo_copy.history()[0]
    assert newest["file_name"] == "Form: comment, Overall, 2021-2024, 2024"
    assert [s.value for s in at.success] == [
        f"The comment was saved (import {newest['import_id']}). Undo it under History."
    ]
    frame = frame_with(at, "About")
    assert frame[frame["Year"] == "2024"].values.tolist() == [["Overall", "2024", SWEDISH, ""]]

    at.text_area(key="comment_text_sv").input("")
    next(b for b in at.button if b.label == "Save the comment").click()
    at.run()
    errors = [shown(e.value) for e in at.error]
    assert errors[0] == (
        "The comment was not saved. Correct what is said below; nothing has changed."
    )
    assert errors[1].startswith("text_sv: ")
    assert demo_copy.history()[0] == newest


def test_an_english_reader_without_an_english_text_is_told_it_is_swedish_only(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    write(at, SWEDISH)
    assert stored(demo_copy) == [Comment("overall", PERIOD, 2024, SWEDISH, None)]
    english = open_app(demo_copy, monkeypatch, lang="en")
    assert SWEDISH in overview(english)
    assert "This comment is only available in Swedish." in [c.value for c in english.caption]


def test_markup_in_a_comment_reads_exactly_as_written(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    markup = "<b>x</b> [l](http://a)"
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    write(at, markup)
    assert not at.error
    assert listed(at) == [["Helhet", "2024", markup, ""]]

    assert markup in overview(at)
    # Nowhere drawn as Markdown, where it would become bold text and a link.
    assert not [m.value for m in at.markdown if "http://a" in m.value]


def test_a_comment_in_a_closed_year_is_refused_with_the_year_named_and_nothing_written(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    write(at, "Första versionen.", year=2023)
    assert stored(demo_copy, 2023)[0].text_sv == "Första versionen."
    closed = demo_copy.close_year(2023, "Alva Admin")
    before = demo_copy.history()

    at.run()
    write(at, "Ändrad efter att året fastställdes.", year=2023)
    assert not at.exception and not at.success
    errors = [shown(e.value) for e in at.error]
    assert errors[0] == "Kommentaren sparades inte. Rätta det som står nedan; inget har ändrats."
    assert any("2023" in e and closed.closed_by in e for e in errors[1:])
    assert demo_copy.history() == before
    assert stored(demo_copy, 2023)[0].text_sv == "Första versionen."

    # Nor can it be deleted: the year is named again.
    at.checkbox(key=f"comment_delete_confirm_overall_{PERIOD}_2023").check().run()
    at.button(key="comment_delete").click().run()
    [error] = [shown(e.value) for e in at.error]
    assert "kan inte tas bort: 2023 är fastställt (av Alva Admin" in error
    assert demo_copy.history() == before


def test_a_deleted_comment_leaves_the_overview_and_undo_brings_it_back(
    demo_copy: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(demo_copy, monkeypatch, role="coordinator")
    at.switch_page("views/data.py").run()
    write(at, SWEDISH, ENGLISH)
    assert at.button(key="comment_delete").disabled  # not before it is confirmed
    at.checkbox(key=f"comment_delete_confirm_overall_{PERIOD}_2024").check().run()
    at.button(key="comment_delete").click().run()
    assert not at.exception and not at.error
    newest = demo_copy.history()[0]
    assert (newest["table_name"], newest["rows_deleted"]) == ("comments", 1)
    assert [s.value for s in at.success] == [
        f"Kommentaren togs bort (import {newest['import_id']}). Ångra under Historik."
    ]
    assert stored(demo_copy) == []
    assert at.text_area(key="comment_text_sv").value == ""
    assert listed(at) == []
    assert frame_with(at, "Borttagna").iloc[0]["Borttagna"] == 1
    assert SWEDISH not in overview(at)

    undo(at, newest["import_id"])
    assert [s.value for s in at.success] == [
        f"Import {newest['import_id']} är ångrad: 0 rader borttagna, 1 återställda."
    ]
    assert stored(demo_copy) == [Comment("overall", PERIOD, 2024, SWEDISH, ENGLISH)]
    assert at.text_area(key="comment_text_sv").value == SWEDISH
    assert SWEDISH in overview(at)
