"""Pages of the justice brique: rights, groups and INSEE upload, the plan's justice view
with a flagged action and an adopted remedy, participation gaps, acceptability."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.justice.models import (
    AcceptabilityAnswer,
    Dimension,
    DistributiveEffect,
    GroupSize,
    Participation,
    PopulationGroup,
    Remedy,
)
from ressort.territories.models import Territory
from tests.conftest import page_text

DATA = Path(__file__).parent.parent / "data" / "justice"
pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/transition-juste/"


@pytest.fixture
def poor(approach: Approach) -> PopulationGroup:
    return PopulationGroup.objects.create(
        approach=approach, name="Ménages modestes", dimension=Dimension.INCOME, vulnerable=True
    )


def test_pages_for_every_role_and_404_for_outsiders(
    approach: Approach, poor: PopulationGroup, client_as: Any
) -> None:
    action = Action.objects.create(approach=approach, title="Péage")
    effect = DistributiveEffect.objects.create(action=action, group=poor, justification="x")
    remedy = Remedy.objects.create(action=action, kind="aide-ciblee", description="Chèque")
    pages = ["groupes/", "plan/", "participation/", "acceptabilite/"]
    for who in ("facilitateur", "equipe", "partenaire"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in [
        *pages,
        f"groupes/{poor.pk}/",
        f"groupes/{poor.pk}/effectifs/",
        f"plan/effets/{effect.pk}/",
        f"plan/remedes/{remedy.pk}/supprimer/",
    ]:
        assert outsider.get(base(approach) + page).status_code == 404, page


def test_groups_sizes_and_insee_upload(
    approach: Approach, poor: PopulationGroup, client_as: Any, territories: dict[str, Territory]
) -> None:
    approach.communes.set([territories["bourgoin"], territories["villefontaine"]])
    client = client_as("equipe")
    bourgoin = territories["bourgoin"]
    response = client.post(
        base(approach) + f"groupes/{poor.pk}/effectifs/",
        {"year": 2021, f"c{bourgoin.pk}": 5000, f"c{territories['villefontaine'].pk}": ""},
    )
    assert response.status_code == 302
    assert GroupSize.objects.get(group=poor).count == 5000
    bad = client.post(
        base(approach) + "groupes/insee/",
        {"file": SimpleUploadedFile("p.csv", (DATA / "pop_malformee.csv").read_bytes())},
    )
    assert bad.status_code == 400
    text = page_text(bad)
    assert "Rien n’a été enregistré" in text and "quatre mille" in text
    assert PopulationGroup.objects.count() == 1
    good = client.post(
        base(approach) + "groupes/insee/",
        {"file": SimpleUploadedFile("p.csv", (DATA / "pop_age_2021.csv").read_bytes())},
    )
    assert good.status_code == 302
    assert "75 ans ou plus" in page_text(client.get(base(approach) + "groupes/"))


def test_flagged_action_and_adopted_remedy(
    approach: Approach, poor: PopulationGroup, client_as: Any
) -> None:
    client = client_as("equipe")
    action = Action.objects.create(approach=approach, title="Réseau de chaleur")
    response = client.post(
        base(approach) + "plan/effets/ajouter/",
        {
            "action": action.pk,
            "group": poor.pk,
            "gain": 1,
            "cost": 3,
            "exclusion": 2,
            "justification": "Raccordement coûteux",
            "confidence": "moyenne",
        },
    )
    assert response.status_code == 302
    text = page_text(client.get(base(approach) + "plan/"))
    assert "coût 3 supérieur au gain 1" in text and "Aucun remède adopté" in text
    assert "Chargé par le plan" in text
    client.post(
        base(approach) + "plan/remedes/adopter/",
        {
            "action": action.pk,
            "group": poor.pk,
            "kind": "tarification-sociale",
            "description": "Tarif social de la chaleur",
        },
    )
    text = page_text(client.get(base(approach) + "plan/"))
    assert "Tarification sociale" in text and "Tarif social de la chaleur" in text
    assert "Aucun remède adopté" not in text
    unknown = client.post(
        base(approach) + "plan/remedes/adopter/",
        {"action": action.pk, "kind": "magie", "description": "x"},
        follow=True,
    )
    assert "n’est pas adopté" in page_text(unknown) and Remedy.objects.count() == 1


def test_participation_gap_and_outreach(
    approach: Approach, client_as: Any, territories: dict[str, Territory]
) -> None:
    approach.communes.set([territories["bourgoin"], territories["villefontaine"]])
    client = client_as("equipe")
    response = client.post(
        base(approach) + "participation/ajouter/",
        {"event": "Atelier", "commune": territories["bourgoin"].pk, "count": 9},
    )
    assert response.status_code == 302
    client.post(base(approach) + "participation/ajouter/", {"event": "Atelier", "count": 1})
    client.post(
        base(approach) + "participation/ajouter/",
        {"event": "Atelier", "commune": territories["bourgoin"].pk, "count": 2},
    )
    # Identical people are one row with its count: 9 + 2 at Bourgoin, 1 without commune.
    assert sorted(Participation.objects.values_list("count", flat=True)) == [1, 11]
    text = page_text(client.get(base(approach) + "participation/"))
    assert "Sous-représenté" in text and "atelier décentralisé" in text
    assert "1 participation sans réponse" in text
    refused = client.post(base(approach) + "participation/ajouter/", {"event": "", "count": 0})
    assert refused.status_code == 400 and Participation.objects.count() == 2


def test_acceptability_per_group(approach: Approach, poor: PopulationGroup, client_as: Any) -> None:
    client = client_as("equipe")
    action = Action.objects.create(approach=approach, title="Péage urbain")
    client.post(
        base(approach) + "acceptabilite/ajouter/",
        {
            "consultation": "Questionnaire",
            "action": action.pk,
            "group": poor.pk,
            "acceptable": 1,
            "affordable": 2,
            "count": 3,
        },
    )
    (answer,) = AcceptabilityAnswer.objects.all()
    assert answer.count == 3
    text = page_text(client.get(base(approach) + "plan/"))
    assert "Péage urbain" in text and "0\u202f%" in text


def test_partner_cannot_write(approach: Approach, client_as: Any) -> None:
    response = client_as("partenaire").post(
        base(approach) + "groupes/ajouter/", {"name": "X", "dimension": "age"}
    )
    assert response.status_code == 403 and not PopulationGroup.objects.exists()


def test_portrait_section_when_the_brique_is_on(
    approach: Approach, poor: PopulationGroup, client_as: Any
) -> None:
    client = client_as("partenaire")
    portrait = f"/demarches/{approach.slug}/portrait/"
    text = page_text(client.get(portrait))
    assert 'id="titre-justice"' in text and "Ménages modestes" in text
    approach.modules = [m for m in approach.modules if m != "transition-juste"]
    approach.save()
    assert 'id="titre-justice"' not in page_text(client.get(portrait))
