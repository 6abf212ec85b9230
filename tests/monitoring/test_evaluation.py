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
from ressort.documents.models import DocumentJob
from ressort.monitoring import evaluation as ev
from ressort.monitoring.models import Evaluation
from ressort.portrait.models import IndicatorValue
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
    assert (climate.before, climate.after, climate.moved) == ("overshoot", "safe", "Amélioration")
    assert rep.boussole == []  # no scoring session


def test_the_document_opens_on_a_synthesis_for_elus(approach: Approach) -> None:
    blocks = ev.outline(ev.report(setup_data(approach)))
    chapters = [content for kind, content in blocks if kind == "h2"]
    assert chapters[0] == "Synthèse"
    start = blocks.index(("h2", "Synthèse"))
    (_, (glance_title, glance)), (_, (retained_title, retained)) = blocks[start + 1 : start + 3]
    assert glance_title == "L'évaluation en un coup d'œil"
    assert glance[0] == (
        "Plan d'actions : 3 fiches action, taux de réalisation 50 %, 400 € dépensés "
        "sur 1 000 € prévus."
    )
    assert glance[1] == (
        "Indicateurs comparés de 2020 à 2025 : 1 en amélioration, 1 en dégradation "
        "(sur 2 indicateurs suivis)."
    )
    assert glance[2].startswith("Donut de 2020 à 2025 : 1 dimension en amélioration")
    assert len(glance) == 3  # no Boussole scoring: no line for it
    assert retained_title == "Ce que l'équipe retient"
    assert retained == ["Le vélo a pris.", "Associer les communes plus tôt."]


def test_the_document_ends_on_its_method_and_sources(approach: Approach) -> None:
    evaluation = setup_data(approach)
    IndicatorValue.objects.filter(indicator__code="ges", year=2025).update(
        source="Observatoire régional climat air énergie", vintage="inventaire 2025"
    )
    blocks = ev.outline(ev.report(evaluation))
    start = blocks.index(("h2", "Annexe : méthode et sources"))
    assert start == max(i for i, (kind, _) in enumerate(blocks) if kind == "h2")
    method = " ".join(str(content) for _, content in blocks[start + 1 :])
    assert "fiches action de la démarche, état au 30/06/2026" in method
    assert "au plus tard en 2020" in method and "au plus tard en 2025" in method
    assert "Observatoire régional climat air énergie, inventaire 2025" in method
    assert "valeur saisie, 2020" in method  # a value without source: said so, with its year


def test_page_and_documents(approach: Approach, client_for: Callable[[str], Client]) -> None:
    evaluation = setup_data(approach)
    client = client_for("partenaire")
    text = page_text(
        client.get(reverse("monitoring:evaluation_detail", args=[approach.slug, evaluation.pk]))
    )
    assert "Taux de réalisation\u00a0: 50\u202f%" in text
    assert "Associer les communes plus tôt." in text
    assert "Amélioration" in text and "Aucune cotation de la Boussole" in text
    assert text.count("<svg") == 2 and "Données de 2025" in text  # the two Doughnuts
    start = reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk])
    assert client.post(start, {"format": "pdf"}).status_code == 302
    fragment = client.post(start, {"format": "docx"}, HTTP_HX_REQUEST="true")
    assert "télécharger le document DOCX" in page_text(fragment)
    done = {j.format: j for j in DocumentJob.objects.filter(kind="evaluation")}
    assert {j.state for j in done.values()} == {"pret"}, [j.error for j in done.values()]
    assert {j.target for j in done.values()} == {evaluation.pk}
    # the page lists both, polling stopped
    page = client.get(reverse("monitoring:evaluation_detail", args=[approach.slug, evaluation.pk]))
    assert "télécharger le document PDF" in page_text(page) and "hx-trigger" not in (
        page.content.decode()
    )
    pdf = client.get(reverse("documents:download", args=[approach.slug, done["pdf"].pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="{approach.slug}-evaluation-{evaluation.date:%Y-%m-%d}.pdf"'
    )
    docx = client.get(reverse("documents:download", args=[approach.slug, done["docx"].pk]))
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Mi-parcours 2026" in body
    assert "taux de réalisation 50\u202f%" in body and "Émissions (ktCO2e)" in body
    rtf = client.post(start, {"format": "rtf"})
    assert rtf.status_code == 400 and "Format inconnu" in rtf.content.decode()
    assert client.get(start).status_code == 405


def test_document_progress_polled_and_failure_in_french(
    approach: Approach, client_for: Callable[[str], Client], monkeypatch: Any
) -> None:
    evaluation = setup_data(approach)
    client = client_for("equipe")
    DocumentJob.objects.create(
        approach=approach,
        kind="evaluation",
        target=evaluation.pk,
        format="pdf",
        state=DocumentJob.State.RUNNING,
        progress=40,
        step="Écriture du PDF",
    )
    polled = client.get(
        reverse("documents:jobs", args=[approach.slug, "evaluation", evaluation.pk])
    )
    assert 'hx-trigger="every 1s"' in polled.content.decode()
    assert "40\u202f% · Écriture du PDF" in page_text(polled)
    # One active job per document: that one ends before another is asked for.
    DocumentJob.objects.update(state=DocumentJob.State.DONE, content=b"%PDF")

    def broken(_: Any) -> bytes:
        raise RuntimeError("mise en page impossible")

    monkeypatch.setitem(ev.FORMATS, "docx", (ev.FORMATS["docx"][0], broken))
    client.post(
        reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk]),
        {"format": "docx"},
    )
    text = page_text(
        client.get(reverse("monitoring:evaluation_detail", args=[approach.slug, evaluation.pk]))
    )
    assert "échec — la préparation a échoué" in text and "journal du serveur" in text
    assert "mise en page impossible" not in text and "RuntimeError" not in text
    # deleting the evaluation drops its documents
    client_for("chef_projet").post(
        reverse("monitoring:evaluation_delete", args=[approach.slug, evaluation.pk])
    )
    assert not DocumentJob.objects.exists()


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
    ):
        assert outsider.get(url).status_code == 404
    # documents: another démarche's evaluation cannot be started, listed or downloaded
    for slug in (approach.slug, other.slug):
        start = reverse("monitoring:evaluation_document", args=[slug, evaluation.pk])
        assert outsider.post(start, {"format": "pdf"}).status_code == 404
    assert not DocumentJob.objects.exists()
    client_for("equipe").post(  # one client, signed in as each persona in turn
        reverse("monitoring:evaluation_document", args=[approach.slug, evaluation.pk]),
        {"format": "docx"},
    )
    job = DocumentJob.objects.get()
    outsider = client_for("outsider")
    for url in (
        reverse("documents:download", args=[approach.slug, job.pk]),
        reverse("documents:download", args=[other.slug, job.pk]),
        reverse("documents:jobs", args=[approach.slug, "evaluation", evaluation.pk]),
    ):
        assert outsider.get(url).status_code == 404
    listed = outsider.get(reverse("documents:jobs", args=[other.slug, "evaluation", evaluation.pk]))
    assert listed.status_code == 200 and "DOCX" not in listed.content.decode()
    lead = client_for("chef_projet")
    assert (
        lead.post(
            reverse("monitoring:evaluation_delete", args=[approach.slug, evaluation.pk])
        ).status_code
        == 302
    )
    assert not Evaluation.objects.exists()
