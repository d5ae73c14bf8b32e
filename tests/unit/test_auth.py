"""Roles, argon2 accounts and lock-out, without a browser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard import auth
from tests.conftest import ROOT

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
                "password_hash": auth.hash_password(PASSWORD),
                "role": "coordinator",
                "name": "Anna A",
            },
            "plain": {
                "password_hash": PASSWORD,
                "role": "admin",
            },  # a plain-text password must not work
            "odd": {"password_hash": auth.hash_password(PASSWORD), "role": "superuser"},
        }
    }
    found = auth.Accounts.from_secrets(secrets)
    found.clock = Clock()
    return found


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


def test_five_failures_lock_the_account_for_fifteen_minutes(accounts):
    for _ in range(auth.MAX_FAILURES - 1):
        assert accounts.login("anna", "fel").locked_for == 0
    assert accounts.login("anna", "fel").locked_for == auth.LOCK_SECONDS
    locked = accounts.login("anna", PASSWORD)  # even the right password waits
    assert not locked.ok and locked.locked_for > 0
    accounts.clock.now += auth.LOCK_SECONDS + 1
    assert accounts.login("anna", PASSWORD).ok


def test_failures_long_ago_do_not_add_up(accounts):
    for _ in range(auth.MAX_FAILURES - 1):
        accounts.login("anna", "fel")
    accounts.clock.now += auth.LOCK_SECONDS + 1
    assert accounts.login("anna", "fel").locked_for == 0


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


def test_roles_can_come_from_a_claim():
    assert (
        auth.role_from_claims({"roles": ["uccn-viewer", "uccn-coordinator"]}, "roles")
        == "coordinator"
    )
    assert auth.role_from_claims({}, "roles") is None


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
