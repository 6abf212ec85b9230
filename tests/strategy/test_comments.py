"""Comments (Right.COMMENT): a partner comments on an action sheet or an axis without any
right to edit them; the author or a lead deletes; another démarche's objects are a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ressort.approaches.access import RIGHTS, Right
from ressort.approaches.models import Approach, Membership, Role
from ressort.strategy import services
from ressort.strategy.models import ActionSheet, Comment
from tests.conftest import page_text
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(approach: Approach, strategy: dict[str, Any]) -> ActionSheet:
    return services.create_sheet(
        approach, title="Récupérateurs d'eau de pluie", objective=strategy["objective"]
    )


def test_partners_may_comment_but_not_edit() -> None:
    assert Role.PARTNER in RIGHTS[Right.COMMENT]
    assert Role.PARTNER not in RIGHTS[Right.CONTRIBUTE]
    assert Role.PARTNER not in RIGHTS[Right.EDIT_FRAMING]


def test_a_partner_comments_a_sheet_and_an_axis(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any], sheet: ActionSheet
) -> None:
    partner = client_for(personas["partenaire"])
    detail = reverse("strategy:sheet_detail", args=[approach.slug, sheet.pk])
    assert "Publier le commentaire" in page_text(partner.get(detail))
    response = partner.post(
        reverse("strategy:sheet_comment", args=[approach.slug, sheet.pk]),
        {"text": "Nous pouvons co-financer les récupérateurs."},
    )
    assert response.status_code == 302 and response["Location"].endswith("#commentaires")
    axis = strategy["axis"]
    partner.post(
        reverse("strategy:axis_comment", args=[approach.slug, axis.pk]),
        {"text": "Axe essentiel pour les irrigants."},
    )
    assert [c.text for c in Comment.objects.filter(sheet=sheet)] == [
        "Nous pouvons co-financer les récupérateurs."
    ]
    assert Comment.objects.get(axis=axis).author == personas["partenaire"]
    assert "co-financer les récupérateurs" in page_text(partner.get(detail))
    overview = page_text(partner.get(reverse("strategy:overview", args=[approach.slug])))
    assert "Axe essentiel pour les irrigants" in overview
    # Commenting gave no right to edit what is commented.
    edit = reverse("strategy:sheet_edit", args=[approach.slug, sheet.pk])
    assert partner.post(edit, {"progress": 90}).status_code == 403
    axis_edit = reverse("strategy:axis_edit", args=[approach.slug, axis.pk])
    assert partner.post(axis_edit, {"title": "Autre"}).status_code == 403
    sheet.refresh_from_db()
    axis.refresh_from_db()
    assert sheet.progress == 0 and axis.title == "Sécuriser l'eau"


def test_empty_or_too_long_comments_are_refused_in_french(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    partner = client_for(personas["partenaire"])
    url = reverse("strategy:sheet_comment", args=[approach.slug, sheet.pk])
    text = page_text(partner.post(url, {"text": "   "}, follow=True))
    assert "Le commentaire est vide" in text
    text = page_text(partner.post(url, {"text": "x" * 3001}, follow=True))
    assert "trop long (3001 caractères pour 3000 au plus)" in text
    assert not Comment.objects.exists()


def test_a_partner_limited_to_the_strategy_comments_there(
    approach: Approach, personas: dict[str, Any], make_user: Any, sheet: ActionSheet
) -> None:
    limited = make_user("limite@example.org")
    Membership.objects.create(approach=approach, user=limited, role=Role.PARTNER, scope=["3B"])
    client = client_for(limited)
    url = reverse("strategy:sheet_comment", args=[approach.slug, sheet.pk])
    assert client.post(url, {"text": "Vu."}).status_code == 302
    assert Comment.objects.filter(author=limited).count() == 1


def test_only_the_author_or_a_lead_deletes_a_comment(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    mine = Comment.objects.create(
        approach=approach, sheet=sheet, author=personas["partenaire"], text="À revoir."
    )
    url = reverse("strategy:comment_delete", args=[approach.slug, mine.pk])
    assert client_for(personas["equipe"]).post(url).status_code == 403
    assert client_for(personas["partenaire"]).post(url).status_code == 302
    assert not Comment.objects.filter(pk=mine.pk).exists()
    again = Comment.objects.create(
        approach=approach, sheet=sheet, author=personas["partenaire"], text="Encore."
    )
    lead = client_for(personas["chef_projet"])
    assert (
        lead.post(reverse("strategy:comment_delete", args=[approach.slug, again.pk])).status_code
        == 302
    )
    assert not Comment.objects.exists()


def test_another_demarches_objects_are_a_404(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    comment = Comment.objects.create(
        approach=approach, sheet=sheet, author=personas["partenaire"], text="Privé."
    )
    other = personas["other_approach"].slug
    outsider = client_for(personas["outsider"])
    for name, pk in (
        ("strategy:sheet_comment", sheet.pk),
        ("strategy:axis_comment", sheet.objective.axis_id),
        ("strategy:comment_delete", comment.pk),
    ):
        assert outsider.post(reverse(name, args=[other, pk]), {"text": "x"}).status_code == 404
        assert (
            outsider.post(reverse(name, args=[approach.slug, pk]), {"text": "x"}).status_code == 404
        )
    assert list(Comment.objects.values_list("text", flat=True)) == ["Privé."]
