"""The legal pages: linked from every page, the operator's text, the register of processing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from ressort.approaches.models import Approach
from ressort.legal.models import LegalPage, LegalText
from ressort.legal.register import REGISTER, TRACE_FIELDS, models_in_register
from tests.conftest import page_text

LEGAL_URLS = {
    "/accessibilite/": "Déclaration d'accessibilité",
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/plan-du-site/": "Plan du site",
    "/code-source/": "Code source",
}


@pytest.mark.parametrize(("url", "title"), LEGAL_URLS.items())
def test_each_legal_page_is_public_and_french(client: Any, db: Any, url: str, title: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert f'<h1 class="h3">{title}</h1>' in page_text(response)


def test_every_page_links_the_legal_pages(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["equipe"])
    for url in (
        "/referentiels/",
        f"/demarches/{approach.slug}/",
        "/nulle-part/",
        "/accessibilite/",
    ):
        text = page_text(client.get(url))
        footer = text[text.index('aria-label="Pages légales"') :]
        for legal in LEGAL_URLS:
            assert f'href="{legal}"' in footer, (url, legal)
        assert "Accessibilité\u00a0: non conforme" in footer


def test_accessibility_declaration_names_the_recourse_and_the_audit(
    client: Any, db: Any, settings: Any
) -> None:
    text = page_text(client.get("/accessibilite/"))
    assert "non conforme" in text and "Aucun audit de conformité complet" in text
    assert "Défenseur des droits" in text and "Libre réponse 71120" in text
    settings.RESSORT_ACCESSIBILITY_CONFORMITY = "partiellement conforme"
    settings.RESSORT_ACCESSIBILITY_AUDIT_DATE = "12 mars 2027"
    settings.RESSORT_CONTACT_EMAIL = "accessibilite@exemple.fr"
    text = page_text(client.get("/accessibilite/"))
    assert "<strong>partiellement conforme</strong>" in text
    assert "réalisé le 12 mars 2027" in text and "mailto:accessibilite@exemple.fr" in text


def test_operator_text_comes_first_and_user_markup_is_escaped(client: Any, db: Any) -> None:
    LegalText.objects.create(
        page=LegalPage.NOTICE, body="Édité par la Communauté.\n\n<script>alert(1)</script>"
    )
    text = client.get("/mentions-legales/").content.decode()
    assert "<p>Édité par la Communauté.</p>" in text
    assert "<script>alert(1)</script>" not in text


def test_personal_data_page_lists_every_processing(client: Any, db: Any) -> None:
    text = page_text(client.get("/donnees-personnelles/"))
    for entry in REGISTER:
        assert entry.title in text and entry.retention in text and entry.basis in text
    assert "CNIL" in text and "articles 15 à 21" in text


PERSON_FIELDS = {
    "first_name",
    "last_name",
    "speaker_name",
    "pilot_name",
    "contact_name",
    "pseudonym",
    "attendees",
    "participant",
    "recipient",
}


def personal_fields(model: type[models.Model]) -> list[str]:
    found = []
    for field in model._meta.concrete_fields:
        if field.name in TRACE_FIELDS:
            continue
        if (
            isinstance(field, models.EmailField | models.ImageField | models.GenericIPAddressField)
            or field.name in PERSON_FIELDS
            or (
                isinstance(field, models.ForeignKey)
                and field.related_model._meta.label == settings.AUTH_USER_MODEL
            )
        ):
            found.append(field.name)
    return found


def test_every_model_holding_personal_data_is_in_the_register() -> None:
    holders = {
        model._meta.label: personal_fields(model)
        for model in apps.get_models()
        if model.__module__.startswith("ressort") and not model.__name__.startswith("Historical")
    }
    missing = {label: fields for label, fields in holders.items() if fields}
    missing = {
        label: fields for label, fields in missing.items() if label not in models_in_register()
    }
    assert missing == {}
    known = {model._meta.label for model in apps.get_models()}
    assert models_in_register() - known == set()  # no entry names a model that is gone


def test_source_archive_holds_the_running_code(client: Any, db: Any) -> None:
    response = client.get("/code-source/?telecharger=1")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).namelist()
    assert "ressort-source/LICENSE" in names and "ressort-source/ressort/urls.py" in names
    assert not any("__pycache__" in name for name in names)


def test_sitemap_lists_the_members_demarche_pages(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["partenaire"])
    text = page_text(client.get("/plan-du-site/"))
    assert approach.name in text and "Dresser le portrait" in text
    assert f'href="/demarches/{approach.slug}/gouvernance/"' in text
    assert "Nom et périmètre" not in text  # not the partner's to open
