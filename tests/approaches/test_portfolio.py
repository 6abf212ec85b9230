"""« Mes démarches », the facilitator's portfolio: each démarche's phase and progress, next
session, late steps, last activity and days used, filtered by région, brique and status, in
a number of queries that does not grow with the number of démarches."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ressort.approaches import services
from ressort.approaches.models import (
    AccompanimentSession,
    Approach,
    ContractedDays,
    Membership,
    Role,
)
from ressort.monitoring.models import Meeting
from ressort.web import freshness
from tests.conftest import page_text


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def many(user: Any, territories: dict[str, Any], count: int, start: int = 0) -> list[Approach]:
    made = []
    for i in range(start, start + count):
        approach = services.create_approach(
            name=f"Démarche {i:03d}",
            creator=user,
            role=Role.FACILITATOR,
            territory=None,
            communes=[territories["vienne"]],
            perimeter_label=f"Groupement {i}",
        )
        Meeting.objects.create(approach=approach, date=date(2026, 11, 2))
        AccompanimentSession.objects.create(
            approach=approach,
            held_on=date.today() + timedelta(days=3),
            title="Atelier",
            step="2",
            format="atelier",
        )
        made.append(approach)
    return made


def test_portfolio_says_where_each_demarche_stands(
    personas: dict[str, Any], approach: Approach, territories: dict[str, Any]
) -> None:
    facilitator = personas["facilitateur"]
    step = approach.steps.get(code="1")
    step.end_date = date(2025, 1, 31)
    step.save()
    today = date.today()
    AccompanimentSession.objects.create(
        approach=approach,
        held_on=today - timedelta(days=2),
        title="Atelier passé",
        step="1",
        format="atelier",
        days_spent=Decimal("1.5"),
    )
    AccompanimentSession.objects.create(
        approach=approach,
        held_on=date(2031, 3, 1),
        title="Atelier prévu",
        step="2",
        format="atelier",
        days_spent=Decimal("1"),
    )
    ContractedDays.objects.create(approach=approach, module="", days=Decimal("20"))
    text = page_text(client_for(facilitator).get("/demarches/"))
    assert "CAPI résiliente" in text
    assert "Étape 1 (à venir)" in text
    assert "1er\u00a0mars 2031" in text  # the next session
    assert "1 étape en retard" in text
    assert "1,5 sur 20\u00a0j" in text
    assert "Autre démarche" not in text  # the outsider's


def test_portfolio_filters_by_region_brique_and_status(
    personas: dict[str, Any], approach: Approach, territories: dict[str, Any], make_territory: Any
) -> None:
    facilitator = personas["facilitateur"]
    elsewhere = make_territory(
        "COM", "21231", "Dijon", population=150000, department_code="21", region_code="27"
    )
    make_territory("REG", "27", "Bourgogne-Franche-Comté")
    other = services.create_approach(
        name="Dijon résiliente",
        creator=facilitator,
        role=Role.FACILITATOR,
        territory=elsewhere,
        communes=[],
    )
    other.modules = ["recit"]
    other.save()
    Meeting.objects.create(approach=other, date=date(2026, 11, 2))  # step 3C under way
    client = client_for(facilitator)
    page = page_text(client.get("/demarches/"))
    assert '<option value="27">Bourgogne-Franche-Comté</option>' in page
    by_region = page_text(client.get("/demarches/", {"region": "27"}))
    assert "Dijon résiliente" in by_region and "CAPI résiliente" not in by_region
    approach.modules = ["gouvernance"]
    approach.save()
    by_brique = page_text(client.get("/demarches/", {"brique": "recit"}))
    assert "Dijon résiliente" in by_brique and "CAPI résiliente" not in by_brique
    by_status = page_text(client.get("/demarches/", {"statut": "en_cours"}))
    assert "Dijon résiliente" in by_status and "CAPI résiliente" not in by_status
    to_come = page_text(client.get("/demarches/", {"statut": "a_venir"}))
    assert "CAPI résiliente" in to_come and "Dijon résiliente" not in to_come
    nothing = page_text(client.get("/demarches/", {"statut": "en_retard"}))
    assert "Aucune de vos démarches ne correspond à ces filtres" in nothing


def test_portfolio_queries_do_not_grow_with_the_number_of_demarches(
    make_user: Any, territories: dict[str, Any]
) -> None:
    user = make_user("suivi@example.org")
    client = client_for(user)
    many(user, territories, 3)
    client.get("/demarches/")  # warm caches (the session, the offer file)
    freshness.bump(freshness.SHARED)  # the rows drawn afresh, as after any write
    with CaptureQueriesContext(connection) as few:
        assert client.get("/demarches/").status_code == 200
    many(user, territories, 12, start=3)  # new démarches: drawn afresh too
    with CaptureQueriesContext(connection) as more:
        response = client.get("/demarches/")
    assert len(more) == len(few), [q["sql"][:90] for q in more.captured_queries]
    assert 10 <= len(few) <= 30, len(few)
    # Read again with nothing changed: the démarches' rows are kept (ressort.web.freshness).
    with CaptureQueriesContext(connection) as again:
        assert client.get("/demarches/").status_code == 200
    assert len(again) < len(more), len(again)
    assert page_text(response).count("Prochaine séance") == 15
    assert Membership.objects.filter(user=user).count() == 15


def test_pages_keep_the_filters(make_user: Any, territories: dict[str, Any]) -> None:
    user = make_user("suivi@example.org")
    many(user, territories, 51)
    page = page_text(client_for(user).get("/demarches/", {"statut": "en_cours", "q": "Démarche"}))
    assert "Page 1 / 2" in page
    assert 'href="?q=D%C3%A9marche&statut=en_cours&page=2"' in page


def test_a_partner_does_not_see_the_accompaniment_in_the_portfolio(
    personas: dict[str, Any], approach: Approach
) -> None:
    """The days contracted and spent are open to contributors only (approaches:accompaniment):
    « Mes démarches » does not show them to a partner either (the sessions' dates, on the
    démarche's calendar, stay)."""
    AccompanimentSession.objects.create(
        approach=approach,
        held_on=date(2031, 3, 1),
        title="Atelier prévu",
        step="2",
        format="atelier",
        days_spent=Decimal("1"),
    )
    ContractedDays.objects.create(approach=approach, module="", days=Decimal("20"))
    lead = page_text(client_for(personas["chef_projet"]).get("/demarches/"))
    assert "Jours passés" in lead and "sur 20\u00a0j" in lead
    assert "1er\u00a0mars 2031" in lead
    partner = client_for(personas["partenaire"])
    assert partner.get(f"/demarches/{approach.slug}/accompagnement/").status_code == 403
    text = page_text(partner.get("/demarches/"))
    assert "CAPI résiliente" in text
    assert "Jours passés" not in text and "sur 20\u00a0j" not in text
    assert "1er\u00a0mars 2031" in text


def test_portfolio_lists_the_documents_awaiting_adoption(
    personas: dict[str, Any], approach: Approach
) -> None:
    from ressort.documents.models import AdoptedVersion, DocumentJob

    def produced(kind: str, state: str = DocumentJob.State.DONE) -> DocumentJob:
        return DocumentJob.objects.create(
            approach=approach,
            kind=kind,
            format="pdf",
            mime="application/pdf",
            filename=f"{kind}.pdf",
            state=state,
            content=b"%PDF",
        )

    client = client_for(personas["facilitateur"])
    assert "À adopter" not in page_text(client.get("/demarches/"))
    produced("portrait")
    produced("strategie", DocumentJob.State.FAILED)  # a failed build awaits nothing
    produced("questionnaire")  # not a deliverable an assembly adopts
    page = page_text(client.get("/demarches/"))
    assert "À adopter" in page and "Portrait de résilience" in page
    assert "Stratégie et plan" not in page
    AdoptedVersion.objects.create(
        approach=approach,
        kind="portrait",
        number=1,
        title="Portrait",
        deliberation_date=date(2027, 1, 5),
        deliberation_number="2027-1",
        filename="portrait.pdf",
        mime="application/pdf",
        content=b"%PDF",
        sha256="0" * 64,
    )
    assert "À adopter" not in page_text(client.get("/demarches/"))
    assert "Aucune de vos" in page_text(client.get("/demarches/", {"statut": "a_adopter"}))
    later = produced("portrait")  # a new draft after the adopted version
    DocumentJob.objects.filter(pk=later.pk).update(created_at=later.created_at + timedelta(days=1))
    page = page_text(client.get("/demarches/", {"statut": "a_adopter"}))
    assert "CAPI résiliente" in page and "Portrait de résilience" in page
