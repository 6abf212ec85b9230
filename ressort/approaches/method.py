"""The accompaniment method: its steps and its optional modules (« briques »), as data."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    code: str
    title: str
    summary: str
    activities: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        "1",
        "Prendre la mesure des bouleversements et changer d'approche",
        "Acculturation et formation des élus et des services, appropriation des référentiels, "
        "conditions de réussite de la démarche dans la collectivité.",
        (
            "Séances d'acculturation et de formation inter-services ou pour les élus",
            "Ateliers d'appropriation des référentiels (Donut, Boussole de la résilience…)",
            "Auto-évaluation des conditions de réussite de la démarche",
        ),
    ),
    Step(
        "2",
        "Dresser le portrait de résilience du territoire",
        "Immersion et témoignages, ateliers d'analyse par thème et chaînes d'impacts, "
        "portrait du territoire au regard du référentiel choisi.",
        (
            "Immersion\u00a0: visites sensibles, diagnostic en marchant",
            "Entretiens et recueil de témoignages (ressenti, usages, modes de faire)",
            "Ateliers d'analyse avec grilles de questionnement et chaînes d'impacts",
            "Portrait de territoire au regard du référentiel choisi",
        ),
    ),
    Step(
        "3A",
        "Se projeter : vision et scénarios prospectifs",
        "Atelier sur la vision du territoire et les scénarios prospectifs, dans le cadre de la "
        "trajectoire de réchauffement de référence pour l'adaptation (TRACC).",
        ("Atelier vision", "Scénarios prospectifs", "Mise à l'épreuve des scénarios"),
    ),
    Step(
        "3B",
        "Agir : actions, trajectoires, stratégie et plan d'actions",
        "Émergence et hiérarchisation des actions, trajectoires, stratégie et plan d'actions.",
        (
            "Ateliers d'émergence des actions",
            "Évaluation et hiérarchisation des actions",
            "Trajectoires, stratégie et plan d'actions",
        ),
    ),
    Step(
        "3C",
        "Suivre et poursuivre : pilotage, suivi, évaluation",
        "Conditions de mise en œuvre, dispositif de pilotage, de suivi et d'évaluation\u00a0; "
        "inspiration d'autres territoires (retours d'expériences, voyages apprenants).",
        (
            "Conditions de mise en œuvre des actions",
            "Dispositif de pilotage, de suivi et d'évaluation",
            "Retours d'expériences et voyages apprenants",
        ),
    ),
)
STEP_CODES = tuple(step.code for step in STEPS)
STEP_BY_CODE = {step.code: step for step in STEPS}


@dataclass(frozen=True, slots=True)
class Module:
    code: str
    title: str
    summary: str


MODULES: tuple[Module, ...] = (
    Module(
        "gouvernance",
        "Gouvernance et coopération",
        "Gouvernance interne et externe, carte des acteurs, « mettre au travail les conflits ».",
    ),
    Module(
        "formation",
        "Formation",
        "Parcours de formation-action adaptés à chaque public : élus, agents selon leurs métiers.",
    ),
    Module(
        "recit",
        "Mise en récit",
        "Raconter d'où l'on vient, où l'on va et comment on y va, pour embarquer tous les acteurs.",
    ),
    Module(
        "aide-decision",
        "Outil d'aide à la décision",
        "Grille d'analyse des actions et politiques au regard de la résilience\u00a0; "
        "mise en évidence et arbitrage des conflits d'usage.",
    ),
    Module(
        "comportements",
        "Changement de comportements",
        "Freins et leviers de chaque groupe d'acteurs, appuyés sur les sciences humaines.",
    ),
    Module(
        "vivant",
        "Lecture du vivant",
        "Le vivant non humain dans le diagnostic, le plan d'actions et la gouvernance "
        "(ex. parlement du vivant).",
    ),
    Module(
        "transition-juste",
        "Transition écologique juste",
        "Qui porte le coût, qui en bénéficie\u00a0: des transformations accessibles et acceptables "
        "pour tous.",
    ),
)
MODULE_CODES = tuple(module.code for module in MODULES)
MODULE_BY_CODE = {module.code: module for module in MODULES}
