"""Who may do what: roles, the built-in accounts with argon2 hashes, and lock-out.

No Streamlit here, so the rules are tested on their own; `dashboard/login.py` puts them on
the page. Roles climb: a viewer reads every page (organisation numbers masked), a
coordinator also uploads, undoes and edits targets, an admin also edits agreement periods.

    python -m dashboard.auth hash      # asks for a password twice, prints its argon2 hash
"""

from __future__ import annotations

import getpass
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("viewer", "coordinator", "admin")
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60

_hasher = PasswordHasher()
# Verifying against this when the user name is unknown makes a wrong name take as long as a
# wrong password, so timing does not tell which user names exist.
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    """An argon2id hash to paste into `.streamlit/secrets.toml`."""
    return _hasher.hash(password)


def at_least(role: str | None, needed: str) -> bool:
    """Whether `role` may do what `needed` may (admin ⊇ coordinator ⊇ viewer)."""
    if role not in ROLES:
        return needed == "viewer"
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class Account:
    """A built-in account: its name, role and password hash (never the password)."""

    username: str
    role: str
    password_hash: str
    name: str = ""


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    account: Account | None = None
    locked_for: int = 0  # seconds left of a lock-out, when locked


@dataclass
class Accounts:
    """The built-in accounts and their failed attempts (shared by every session)."""

    accounts: dict[str, Account]
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, Any]) -> Accounts:
        """`[uccn.accounts.<username>]` tables with `password_hash`, `role`, optional `name`.

        Entries without an argon2 hash or with an unknown role are left out: a plain-text
        password in the secrets file must never work.
        """
        found: dict[str, Account] = {}
        for username, entry in dict(secrets.get("accounts", {}) or {}).items():
            entry = dict(entry)
            hashed = str(entry.get("password_hash", ""))
            role = str(entry.get("role", ""))
            if hashed.startswith("$argon2") and role in ROLES:
                found[username.casefold()] = Account(
                    username.casefold(), role, hashed, str(entry.get("name", username))
                )
        return cls(found)

    def login(self, username: str, password: str) -> LoginResult:
        key = username.strip().casefold()
        now = self.clock()
        with self._lock:
            until = self._locked_until.get(key, 0.0)
            if until > now:
                return LoginResult(False, locked_for=int(until - now) + 1)
        account = self.accounts.get(key)
        try:
            _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
            ok = account is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        with self._lock:
            if ok:
                self._failures.pop(key, None)
                return LoginResult(True, account)
            recent = [t for t in self._failures.get(key, []) if now - t < LOCK_SECONDS]
            recent.append(now)
            self._failures[key] = recent
            if len(recent) >= MAX_FAILURES:
                self._locked_until[key] = now + LOCK_SECONDS
                self._failures.pop(key, None)
                return LoginResult(False, locked_for=LOCK_SECONDS)
        return LoginResult(False)


def role_for_email(email: str | None, roles: Mapping[str, Any]) -> str:
    """The role of a user signed in through the organisation's identity provider.

    `[uccn.roles]` lists e-mail addresses (or whole domains as `@ostersund.se`) under
    `admins` and `coordinators`; everyone else who signs in is a viewer.
    """
    if not email:
        return "viewer"
    address = email.strip().casefold()
    for role, listed in (
        ("admin", roles.get("admins", [])),
        ("coordinator", roles.get("coordinators", [])),
    ):
        for entry in listed or []:
            entry = str(entry).strip().casefold()
            if address == entry or (entry.startswith("@") and address.endswith(entry)):
                return role
    return "viewer"


def role_from_claims(claims: Mapping[str, Any], claim: str) -> str | None:
    """The role named in an identity-provider claim (e.g. `roles: ["uccn-coordinator"]`)."""
    value = claims.get(claim)
    values = value if isinstance(value, list) else [value]
    best: str | None = None
    for item in values:
        text = str(item or "").casefold()
        for role in ROLES:
            if text.endswith(role) and (best is None or at_least(role, best)):
                best = role
    return best


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print("usage: python -m dashboard.auth hash", file=sys.stderr)
        return 2
    first = getpass.getpass("Lösenord / Password: ")
    if len(first) < 12:
        print("Minst 12 tecken. / At least 12 characters.", file=sys.stderr)
        return 1
    if getpass.getpass("Igen / Again: ") != first:
        print("Lösenorden är olika. / The passwords differ.", file=sys.stderr)
        return 1
    print(hash_password(first))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
