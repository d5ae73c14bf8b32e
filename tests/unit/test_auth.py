"""Roles, argon2 accounts, sign-in back-off and role claims, without a browser."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher

from dashboard import auth
from tests.conftest import ROOT, cheap_hash

PASSWORD = "korrekt häst batteri häftklammer"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def accounts() -> auth.Accounts:
    secrets = {
        "accounts": {
            "Anna": {
                "password_hash": cheap_hash(PASSWORD),
                "role": "coordinator",
                "name": "Anna A",
            },
            "plain": {
                "password_hash": PASSWORD,
                "role": "admin",
            },  # a plain-text password must not work
            "odd": {"password_hash": cheap_hash(PASSWORD), "role": "superuser"},
        }
    }
    found = auth.Accounts.from_secrets(secrets)
    found.clock = Clock()
    return found


def test_a_hash_from_hash_password_is_argon2id_at_full_cost_and_signs_in():
    # The other tests' accounts use a cheap hash (tests/conftest.py); this one is real.
    made = auth.hash_password(PASSWORD)
    assert made.startswith("$argon2id$") and "m=65536,t=3" in made
    found = auth.Accounts.from_secrets(
        {"accounts": {"anna": {"password_hash": made, "role": "coordinator"}}}
    )
    assert found.login("anna", PASSWORD, ("session:a",)).ok
    assert not found.login("anna", PASSWORD + "x", ("session:a",)).ok


def test_only_hashed_accounts_with_known_roles_are_loaded(accounts):
    assert set(accounts.accounts) == {"anna"}
    assert accounts.accounts["anna"].password_hash.startswith("$argon2id$")


def test_the_right_password_logs_in_whatever_the_case_of_the_name(accounts):
    result = accounts.login(" ANNA ", PASSWORD)
    assert result.ok and result.account.role == "coordinator"


@pytest.mark.parametrize(
    ("user", "password"), [("anna", "fel"), ("plain", PASSWORD), ("nobody", PASSWORD), ("anna", "")]
)
def test_wrong_passwords_and_unknown_users_are_refused(accounts, user, password):
    assert not accounts.login(user, password).ok


def test_a_source_waits_longer_after_each_failure_and_then_may_try_again(accounts):
    """Back-off, not lock-out: a few free tries, then doubling waits, capped."""
    first = auth.FIRST_WAIT_SECONDS
    for _ in range(auth.FREE_FAILURES - 1):
        assert accounts.login("anna", "fel").retry_after == 0
    assert accounts.login("anna", "fel").retry_after == first
    # Even the right password waits its turn, and trying during the wait makes it longer.
    waiting = accounts.login("anna", PASSWORD)
    assert not waiting.ok and not waiting.checked and waiting.retry_after == 2 * first
    accounts.clock.now += 2 * first
    assert accounts.login("anna", "fel").retry_after == 4 * first
    accounts.clock.now += 4 * first
    assert accounts.login("anna", PASSWORD).ok


def test_waits_double_up_to_a_cap():
    free = auth.FREE_FAILURES
    assert [auth.backoff_seconds(n, free) for n in range(free + 3)] == [0.0] * free + [
        auth.FIRST_WAIT_SECONDS * 2**i for i in range(3)
    ]
    assert auth.backoff_seconds(free + 1000, free) == auth.MAX_WAIT_SECONDS


def test_failures_long_ago_do_not_add_up(accounts):
    for _ in range(auth.FREE_FAILURES - 1):
        accounts.login("anna", "fel")
    accounts.clock.now += auth.FORGET_SECONDS + 1
    assert accounts.login("anna", "fel").retry_after == 0


def test_an_attacker_cannot_lock_the_coordinator_out(accounts):
    """Finding 4: wrong passwords from one session slow that session, not the account."""
    attacker = ("session:attacker",)
    for _ in range(50):
        accounts.login("anna", "fel", attacker)
        accounts.clock.now += 1
    assert accounts.password_checks < 15  # the attacker mostly waits
    assert accounts.login("anna", "fel", attacker).retry_after > 0
    assert accounts.login("anna", PASSWORD, ("session:coordinator",)).ok


def test_every_source_of_an_attempt_must_be_free_to_try(accounts):
    """Behind a trusted proxy a new session from the same address still waits."""
    for n in range(auth.FREE_FAILURES):
        accounts.login("anna", "fel", (f"session:{n}", "address:192.0.2.7"))
    blocked = accounts.login("anna", PASSWORD, ("session:fresh", "address:192.0.2.7"))
    assert not blocked.ok and blocked.retry_after > 0
    assert accounts.login("anna", PASSWORD, ("session:other", "address:198.51.100.1")).ok


def test_one_source_spraying_many_user_names_waits_too(accounts, monkeypatch):
    # Unknown names are checked against this stand-in; a cheap one keeps the test quick.
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    stand_in = cheap.hash("not a real password")
    monkeypatch.setattr(auth, "_dummy_hash", lambda: stand_in)
    for n in range(auth.FREE_FAILURES_PER_SOURCE):
        accounts.login(f"user{n}", "fel", ("session:sprayer",))
    assert accounts.login("anna", PASSWORD, ("session:sprayer",)).retry_after > 0


def test_simultaneous_attempts_from_one_source_reach_the_password_check_one_at_a_time(accounts):
    """Finding 4: 30 attempts at once got 15 checks through before the limit held."""
    accounts.clock = time.monotonic
    start = threading.Barrier(30)

    def attempt() -> auth.LoginResult:
        start.wait()
        return accounts.login("anna", "fel", ("session:attacker",))

    with ThreadPoolExecutor(30) as pool:
        results = list(pool.map(lambda _: attempt(), range(30)))
    assert accounts.password_checks == auth.FREE_FAILURES
    assert sum(r.checked for r in results) == auth.FREE_FAILURES
    assert all(r.retry_after > 0 for r in results if not r.checked)


def test_the_coordinator_signs_in_while_an_attacker_hammers_from_many_threads(accounts):
    accounts.clock = time.monotonic
    stop = threading.Event()

    def hammer(n: int) -> None:
        while not stop.wait(0.01):  # a hundred tries a second from each attacker
            accounts.login("anna", "fel", (f"session:attacker{n}",))

    with ThreadPoolExecutor(4) as pool:
        for n in range(4):
            pool.submit(hammer, n)
        try:
            started = time.monotonic()
            assert accounts.login("anna", PASSWORD, ("session:coordinator",)).ok
            # Each attacker session gets its few free checks; the coordinator queues behind
            # at most those, never behind a lock-out.
            assert time.monotonic() - started < 30
        finally:
            stop.set()


@pytest.mark.processes
def test_the_failure_table_is_bounded_whatever_the_names(accounts):
    """Finding 5: every user name was kept until restart; 20 MB names added 420 MB."""
    accounts.login("warm up", "fel", ("session:warm",))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(4):
        huge = f"{n}" + "x" * 20_000_000
        accounts.login(huge, "fel", (f"session:{n}",))
        del huge
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert kept < 100_000, kept


def test_the_failure_table_keeps_a_bounded_number_of_entries():
    table = auth.FailureTable(free=3, max_entries=1000)
    for n in range(100_000):
        table.fail(f"name {n}".encode(), now=n / 1000)
    assert len(table) == 1000
    assert table.wait(b"name 99999", now=100.0) == 0  # one failure: no wait yet
    table.fail(b"name 99999", now=100.0)
    table.fail(b"name 99999", now=100.0)
    assert table.wait(b"name 99999", now=100.0) == auth.FIRST_WAIT_SECONDS


def test_the_failure_table_forgets_old_failures():
    table = auth.FailureTable(free=1, forget_after=60)
    table.fail(b"a", now=0.0)
    assert table.wait(b"a", now=1.0) == auth.FIRST_WAIT_SECONDS - 1
    assert table.wait(b"a", now=61.0) == 0 and len(table) == 0


def test_long_names_are_cut_before_anything_is_done_with_them():
    assert auth.user_key("  ANNA ") == "anna"
    assert len(auth.user_key("a" * 20_000_000)) == auth.MAX_NAME_CHARS


@pytest.mark.parametrize(
    ("forwarded_for", "proxies", "address"),
    [
        (["203.0.113.9"], 1, "203.0.113.9"),
        # The client wrote the first entry itself; only the proxy's own entry counts.
        (["1.2.3.4, 203.0.113.9"], 1, "203.0.113.9"),
        (["1.2.3.4", "203.0.113.9"], 1, "203.0.113.9"),
        (["1.2.3.4, 203.0.113.9, 10.0.0.2"], 2, "203.0.113.9"),
        (["203.0.113.9"], 0, None),  # no trusted proxy: the header is not believed
        ([], 1, None),  # the request did not come through the proxy
        (["10.0.0.2"], 2, None),
        (["not an address"], 1, None),
        (["2001:db8:1:2:3:4:5:6"], 1, "2001:db8:1:2::/64"),
    ],
)
def test_the_client_address_is_taken_only_from_trusted_proxies(forwarded_for, proxies, address):
    assert auth.client_address(forwarded_for, proxies) == address


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        ("admin", "coordinator", True),
        ("coordinator", "coordinator", True),
        ("viewer", "coordinator", False),
        ("coordinator", "admin", False),
        (None, "viewer", True),
        (None, "coordinator", False),
        ("root", "coordinator", False),
    ],
)
def test_roles_climb(role, needed, allowed):
    assert auth.at_least(role, needed) is allowed


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("anna@ostersund.se", "coordinator"),
        ("ANNA@ostersund.se", "coordinator"),
        ("boss@regionjh.se", "admin"),
        ("someone@regionjh.se", "coordinator"),
        ("guest@example.com", "viewer"),
        (None, "viewer"),
    ],
)
def test_identity_provider_users_get_roles_from_their_email(email, role):
    roles = {"admins": ["boss@regionjh.se"], "coordinators": ["anna@ostersund.se", "@regionjh.se"]}
    assert auth.role_for_email(email, roles) == role


CLAIM_ROLES = {
    "claim": "roles",
    "claim_admins": ["uccn-admin"],
    "claim_coordinators": ["uccn-coordinator", "UCCN Samordnare"],
}


@pytest.mark.parametrize(
    ("value", "role"),
    [
        (["uccn-viewer", "uccn-coordinator"], "coordinator"),
        (["uccn-coordinator", "uccn-admin"], "admin"),
        ("uccn-coordinator uccn-admin", "admin"),
        ("other, uccn-coordinator", "coordinator"),
        (["UCCN Samordnare"], "coordinator"),
        # Finding 7: these ended in "admin" and granted it.
        (["non-admin"], None),
        (["sysadmin"], None),
        (["realm-admin"], None),
        ("realm-admin sysadmin", None),
        (["uccn-admin-request"], None),
        (["UCCN-ADMIN"], None),
        ("admin", None),
        ([None, 7, {"role": "uccn-admin"}], None),
        (None, None),
    ],
)
def test_claims_grant_only_whole_role_names_from_the_configured_list(value, role):
    assert auth.role_from_claims({"roles": value}, CLAIM_ROLES) == role


def test_claims_grant_nothing_without_a_configured_list():
    assert auth.role_from_claims({"roles": ["admin"]}, {"claim": "roles"}) is None
    assert auth.role_from_claims({"roles": ["uccn-admin"]}, {}) is None
    assert auth.role_from_claims({}, CLAIM_ROLES) is None


def test_a_claim_can_be_nested():
    claims = {"realm_access": {"roles": ["offline_access", "uccn-admin"]}}
    settings = {**CLAIM_ROLES, "claim": "realm_access.roles"}
    assert auth.role_from_claims(claims, settings) == "admin"


@pytest.mark.processes
def test_the_hash_command_prints_a_verifiable_hash():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, getpass; getpass.getpass = lambda prompt='': 'ett långt lösenord 123'; "
            "from dashboard.auth import main; sys.exit(main(['hash']))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    hashed = done.stdout.strip()
    assert hashed.startswith("$argon2id$") and "ett långt" not in hashed
    assert (
        auth.Accounts.from_secrets({"accounts": {"x": {"password_hash": hashed, "role": "admin"}}})
        .login("x", "ett långt lösenord 123")
        .ok
    )


def test_the_secrets_example_documents_the_sign_in_settings_and_their_defaults():
    from dashboard import login

    text = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    for line in (
        "# [uccn.sign_in]",
        f"# idle_minutes = {login.DEFAULT_IDLE_MINUTES} ",
        "# trusted_proxies = 0 ",
        '# claim_admins = ["uccn-admin"]',
        '# claim_coordinators = ["uccn-coordinator"]',
    ):
        assert line in text, line
    numbers = (
        f"after {auth.FREE_FAILURES} wrong tries, each further try doubles it, "
        f"from {auth.FIRST_WAIT_SECONDS:g} seconds up to {auth.MAX_WAIT_SECONDS // 60} minutes."
    )
    assert numbers in text
