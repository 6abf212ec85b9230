"""Learning pages, grids, workshops and self-assessment: rights and behaviour."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.approaches.access import RIGHTS, Right
from ressort.approaches.models import Role
from ressort.frameworks import services
from ressort.frameworks.models import (
    Dimension,
    Framework,
    GridChange,
    PriorityExercise,
    SelfAssessment,
)
from tests.conftest import page_text


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


LEARNING = [
    ("frameworks:list", []),
    ("frameworks:detail", ["donut"]),
    ("frameworks:detail", ["boussole"]),
    ("frameworks:detail", ["odd"]),
    ("frameworks:detail", ["tracc"]),
    ("frameworks:detail", ["conditions"]),
    ("frameworks:node", ["boussole", "L1.1"]),
    ("frameworks:node", ["donut", "water"]),
    ("frameworks:export", ["boussole"]),
]


@pytest.mark.parametrize(("name", "args"), LEARNING)
def test_learning_pages_need_a_login_only(
    frameworks: None, make_user: Any, name: str, args: list[str]
) -> None:
    url = reverse(name, args=args)
    assert Client().get(url).status_code == 302
    assert client_for(make_user("quiconque@example.org")).get(url).status_code == 200


def test_doughnut_page_draws_and_tabulates(frameworks: None, make_user: Any) -> None:
    page = client_for(make_user("a@example.org")).get(reverse("frameworks:detail", args=["donut"]))
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "Plancher social" in html and "Plafond écologique" in html
    assert "350" in html  # the CO₂ boundary
    boussole = client_for(make_user("b@example.org")).get(
        reverse("frameworks:detail", args=["boussole"])
    )
    text = boussole.content.decode()
    assert text.count(">à vérifier</span>") >= 11 and "proposition Ressort" in text


def test_unverified_levers_are_flagged_on_the_framework_page_only(
    frameworks: None, personas: dict[str, Any], approach: Any, make_user: Any
) -> None:
    """Issue 14: the flag lives on the framework page (and the portrait's method annex), never
    inside the labels that forms, badges and documents print."""
    assert not Dimension.objects.filter(label__icontains="provisoire").exists()
    page = client_for(make_user("lecteur@example.org")).get(
        reverse("frameworks:detail", args=["boussole"])
    )
    text = page_text(page)
    assert "11 libellés à vérifier." in text
    assert "L3.2 Diffuser la connaissance et la culture du risque\u202f;" in text
    assert "Importez-la" not in text  # the import is for the site's administrators
    staff = make_user("admin@example.org")
    staff.is_staff = True
    staff.save()
    assert "Importez-la" in page_text(
        client_for(staff).get(reverse("frameworks:detail", args=["boussole"]))
    )
    # A démarche's grid derived from the Boussole prints the lever plainly.
    client = client_for(personas["facilitateur"])
    grid = boussole_grid(client, approach)
    detail = page_text(client.get(reverse("grids:grid_detail", args=[approach.slug, grid.code])))
    assert "Diffuser la connaissance et la culture du risque" in detail
    assert "à vérifier" not in detail and "provisoire" not in detail


def test_crosswalk_both_ways(frameworks: None, make_user: Any) -> None:
    client = client_for(make_user("a@example.org"))
    lever = client.get(reverse("frameworks:node", args=["boussole", "L5.2"])).content.decode()
    assert "Alimentation" in lever and "Faim « zéro »" in lever
    assert "Cotation de la maturité" in lever and "4 intégré et évalué" in lever
    water = client.get(reverse("frameworks:node", args=["donut", "water"])).content.decode()
    assert "Assurer la continuité des services essentiels" in water
    assert "Eau propre et assainissement" in water


def test_staff_publishes_a_corrected_version(frameworks: None, make_user: Any) -> None:
    url = reverse("frameworks:import")
    assert client_for(make_user("a@example.org")).get(url).status_code == 403
    staff = client_for(make_user("admin@example.org", is_staff=True))
    prefilled = staff.get(url + "?depuis=tracc").content.decode()
    assert "code: tracc" in prefilled
    version = services.shipped_current("tracc")
    assert version is not None
    text = services.export_yaml(version).replace("version: '2024'", "version: '2026'")
    response = staff.post(url, {"text": text.replace("type: niveau", "type: nivo", 1)})
    assert response.status_code == 200
    assert "contenu collé, ligne" in response.content.decode()
    assert services.shipped_current("tracc") == version
    response = staff.post(url, {"text": text})
    assert response.status_code == 302
    current = services.shipped_current("tracc")
    assert current is not None and current.version == "2026"


APPROACH_PAGES = ["grids:grid_list", "grids:appropriation", "grids:conditions"]
WRITES = {  # the POST of each page
    "grids:grid_list": "grids:grid_add",
    "grids:appropriation": "grids:exercise_add",
    "grids:conditions": "grids:conditions_answer",
}


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("page", APPROACH_PAGES)
def test_every_member_reads(
    frameworks: None, personas: dict[str, Any], approach: Any, role: str, page: str
) -> None:
    response = client_for(personas[role]).get(reverse(page, args=[approach.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("page", APPROACH_PAGES)
def test_outsider_404_and_anonymous_login(
    frameworks: None, personas: dict[str, Any], approach: Any, page: str
) -> None:
    url = reverse(page, args=[approach.slug])
    assert client_for(personas["outsider"]).get(url).status_code == 404
    write = reverse(WRITES[page], args=[approach.slug])
    assert client_for(personas["outsider"]).post(write, {}).status_code == 404
    response = Client().get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def boussole_grid(client: Client, approach: Any) -> Framework:
    base = services.shipped_current("boussole")
    assert base is not None
    response = client.post(
        reverse("grids:grid_add", args=[approach.slug]),
        {"name": "Notre boussole", "base": str(base.pk)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Framework.objects.get(approach=approach, name="Notre boussole")


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_only_leads_build_grids(
    frameworks: None, personas: dict[str, Any], approach: Any, role: str
) -> None:
    base = services.shipped_current("boussole")
    assert base is not None
    response = client_for(personas[role]).post(
        reverse("grids:grid_add", args=[approach.slug]),
        {"name": "Grille", "base": str(base.pk)},
    )
    expected = 302 if Role(role) in RIGHTS[Right.EDIT_FRAMING] else 403
    assert response.status_code == expected


def test_grid_editing_leaves_the_shipped_framework_untouched(
    frameworks: None, personas: dict[str, Any], approach: Any
) -> None:
    client = client_for(personas["facilitateur"])
    grid = boussole_grid(client, approach)
    version = services.grid_version(grid)
    assert grid.derived_from == services.shipped_current("boussole")
    lever = version.dimensions.get(code="L1.1")
    url = reverse("grids:node_edit", args=[approach.slug, grid.code, lever.pk])
    assert client.post(url, {"label": "Gouvernance locale", "definition": "", "weight": "2"})
    lever.refresh_from_db()
    assert (lever.label, lever.weight) == ("Gouvernance locale", 2.0)
    shipped = Dimension.objects.get(version=grid.derived_from, code="L1.1")
    assert shipped.label.startswith("Assurer une gouvernance partagée")
    # add under L1.1, move L1.2 up, remove P6 with its subtree
    client.post(
        reverse("grids:node_add", args=[approach.slug, grid.code]),
        {"label": "Nouvelle question ?", "kind": "question", "parent": lever.pk},
    )
    added = version.dimensions.get(label="Nouvelle question ?")
    assert added.parent == lever
    second = version.dimensions.get(code="L1.2")
    client.post(
        reverse("grids:node_move", args=[approach.slug, grid.code, second.pk]), {"sens": "haut"}
    )
    order = [d.code for d, _ in services.tree(version) if d.kind == "levier"][:3]
    assert order == ["L1.2", "L1.1", "L1.3"]
    p6 = version.dimensions.get(code="P6")
    client.post(reverse("grids:node_delete", args=[approach.slug, grid.code, p6.pk]))
    assert not version.dimensions.filter(code__startswith="L6").exists()
    assert Dimension.objects.filter(version=grid.derived_from, code="P6").exists()
    changes = list(GridChange.objects.filter(framework=grid).values_list("summary", flat=True))
    assert len(changes) == 5 and any("renommé" in c for c in changes)
    # a team member reads but may not edit
    member = client_for(personas["equipe"])
    assert (
        member.get(reverse("grids:grid_detail", args=[approach.slug, grid.code])).status_code == 200
    )
    assert member.post(url, {"label": "x", "definition": "", "weight": "1"}).status_code == 403
    outsider = client_for(personas["outsider"])
    detail = reverse("grids:grid_detail", args=[approach.slug, grid.code])
    assert outsider.get(detail).status_code == 404


def test_export_then_import_into_another_approach(
    frameworks: None, personas: dict[str, Any], approach: Any
) -> None:
    client = client_for(personas["facilitateur"])
    grid = boussole_grid(client, approach)
    lever = services.grid_version(grid).dimensions.get(code="L2.2")
    client.post(
        reverse("grids:node_edit", args=[approach.slug, grid.code, lever.pk]),
        {"label": "Solidarité locale", "definition": "Notre définition", "weight": "3"},
    )
    exported = client.get(reverse("grids:grid_export", args=[approach.slug, grid.code]))
    assert exported["Content-Disposition"].endswith('.yaml"')
    other = personas["other_approach"]
    lead = client_for(personas["outsider"])  # project lead of the other démarche
    upload = SimpleUploadedFile("grille.yaml", exported.content, "application/yaml")
    response = lead.post(reverse("grids:grid_import", args=[other.slug]), {"file": upload})
    assert response.status_code == 302
    imported = Framework.objects.get(approach=other)
    assert imported.derived_from == grid.derived_from
    copy = services.grid_version(imported).dimensions.get(code="L2.2")
    assert (copy.label, copy.definition, copy.weight) == (
        "Solidarité locale",
        "Notre définition",
        3.0,
    )
    assert (
        services.grid_version(imported).dimensions.count()
        == services.grid_version(grid).dimensions.count()
    )
    bad = SimpleUploadedFile("faux.yaml", b"code: x\n", "application/yaml")
    response = lead.post(reverse("grids:grid_import", args=[other.slug]), {"file": bad})
    assert "faux.yaml, ligne 1" in response.content.decode()
    assert Framework.objects.filter(approach=other).count() == 1


def test_appropriation_workshop(frameworks: None, personas: dict[str, Any], approach: Any) -> None:
    client = client_for(personas["chef_projet"])
    donut = services.shipped_current("donut")
    assert donut is not None
    response = client.post(
        reverse("grids:exercise_add", args=[approach.slug]),
        {"title": "Atelier élus", "held_on": "", "version": str(donut.pk)},
    )
    exercise = PriorityExercise.objects.get(approach=approach)
    assert response["Location"] == reverse("grids:exercise", args=[approach.slug, exercise.pk])
    url = response["Location"]
    sort = reverse("grids:exercise_sort", args=[approach.slug, exercise.pk])
    client.post(sort, {"group": "élus", "water-essentiel": "5", "food-important": "2"})
    client.post(sort, {"group": "habitants", "food-essentiel": "4"})
    client.post(sort, {"group": "élus", "water-essentiel": "6"})  # replaces the group's sort
    assert exercise.votes.filter(group="élus").count() == 1
    page = client.get(url).content.decode()
    table = page[page.index("Ce qui compte le plus ici") :]
    rows = [
        table.index(f'<th scope="row">{label}</th>') for label in ("Eau", "Alimentation", "Santé")
    ]
    assert rows == sorted(rows)
    assert "Les mêmes priorités lues à travers" in page
    reading = page[page.index("Objectifs de développement durable (ODD)&nbsp;: les") :]
    # ODD 2 ← food (8 points); ODD 6 ← water (12) and freshwater (0): mean 6
    assert reading.index("Faim « zéro »") < reading.index("Eau propre et assainissement")
    bad = client.post(sort, {"group": "", "water-essentiel": "-1"})
    assert "Groupe de participants" in bad.content.decode()
    partner = client_for(personas["partenaire"])
    assert partner.get(url).status_code == 200
    assert partner.post(sort, {"group": "x"}).status_code == 403


def test_conditions_of_success(frameworks: None, personas: dict[str, Any], approach: Any) -> None:
    url = reverse("grids:conditions", args=[approach.slug])
    answer = reverse("grids:conditions_answer", args=[approach.slug])
    client = client_for(personas["equipe"])
    response = client.post(answer, {"portage.mandat": "1", "portage.elu": "0", "moyens.temps": "4"})
    assert response.status_code == 302
    saved = SelfAssessment.objects.get(approach=approach)
    assert saved.answers == {"portage.mandat": 1, "portage.elu": 0, "moyens.temps": 4}
    page = client.get(url).content.decode()
    assert "Faire délibérer l" in page and "12,5\u202f%" in page
    assert client.post(answer, {"portage.mandat": "9"}).status_code == 200
    partner = client_for(personas["partenaire"])
    assert partner.post(answer, {"portage.mandat": "1"}).status_code == 403


@pytest.mark.parametrize("code", ["donut", "boussole", "odd"])
def test_framework_page_queries_do_not_grow_with_the_tree(
    frameworks: None, make_user: Any, django_assert_max_num_queries: Any, code: str
) -> None:
    client = client_for(make_user("a@example.org"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("frameworks:detail", args=[code])).status_code == 200


def test_grid_page_queries_do_not_grow_with_the_grid(
    frameworks: None, personas: dict[str, Any], approach: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(personas["facilitateur"])
    grid = boussole_grid(client, approach)
    # 12 for the page, 3 for the step's checklist at its foot (approaches.progress.guide:
    # the démarche's versions, then two facts, kept under them for the next pages)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("grids:grid_detail", args=[approach.slug, grid.code]))
    assert response.status_code == 200


def test_admin_lists_frameworks_read_only(frameworks: None, make_user: Any) -> None:
    admin = client_for(make_user("root@example.org", is_staff=True, is_superuser=True))
    for name in ("framework", "frameworkversion", "gridchange"):
        response = admin.get(reverse(f"admin:frameworks_{name}_changelist"))
        assert response.status_code == 200
    version = services.shipped_current("donut")
    assert version is not None
    assert admin.get(reverse("admin:frameworks_frameworkversion_add")).status_code == 403
    page = admin.get(reverse("admin:frameworks_frameworkversion_change", args=[version.pk]))
    assert page.status_code == 200


@pytest.fixture
def object_pages(frameworks: None, personas: dict[str, Any], approach: Any) -> list[str]:
    grid = services.create_grid(
        approach, personas["facilitateur"], "Grille", services.shipped_current("boussole")
    )
    exercise = PriorityExercise.objects.create(
        approach=approach, version=services.grid_version(grid), title="Atelier"
    )
    return [
        reverse("grids:grid_detail", args=[approach.slug, grid.code]),
        reverse("grids:grid_export", args=[approach.slug, grid.code]),
        reverse("grids:exercise", args=[approach.slug, exercise.pk]),
    ]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_object_pages_rights(personas: dict[str, Any], object_pages: list[str], role: str) -> None:
    client = client_for(personas[role])
    assert [client.get(url).status_code for url in object_pages] == [200, 200, 200]
    outsider = client_for(personas["outsider"])
    assert [outsider.get(url).status_code for url in object_pages] == [404, 404, 404]
    anonymous = [Client().get(url) for url in object_pages]
    assert all(r.status_code == 302 and "/compte/" in r["Location"] for r in anonymous)


def test_object_pages_of_another_approach_are_404(
    personas: dict[str, Any], object_pages: list[str], approach: Any
) -> None:
    """A grid reached through another démarche's slug does not exist there."""
    other = personas["other_approach"]
    lead = client_for(personas["outsider"])
    for url in object_pages:
        assert lead.get(url.replace(f"/{approach.slug}/", f"/{other.slug}/")).status_code == 404
