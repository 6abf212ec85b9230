"""`ressort donnees catalogue|actualiser <démarche>`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ressort.approaches.models import Approach
from ressort.opendata import services
from tests.opendata.conftest import Answers

pytestmark = pytest.mark.django_db


def test_cli_adds_the_catalogue_and_refreshes(
    montlucon_approach: Approach, answers: Answers
) -> None:
    slug = montlucon_approach.slug
    with pytest.raises(CommandError, match="catalogue"):
        call_command("donnees", "actualiser", slug, stdout=StringIO())
    out = StringIO()
    call_command("donnees", "catalogue", slug, "--dimension", "P3", stdout=out)
    assert "indicateurs ajoutés" in out.getvalue()
    out = StringIO()
    call_command("donnees", "actualiser", slug, "--source", "georisques_catnat", stdout=out)
    assert (
        "Géorisques\u00a0: arrêtés de catastrophe naturelle\u00a0: 1 valeur enregistrée, 3 chocs"
        in out.getvalue()
    )
    assert len(services.story_lines(montlucon_approach)) == 3
    answers.cases["georisques_icpe"] = "timeout"
    with pytest.raises(CommandError, match="en échec"):
        call_command(
            "donnees", "actualiser", slug, "--source", "georisques_icpe", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="introuvable"):
        call_command("donnees", "actualiser", "nulle-part", stdout=StringIO())
