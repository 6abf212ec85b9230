"""The demo démarche and the idempotent `ressort setup`."""

from typing import Any

import pytest
from django.core.management import call_command

from ressort.approaches.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
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


def test_setup_twice(db: Any, capsys: Any, monkeypatch: Any) -> None:
    import ressort.approaches.management.commands.setup as setup

    monkeypatch.setattr(
        setup, "import_official_territories", lambda: import_official_territories(DATA, CONTOURS)
    )
    call_command("setup")
    first = capsys.readouterr().out
    assert "25 communes" in first and "créée" in first and DEMO_PASSWORD in first
    call_command("setup")
    second = capsys.readouterr().out
    assert "déjà importés" in second and "déjà présente" in second
    assert Approach.objects.count() == 1
