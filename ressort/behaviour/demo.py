"""Demo content of behaviour change for the demo démarche (illustrative, labelled as such).

Two target behaviours of the agglomeration's staff, diagnosed with COM-B: coming to work by
bike (tied to the cycle route) and buying local for the school canteens (tied to the
vegetable hub). Interventions are chosen from the suggestions and attached to those actions;
one follow-up survey of the cyclists has answered. Every statement and score is illustrative.
"""

from __future__ import annotations

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.behaviour import services
from ressort.behaviour.models import Determinant, Intervention, TargetBehaviour
from ressort.fieldwork.models import Observation, Testimony
from ressort.workshops.models import Answer, Participant

EX = " (exemple)"

# (component, kind, statement, strength, justification)
BIKE = (
    ("O-Ph", "frein", "Pas d'abri sécurisé ni de douche au siège", 3, "Visite du siège."),
    ("O-Ph", "frein", "Carrefours dangereux sur la RD 1006", 2, "Témoignages d'agents."),
    ("M-Au", "frein", "L'habitude de la voiture, rangée devant la porte", 2, "Atelier agents."),
    ("O-So", "levier", "Un groupe d'agents déjà cyclistes, prêt à accompagner", 2, ""),
    ("M-Re", "levier", "Beaucoup jugent le vélo bon pour la santé", 1, "Questionnaire."),
)
CANTEEN = (
    ("C-Ps", "frein", "Les acheteurs connaissent mal l'allotissement", 3, "Entretien."),
    ("O-Ph", "frein", "Pas d'outil pour préparer les légumes bruts", 3, "Visite de cuisine."),
    ("M-Re", "frein", "Crainte d'un surcoût par repas", 2, "Atelier des cuisiniers."),
    ("O-So", "levier", "Des parents d'élèves demandent du local", 2, ""),
)
SURVEY_SCORES = ((1, 3, 2, 3), (0, 2, 1, 2), (2, 3, 2, 4), (1, 2, 1, 3), (0, 1, 1, 2))


def _determinants(
    behaviour: TargetBehaviour, rows: tuple[tuple[str, str, str, int, str], ...]
) -> list[Determinant]:
    return [
        Determinant.objects.create(
            behaviour=behaviour,
            component=component,
            kind=kind,
            statement=statement + EX,
            strength=strength,
            justification=justification,
            origin="atelier" if "Atelier" in justification else "equipe",
        )
        for component, kind, statement, strength, justification in rows
    ]


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    actions = {a.title: a for a in Action.objects.filter(approach=approach)}
    route = actions.get("Vélo-route Bourgoin-Jallieu – Villefontaine")
    hub = actions.get("Légumerie intercommunale pour les cantines")
    bike = TargetBehaviour.objects.create(
        approach=approach,
        group="agents",
        title="Venir au travail à vélo",
        detail="Agents du siège habitant à moins de 8 km, d'avril à octobre" + EX + ".",
    )
    canteen = TargetBehaviour.objects.create(
        approach=approach,
        group="agents",
        title="Acheter local pour la cantine",
        detail="Acheteurs et cuisiniers de la restauration scolaire" + EX + ".",
    )
    if route:
        bike.actions.add(route)
    if hub:
        canteen.actions.add(hub)
    _determinants(bike, BIKE)
    rows = _determinants(canteen, CANTEEN)
    testimony = Testimony.objects.filter(approach=approach, speaker_category="agriculteur").first()
    if testimony:
        rows[3].testimonies.add(testimony)
    observation = Observation.objects.filter(approach=approach).first()
    if observation:
        rows[1].observations.add(observation)
    Intervention.objects.bulk_create(
        [
            Intervention(
                behaviour=bike,
                function="environmental_restructuring",
                title="Abri sécurisé et douches au siège" + EX,
                action=route,
                indicator="Part des agents du siège venant à vélo",
                baseline=4,
                target=15,
                unit="%",
            ),
            Intervention(
                behaviour=bike,
                function="modelling",
                title="Vélobus d'agents volontaires le jeudi" + EX,
                action=route,
                indicator="Agents inscrits au vélobus",
                baseline=0,
                target=20,
                unit="agents",
            ),
            Intervention(
                behaviour=canteen,
                function="training",
                title="Formation des acheteurs à l'allotissement" + EX,
                action=hub,
                indicator="Part de produits locaux dans les achats",
                baseline=12,
                target=35,
                unit="%",
            ),
            Intervention(
                behaviour=canteen,
                function="enablement",
                title="Légumerie partagée pour les légumes bruts" + EX,
                action=hub,
                indicator="Tonnes de légumes locaux préparés par an",
                baseline=0,
                target=40,
                unit="t",
            ),
        ]
    )
    survey = services.start_survey(bike)
    activity = survey.workshop.activities.get()
    codes = [q["code"] for q in services.survey_questions(bike)]
    for scores in SURVEY_SCORES:
        person = Participant.objects.create(workshop=survey.workshop, category="Agent·e")
        Answer.objects.bulk_create(
            Answer(
                activity=activity,
                participant=person,
                client_id=code,
                payload={"score": s, "comment": ""},
            )
            for code, s in zip(codes, scores, strict=True)
        )
