"""Prioritisation (criteria, values, methods side by side, sensitivity) and the vote."""

from typing import Any

import pytest

from ressort.actions import services
from ressort.actions.models import Action, Ballot, Criterion, CriterionValue, Evaluation, Grade
from ressort.analysis import mcda
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def _setup(approach: Any) -> tuple[list[Action], list[Criterion]]:
    actions = [
        Action.objects.create(approach=approach, title=t) for t in ("Large", "Étroit", "Autre")
    ]
    criteria = [
        Criterion.objects.create(approach=approach, name="x", weight=4, order=0),
        Criterion.objects.create(approach=approach, name="y", weight=3, order=1),
        Criterion.objects.create(approach=approach, name="z", weight=3, order=2),
    ]
    values = [[100, 0, 0], [0, 1, 1], [60, 0.5, 10]]
    for action, row in zip(actions, values, strict=True):
        for criterion, value in zip(criteria, row, strict=True):
            CriterionValue.objects.create(criterion=criterion, action=action, value=value)
    return actions, criteria


def test_empty_state_and_criterion_faults(approach: Any, client_as: Any) -> None:
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/priorisation/"
    assert "Aucun critère pour l’instant" in page_text(client.get(url))
    bad = {
        "name": "coût",
        "weight": "1",
        "direction": "min",
        "function": "linear",
        "q": "2",
        "p": "1",
    }
    add = f"{url}criteres/"
    response = client.post(add, bad)
    assert response.status_code == 200 and not Criterion.objects.exists()
    assert "Le seuil p (1) doit être strictement supérieur à q (2)." in page_text(response)
    client.post(add, {**bad, "p": "5"})
    response = client.post(add, {**bad, "p": "5"})
    assert "Un critère «\u00a0coût\u00a0» existe déjà." in page_text(response)
    assert Criterion.objects.get().function == "linear"


def test_methods_side_by_side_with_explanation(approach: Any, client_as: Any) -> None:
    _setup(approach)
    text = page_text(client_as("partenaire").get(f"/demarches/{approach.slug}/priorisation/"))
    assert "Classements côte à côte" in text and "ELECTRE I" in text
    assert "Pourquoi les méthodes divergent" in text
    assert "« Large » passe devant « Étroit » selon Somme pondérée" in text
    assert "l'emporte par l'ampleur de ses avances (surtout sur « x »)" in text
    # the page's ranks are the library's
    data = services.decision_data(approach)
    ws = mcda.weighted_sum(data.problem)
    ranks = dict(zip(data.problem.alternatives, ws.ranks.tolist(), strict=True))
    assert ranks == {"Autre": 1, "Large": 2, "Étroit": 3}


def test_values_saved_atomically(approach: Any, client_as: Any) -> None:
    actions, criteria = _setup(approach)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/priorisation/valeurs/"
    x, y = criteria[0], criteria[1]
    client.post(url, {f"v-{x.pk}-{actions[0].pk}": "7,5", f"v-{y.pk}-{actions[0].pk}": "beaucoup"})
    assert CriterionValue.objects.get(criterion=x, action=actions[0]).value == 100
    response = client.post(url, {f"v-{x.pk}-{actions[0].pk}": "7,5"}, follow=True)
    assert CriterionValue.objects.get(criterion=x, action=actions[0]).value == 7.5
    assert "Les valeurs sont enregistrées." in page_text(response)
    client.post(url, {f"v-{x.pk}-{actions[0].pk}": ""})
    text = page_text(client.get(f"/demarches/{approach.slug}/priorisation/"))
    assert "Non classées faute de valeur\u00a0: «\u00a0Large\u00a0» (x)" in text


def test_resilience_criterion_from_the_grid(approach: Any) -> None:
    action = Action.objects.create(approach=approach, title="A")
    other = Action.objects.create(approach=approach, title="B")
    Criterion.objects.create(approach=approach, name="Effet de résilience", from_grid=True)
    Evaluation.objects.create(action=action, dimension_code="water", effect=2)
    Evaluation.objects.create(action=action, dimension_code="energy", effect=-1)
    data = services.decision_data(approach)
    assert [a.title for a in data.actions] == ["A"]
    assert data.incomplete == [(other, ["Effet de résilience"])]
    assert data.problem.values.tolist() == [[1.0]]


def test_policies_are_not_prioritised(approach: Any) -> None:
    Action.objects.create(approach=approach, title="PLUi", kind=Action.Kind.POLICY)
    Criterion.objects.create(approach=approach, name="c")
    assert services.decision_data(approach).incomplete == []


def test_sensitivity(approach: Any, client_as: Any) -> None:
    _, criteria = _setup(approach)
    client = client_as("partenaire")
    url = f"/demarches/{approach.slug}/priorisation/sensibilite/?critere={criteria[0].pk}"
    text = page_text(client.get(url))
    assert "Poids actuel de «\u00a0x\u00a0»\u00a0: 0,4 (soit 40\u202f%)" in text
    assert "le classement change" in text
    assert client.get(url + "&methode=inconnue").status_code == 200


def test_prioritisation_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    foreign = Criterion.objects.create(approach=personas["other_approach"], name="c")
    base = f"/demarches/{approach.slug}/priorisation/"
    partner = client_as("partenaire")
    assert partner.post(base + "criteres/", {"name": "c", "weight": "1"}).status_code == 403
    assert partner.post(base + "valeurs/", {}).status_code == 403
    assert client_as("equipe").get(f"{base}criteres/{foreign.pk}/").status_code == 404
    assert client_as("outsider").get(base + "sensibilite/").status_code == 404


# --- Vote -------------------------------------------------------------------------------

CSV = "Large;Étroit\nBien;Passable\nExcellent;À rejeter\nBien;\n"


def test_vote_enter_import_export_and_ties(approach: Any, client_as: Any) -> None:
    a = Action.objects.create(approach=approach, title="Large")
    b = Action.objects.create(approach=approach, title="Étroit")
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/"
    assert "Aucun bulletin pour l’instant" in page_text(client.get(url))
    client.post(
        url + "bulletins/", {"votant": "Léa", f"mention-{a.pk}": "4", f"mention-{b.pk}": "4"}
    )
    assert Ballot.objects.get().voter == "Léa"
    text = page_text(client.get(url))
    assert (
        "Ex aequo (profils de mentions identiques)\u00a0: Étroit et Large" in text
        or "Ex aequo (profils de mentions identiques)\u00a0: Large et Étroit" in text
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("votes.csv", CSV.encode(), content_type="text/csv")
    response = client.post(url + "import/", {"file": upload, "source": "Atelier"})
    assert response.status_code == 302 and Ballot.objects.count() == 4
    text = page_text(client.get(url))
    assert "1. Large</strong> — mention majoritaire\u00a0: <strong>Bien" in text
    # merit-profile widths are CSS numbers (a dot, whatever the locale): 3 of 4 = 75 %
    assert "width:75.000%" in text
    exported = client.get(url + "bulletins.csv").content.decode("utf-8-sig")
    assert exported.splitlines()[0] in ("Large;Étroit", "Étroit;Large")  # « ; » as in France
    assert len(exported.splitlines()) == 5
    # round trip: re-importing the export doubles the ballots with the same result
    before = services.vote_result(approach)
    client.post(url + "import/", {"file": SimpleUploadedFile("e.csv", exported.encode())})
    after = services.vote_result(approach)
    assert [(r.candidate, r.majority_grade) for r in before.ranking] == [
        (r.candidate, r.majority_grade) for r in after.ranking
    ]


def test_vote_import_faults_name_line_and_column(approach: Any, client_as: Any) -> None:
    Action.objects.create(approach=approach, title="Large")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/import/"
    bad = SimpleUploadedFile("v.csv", "Large\nBien\nGénial\n".encode())
    response = client.post(url, {"file": bad})
    text = page_text(response)
    assert (
        response.status_code == 400
        and "ligne 3, colonne 1 («\u00a0Large\u00a0»)\u00a0: mention inconnue «\u00a0Génial\u00a0»"
        in text
    )
    unknown = SimpleUploadedFile("v.csv", b"Large;Inconnue\nBien;Bien\n")
    text = page_text(client.post(url, {"file": unknown}))
    assert (
        "ligne 1, colonne 2\u00a0: action inconnue «\u00a0Inconnue\u00a0» dans cette démarche"
        in text
    )
    empty = page_text(client.post(url, {"file": SimpleUploadedFile("v.csv", b"")}))
    assert "Le fichier soumis est vide." in empty
    assert not Ballot.objects.exists()


def test_vote_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    a = Action.objects.create(approach=approach, title="A")
    services.record_ballots(approach, [{a.pk: 3}], source="x")
    other = Action.objects.create(approach=personas["other_approach"], title="B")
    services.record_ballots(personas["other_approach"], [{other.pk: 3}], source="x")
    foreign = Ballot.objects.get(approach=personas["other_approach"])
    url = f"/demarches/{approach.slug}/vote/"
    partner = client_as("partenaire")
    assert partner.get(url).status_code == 200
    assert partner.post(url + "bulletins/", {f"mention-{a.pk}": "1"}).status_code == 403
    assert partner.get(url + "bulletins.csv").status_code == 200
    team = client_as("equipe")
    assert team.post(f"{url}bulletins/{foreign.pk}/supprimer/").status_code == 404
    mine = Ballot.objects.get(approach=approach)
    assert team.post(f"{url}bulletins/{mine.pk}/supprimer/").status_code == 302
    assert not Ballot.objects.filter(approach=approach).exists()
    assert Grade.objects.count() == 1
    assert client_as("outsider").get(url).status_code == 404


def test_vote_disagreeing_with_the_methods_is_explained(approach: Any, client_as: Any) -> None:
    actions, _ = _setup(approach)  # « Autre » leads every method
    by_title = {a.title: a for a in actions}
    services.record_ballots(
        approach,
        [{by_title["Étroit"].pk: 6, by_title["Autre"].pk: 1, by_title["Large"].pk: 2}] * 3,
        source="x",
    )
    text = page_text(client_as("partenaire").get(f"/demarches/{approach.slug}/priorisation/"))
    assert "Le vote place en tête « Étroit », les méthodes multicritères « Autre »" in text


def test_vote_export_imports_back_when_two_actions_share_a_title(
    approach: Any, client_as: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = Action.objects.create(approach=approach, title="Haies")
    second = Action.objects.create(approach=approach, title="Haies")
    other = Action.objects.create(approach=approach, title="Mares")
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/"
    for grades in ((6, 1, 3), (5, 2, 3), (4, 0, 3)):
        client.post(
            url + "bulletins/",
            {
                f"mention-{a.pk}": str(g)
                for a, g in zip((first, second, other), grades, strict=True)
            },
        )
    exported = client.get(url + "bulletins.csv").content.decode("utf-8-sig")
    header = exported.splitlines()[0].split(";")
    assert sorted(header) == sorted([f"Haies (n° {first.pk})", f"Haies (n° {second.pk})", "Mares"])
    before = services.vote_result(approach)
    response = client.post(
        url + "import/", {"file": SimpleUploadedFile("e.csv", exported.encode())}
    )
    assert response.status_code == 302 and Ballot.objects.count() == 6
    after = services.vote_result(approach)
    assert [(r.candidate, r.majority_grade) for r in after.ranking] == [
        (r.candidate, r.majority_grade) for r in before.ranking
    ]
    # Each column went back to its own action: the first « Haies » kept its high grades.
    assert sorted(Grade.objects.filter(action=first).values_list("grade", flat=True)) == [
        4,
        4,
        5,
        5,
        6,
        6,
    ]
    # A bare shared title is still ambiguous, and the message says how to name them.
    bare = SimpleUploadedFile("v.csv", b"Haies;Mares\nBien;Bien\n")
    text = page_text(client.post(url + "import/", {"file": bare}))
    assert "plusieurs actions s’intitulent «\u00a0Haies\u00a0»" in text
    assert f"«\u00a0Haies (n° {first.pk})\u00a0»" in text
    # A number that is not one of these actions is unknown.
    wrong = SimpleUploadedFile("v.csv", f"Haies (n° {other.pk});Mares\nBien;Bien\n".encode())
    assert "action inconnue «\u00a0Haies (n° " in page_text(
        client.post(url + "import/", {"file": wrong})
    )


def test_conventions_chosen_on_the_pages(approach: Any, client_as: Any) -> None:
    """Normalisations on the prioritisation and sensitivity pages, the six PROMETHEE
    functions per criterion (with their thresholds checked), ELECTRE I in the sensitivity."""
    _, criteria = _setup(approach)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/priorisation/"

    def sum_ranks(response: Any) -> dict[str, int]:
        return {r["name"]: r["ranks"][0] for r in response.context["result_rows"]}

    # Min–max (default): Autre, Large, Étroit. As given (x 0.4·100 = 40 for Large against
    # 0.4·60 + 0.3·0.5 + 0.3·10 = 27.15 for Autre): Large first.
    response = client.get(url)
    assert sum_ranks(response) == {"Autre": 1, "Large": 2, "Étroit": 3}
    assert "Conventions de calcul (normalisations)" in page_text(response)
    response = client.get(url + "?normalisation-somme-ponderee=aucune")
    assert sum_ranks(response) == {"Large": 1, "Autre": 2, "Étroit": 3}
    response = client.get(url + "?normalisation-topsis=min-max&normalisation-somme-ponderee=x")
    assert sum_ranks(response) == {"Autre": 1, "Large": 2, "Étroit": 3}  # unknown: default
    topsis = mcda.topsis(services.decision_data(approach).problem, "min-max")  # type: ignore[arg-type]
    assert {r["name"]: r["ranks"][1] for r in response.context["result_rows"]} == dict(
        zip(topsis.alternatives, topsis.ranks.tolist(), strict=True)
    )

    text = page_text(
        client.get(f"{url}sensibilite/?critere={criteria[0].pk}&normalisation-topsis=min-max")
    )
    assert "Noyau ELECTRE I" in text and "Normalisation — TOPSIS" in text

    base = {"name": "w", "weight": "1", "direction": "max", "q": "0", "p": "0"}
    for function, extra, message in (
        ("gaussian", {"s": "0"}, "Le paramètre s (0) doit être strictement positif."),
        ("v-shape", {"p": "-1,5"}, "Le seuil p (−1,5) doit être strictement positif."),
        ("level", {"q": "2", "p": "2"}, "Le seuil p (2) doit être strictement supérieur à q (2)."),
        ("u-shape", {"q": "-1"}, "Le seuil q doit être positif ou nul."),
    ):
        response = client.post(url + "criteres/", {**base, "function": function, **extra})
        assert message in page_text(response), function
    assert not Criterion.objects.filter(name="w").exists()
    response = client.post(url + "criteres/", {**base, "function": "gaussian", "s": "2,5"})
    assert response.status_code == 302
    w = Criterion.objects.get(name="w")
    assert (w.function, w.s) == ("gaussian", 2.5)
    problem = services.decision_data(approach)
    assert problem.criteria[-1].name == "w"


def test_vote_absence_rule_on_the_page(approach: Any, client_as: Any) -> None:
    """An action a ballot leaves ungraded: the lowest grade (default), left out, or a named
    grade — the page's ranking follows (by hand: B has one « Excellent » and two absences)."""
    a = Action.objects.create(approach=approach, title="A")
    b = Action.objects.create(approach=approach, title="B")
    for i in range(3):
        ballot = Ballot.objects.create(approach=approach, voter=f"v{i}", source="saisie")
        Grade.objects.create(ballot=ballot, action=a, grade=4)  # Bien
        if i == 0:
            Grade.objects.create(ballot=ballot, action=b, grade=6)  # Excellent
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/"

    def first(response: Any) -> tuple[str, str]:
        top = response.context["result"].ranking[0]
        return top.candidate, top.majority_grade_label

    assert first(client.get(url)) == ("A", "Bien")  # B: À rejeter, À rejeter, Excellent
    assert first(client.get(url, {"absence": "exclure"})) == ("B", "Excellent")
    assert first(client.get(url, {"absence": "Très bien"})) == ("B", "Très bien")
    assert first(client.get(url, {"absence": "n'importe quoi"})) == ("A", "Bien")
    text = page_text(client.get(url, {"absence": "exclure"}))
    assert "Une action qu’un bulletin ne note pas est" in text
    assert 'value="exclure" selected' in client.get(url, {"absence": "exclure"}).content.decode()


def test_gaia_plane_on_the_prioritisation_page(approach: Any, client_as: Any) -> None:
    from ressort.analysis.gaia import gaia

    _setup(approach)
    response = client_as("partenaire").get(f"/demarches/{approach.slug}/priorisation/")
    text = page_text(response)
    assert "Plan GAIA (PROMETHEE)" in text and 'aria-labelledby="gaia-titre gaia-desc"' in text
    problem = services.decision_data(approach).problem
    assert problem is not None
    flows = mcda.promethee_ii(problem)
    plane = gaia(
        problem.alternatives, problem.criterion_names, flows.criterion_flows, problem.weights
    )
    assert response.context["gaia_delta"] == round(100 * plane.delta)
    assert f"conserve {round(100 * plane.delta)}\u202f% de l’information" in text


def _tally(
    actions: dict[str, Any], label: str, voters: str, grid: dict[str, dict[int, str]]
) -> dict[str, str]:
    data = {"label": label, "voters": voters}
    for title, cells in grid.items():
        for grade, count in cells.items():
            data[f"n-{actions[title].pk}-{grade}"] = count
    return data


def test_paper_tally_adds_to_the_typed_ballots(approach: Any, client_as: Any) -> None:
    """The worked example of tests/analysis/test_majority_judgment.py through the page: three
    typed ballots (A: Bien ×3; B: one Excellent) and a paper count of ten (A: Passable ×4,
    Bien ×6; B: Insuffisant ×3, Très bien ×5). By hand: absences as the lowest grade, A
    (Bien) beats B (Insuffisant); left out, B (Très bien) beats A (Bien)."""
    from ressort.actions.models import PaperTally, TallyCount

    actions = {t: Action.objects.create(approach=approach, title=t) for t in ("A", "B")}
    for i in range(3):
        ballot = Ballot.objects.create(approach=approach, voter=f"v{i}", source="saisie")
        Grade.objects.create(ballot=ballot, action=actions["A"], grade=4)
        if i == 0:
            Grade.objects.create(ballot=ballot, action=actions["B"], grade=6)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/"
    grid = {"A": {2: "4", 4: "6"}, "B": {1: "3", 5: "5"}}
    response = client.post(url + "depouillements/", _tally(actions, "Urne du marché", "10", grid))
    assert response.status_code == 302
    tally = PaperTally.objects.get()
    assert (tally.label, tally.voters, tally.counts.count()) == ("Urne du marché", 10, 4)
    response = client.get(url)
    ranking = [(r.candidate, r.majority_grade_label) for r in response.context["result"].ranking]
    assert ranking == [("A", "Bien"), ("B", "Insuffisant")]
    text = page_text(response)
    assert "Résultat (13 bulletins\u00a0: 3 saisis ou importés, 10 dépouillés sur papier)" in text
    assert "Urne du marché\u00a0: 10 bulletins dépouillés" in text
    excluded = client.get(url, {"absence": "exclure"}).context["result"].ranking
    assert [(r.candidate, r.majority_grade_label) for r in excluded] == [
        ("B", "Très bien"),
        ("A", "Bien"),
    ]
    assert excluded[0].tally == (0, 3, 0, 0, 0, 5, 1)
    # blank « Bulletins dépouillés »: the most graded action's count (here 10)
    client.post(url + "depouillements/", _tally(actions, "Sans total", "", {"A": {0: "10"}}))
    assert PaperTally.objects.get(label="Sans total").voters == 10
    # deleting a count takes its grades out of the result
    assert client.post(f"{url}depouillements/{tally.pk}/supprimer/").status_code == 302
    assert not TallyCount.objects.filter(tally_id=tally.pk).exists()
    assert services.vote_counts(approach).voters == 13


def test_paper_tally_faults_name_the_field(approach: Any, client_as: Any) -> None:
    from ressort.actions.models import PaperTally

    actions = {t: Action.objects.create(approach=approach, title=t) for t in ("Vélo", "Bus")}
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/vote/depouillements/"

    def faults(data: dict[str, str]) -> str:
        response = client.post(url, data)
        assert response.status_code == 400
        return page_text(response)

    text = faults(_tally(actions, "", "5", {"Vélo": {3: "deux", 6: "-1"}}))
    assert "Le dépouillement n’est pas enregistré" in text
    assert "« Dépouillement » : donnez un intitulé." in text
    assert "« Assez bien » pour « Vélo » : saisissez un nombre entier." in text
    assert "« Excellent » pour « Vélo » : un nombre positif ou nul." in text
    text = faults(_tally(actions, "Urne", "5", {"Bus": {0: "4", 4: "2"}}))
    assert "« Bus » : 6 mentions pour 5 bulletins dépouillés." in text
    assert "Saisissez au moins un nombre de mentions." in faults(_tally(actions, "Urne", "", {}))
    assert "« Bulletins dépouillés » : au moins 1." in faults(
        _tally(actions, "Urne", "0", {"Bus": {0: "1"}})
    )
    # the typed values stay in the form
    assert (
        'value="deux"'
        in client.post(url, _tally(actions, "", "5", {"Vélo": {3: "deux"}})).content.decode()
    )
    assert not PaperTally.objects.exists()


def test_paper_tally_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    from ressort.actions.models import PaperTally

    a = Action.objects.create(approach=approach, title="A")
    url = f"/demarches/{approach.slug}/vote/depouillements/"
    data = {"label": "Urne", "voters": "2", f"n-{a.pk}-3": "2"}
    assert client_as("partenaire").post(url, data).status_code == 403
    assert client_as("outsider").post(url, data).status_code == 404
    assert not PaperTally.objects.exists()
    foreign = PaperTally.objects.create(approach=personas["other_approach"], label="x", voters=1)
    team = client_as("equipe")
    assert team.post(f"{url}{foreign.pk}/supprimer/").status_code == 404
    # an action of another démarche is not a field of the form: its count is ignored
    other = Action.objects.create(approach=personas["other_approach"], title="B")
    response = team.post(url, {"label": "Urne", "voters": "2", f"n-{other.pk}-3": "2"})
    assert "Saisissez au moins un nombre de mentions." in page_text(response)
    assert PaperTally.objects.count() == 1
