"""A new démarche's list pages say what to do next, with a link to do it (UI review)."""

from __future__ import annotations

from typing import Any

import pytest

from ressort.approaches.models import Approach
from tests.conftest import page_text

# page, under /demarches/<slug>/ → (the empty state's words, the address its link opens)
EMPTY = {
    "veille/": ("Aucun signal noté pour l’instant.", "veille/signaux/ajouter/"),
    "bibliotheque/": ("Aucun document pour l’instant.", "bibliotheque/ajouter/"),
    "veille/flux/": ("Aucun flux suivi.", "veille/flux/ajouter/"),
    "comportements/": ("Aucun comportement visé pour l’instant.", "comportements/ajouter/"),
    "transition-juste/groupes/": (
        "Aucun groupe pour l’instant.",
        "transition-juste/groupes/ajouter/",
    ),
    "vivant/parlement/": ("Aucune séance pour l’instant.", "vivant/parlement/ajouter/"),
    "accompagnement/": ("Aucune séance enregistrée.", "accompagnement/seances/ajouter/"),
    "vivant/": ("Aucun milieu décrit pour l’instant.", "vivant/milieux/ajouter/"),
    "versions-adoptees/": ("Aucun livrable n’a encore été adopté.", "#figer"),
}


@pytest.mark.parametrize("page", sorted(EMPTY))
def test_an_empty_list_links_to_its_first_step(page: str, approach: Approach, client: Any) -> None:
    client.force_login(approach.memberships.get().user)
    response = client.get(f"/demarches/{approach.slug}/{page}")
    assert response.status_code == 200
    text = page_text(response)
    words, target = EMPTY[page]
    start = text.index(words)
    state = text[start : text.index("</", text.index("</a>", start) + 4)]
    assert "<a href=" in state
    link = state.split('<a href="', 1)[1].split('"', 1)[0]
    if target.startswith("#"):
        assert link == target and f'id="{target[1:]}"' in text
    else:
        assert link.startswith(f"/demarches/{approach.slug}/{target}")
