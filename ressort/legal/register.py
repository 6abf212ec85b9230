"""The register of processing of personal data that Ressort implies (RGPD, article 30).

One entry per processing, naming the models that hold its data; the « Données
personnelles » page is drawn from it, and a test checks that every model holding personal
data (an e-mail address, a person's name, a photo, an answer, an account) is named here.
The authority that runs a démarche is the controller of its data; the operator of the
instance is its processor (article 28).
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC_TASK = (
    "Mission d'intérêt public de la collectivité qui conduit la démarche (article 6-1-e du RGPD)"
)


@dataclass(frozen=True, slots=True)
class Processing:
    title: str
    data: str
    people: str
    purpose: str
    basis: str
    retention: str
    models: tuple[str, ...]  # app_label.ModelName


# Fields that only record who did something in the app: covered by the traceability entry
# wherever they appear.
TRACE_FIELDS = frozenset({"created_by", "requested_by", "loaded_by", "invited_by", "updated_by"})

REGISTER: tuple[Processing, ...] = (
    Processing(
        "Comptes et membres des démarches",
        "Nom, prénom, adresse électronique, mot de passe chiffré, rôle dans chaque démarche, "
        "invitations envoyées\u00a0; pour ProConnect, l'identifiant de l'agent et le SIRET de son "
        "organisation.",
        "Agents des collectivités, personnes qui les accompagnent, partenaires.",
        "Se connecter, donner à chacun les droits de son rôle, inviter de nouveaux membres.",
        PUBLIC_TASK,
        "Tant que le compte existe\u00a0; une invitation non acceptée expire au bout du délai "
        "configuré (14 jours par défaut).",
        (
            "accounts.User",
            "accounts.ProConnectIdentity",
            "approaches.Membership",
            "approaches.Invitation",
            "approaches.MethodStep",  # who closed a step by hand
        ),
    ),
    Processing(
        "Gouvernance des démarches",
        "Nom, fonction, organisation et adresse électronique des membres des instances "
        "(binôme, équipe, comité de pilotage, acteurs à mobiliser)\u00a0; personnes présentes aux "
        "comités et destinataires des récapitulatifs de suivi\u00a0; commentaires des membres "
        "et des partenaires sur les fiches actions et les axes (auteur, texte, date).",
        "Élus, agents et partenaires associés à la démarche.",
        "Organiser la gouvernance et le pilotage de la démarche.",
        PUBLIC_TASK,
        "Durée de la démarche, puis la durée de conservation fixée par la démarche.",
        (
            "approaches.GovernanceMember",
            "monitoring.Meeting",
            "monitoring.DigestDelivery",
            "strategy.ActionSheet",
            "strategy.Comment",
        ),
    ),
    Processing(
        "Témoignages et entretiens",
        "Ce que la personne a dit, sa catégorie (sans la nommer), son nom seulement avec son "
        "accord, la trace de cet accord (date, forme), les notes d'entretien et les citations.",
        "Habitants et acteurs du territoire interrogés.",
        "Fonder le portrait de résilience sur le vécu du territoire.",
        "Consentement de la personne pour être nommée (article 6-1-a)\u00a0; mission d'intérêt "
        "public pour les propos non nominatifs.",
        "Durée de conservation fixée par la démarche, puis effacement\u00a0; la personne peut "
        "demander l'accès ou l'effacement à tout moment.",
        ("fieldwork.Testimony", "fieldwork.Quote", "legal.ConsentRecord"),
    ),
    Processing(
        "Observations de terrain et photos",
        "Notes d'observation, lieu, photos (où des visages peuvent apparaître\u00a0; la position "
        "et les métadonnées de l'appareil sont retirées du fichier), parcours des marches "
        "(trace GPS) et leurs participants, annotations de photo-interprétation.",
        "Personnes photographiées, agents qui observent, participants des marches.",
        "Documenter le diagnostic en marchant et le portrait.",
        PUBLIC_TASK,
        "Durée de conservation fixée par la démarche ; les photos restent privées à la démarche.",
        (
            "fieldwork.Observation",
            "fieldwork.Photo",
            "fieldwork.Walk",
            "aerial.Annotation",
            "aerial.GeoImage",
        ),
    ),
    Processing(
        "Participation aux ateliers et consultations",
        "Pseudonyme et catégorie facultatifs, réponses (idées, notes, votes, positions), "
        "jeton aléatoire dans un cookie\u00a0; aucun compte ni adresse électronique.",
        "Habitants et participants aux ateliers.",
        "Recueillir et compter les contributions des participants.",
        PUBLIC_TASK,
        "Durée de conservation fixée par la démarche\u00a0; les résultats agrégés restent après "
        "l'effacement des réponses individuelles.",
        (
            "workshops.Participant",
            "workshops.Answer",
            "frameworks.PriorityVote",
            "portrait.GridAnswer",
            "governance.MactorPosition",
        ),
    ),
    Processing(
        "Acteurs du territoire",
        "Nom de la personne contact d'un acteur et son adresse électronique\u00a0; parties d'un "
        "conflit et positions exprimées.",
        "Représentants des acteurs du territoire.",
        "Cartographier les acteurs, leurs relations, et travailler les conflits.",
        PUBLIC_TASK,
        "Durée de la démarche, puis la durée de conservation fixée par la démarche.",
        ("governance.Actor", "governance.ConflictParty"),
    ),
    Processing(
        "Traçabilité des modifications",
        "Qui a créé, modifié, supprimé ou demandé quoi, et quand (historique des fiches, "
        "indicateurs, décisions ; documents demandés ; suggestions de dimensions acceptées).",
        "Membres des démarches.",
        "Savoir qui a changé quoi, revenir en arrière, rendre compte au comité de pilotage.",
        PUBLIC_TASK,
        "Durée de la démarche.",
        ("frameworks.GridChange", "fieldwork.TagDecision"),
    ),
    Processing(
        "Sécurité de la connexion",
        "Adresse IP, identifiant saisi, date des tentatives de connexion échouées.",
        "Toute personne qui tente de se connecter.",
        "Bloquer les tentatives de connexion en force.",
        "Obligation de sécurité du responsable de traitement (article 32 du RGPD).",
        "Effacement au déverrouillage, au plus tard après 15 minutes sans nouvelle tentative "
        "pour le blocage\u00a0; journal des tentatives purgé par l'administrateur.",
        ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
    ),
    Processing(
        "Parlement du vivant",
        "Nom de la personne qui parle au nom d'une entité non humaine (facultatif), ses "
        "déclarations et ses positions sur les actions.",
        "Participants aux séances du parlement du vivant.",
        "Consigner les voix du vivant non humain dans la démarche, à part des voix humaines.",
        PUBLIC_TASK,
        "Durée de la démarche, puis la durée de conservation fixée par la démarche.",
        ("living.Spokesperson",),
    ),
    Processing(
        "Bibliothèque et veille de la démarche",
        "Auteur des documents apportés (souvent un organisme, parfois une personne), nom de la "
        "personne qui a repéré un signal faible de veille.",
        "Agents, élus et partenaires qui apportent des documents ou notent des signaux\u00a0; "
        "auteurs des documents.",
        "Réunir les documents du territoire comme preuves, tenir le registre de veille.",
        PUBLIC_TASK,
        "Durée de la démarche, puis la durée de conservation fixée par la démarche.",
        ("library.Document", "library.Signal"),
    ),
    Processing(
        "Participation et acceptabilité (transition juste)",
        "Pour chaque personne venue à un atelier ou ayant répondu à une consultation, sans son "
        "nom : tranche d'âge, commune, catégorie déclarée, réponses d'acceptabilité ; tout est "
        "facultatif. Anonyme, mais une petite commune peut rendre une personne reconnaissable.",
        "Participants aux ateliers et consultations.",
        "Comparer qui participe à la population, pour aller vers ceux qui manquent\u00a0; mesurer "
        "l'acceptabilité des mesures par groupe.",
        PUBLIC_TASK,
        "Durée de la démarche.",
        ("justice.Participation", "justice.AcceptabilityAnswer"),
    ),
    Processing(
        "Formation des élus, agents et partenaires",
        "Nom, public (élu, direction, agent, partenaire) et service des participants aux "
        "sessions de formation\u00a0; présence\u00a0; auto-évaluation avant et après la session et "
        "satisfaction\u00a0; engagements pris en formation-action.",
        "Élus, agents et partenaires inscrits aux sessions, membres ou non de la démarche.",
        "Organiser les sessions, délivrer les feuilles d'émargement et les attestations, "
        "suivre la part des publics formés et leur progression.",
        PUBLIC_TASK,
        "Durée de la démarche, puis la durée de conservation fixée par la démarche.",
        ("training.Attendee", "training.Commitment"),
    ),
)


def models_in_register() -> set[str]:
    return {label for entry in REGISTER for label in entry.models}
