"""Who may do what: roles, the built-in accounts with argon2 hashes, and sign-in back-off.

No Streamlit here, so the rules are tested on their own; `dashboard/login.py` puts them on
the page. Roles climb: a viewer reads every page (organisation numbers masked), a
coordinator also uploads, undoes and edits targets, an admin also edits agreement periods.

Wrong passwords slow down where they come from (a browser session, or the client address a
trusted reverse proxy reports), never the account: whoever types wrong passwords for the
coordinator's name cannot keep the coordinator out.

    python -m dashboard.auth hash      # asks for a password twice, prints its argon2 hash
"""

from __future__ import annotations

import getpass
import hashlib
import ipaddress
import math
import os
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("viewer", "coordinator", "admin")

# A source may get this many passwords wrong for one user name before it has to wait, and
# this many across every name it tries (spraying many names from one place).
FREE_FAILURES = 3
FREE_FAILURES_PER_SOURCE = 10
# Each failure past the free ones doubles the wait, from this, up to the cap; so does each
# attempt made while waiting.
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 15 * 60
# Failures are forgotten this long after the last one, and each table holds at most this
# many entries (the least recently failed go first), so neither time nor a flood of made-up
# names or sessions grows the server's memory.
FORGET_SECONDS = 60 * 60
MAX_TRACKED = 10_000
# A user name is looked at up to this length (the longest e-mail address); a source label
# (session token, client address) up to the other.
MAX_NAME_CHARS = 254
MAX_SOURCE_CHARS = 100
# The sign-in form takes passwords up to this length, so the hash command makes none longer.
MAX_PASSWORD_CHARS = 1024
# Unknown user names share these locks, so a flood of made-up names needs no new objects.
SPARE_LOCKS = 32

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verifying against this when the user name is unknown makes a wrong name take as long as
    a wrong password, so timing does not tell which user names exist. Made once per process
    when the first accounts are set up (see Accounts), not on import: a page with no sign-in
    to check did not need the 0.1 s of hashing (issue 16)."""
    return _hasher.hash("not a real password")


# Keyed per process: the table's keys say nothing about the names or sources behind them.
_KEY_SECRET = os.urandom(32)


def hash_password(password: str) -> str:
    """An argon2id hash to paste into `.streamlit/secrets.toml`."""
    return _hasher.hash(password)


def at_least(role: str | None, needed: str) -> bool:
    """Whether `role` may do what `needed` may (admin ⊇ coordinator ⊇ viewer)."""
    if role not in ROLES:
        return needed == "viewer"
    return ROLES.index(role) >= ROLES.index(needed)


def user_key(username: str) -> str:
    """A typed user name as the accounts are keyed: trimmed, case-folded, at most
    MAX_NAME_CHARS long (a 20 MB name costs no more than a short one)."""
    return username[: MAX_NAME_CHARS + 64].strip().casefold()[:MAX_NAME_CHARS]


def backoff_seconds(failures: int, free: int) -> float:
    """Seconds to wait after `failures` recent failures when `free` of them cost nothing:
    0, then FIRST_WAIT_SECONDS, doubling with each failure, never above MAX_WAIT_SECONDS."""
    if failures < free:
        return 0.0
    return min(float(MAX_WAIT_SECONDS), FIRST_WAIT_SECONDS * 2.0 ** min(failures - free, 30))


def _digest(*parts: str) -> bytes:
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16, key=_KEY_SECRET).digest()


class FailureTable:
    """Recent failures per key, bounded in size and age.

    Keys are 16-byte digests, so an entry costs the same whatever name it stands for. Each
    entry is (failures, time of the last failure, time the wait ends), in seconds on the
    caller's clock. Not thread-safe: `Accounts` holds its lock around every call.
    """

    def __init__(
        self, free: int, max_entries: int = MAX_TRACKED, forget_after: float = FORGET_SECONDS
    ) -> None:
        self.free = free
        self.max_entries = max_entries
        self.forget_after = forget_after
        # Oldest failure first: expiry and eviction both take from the front.
        self._entries: OrderedDict[bytes, tuple[int, float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def _forget_old(self, now: float) -> None:
        while self._entries:
            _, (_, last, until) = next(iter(self._entries.items()))
            if now - last < self.forget_after or until > now:
                break
            self._entries.popitem(last=False)

    def wait(self, key: bytes, now: float) -> float:
        """Seconds `key` still has to wait (0 when it may try now)."""
        self._forget_old(now)
        entry = self._entries.get(key)
        return max(0.0, entry[2] - now) if entry else 0.0

    def fail(self, key: bytes, now: float) -> float:
        """Count a failure for `key`; returns the seconds it must now wait."""
        self._forget_old(now)
        failures = self._entries.pop(key, (0, now, now))[0] + 1
        until = now + backoff_seconds(failures, self.free)
        self._entries[key] = (failures, now, until)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return until - now

    def clear(self, key: bytes) -> None:
        self._entries.pop(key, None)


@dataclass(frozen=True)
class Account:
    """A built-in account: its name, role and password hash (never the password)."""

    username: str
    role: str
    password_hash: str
    name: str = ""


@dataclass(frozen=True)
class LoginResult:
    """What a sign-in attempt gave: the account when `ok`; `checked` is False when the
    password was not even looked at because the source must wait `retry_after` seconds
    (which a failed attempt can also set for the next one)."""

    ok: bool
    account: Account | None = None
    retry_after: int = 0
    checked: bool = True


@dataclass
class Accounts:
    """The built-in accounts and the recent failures of each source (shared by every session).

    A source is any label for where attempts come from, e.g. `session:<token>` or
    `address:192.0.2.7`; an attempt may name several and waits for the slowest. Password
    checks for one user name run one at a time, so simultaneous attempts from one source
    queue and meet its back-off instead of all reaching argon2 at once.
    """

    accounts: dict[str, Account]
    clock: Callable[[], float] = time.monotonic
    max_tracked: int = MAX_TRACKED
    password_checks: int = 0  # argon2 verifications made: what an attacker gets to try
    _pairs: FailureTable = field(init=False)
    _sources: FailureTable = field(init=False)
    _table_lock: threading.Lock = field(default_factory=threading.Lock)
    _account_locks: dict[str, threading.Lock] = field(init=False)
    _spare_locks: tuple[threading.Lock, ...] = field(init=False)

    def __post_init__(self) -> None:
        self._pairs = FailureTable(FREE_FAILURES, self.max_tracked)
        self._sources = FailureTable(FREE_FAILURES_PER_SOURCE, self.max_tracked)
        self._account_locks = {name: threading.Lock() for name in self.accounts}
        self._spare_locks = tuple(threading.Lock() for _ in range(SPARE_LOCKS))
        if self.accounts:
            _dummy_hash()  # before the first attempt, so the first unknown name is not slower

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
                key = user_key(username)
                found[key] = Account(key, role, hashed, str(entry.get("name", username)))
        return cls(found)

    def _lock_for(self, name: str) -> threading.Lock:
        known = self._account_locks.get(name)
        if known is not None:
            return known
        return self._spare_locks[_digest("lock", name)[0] % len(self._spare_locks)]

    def _refuse(self, pairs: list[bytes], sources: list[bytes]) -> float:
        """Seconds these keys must still wait, 0 when they may try now. Trying during a wait
        counts as a failure too, so a source that hammers waits longer each time."""
        now = self.clock()
        with self._table_lock:
            waiting = max(
                [self._pairs.wait(k, now) for k in pairs]
                + [self._sources.wait(k, now) for k in sources]
            )
            if waiting <= 0:
                return 0.0
            return self._fail(pairs, sources, now)

    def _fail(self, pairs: list[bytes], sources: list[bytes], now: float) -> float:
        # Called with _table_lock held.
        waits = [self._pairs.fail(k, now) for k in pairs]
        return max(waits + [self._sources.fail(k, now) for k in sources])

    def login(
        self, username: str, password: str, sources: Iterable[str] = ("anonymous",)
    ) -> LoginResult:
        """Check a password for `username` on behalf of `sources` (see the class).

        Never raises for bad input: an unknown name, an empty or odd password all fail the
        same way, and take as long as a wrong password.
        """
        name = user_key(username)
        labels = [s[:MAX_SOURCE_CHARS] for s in sources] or ["anonymous"]
        pairs = [_digest("pair", s, name) for s in labels]
        source_keys = [_digest("source", s) for s in labels]
        waiting = self._refuse(pairs, source_keys)
        if waiting > 0:
            return LoginResult(False, retry_after=math.ceil(waiting), checked=False)
        with self._lock_for(name):
            # Again, inside the lock: an attempt from the same source that queued ahead of
            # this one may have failed meanwhile.
            waiting = self._refuse(pairs, source_keys)
            if waiting > 0:
                return LoginResult(False, retry_after=math.ceil(waiting), checked=False)
            account = self.accounts.get(name)
            try:
                _hasher.verify(account.password_hash if account else _dummy_hash(), password)
                ok = account is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            now = self.clock()
            with self._table_lock:
                self.password_checks += 1
                if ok:
                    for key in pairs:
                        self._pairs.clear(key)
                    return LoginResult(True, account)
                waiting = self._fail(pairs, source_keys, now)
        return LoginResult(False, retry_after=math.ceil(waiting))


def client_address(forwarded_for: Sequence[str], trusted_proxies: int) -> str | None:
    """The client's address as the nearest trusted reverse proxy saw it, or None.

    `forwarded_for` are the X-Forwarded-For header values in the order received. Each proxy
    appends the address it was connected from, so with `trusted_proxies` proxies in front
    of the app the client is that many entries from the right; everything further left was
    written by the client and is ignored. Without a trusted proxy (0), or when the header
    has fewer entries than proxies (the request did not come through them), there is no
    address to trust. IPv6 clients are grouped by their /64, which one household holds.
    """
    if trusted_proxies <= 0:
        return None
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    if len(hops) < trusted_proxies:
        return None
    try:
        address = ipaddress.ip_address(hops[-trusted_proxies][:MAX_SOURCE_CHARS])
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


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


def _claim_value(claims: Mapping[str, Any], claim: str) -> Any:
    """The claim itself, or a nested one by a dotted path (`realm_access.roles`)."""
    if claim in claims:
        return claims[claim]
    value: Any = claims
    for part in claim.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _names(value: Any) -> set[str]:
    """A claim's role names: a list of strings, or one string separated by spaces/commas."""
    if isinstance(value, str):
        return {part for part in re.split(r"[\s,]+", value) if part}
    if isinstance(value, list | tuple):
        return {item.strip() for item in value if isinstance(item, str) and item.strip()}
    return set()


def role_from_claims(claims: Mapping[str, Any], roles: Mapping[str, Any]) -> str | None:
    """The highest role the identity provider's claim grants, or None.

    `roles` is `[uccn.roles]`: `claim` names the claim (e.g. `roles`, or a dotted path into
    nested claims), and `claim_admins` / `claim_coordinators` list the role names that
    grant admin / coordinator. Only a whole name from those lists counts, compared exactly:
    `sysadmin` or `non-admin` grant nothing unless listed themselves.
    """
    claim = str(roles.get("claim") or "").strip()
    if not claim:
        return None
    granted = _names(_claim_value(claims, claim))
    for role, key in (("admin", "claim_admins"), ("coordinator", "claim_coordinators")):
        listed = roles.get(key) or []
        wanted = {str(n).strip() for n in (listed if isinstance(listed, list) else [listed])}
        if granted & (wanted - {""}):
            return role
    return None


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print("usage: python -m dashboard.auth hash", file=sys.stderr)
        return 2
    first = getpass.getpass("Lösenord / Password: ")
    if len(first) < 12:
        print("Minst 12 tecken. / At least 12 characters.", file=sys.stderr)
        return 1
    if len(first) > MAX_PASSWORD_CHARS:
        print(
            f"Högst {MAX_PASSWORD_CHARS} tecken. / At most {MAX_PASSWORD_CHARS} characters.",
            file=sys.stderr,
        )
        return 1
    if getpass.getpass("Igen / Again: ") != first:
        print("Lösenorden är olika. / The passwords differ.", file=sys.stderr)
        return 1
    print(hash_password(first))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
