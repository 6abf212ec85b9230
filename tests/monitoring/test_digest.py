"""The digest of late actions to their pilots: dry run by default, sent with --envoyer."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ressort.approaches.models import Approach
from tests.monitoring.factories import sheet

pytestmark = pytest.mark.django_db


def late_plan(approach: Approach) -> None:
    sheet(
        approach,
        "Rénovation des écoles",
        status="engagee",
        end_date=date(2026, 6, 30),
        pilot_email="Pilote@Example.org",
        progress=40,
    )
    sheet(
        approach,
        "Isolation des gymnases",
        status="planifiee",
        end_date=date(2026, 9, 1),
        pilot_email="pilote@example.org",
    )
    sheet(approach, "Haies bocagères", status="engagee", end_date=date(2026, 3, 1))  # no pilot
    sheet(
        approach,
        "Pistes cyclables",
        status="engagee",
        end_date=date(2027, 1, 1),
        pilot_email="autre@example.org",
    )  # not late
    sheet(
        approach,
        "Plan vélo",
        status="realisee",
        end_date=date(2026, 1, 1),
        pilot_email="autre@example.org",
    )  # done: never late


def run(*args: str) -> str:
    out = StringIO()
    call_command("suivi", "digest", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_without_sending(
    approach: Approach, personas: dict, mailoutbox: list
) -> None:
    late_plan(approach)
    out = run("--date", "2026-11-26")
    assert mailoutbox == []
    assert (
        "capi-resiliente → pilote@example.org : Rénovation des écoles, Isolation des gymnases"
        in out
    )
    # The late action without a pilot goes to the chef·fe de projet.
    assert "capi-resiliente → chef_projet@example.org : Haies bocagères" in out
    assert "relancez avec --envoyer" in out
    assert "autre@example.org" not in out


def test_envoyer_sends_one_message_per_pilot(
    approach: Approach, personas: dict, mailoutbox: list
) -> None:
    late_plan(approach)
    out = run("--envoyer", "--date", "2026-11-26", "--site", "https://ressort.example.fr")
    assert "2 messages envoyés" in out
    by_to = {m.to[0]: m for m in mailoutbox}
    assert set(by_to) == {"pilote@example.org", "chef_projet@example.org"}
    pilot = by_to["pilote@example.org"]
    assert pilot.subject == "[Ressort] CAPI résiliente : 2 actions en retard"
    assert (
        "- Rénovation des écoles — fin prévue le 30\u00a0juin 2026 — avancement 40\u202f%"
        in pilot.body
    )
    assert "https://ressort.example.fr/demarches/capi-resiliente/suivi/avancement/" in pilot.body
    assert "&#" not in pilot.body  # plain text, not HTML-escaped
    lead = by_to["chef_projet@example.org"]
    assert "n’indique pas de pilote" in lead.body and "Haies bocagères" in lead.body
    # Recorded like the scheduled send: the same day again sends nothing twice.
    again = run("--envoyer", "--date", "2026-11-26")
    assert "0 message envoyé." in again and "2 déjà envoyés ce jour-là" in again
    assert len(mailoutbox) == 2


def test_one_demarche_nothing_late_and_faults(
    approach: Approach, personas: dict[str, Any], mailoutbox: list
) -> None:
    late_plan(approach)
    other = personas["other_approach"]
    out = run("--demarche", other.slug, "--envoyer")
    assert "Aucune action en retard" in out and mailoutbox == []
    # Before the end dates, nothing is late.
    assert "Aucune action en retard" in run("--date", "2026-01-02", "--demarche", approach.slug)
    with pytest.raises(CommandError, match="introuvable"):
        run("--demarche", "nulle-part")
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        run("--date", "26/11/2026")


def test_retours_command_loads_the_shipped_cases(db: Any) -> None:
    from ressort.monitoring.models import ExperienceReport

    out = StringIO()
    call_command("suivi", "retours", stdout=out)
    count = ExperienceReport.objects.filter(shipped=True).count()
    assert count > 0 and f"{count} créés, 0 mis à jour" in out.getvalue()
    out = StringIO()
    call_command("suivi", "retours", stdout=out)
    assert f"0 créés, {count} mis à jour" in out.getvalue()


def test_without_a_project_lead_the_facilitator_gets_the_unassigned(
    approach: Approach, mailoutbox: list
) -> None:
    sheet(approach, "Haies bocagères", status="engagee", end_date=date(2026, 3, 1))
    out = run("--date", "2026-11-26")
    assert "capi-resiliente → facilitateur@example.org : Haies bocagères" in out
