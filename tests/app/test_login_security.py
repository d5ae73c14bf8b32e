"""Sign-in in real Streamlit, as an attacker and as the coordinator would meet it: wrong
passwords slow down only where they come from, an idle sign-in ends, and role claims from the
identity provider count only by their whole configured names."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import login
from tests.conftest import ROOT, cheap_hash
from uccn_data.store import Store

PASSWORD = "ett långt och hemligt lösenord"
HASH = cheap_hash(PASSWORD)
ACCOUNTS = {"anna": {"password_hash": HASH, "role": "coordinator", "name": "Anna Samordnare"}}


def open_app(
    store: Store, monkeypatch: pytest.MonkeyPatch, lang: str = "sv", **uccn: Any
) -> AppTest:
    """A new browser session on the dashboard, with `[uccn]` settings besides the accounts."""
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.secrets["uccn"] = {"accounts": ACCOUNTS, **uccn}
    return at.run()


def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label in ("Logga in", "Sign in")).click()
    return at.run()


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def signed_in(at: AppTest) -> bool:
    return "_account" in at.session_state


def test_wrong_passwords_slow_this_session_but_not_the_coordinator_elsewhere(
    demo_store, monkeypatch
):
    """Finding 4: five wrong passwords from any session locked the account for everyone."""
    attacker = open_app(demo_store, monkeypatch)
    sign_in(attacker, "anna", "fel")
    assert "Fel användarnamn eller lösenord" in errors(attacker)
    for _ in range(5):
        sign_in(attacker, "anna", "fel")
    sign_in(attacker, "anna", PASSWORD)  # this session waits, even with the right password
    assert "För många misslyckade försök" in errors(attacker)
    assert not signed_in(attacker)

    coordinator = open_app(demo_store, monkeypatch)
    sign_in(coordinator, "anna", PASSWORD)
    assert not coordinator.exception
    assert signed_in(coordinator)


def test_a_forwarded_address_is_not_believed_without_a_trusted_proxy(demo_store, monkeypatch):
    """Anyone can write X-Forwarded-For: by default it must neither join nor split sources."""
    monkeypatch.setattr(login, "forwarded_for", lambda: ["203.0.113.9"])
    attacker = open_app(demo_store, monkeypatch)
    for _ in range(5):
        sign_in(attacker, "anna", "fel")
    # The coordinator's browser sends the same (made-up) header: she is still let in.
    coordinator = open_app(demo_store, monkeypatch)
    sign_in(coordinator, "anna", PASSWORD)
    assert signed_in(coordinator)


def test_behind_a_trusted_proxy_new_sessions_from_one_address_share_its_wait(
    demo_store, monkeypatch
):
    address = ["192.0.2.1, 203.0.113.9"]  # the client wrote the first entry itself
    monkeypatch.setattr(login, "forwarded_for", lambda: address)
    settings = {"sign_in": {"trusted_proxies": 1}}
    attacker = open_app(demo_store, monkeypatch, **settings)
    for _ in range(5):
        sign_in(attacker, "anna", "fel")
    fresh = open_app(demo_store, monkeypatch, **settings)
    sign_in(fresh, "anna", PASSWORD)
    assert "För många misslyckade försök" in errors(fresh) and not signed_in(fresh)

    # Changing the entry the client controls does not help; another real address is let in.
    address[0] = "198.51.100.77, 203.0.113.9"
    sign_in(open_app(demo_store, monkeypatch, **settings), "anna", PASSWORD)
    assert "För många" in errors(fresh)
    address[0] = "192.0.2.1, 198.51.100.4"
    coordinator = sign_in(open_app(demo_store, monkeypatch, **settings), "anna", PASSWORD)
    assert signed_in(coordinator)


def signed_in_app(store: Store, monkeypatch: pytest.MonkeyPatch, **uccn: Any) -> AppTest:
    at = sign_in(open_app(store, monkeypatch, **uccn), "anna", PASSWORD)
    at.run()  # one more run lets AppTest see the pages the sign-in registers
    assert signed_in(at) and reaches_data_page(at)
    return at


def reaches_data_page(at: AppTest) -> bool:
    """Whether the Data page is in this session's menu (the next run shows Overview)."""
    try:
        at.switch_page("views/data.py")
    except ValueError:
        return False
    at.switch_page("views/overview.py")
    return True


def idle(at: AppTest, minutes: float) -> None:
    at.session_state[login.ACTIVE_KEY] = at.session_state[login.ACTIVE_KEY] - minutes * 60


def test_an_idle_sign_in_ends_on_the_next_run_and_says_so(demo_store, monkeypatch):
    """Finding 9: a signed-in session never timed out when idle."""
    at = signed_in_app(demo_store, monkeypatch)
    at.switch_page("views/data.py").run()  # left open on the Data page
    assert at.get("file_uploader")
    idle(at, login.DEFAULT_IDLE_MINUTES + 1)
    at.run()
    assert not at.exception
    assert not signed_in(at)
    assert any("utan aktivitet" in w.value for w in at.warning)
    assert not at.get("file_uploader")
    assert not reaches_data_page(at)
    at.run()  # said once, not on every later run
    assert not any("utan aktivitet" in w.value for w in at.warning)


def test_a_session_in_use_stays_signed_in(demo_store, monkeypatch):
    at = signed_in_app(demo_store, monkeypatch)
    for _ in range(3):  # each run counts as activity
        idle(at, login.DEFAULT_IDLE_MINUTES - 5)
        at.run()
    assert signed_in(at) and reaches_data_page(at)


def test_the_idle_time_is_a_setting(demo_store, monkeypatch):
    at = signed_in_app(demo_store, monkeypatch, lang="en", sign_in={"idle_minutes": 5})
    idle(at, 6)
    at.run()
    assert not signed_in(at)
    assert any("signed out after 5 minutes" in w.value for w in at.warning)


def provider_user(store: Store, monkeypatch: pytest.MonkeyPatch, roles: Any) -> AppTest:
    """A session signed in through the identity provider, with `roles` in its claim."""
    monkeypatch.setenv("UCCN_DB", str(store.path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"client_id": "uccn", "server_metadata_url": "https://idp.invalid"}
    at.secrets["uccn"] = {
        "roles": {
            "claim": "roles",
            "claim_admins": ["uccn-admin"],
            "claim_coordinators": ["uccn-coordinator"],
        }
    }
    at.user = {"is_logged_in": True, "email": "someone@example.com", "roles": roles}
    at.run()
    return at.run()


@pytest.mark.parametrize("roles", [["non-admin"], ["sysadmin"], "realm-admin offline_access"])
def test_a_role_claim_ending_in_admin_grants_nothing(demo_store, monkeypatch, roles):
    """Finding 7: these granted admin because the claim was matched by its ending."""
    at = provider_user(demo_store, monkeypatch, roles)
    assert not at.exception
    assert not reaches_data_page(at)
    assert any("(läsare)" in c.value for c in at.sidebar.caption)


def test_a_configured_role_name_grants_its_role(demo_store, monkeypatch):
    at = provider_user(demo_store, monkeypatch, ["offline_access", "uccn-coordinator"])
    assert reaches_data_page(at)
    assert any("(samordnare)" in c.value for c in at.sidebar.caption)
