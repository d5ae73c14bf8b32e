"""Page runs take turns (dashboard.turns): one at a time, first come first served, never
stuck behind a page that does not give its turn back or holds it too long, and never for the
workspace."""

from __future__ import annotations

import threading

import pytest

from dashboard import turns


def test_pages_take_turns_in_the_order_they_came():
    line = turns.Turns(overdue_s=600)
    order: list[str] = []
    first_in = threading.Event()
    let_go = threading.Event()

    def first() -> None:
        with turns.turn("oversikt", turns=line) as held:
            assert held
            first_in.set()
            let_go.wait(10)
            order.append("first")

    def later(name: str, queued: threading.Event) -> None:
        queued.set()
        with turns.turn("ekonomi", turns=line):
            order.append(name)

    one = threading.Thread(target=first)
    one.start()
    assert first_in.wait(10)
    waiting = []
    for name in ("second", "third"):
        queued = threading.Event()
        thread = threading.Thread(target=later, args=(name, queued))
        thread.start()
        assert queued.wait(10)
        waiting.append(thread)
        # The next one comes only once this one waits for the turn (order of arrival): the
        # line is where it waits.
        while line.waiting() < len(waiting):
            assert thread.is_alive()
            thread.join(0.01)
    assert order == []  # nobody ran beside the first
    let_go.set()
    for thread in (one, *waiting):
        thread.join(10)
    assert order == ["first", "second", "third"]


def test_a_page_that_stops_or_fails_gives_its_turn_back():
    with pytest.raises(RuntimeError), turns.turn("oversikt"):
        raise RuntimeError("st.stop() and st.rerun() end a run by raising")
    with turns.turn("oversikt", wait_s=1) as held:
        assert held


def test_the_workspace_and_reports_never_wait_for_a_turn():
    with turns.turn("oversikt") as held:
        assert held
        for own_pace in ("data", "rapporter"):
            with turns.turn(own_pace, wait_s=0) as took:
                assert took is False
        # Another reading page waits; past its wait it goes ahead without the turn.
        with turns.turn("foretag", wait_s=0.05) as took:
            assert took is False
    with turns.turn("foretag", wait_s=1) as held:
        assert held


def test_a_turn_held_too_long_holds_nobody_back():
    now = [0.0]
    line = turns.Turns(overdue_s=10, clock=lambda: now[0])
    stuck, later = object(), object()
    assert line.take(stuck, wait_s=0)
    assert not line.take(object(), wait_s=0)  # held, and not for long: the next must wait
    now[0] = 10.5
    assert line.take(later, wait_s=0)  # overdue: the next in line goes ahead
    line.give_back(stuck)  # the stuck run ends at last; the turn stays with the one who has it
    assert not line.take(object(), wait_s=0)
    line.give_back(later)
    assert line.take(object(), wait_s=0)


def test_a_waiting_page_goes_ahead_once_the_turn_is_overdue():
    line = turns.Turns(overdue_s=0.05)
    assert line.take(object(), wait_s=0)  # never given back
    # It waits for the overdue time, not its own 30 s, and then holds the turn.
    with turns.turn("foretag", wait_s=30, turns=line) as held:
        assert held
