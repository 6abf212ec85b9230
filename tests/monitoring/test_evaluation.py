"""Evaluation: realisation rate, effects on indicators, the portrait before/after, documents."""

import io
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.monitoring import evaluation as ev
from ressort.monitoring.models import Evaluation
from tests.conftest import page_text
from tests.monitoring.factories import indicator, sheet, trajectory, values

pytestmark = pytest.mark.django_db


def setup_data(approach: Approach) -> Evaluation:
    sheet(approach, "Plan vélo", status="realisee")
    sheet(approach, "Rénovation", status="engagee", budget={2025: ("1000", "400")})
    sheet(approach, "Golf", status="abandonnee")
    ges = indicator(
        approach,
        "ges",
        name="Émissions",
        unit="ktCO2e",
        dimension_codes=["climate_change"],
        ecological_ceiling=50.0,
    )
    values(ges, {2020: 100.0, 2022: 80.0, 2025: 40.0})
    trajectory(ges, (2020, 100.0), {2030: 60.0})
    bio = indicator(approach, "bio", direction="higher", name="Surface bio")
    values(bio, {2020: 10.0, 2025: 8.0})
    return Evaluation.objects.create(
        approach=approach,
        title="Mi-parcours 2026",
        date=date(2026, 6, 30),
        reference_year=2020,
        evaluation_year=2025,
        findings="Le vélo a pris.",
        lessons="Associer les communes plus tôt.",
    )


def test_report_figures(approach: Approach) -> None:
    rep = ev.report(setup_data(approach))
    assert rep.actions is not None and rep.actions.realisation_rate == 50.0  # 1 of 2 kept
    effects = {e.indicator.code: e for e in rep.effects}
    assert effects["ges"].before == (2020, 100.0) and effects["ges"].after == (2025, 40.0)
    assert effects["ges"].verdict == "En amélioration"  # lower is better, it fell
    assert effects["ges"].track is not None and effects["ges"].track.status == "reached"
    assert effects["bio"].verdict == "En dégradation"  # higher is better, it fell
    assert effects["bio"].track is None
    climate = next(d for d in rep.doughnut or [] if d.code == "climate_change")
    assert (climate.before, climate.after, climate.moved) == ("overshoot", "within", "Amélioration")
    assert rep.boussole == []  # no scoring session


def test_page_and_documents(approach: Approach, client_for: Callable[[str], Client]) -> None:
    evaluation = setup_data(approach)
    client = client_for("partenaire")
    text = page_text(
        client.get(reverse("monitoring:evaluation_detail", args=[approach.slug, evaluation.pk]))
    )
    assert "Taux de réalisation : 50 %" in text and "Associer les communes plus tôt." in text
    assert "Amélioration" in text and "Aucune cotation de la Boussole" in text
    assert text.count("<svg") == 2 and "Données de 2025" in text  # the two Doughnuts
    pdf = client.get(
        reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk, "pdf"])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(
        reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk, "docx"])
    )
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Mi-parcours 2026" in body
    assert "taux de réalisation 50 %" in body and "Émissions (ktCO2e)" in body
    assert (
        client.get(
            reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk, "odt"])
        ).status_code
        == 404
    )


def test_leads_create_and_edit_with_checked_years(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    lead = client_for("chef_projet")
    url = reverse("monitoring:evaluation_create", args=[approach.slug])
    assert lead.get(url).status_code == 200
    data = {
        "kind": "finale",
        "title": "Bilan final",
        "date": "2030-12-01",
        "reference_year": "2024",
        "evaluation_year": "2020",
    }
    bad = lead.post(url, data)
    assert bad.status_code == 200 and not Evaluation.objects.exists()
    assert "doit suivre celle du premier portrait (2024)" in page_text(bad)
    response = lead.post(url, {**data, "evaluation_year": "2029"})
    assert response.status_code == 302
    assert Evaluation.objects.get().approach == approach


def test_rights(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    evaluation = setup_data(approach)
    team = client_for("equipe")
    assert (
        team.get(reverse("monitoring:evaluation_create", args=[approach.slug])).status_code == 403
    )
    assert (
        team.post(
            reverse("monitoring:evaluation_delete", args=[approach.slug, evaluation.pk])
        ).status_code
        == 403
    )
    outsider = client_for("outsider")
    other = personas["other_approach"]
    for url in (
        reverse("monitoring:evaluation_detail", args=[approach.slug, evaluation.pk]),
        reverse("monitoring:evaluation_detail", args=[other.slug, evaluation.pk]),
        reverse("monitoring:evaluation_document", args=[other.slug, evaluation.pk, "pdf"]),
    ):
        assert outsider.get(url).status_code == 404
    lead = client_for("chef_projet")
    assert (
        lead.post(
            reverse("monitoring:evaluation_delete", args=[approach.slug, evaluation.pk])
        ).status_code
        == 302
    )
    assert not Evaluation.objects.exists()
