"""The public page for inhabitants: only what the team published, to anyone, without an
account; nothing else of the démarche, ever (issue 18 « Sharing », issue 13's public story).

The main test marks every text field of every object of the demo démarche — in every app,
found through the models' links to the démarche, not from a hand-kept list — with a
distinctive string, except the few fields the public page publishes, then opens the page and
its files anonymously and checks that no mark appears while the published parts do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from ressort.actions.models import Action, Idea
from ressort.approaches import services
from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.method import MODULE_CODES
from ressort.approaches.models import Approach, Membership, Role
from ressort.documents.models import AdoptedVersion
from ressort.fieldwork.models import Vulnerability
from ressort.portrait.models import Reading
from ressort.publication.models import Part, PublicPage
from ressort.story.models import Chapter, ChapterKey
from ressort.strategy.models import ActionSheet, Axis
from ressort.systems.models import Vision
from ressort.territories.importer import import_official_territories
from ressort.territories.models import Territory
from tests.conftest import page_text
from tests.demarche_objects import demarche_querysets
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.django_db

MARK = "ZQPRIVE"  # + a number: never a French word, never split by the typography filter


@pytest.fixture
def demo(db: Any, settings: Any, tmp_path: Any) -> Approach:
    import_official_territories(DATA, CONTOURS)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    approach, _ = load_demo()
    approach.modules = list(MODULE_CODES)
    approach.save(update_fields=["modules"])
    return approach


def adopted(approach: Approach, title: str, number: int = 1) -> AdoptedVersion:
    return AdoptedVersion.objects.create(
        approach=approach,
        kind=AdoptedVersion.Kind.STRATEGY,
        number=number,
        title=title,
        deliberation_date=date(2027, 3, 14),
        deliberation_number="2027-031",
        filename="strategie-adoptee.pdf",
        mime="application/pdf",
        content=b"%PDF-1.7 contenu adopte",
        sha256="0" * 64,
    )


def publish(approach: Approach, parts: list[str] | None = None) -> PublicPage:
    page, _ = PublicPage.objects.update_or_create(
        approach=approach,
        defaults={"published": True, "parts": list(Part.values) if parts is None else parts},
    )
    return page


def published_objects(approach: Approach) -> dict[type[models.Model], tuple[set[str], Q]]:
    """The fields the public page may show, and which objects they are published for."""
    in_plan = ActionSheet.objects.filter(approach=approach).values("action_id")
    from_people = Idea.objects.filter(
        approach=approach, source__in=["atelier", "participant"], action__isnull=False
    ).values("action_id")
    return {
        Approach: ({"name", "name_key", "perimeter_label"}, Q()),
        PublicPage: ({"introduction"}, Q()),
        Chapter: ({"text"}, Q(public=True)),
        Idea: ({"text"}, Q(source__in=["atelier", "participant"])),
        Action: ({"title"}, Q(pk__in=in_plan) | Q(pk__in=from_people)),
        Axis: ({"title"}, Q()),
        Vision: ({"text", "values", "commitments"}, Q()),
        # The portrait's key messages: the team's strengths and weaknesses, the titles of
        # the vulnerabilities it recorded (never the testimonies or observations behind).
        Reading: ({"text"}, Q()),
        Vulnerability: ({"title"}, Q()),
        AdoptedVersion: ({"title", "deliberation_number", "assembly", "filename", "mime"}, Q()),
    }


def mark_everything_private(approach: Approach) -> dict[str, str]:
    """Put a distinct mark in every text field of the démarche that is not published.

    Returns {mark: "app.Model.field #pk"}, to name what leaked.
    """
    marks: dict[str, str] = {}
    public = published_objects(approach)
    for qs in demarche_querysets(approach):
        model = qs.model
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not isinstance(f, models.SlugField)
            and not f.choices
            and (f.max_length is None or f.max_length >= 24)
        ]
        if not fields:
            continue
        published, shown = public.get(model, (set(), Q()))
        shown_pks = set(qs.filter(shown).values_list("pk", flat=True)) if published else set()
        for obj in qs.only("pk", *(f.attname for f in fields)):
            changes = {}
            for f in fields:
                if f.name in published and obj.pk in shown_pks:
                    continue
                if not getattr(obj, f.attname):  # empty: nothing to leak (and constraints)
                    continue
                mark = f"{MARK}{len(marks)}"
                marks[mark] = f"{model._meta.label}.{f.name} #{obj.pk}"
                value = f"{mark} {getattr(obj, f.attname)}"
                changes[f.attname] = value[: f.max_length] if f.max_length else value
            if changes:
                model._default_manager.filter(pk=obj.pk).update(**changes)
    users = get_user_model().objects.filter(memberships__approach=approach)
    for user in users:  # the people of the démarche: never named on the public page
        mark = f"{MARK}{len(marks)}"
        marks[mark] = f"membre #{user.pk}"
        type(user).objects.filter(pk=user.pk).update(last_name=mark, first_name=mark)
    return marks


def plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").replace("’", "'").split())


def leaks(text: str, marks: dict[str, str]) -> list[str]:
    import re

    return sorted({marks.get(m, m) for m in re.findall(rf"{MARK}\d+", text)})


def test_private_content_never_appears_on_the_public_page(demo: Approach) -> None:
    approach = demo
    # What the public parts must show, besides the demo's own content.
    Chapter.objects.filter(approach=approach, key=ChapterKey.ORIGINS).update(public=True)
    Chapter.objects.update_or_create(
        approach=approach,
        key=ChapterKey.UNCOUNTED,
        defaults={"text": "Chapitre que l'équipe garde pour elle.", "public": False},
    )
    Idea.objects.create(approach=approach, text="Idée interne de l'équipe", source="equipe")
    Action.objects.create(approach=approach, title="Action candidate hors du plan")
    document = adopted(approach, "Stratégie adoptée en mars")
    publish(approach)
    marks = mark_everything_private(approach)
    assert len(marks) > 300  # every app's text fields, not a handful

    # The marks are real: the team's own pages show them.
    lead = get_user_model().objects.get(email=DEMO_ACCOUNTS[0].email)
    team = Client()
    team.force_login(lead)
    assert leaks(page_text(team.get(reverse("approaches:detail", args=[approach.slug]))), marks)

    anonymous = Client()
    response = anonymous.get(reverse("publique:page", args=[approach.slug]))
    assert response.status_code == 200
    html = page_text(response)
    assert leaks(html, marks) == []
    # …while every part published shows its content.
    chapter = Chapter.objects.get(approach=approach, key=ChapterKey.ORIGINS)
    flat = plain(html)
    assert plain(chapter.text)[:60] in flat
    for idea in Idea.objects.filter(approach=approach, source__in=["atelier", "participant"]):
        assert plain(idea.text)[:40] in flat
    assert "Idée interne" not in html
    assert "Action candidate hors du plan" not in html
    assert "que l'équipe garde pour elle" not in html
    for axis in Axis.objects.filter(approach=approach):
        assert plain(axis.title) in flat
    assert "Stratégie adoptée en mars" in html
    vision = Vision.objects.get(approach=approach)
    assert plain(vision.text)[:60] in flat
    assert "Dresser le portrait" in html or "portrait" in html
    for section in Part.values:
        assert f'id="{section}"' in html

    file = anonymous.get(reverse("publique:document", args=[approach.slug, document.pk]))
    assert file.status_code == 200 and file.content == b"%PDF-1.7 contenu adopte"
    assert leaks(file.content.decode(), marks) == []


def test_only_the_parts_chosen_appear_and_unpublishing_hides_at_once(demo: Approach) -> None:
    approach = demo
    document = adopted(approach, "Stratégie adoptée en mars")
    page = publish(approach, [Part.CALENDAR])
    anonymous = Client()
    address = reverse("publique:page", args=[approach.slug])
    file = reverse("publique:document", args=[approach.slug, document.pk])
    html = page_text(anonymous.get(address))
    assert 'id="calendrier"' in html and 'id="documents"' not in html
    assert "Stratégie adoptée en mars" not in html
    assert anonymous.get(file).status_code == 404  # a part not chosen: its files are gone too

    page.parts = [Part.DOCUMENTS]
    page.save()
    assert anonymous.get(file).status_code == 200
    page.published = False
    page.save()
    assert anonymous.get(address).status_code == 404
    assert anonymous.get(file).status_code == 404


def test_nothing_of_another_demarche_is_reachable_through_a_public_page(demo: Approach) -> None:
    approach = demo
    outsider = get_user_model().objects.create_user(email="autre@example.org", password="x-42-x")
    other = services.create_approach(
        name="Autre démarche",
        creator=outsider,
        role=Role.PROJECT_LEAD,
        territory=None,
        communes=[Territory.objects.filter(type="COM").order_by("code").first()],
        perimeter_label="Ailleurs",
    )
    theirs = adopted(other, "Document de l'autre démarche")
    ours = adopted(approach, "Stratégie adoptée en mars")
    publish(approach)
    anonymous = Client()
    # Another démarche's document through our published page; ours through theirs (unpublished).
    assert (
        anonymous.get(reverse("publique:document", args=[approach.slug, theirs.pk])).status_code
        == 404
    )
    assert anonymous.get(reverse("publique:page", args=[other.slug])).status_code == 404
    through_theirs = reverse("publique:document", args=[other.slug, ours.pk])
    assert anonymous.get(through_theirs).status_code == 404
    publish(other)
    assert anonymous.get(through_theirs).status_code == 404
    assert "Document de l'autre démarche" not in page_text(
        anonymous.get(reverse("publique:page", args=[approach.slug]))
    )
    assert anonymous.get(reverse("publique:page", args=["nulle-part"])).status_code == 404


def test_the_team_chooses_the_parts_and_others_cannot(demo: Approach) -> None:
    approach = demo
    users = {a.role: get_user_model().objects.get(email=a.email) for a in DEMO_ACCOUNTS}
    url = reverse("publication:settings", args=[approach.slug])
    lead = Client()
    lead.force_login(users[Role.PROJECT_LEAD])
    assert lead.get(url).status_code == 200
    response = lead.post(url, {"published": "on", "parts": ["recit", "plan"], "introduction": ""})
    assert response.status_code == 302
    page = PublicPage.objects.get(approach=approach)
    assert page.published and page.parts == ["recit", "plan"]
    assert "page publique est en ligne" in page_text(lead.get(url))

    partner = Client()
    partner.force_login(users[Role.PARTNER])
    assert partner.get(url).status_code == 200  # reads what is public
    refused = partner.post(url, {"published": "", "parts": []})
    assert refused.status_code == 403
    assert PublicPage.objects.get(approach=approach).published


def test_the_story_part_is_offered_only_with_its_brique(demo: Approach) -> None:
    approach = demo
    approach.modules = [m for m in approach.modules if m != "recit"]
    approach.save(update_fields=["modules"])
    publish(approach)
    html = page_text(Client().get(reverse("publique:page", args=[approach.slug])))
    assert 'id="recit"' not in html and 'id="plan"' in html
    assert Membership.objects.filter(approach=approach).exists()


def test_the_portraits_key_messages_appear_only_when_opted_in(
    approach: Approach, personas: dict[str, Any]
) -> None:
    from ressort.frameworks import services as frameworks
    from tests.fieldwork import factories

    assert not frameworks.load_shipped().errors
    lead = personas["chef_projet"]
    Reading.objects.create(
        approach=approach, kind="force", text="Un réseau d'entraide solide", created_by=lead
    )
    Reading.objects.create(
        approach=approach, kind="faiblesse", text="Des bourgs sans commerce", created_by=lead
    )
    factories.vulnerability(approach, title="Écoles sans ombre", description="Note ZQPRIVE1")
    factories.testimony(
        approach,
        quotes=(("Parole ZQPRIVE2 d'une habitante", ["water"]),),
        speaker_name="Louise ZQPRIVE3",
        consent_recorded=True,
        felt="Ressenti ZQPRIVE4",
    )
    address = reverse("publique:page", args=[approach.slug])
    anonymous = Client()

    page = publish(approach, [Part.CALENDAR])  # not opted in
    html = page_text(anonymous.get(address))
    assert 'id="calendrier"' in html and 'id="portrait"' not in html
    for text in ("Un réseau d'entraide solide", "Des bourgs sans commerce", "Écoles sans ombre"):
        assert text not in html

    page.parts = [Part.CALENDAR, Part.PORTRAIT]  # opted in
    page.save()
    response = anonymous.get(address)
    assert response.status_code == 200
    html = page_text(response)
    assert 'id="portrait"' in html and "Les messages clés du portrait" in html
    flat = plain(html)
    for text in ("Un réseau d'entraide solide", "Des bourgs sans commerce", "Écoles sans ombre"):
        assert text in flat, text
    assert "Trois forces" in flat and "Ce que disent les données" in flat
    assert "ZQPRIVE" not in html  # the testimony, its speaker, the vulnerability's notes

    page.parts = [Part.CALENDAR]  # unticked: gone at the next request
    page.save()
    assert "Un réseau d'entraide solide" not in page_text(anonymous.get(address))


def test_the_key_messages_are_kept_until_the_demarche_changes(
    approach: Approach, personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    """Anonymous visits do not compute the portrait again; a new strength shows at once."""
    from ressort.publication import content

    lead = personas["chef_projet"]
    Reading.objects.create(
        approach=approach, kind="force", text="Un réseau d'entraide solide", created_by=lead
    )
    first = content.key_messages(approach)
    assert any("Un réseau d'entraide solide" in m for k in first for m in k.items)
    with django_assert_max_num_queries(2):  # the démarche's version, nothing else
        assert content.key_messages(approach) == first
    Reading.objects.create(
        approach=approach, kind="force", text="Des haies replantées", created_by=lead
    )
    again = content.key_messages(approach)
    assert any("Des haies replantées" in m for k in again for m in k.items)
