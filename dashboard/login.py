"""Sign-in on the page: the organisation's identity provider (st.login) when configured,
otherwise the built-in accounts from `.streamlit/secrets.toml`; everyone else is a viewer.

The role is looked up again on every run from the server-side session, never from the
browser, so a page or an action can always re-check it. A built-in sign-in left idle longer
than `[uccn.sign_in] idle_minutes` ends on the session's next run.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import cache, i18n
from dashboard.auth import (
    MAX_NAME_CHARS,
    MAX_PASSWORD_CHARS,
    at_least,
    client_address,
    role_for_email,
    role_from_claims,
)
from uccn_data.pages import words

SESSION_KEY = "_account"
# When the signed-in session last ran (time.monotonic()), for the idle timeout.
ACTIVE_KEY = "_account_active_at"
# Set for the one run that tells the user they were signed out for being idle (minutes).
IDLE_KEY = "_account_idle_signed_out"
# A random label for this browser session: its failed sign-ins slow down only itself.
SOURCE_KEY = "_sign_in_source"
DEFAULT_IDLE_MINUTES = 30


def settings() -> dict[str, Any]:
    """The `[uccn]` section of the secrets (accounts, roles), or nothing when there is none."""
    try:
        section = st.secrets.get("uccn", {})
    except Exception:  # no secrets file at all: a read-only install
        return {}
    plain = _plain(section)
    return plain if isinstance(plain, dict) else {}


def _plain(value: Any) -> Any:
    """Streamlit's secrets as plain dicts and lists (they arrive as its own mapping type)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _sign_in_setting(name: str, default: int) -> int:
    """A whole-number setting from `[uccn.sign_in]`; a missing or unreadable one (a typo in
    the secrets file) gives the default rather than a traceback, negative ones 0."""
    value = (settings().get("sign_in") or {}).get(name, default)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def idle_minutes() -> int:
    """Minutes a built-in sign-in may stay idle (`[uccn.sign_in] idle_minutes`; 0 = never)."""
    return _sign_in_setting("idle_minutes", DEFAULT_IDLE_MINUTES)


def _sign_out_if_idle() -> None:
    """End a built-in sign-in whose session has not run for longer than idle_minutes()."""
    if SESSION_KEY not in st.session_state:
        return
    last = st.session_state.get(ACTIVE_KEY)
    limit = idle_minutes()
    if limit and isinstance(last, int | float) and time.monotonic() - last > limit * 60:
        st.session_state.pop(SESSION_KEY, None)
        st.session_state.pop(ACTIVE_KEY, None)
        st.session_state[IDLE_KEY] = limit


def forwarded_for() -> list[str]:
    """The X-Forwarded-For header values of this session's first request, in order."""
    return list(st.context.headers.get_all("X-Forwarded-For"))


def sign_in_sources() -> tuple[str, ...]:
    """Where this session's sign-in attempts come from, for the back-off in `auth.Accounts`.

    Always the session itself. The client address is added only when `[uccn.sign_in]
    trusted_proxies` says how many reverse proxies stand in front: without one, anyone can
    write X-Forwarded-For, and the proxy's own address would make every user one source.
    """
    token = st.session_state.get(SOURCE_KEY)
    if not isinstance(token, str):
        token = st.session_state[SOURCE_KEY] = secrets.token_urlsafe(16)
    address = client_address(forwarded_for(), _sign_in_setting("trusted_proxies", 0))
    return (f"session:{token}", *([f"address:{address}"] if address else []))


def identity_provider_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def current_role() -> str:
    """viewer, coordinator or admin for this session."""
    _sign_out_if_idle()
    account = st.session_state.get(SESSION_KEY)
    if account is not None:
        return str(account["role"])
    if identity_provider_configured() and getattr(st.user, "is_logged_in", False):
        config = settings()
        roles = dict(config.get("roles", {}))
        from_claim = role_from_claims(st.user.to_dict(), roles)
        email = st.user.get("email")
        return from_claim or role_for_email(email if isinstance(email, str) else None, roles)
    return "viewer"


def current_user_name() -> str | None:
    account = st.session_state.get(SESSION_KEY)
    if account is not None:
        return str(account["name"] or account["username"])
    if getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name") or "")
    return None


def require(role: str, lang: str) -> None:
    """Stop the page here unless this session has `role` (checked on the server)."""
    if not at_least(current_role(), role):
        # A coordinator on an admin tab is signed in: "sign in" alone would not help them.
        key = "login.admins_only" if role == "admin" else "login.not_allowed"
        st.error(i18n.t(key, lang))
        st.stop()


def sidebar(lang: str) -> None:
    """Who is signed in and a way out, or the ways in. Called once per run before any role
    check of the run, so it is where an idle sign-in ends and an active one is kept."""
    t = i18n.t
    _sign_out_if_idle()
    idle_for = st.session_state.pop(IDLE_KEY, None)
    if idle_for is not None:
        # In the main area: a collapsed sidebar must not hide why the Data page went away.
        st.warning(t("login.idle_signed_out", lang, minutes=idle_for), icon=":material/timer_off:")
    if SESSION_KEY in st.session_state:
        st.session_state[ACTIVE_KEY] = time.monotonic()
    name = current_user_name()
    with st.sidebar:
        st.divider()
        if name:
            role = current_role()
            # An identity provider's display name is not ours: shown as typed.
            shown = words.markdown(name)
            st.caption(
                t("login.signed_in_as", lang, name=shown, role=t(f"login.role_{role}", lang))
            )
            if st.button(t("login.sign_out", lang), key="sign_out"):
                if st.session_state.pop(SESSION_KEY, None) is None:
                    st.logout()
                st.rerun()
            return
        accounts = cache.accounts(settings())
        with st.expander(t("login.heading", lang)):
            provider = identity_provider_configured()
            if provider and st.button(t("login.with_provider", lang), key="sign_in_provider"):
                st.login()
            if accounts.accounts:
                with st.form("sign_in", border=False):
                    # Streamlit cuts longer values on the server too, whatever a client sends.
                    username = st.text_input(
                        t("login.username", lang), key="login_user", max_chars=MAX_NAME_CHARS
                    )
                    password = st.text_input(
                        t("login.password", lang),
                        type="password",
                        key="login_password",
                        max_chars=MAX_PASSWORD_CHARS,
                    )
                    submitted = st.form_submit_button(t("login.sign_in", lang))
                if submitted:
                    result = accounts.login(username, password, sign_in_sources())
                    if result.ok and result.account is not None:
                        a = result.account
                        st.session_state[SESSION_KEY] = {
                            "username": a.username,
                            "role": a.role,
                            "name": a.name,
                        }
                        st.session_state[ACTIVE_KEY] = time.monotonic()
                        st.rerun()
                    if result.checked:
                        st.error(t("login.failed", lang))
                    if result.retry_after:
                        st.error(_wait_text(result.retry_after, lang))
            elif not identity_provider_configured():
                st.caption(t("login.none_configured", lang))


def _wait_text(seconds: int, lang: str) -> str:
    """The wait before this session's next attempt, in seconds, or whole minutes when long."""
    if seconds < 120:
        return i18n.t("login.wait_seconds", lang, seconds=seconds)
    return i18n.t("login.locked", lang, minutes=-(-seconds // 60))
