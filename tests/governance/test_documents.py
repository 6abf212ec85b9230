"""The brique in the strategy document: present when the brique is active and something was
recorded, absent otherwise; the DOCX carries it (read back)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from ressort.approaches.models import Approach
from ressort.governance.models import (
    Actor,
    Agreement,
    Conflict,
    ConflictParty,
    DocumentSections,
    GovernanceDiagnosis,
)
from ressort.strategy import documents
from tests.conftest import page_text
from tests.governance.test_services import worked_study

pytestmark = pytest.mark.django_db


def texts(blocks: list[tuple[str, object]]) -> list[str]:
    out = []
    for kind, content in blocks:
        if kind == "table":
            caption, header, rows = content  # type: ignore[misc]
            out += [caption, *header, *(cell for row in rows for cell in row)]
        elif kind != "svg":
            out.append(str(content))
    return out


def test_the_section_follows_the_brique(approach: Approach, actors: list[Actor]) -> None:
    worked_study(approach, actors)
    conflict = Conflict.objects.create(
        approach=approach, title="Eau d'été", process="mediation", outcome="Tours d'eau"
    )
    ConflictParty.objects.create(conflict=conflict, actor=actors[0])
    ConflictParty.objects.create(conflict=conflict, name="Irrigants")
    agreement = Agreement.objects.create(approach=approach, title="Entente eau", purpose="x")
    agreement.parties.set(actors[:2])
    GovernanceDiagnosis.objects.create(
        approach=approach, criterion="decision", score=2, recommendation="Un comité mensuel"
    )
    approach.modules = []
    approach.save()
    assert "Gouvernance et coopération" not in texts(documents.outline(approach))

    approach.modules = ["gouvernance"]
    approach.save()
    words = texts(documents.outline(approach))
    assert "Gouvernance et coopération" in words
    assert "Jeux d'acteurs : Cas calculé à la main" in words
    assert "Rapport de forces (r*), influence, dépendance et ambivalence" in words
    assert "Commune, Irrigants" in words and "Médiation" in words
    assert "Chambre d'agriculture, Commune" in words  # actors by name
    assert "Un comité mensuel" in words and "2 — fragile" in words
    assert not any("." in w and w.replace(".", "").replace("−", "").isdigit() for w in words)

    docx = Document(io.BytesIO(documents.build_docx(approach)))
    body = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "Gouvernance et coopération" in body
    assert "Tours d’eau" in cells and "Entente eau" in cells  # typographic apostrophe


def test_nothing_recorded_no_section(approach: Approach) -> None:
    approach.modules = ["gouvernance"]
    approach.save()
    assert "Gouvernance et coopération" not in texts(documents.outline(approach))


def test_the_team_chooses_which_parts_go_into_which_document(
    approach: Approach, actors: list[Actor], client_as: Any
) -> None:
    """« All of it appears in the portrait or strategy documents where the team chooses »."""
    from ressort.governance import documents as governance_documents

    worked_study(approach, actors)
    agreement = Agreement.objects.create(approach=approach, title="Entente eau", purpose="x")
    agreement.parties.set(actors[:2])
    approach.modules = ["gouvernance"]
    approach.save()
    # By default: the portrait has the diagnosis side, the strategy all of it.
    portrait = texts(governance_documents.portrait_blocks(approach))
    assert "Jeux d'acteurs : Cas calculé à la main" in portrait
    assert not any("Entente eau" in t for t in portrait)
    assert any("Entente eau" in t for t in texts(governance_documents.strategy_blocks(approach)))

    url = f"/demarches/{approach.slug}/acteurs/documents/"
    assert client_as("partenaire").get(url).status_code == 403
    lead = client_as("facilitateur")
    assert "Dans le portrait de résilience" in page_text(lead.get(url))
    refused = lead.post(url, {"portrait": ["cooperations", "inconnue"]})
    assert refused.status_code == 400 and "inconnue" in page_text(refused)
    assert not DocumentSections.objects.exists()  # nothing half-saved
    saved = lead.post(url, {"portrait": ["cooperations"]}, follow=True)
    assert "Le choix des parties de la gouvernance est enregistré" in page_text(saved)

    portrait = texts(governance_documents.portrait_blocks(approach))
    assert any("Entente eau" in t for t in portrait)
    assert "Jeux d'acteurs : Cas calculé à la main" not in portrait
    assert governance_documents.strategy_blocks(approach) == []  # nothing ticked for it
    assert "Gouvernance et coopération" not in texts(documents.outline(approach))
