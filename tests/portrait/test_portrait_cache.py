"""The portrait page is kept per démarche and role, and an edit shows at once: through the
page, or written elsewhere (a task, a command, the admin) as a row of the démarche or under
one of its rows."""

from typing import Any

import pytest
from django.urls import reverse

from ressort.portrait.models import IndicatorValue, Reading
from tests.conftest import page_text
from tests.portrait.conftest import client_for
from tests.portrait.test_portrait import filled  # noqa: F401 -- the fixture

pytestmark = pytest.mark.django_db


def test_an_edit_shows_at_once(filled: Any, personas: Any) -> None:  # noqa: F811
    client = client_for(personas["equipe"])
    url = reverse("portrait:portrait", args=[filled.slug])
    assert "7,5 tCO2e/hab (2021)" in page_text(client.get(url))

    # Through the page: a strength added by the form.
    response = client.post(
        reverse("portrait:reading_add", args=[filled.slug]),
        {"kind": "force", "dimension_code": "", "text": "Des marchés vivants."},
    )
    assert response.status_code == 302
    assert "Des marchés vivants." in page_text(client.get(url))

    # Elsewhere: a value under an indicator of the démarche, saved.
    value = IndicatorValue.objects.get(indicator__code="co2", year=2021)
    value.value = 6.25
    value.save()
    text = page_text(client.get(url))
    assert "6,25 tCO2e/hab (2021)" in text and "7,5 tCO2e/hab" not in text

    # Elsewhere: a row of the démarche deleted.
    Reading.objects.get(text="Un tissu associatif dense.").delete()
    assert "Un tissu associatif dense." not in page_text(client.get(url))


def test_kept_between_readers_and_per_role(
    filled: Any,  # noqa: F811
    personas: Any,
    django_assert_max_num_queries: Any,
) -> None:
    url = reverse("portrait:portrait", args=[filled.slug])
    team, partner = client_for(personas["equipe"]), client_for(personas["partenaire"])
    assert "modifier" in page_text(team.get(url))
    # A partner reads the same portrait without the team's links, then from the cache.
    assert "modifier<span" not in page_text(partner.get(url))
    with django_assert_max_num_queries(20) as queries:
        text = page_text(partner.get(url))
    assert "Logement dégradé." in text and "modifier<span" not in text
    assert not any("indicatorvalue" in q["sql"].lower() for q in queries.captured_queries)
