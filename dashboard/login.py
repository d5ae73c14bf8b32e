"""Sign-in on the page: the organisation's identity provider (st.login) when configured,
otherwise the built-in accounts from `.streamlit/secrets.toml`; everyone else is a viewer.

The role is looked up again on every run from the server-side session, never from the
browser, so a page or an action can always re-check it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import cache, i18n
from dashboard.auth import at_least, role_for_email, role_from_claims

SESSION_KEY = "_account"


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


def identity_provider_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def current_role() -> str:
    """viewer, coordinator or admin for this session."""
    account = st.session_state.get(SESSION_KEY)
    if account is not None:
        return str(account["role"])
    if identity_provider_configured() and getattr(st.user, "is_logged_in", False):
        config = settings()
        roles = dict(config.get("roles", {}))
        claim = roles.get("claim")
        from_claim = role_from_claims(st.user.to_dict(), str(claim)) if claim else None
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
        st.error(i18n.t("login.not_allowed", lang))
        st.stop()


def sidebar(lang: str) -> None:
    """Who is signed in and a way out, or the ways in."""
    t = i18n.t
    name = current_user_name()
    with st.sidebar:
        st.divider()
        if name:
            role = current_role()
            st.caption(t("login.signed_in_as", lang, name=name, role=t(f"login.role_{role}", lang)))
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
                    username = st.text_input(t("login.username", lang), key="login_user")
                    password = st.text_input(
                        t("login.password", lang), type="password", key="login_password"
                    )
                    submitted = st.form_submit_button(t("login.sign_in", lang))
                if submitted:
                    result = accounts.login(username, password)
                    if result.ok and result.account is not None:
                        a = result.account
                        st.session_state[SESSION_KEY] = {
                            "username": a.username,
                            "role": a.role,
                            "name": a.name,
                        }
                        st.rerun()
                    elif result.locked_for:
                        minutes = max(1, result.locked_for // 60)
                        st.error(t("login.locked", lang, minutes=minutes))
                    else:
                        st.error(t("login.failed", lang))
            elif not identity_provider_configured():
                st.caption(t("login.none_configured", lang))
