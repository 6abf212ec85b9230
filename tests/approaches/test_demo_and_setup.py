"""The demo démarche and the idempotent `ressort setup`."""

import os
import subprocess
import sys
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import ERROR, run_checks
from django.core.management import call_command

from ressort.approaches.demo import DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD, load_demo
from ressort.approaches.models import Approach, Role
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA


@pytest.fixture
def imported(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)


def test_demo_has_every_role_on_the_capi_and_says_it_is_illustrative(
    imported: None, client: Any
) -> None:
    approach, created = load_demo()
    assert created and approach.slug == "demo" and approach.is_demo
    assert approach.territory.code == "243800604"
    assert approach.communes.count() == 22
    roles = set(approach.memberships.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    again, created_again = load_demo()
    assert again.pk == approach.pk and not created_again
    assert client.login(email=DEMO_ACCOUNTS[0].email, password=DEMO_PASSWORD)
    page = client.get("/demarches/demo/").content.decode()
    assert "Démarche de démonstration" in page
    assert "illustratifs" in page


@pytest.fixture
def small_setup(db: Any, monkeypatch: Any) -> None:
    import ressort.approaches.management.commands.setup as setup

    monkeypatch.setattr(
        setup, "import_official_territories", lambda: import_official_territories(DATA, CONTOURS)
    )


def test_setup_twice(small_setup: None, capsys: Any, settings: Any) -> None:
    settings.DEBUG = True  # `make run`: the demo with its public password
    call_command("setup")
    first = capsys.readouterr().out
    assert "25 communes" in first and "créée" in first and DEMO_PASSWORD in first
    call_command("setup")
    second = capsys.readouterr().out
    assert "déjà importés" in second and "déjà présente" in second
    assert Approach.objects.count() == 1


def test_setup_outside_debug_creates_no_demo_without_the_flag(
    small_setup: None, capsys: Any
) -> None:
    call_command("setup")
    out = capsys.readouterr().out
    assert "non créée" in out and "--demo" in out and DEMO_PASSWORD not in out
    assert not Approach.objects.exists()
    assert not get_user_model().objects.filter(email=DEMO_ADMIN).exists()


def test_setup_demo_flag_outside_debug_prints_random_passwords_once(
    small_setup: None, capsys: Any, client: Any
) -> None:
    call_command("setup", "--demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD not in out
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines() if "@demo." in line}
    assert set(lines) == {a.email for a in DEMO_ACCOUNTS} | {DEMO_ADMIN}
    assert len(set(lines.values())) == len(lines)  # one random password each
    admin = get_user_model().objects.get(email=DEMO_ADMIN)
    assert admin.is_superuser and admin.check_password(lines[DEMO_ADMIN])
    assert not admin.check_password(DEMO_PASSWORD)
    assert client.login(email=DEMO_ACCOUNTS[0].email, password=lines[DEMO_ACCOUNTS[0].email])
    call_command("setup", "--demo")
    again = capsys.readouterr().out
    assert "déjà présente" in again and lines[DEMO_ADMIN] not in again
    assert "ressort.E001" not in {m.id for m in run_checks(include_deployment_checks=True)}


def test_deploy_check_fails_while_an_account_has_the_public_demo_password(
    imported: None,
) -> None:
    load_demo()  # the public password, as with DEBUG=1
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "ressort.E001" in ids
    errors = [m for m in run_checks(include_deployment_checks=True) if m.id == "ressort.E001"]
    assert DEMO_ADMIN in errors[0].msg and errors[0].level == ERROR
    for user in get_user_model().objects.filter(email__endswith="@demo.ressort.fr"):
        user.set_password("une-autre-phrase-de-passe")
        user.save()
    assert "ressort.E001" not in {m.id for m in run_checks(include_deployment_checks=True)}
    # Not a deploy run: the check stays out of runserver's and migrate's way.
    assert "ressort.E001" not in {m.id for m in run_checks()}


def test_deploy_check_fails_without_secret_key(db: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert "ressort.E002" in {m.id for m in run_checks(include_deployment_checks=True)}
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    assert "ressort.E002" not in {m.id for m in run_checks(include_deployment_checks=True)}


def _start_server_entry_point(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", "import ressort.asgi"],
        env={**environ, "DJANGO_SETTINGS_MODULE": "ressort.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_server_refuses_to_start_without_secret_key_outside_debug() -> None:
    refused = _start_server_entry_point(DEBUG="0")
    assert refused.returncode != 0
    assert "SECRET_KEY doit être défini quand DEBUG=0" in refused.stderr
    assert _start_server_entry_point(DEBUG="0", SECRET_KEY="k" * 50).returncode == 0
    assert _start_server_entry_point(DEBUG="1").returncode == 0
