"""An agent signs in with ProConnect (a local provider) and lands on their authority's démarches."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.approaches.models import Approach
from tests.accounts.oidc_provider import Provider
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

CLAIMS = {
    "sub": "agent-7",
    "email": "agent.navigateur@capi38.fr",
    "given_name": "Inès",
    "usual_name": "Navigatrice",
    "siret": "24380060400011",
    "uid": "7",
}


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    with Provider(dict(CLAIMS)) as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        yield running


def test_agent_signs_in_with_proconnect_and_finds_the_authoritys_demarche(
    site: str, page: Page, provider: Provider, approach: Approach
) -> None:
    page.route(provider.url + "/**", lambda route: route.continue_())  # the local provider
    page.goto(site + "/compte/connexion/")
    assert_accessible(page)
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    expect(page.get_by_role("heading", name="Mes démarches")).to_be_visible()
    expect(page.get_by_role("heading", name="Démarches de votre collectivité")).to_be_visible()
    expect(page.get_by_text(approach.name)).to_be_visible()
    expect(page.get_by_text("Inès Navigatrice")).to_be_visible()
    assert_accessible(page)
