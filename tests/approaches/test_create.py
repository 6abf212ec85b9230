"""Creating a démarche: official or custom perimeter, and every kind of bad input."""

from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach, MethodStep, Role


@pytest.fixture
def client(make_user: Any, territories: Any) -> Client:
    client = Client()
    client.force_login(make_user("chef@example.org"))
    return client


def post(client: Client, **data: str) -> Any:
    payload = {"name": "Ma démarche", "perimeter_kind": "officiel", "role": "chef_projet"}
    payload.update(data)
    return client.post("/demarches/nouvelle/", payload)


def errors(response: Any) -> str:
    return " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)


def test_official_territory_from_the_autocomplete(client: Client) -> None:
    response = post(client, territory="CAPI", territory_code="EPCI:243800604")
    approach = Approach.objects.get(name="Ma démarche")
    assert response.status_code == 302
    assert response["Location"] == f"/demarches/{approach.slug}/"
    assert approach.territory.code == "243800604"
    assert sorted(approach.communes.values_list("code", flat=True)) == ["38053", "38553"]
    assert approach.outline
    assert approach.memberships.get().role == Role.PROJECT_LEAD
    assert list(MethodStep.objects.filter(approach=approach).values_list("code", flat=True)) == [
        "1",
        "2",
        "3A",
        "3B",
        "3C",
    ]
    page = client.get(response["Location"]).content.decode()
    assert "48\u202f834" in page or "48\xa0834" in page  # 29 816 + 19 018 inhabitants


def test_official_territory_typed_as_code_or_exact_name(client: Client) -> None:
    post(client, name="Par code", territory="38553")
    assert Approach.objects.get(name="Par code").territory.name == "Villefontaine"
    post(client, name="Par nom", territory="bourgoin jallieu")
    assert Approach.objects.get(name="Par nom").territory.code == "38053"


def test_unknown_insee_code(client: Client) -> None:
    response = post(client, territory="99999")
    assert response.status_code == 200
    assert "Code INSEE inconnu\u00a0: 99999" in errors(response)
    assert not Approach.objects.exists()


def test_ambiguous_code_asks_to_choose(client: Client, make_territory: Any) -> None:
    make_territory("DEP", "84", "Vaucluse")
    response = post(client, territory="84")
    assert "Plusieurs territoires correspondent" in errors(response)
    assert "Vaucluse" in errors(response) and "Auvergne-Rhône-Alpes" in errors(response)


def test_missing_territory(client: Client) -> None:
    response = post(client, territory="")
    assert "Choisissez le territoire de la démarche." in errors(response)


def test_custom_perimeter_with_communes_and_an_epci(client: Client) -> None:
    response = post(
        client,
        perimeter_kind="sur_mesure",
        perimeter_label="Bassin de vie",
        commune_codes="38544\n243800604",
    )
    assert response.status_code == 302
    approach = Approach.objects.get()
    assert approach.territory is None
    assert approach.perimeter_name == "Bassin de vie"
    assert sorted(approach.communes.values_list("code", flat=True)) == ["38053", "38544", "38553"]


def test_empty_custom_perimeter(client: Client) -> None:
    response = post(client, perimeter_kind="sur_mesure", perimeter_label="X", commune_codes=" ")
    assert "au moins une commune" in errors(response)
    assert not Approach.objects.exists()


def test_custom_perimeter_unknown_codes_are_named_with_their_line(client: Client) -> None:
    response = post(
        client,
        perimeter_kind="sur_mesure",
        perimeter_label="X",
        commune_codes="38053, 12345\n38553\nABCDE",
    )
    assert "Codes inconnus\u00a0: 12345 (ligne 1), ABCDE (ligne 3)" in errors(response)
    assert not Approach.objects.exists()


def test_custom_perimeter_needs_a_name(client: Client) -> None:
    response = post(client, perimeter_kind="sur_mesure", commune_codes="38053")
    assert "Donnez un nom au regroupement" in errors(response)


def test_duplicate_name_is_refused_whatever_the_case(client: Client) -> None:
    post(client, territory="38053")
    response = post(client, name="  MA   DÉMARCHE ", territory="38553")
    assert "Une démarche porte déjà le nom" in errors(response)
    assert Approach.objects.count() == 1


def test_slugs_are_unique_and_avoid_reserved_words(client: Client) -> None:
    post(client, name="Nouvelle", territory="38053")
    assert Approach.objects.get(name="Nouvelle").slug == "nouvelle-2"


def test_a_forged_role_is_refused(client: Client) -> None:
    response = post(client, territory="38053", role="partenaire")
    assert "role" in response.context["form"].errors
    assert not Approach.objects.exists()


def test_list_shows_only_my_approaches(client: Client, personas: Any) -> None:
    post(client, territory="38053")
    page = client.get("/demarches/").content.decode()
    assert "Ma démarche" in page and "CAPI résiliente" not in page
    searched = client.get("/demarches/", {"q": "zzz"}).content.decode()
    assert "Aucune de vos démarches ne correspond à ces filtres" in searched
