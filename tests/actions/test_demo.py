"""The demo démarche's actions: 30 ideas → 12 evaluated actions, criteria, 40 ballots, an
arbitrated water conflict; every page renders."""

from typing import Any

import pytest

from ressort.actions import demo, services
from ressort.actions.models import Action, Arbitration, Ballot, Evaluation, Idea
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_demo_content_and_pages(approach: Any, client: Any, frameworks: None) -> None:
    demo.build(approach)
    assert Idea.objects.filter(approach=approach).count() == 30
    assert Idea.objects.filter(approach=approach, merged_into__isnull=False).count() == 4
    actions = Action.objects.filter(approach=approach, kind=Action.Kind.ACTION)
    assert actions.count() == 12
    assert all(a.evaluations.exists() for a in actions)
    # Every action and effect has its first state in the history, to compare and revert to.
    evaluations = Evaluation.objects.filter(action__approach=approach)
    assert Evaluation.history.filter(history_type="+").count() == evaluations.count()
    assert Action.history.filter(history_type="+").count() == Action.objects.count()
    assert Action.objects.filter(approach=approach, kind=Action.Kind.POLICY).count() == 2
    assert Ballot.objects.filter(approach=approach).count() == 40
    assert Arbitration.objects.get(resource__approach=approach).resource.kind == "eau"
    data = services.decision_data(approach)
    assert len(data.actions) == 12 and not data.errors
    result = services.vote_result(approach)
    # 40 typed ballots and 12 counted on paper, two actions left blank on two of them
    assert result.voters == 52 and len(result.ranking) == 12
    assert sorted(r.graded for r in result.ranking) == [52] * 12  # absences as the lowest
    counted = services.vote_counts(approach)
    assert (counted.ballots, counted.paper) == (40, 12)
    assert sorted(counted.counts.sum(axis=1).tolist())[:3] == [50, 50, 52]
    client.force_login(approach.memberships.first().user)
    base = f"/demarches/{approach.slug}/"
    for path in (
        "idees/",
        "actions/",
        f"actions/{actions.first().pk}/",
        f"actions/{actions.first().pk}/grille/",
        "portefeuille/",
        "priorisation/",
        "priorisation/sensibilite/",
        "vote/",
        "conflits-d-usage/",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
    irrigation = actions.get(title="Irriguer les maraîchers depuis la nappe")
    text = page_text(client.get(f"{base}actions/{irrigation.pk}/"))
    assert "Points de vigilance" in text and "L5.3" in text
    assert "Classements côte à côte" in page_text(client.get(base + "priorisation/"))
