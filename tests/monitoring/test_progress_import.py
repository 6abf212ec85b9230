"""Importing action progress from a table: all rows checked, then written through strategy."""

from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from tests.conftest import page_text
from tests.monitoring.factories import sheet

pytestmark = pytest.mark.django_db


def upload(text: str, name: str = "avancement.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_export_then_import_round_trip(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    a = sheet(approach, "Rénovation des écoles", status="engagee", end_date=date(2027, 1, 1))
    b = sheet(approach, "Haies bocagères", status="planifiee", budget={2026: ("1000", "0")})
    client = client_for("equipe")
    exported = client.get(reverse("monitoring:progress_export", args=[approach.slug]))
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Action;Statut;Avancement (%);Dépensé dans l'année (€);Année"
    assert "Rénovation des écoles;Engagée;0;;" in text
    csv = (
        "Action;Statut;Avancement (%);Dépensé dans l'année (€);Année\n"
        "rénovation des écoles;Réalisée;100;;\n"
        "Haies bocagères;engagee;30;1 200,50;2026\n"
    )
    response = client.post(
        reverse("monitoring:progress", args=[approach.slug]), {"fichier": upload(csv)}
    )
    assert response.status_code == 302, page_text(response)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.progress) == ("realisee", 100)
    assert (b.status, b.progress) == ("engagee", 30)
    assert str(b.budget_lines.get(year=2026).spent) == "1200.50"


def test_faulty_file_writes_nothing_and_names_line_and_column(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    a = sheet(approach, "Rénovation des écoles", status="engagee")
    client = client_for("chef_projet")
    csv = (
        "Action;Statut;Avancement (%)\n"
        "Rénovation des écoles;Réalisée;100\n"
        "Action fantôme;Engagée;10\n"
        "Rénovation des écoles;Terminée;150\n"
    )
    response = client.post(
        reverse("monitoring:progress", args=[approach.slug]), {"fichier": upload(csv)}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert (
        "Ligne 3, colonne «\u00a0Action\u00a0»\u00a0: « Action fantôme » : aucune fiche action"
        in text
    )
    assert "Ligne 4, colonne «\u00a0Action\u00a0»\u00a0: action déjà mise à jour ligne 2." in text
    a.refresh_from_db()
    assert a.status == "engagee" and a.progress == 0
    bad = client.post(
        reverse("monitoring:progress", args=[approach.slug]),
        {"fichier": upload("Action;Statut\nRénovation des écoles;Terminée\n")},
    )
    assert "Ligne 2, colonne «\u00a0Statut\u00a0»\u00a0: « Terminée » inconnu" in page_text(bad)


def test_import_rights(approach: Approach, client_for: Callable[[str], Client]) -> None:
    sheet(approach, "Rénovation des écoles", status="engagee")
    partner = client_for("partenaire")
    url = reverse("monitoring:progress", args=[approach.slug])
    assert (
        partner.post(url, {"fichier": upload("Action\nRénovation des écoles\n")}).status_code == 403
    )
    assert (
        client_for("outsider")
        .get(reverse("monitoring:progress_export", args=[approach.slug]))
        .status_code
        == 404
    )
