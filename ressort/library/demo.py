"""Demo content of the library and the watch for the demo démarche (illustrative).

Six small documents written by Ressort itself for the demonstration (a PCAET and a PAPI as
PDF, a study as DOCX, a deliberation as ODT, a table of figures as XLSX, a map sketch as
PNG) plus a link; every file says it is illustrative. Two passages cited as evidence, the
PCAET's objectives and two actions checked against them; two weak signals turned into a
hazard and an idea, and a feed (not fetched in the demo).
"""

from __future__ import annotations

from datetime import date

from ressort.approaches.models import Approach
from ressort.library import samples, services
from ressort.library.models import Citation, DocumentKind, Passage, PlanObjective, Verdict

NOTICE = (
    "Document illustratif créé pour la démonstration de Ressort\u00a0: ce n'est pas un document "
    "officiel."
)


def _documents(approach: Approach) -> dict[str, object]:
    docs: dict[str, object] = {}
    docs["pcaet"] = services.add_document(
        approach,
        samples.minimal_pdf(
            [
                [
                    "PCAET de la Porte de l'Isere 2020-2026 (exemple)",
                    NOTICE,
                    "",
                    "Orientation 1 : reduire les consommations d'energie des batiments de 20 %.",
                    "Orientation 2\u00a0: adapter le territoire aux canicules et a la secheresse.",
                    "Orientation 3\u00a0: preserver la ressource en eau de la nappe de la Bourbre.",
                ],
                [
                    "Diagnostic de vulnerabilite (exemple)",
                    "Les etes 2019 et 2022 ont vu des arretes secheresse de plus de 60 jours.",
                    "Les ilots de chaleur touchent d'abord les quartiers denses de Villefontaine.",
                ],
            ]
        ),
        "pcaet-exemple.pdf",
        title="PCAET de la Porte de l'Isère 2020-2026 (exemple)",
        kind=DocumentKind.PCAET,
        issued_on=date(2020, 2, 10),
        author="Communauté d'agglomération (exemple)",
        scope="22 communes de l'agglomération",
    )
    docs["papi"] = services.add_document(
        approach,
        samples.minimal_pdf(
            [
                [
                    "PAPI de la Bourbre (exemple)",
                    NOTICE,
                    "Axe 5 : reduire la vulnerabilite des biens exposes aux crues de la Bourbre.",
                    "Les crues de 1993 et 2008 ont inonde plus de 200 habitations.",
                ]
            ]
        ),
        "papi-bourbre-exemple.pdf",
        title="PAPI de la Bourbre (exemple)",
        kind=DocumentKind.PAPI,
        issued_on=date(2019, 6, 1),
        author="Syndicat de rivière (exemple)",
        scope="Bassin versant de la Bourbre",
    )
    docs["etude"] = services.add_document(
        approach,
        samples.docx_bytes(
            [
                "Étude de la ressource en eau de la nappe (exemple)",
                NOTICE,
                "Les prélèvements d'été dépassent certaines années le volume disponible.",
                "Trois captages sur sept ont connu une baisse de niveau de plus d'un mètre.",
            ]
        ),
        "etude-nappe-exemple.docx",
        title="Étude de la ressource en eau (exemple)",
        kind=DocumentKind.STUDY,
        issued_on=date(2023, 9, 15),
        author="Bureau d'études (exemple)",
        scope="Nappe de la Bourbre",
    )
    docs["deliberation"] = services.add_document(
        approach,
        samples.odt_bytes(
            [
                "Délibération du conseil communautaire (exemple)",
                NOTICE,
                "Le conseil engage une démarche de résilience territoriale avec ses communes.",
            ]
        ),
        "deliberation-exemple.odt",
        title="Délibération engageant la démarche (exemple)",
        kind=DocumentKind.DELIBERATION,
        issued_on=date(2024, 3, 28),
        author="Conseil communautaire (exemple)",
    )
    docs["chiffres"] = services.add_document(
        approach,
        samples.xlsx_bytes(
            [
                ["Chiffres illustratifs de la démonstration — pas des données officielles"],
                ["Année", "Jours d'arrêté sécheresse (exemple)"],
                [2019, 64],
                [2022, 71],
                [2023, 38],
            ]
        ),
        "secheresse-exemple.xlsx",
        title="Jours d'arrêté sécheresse (tableau d'exemple)",
        kind=DocumentKind.STUDY,
        issued_on=date(2024, 1, 10),
        author="Équipe projet (exemple)",
    )
    docs["croquis"] = services.add_document(
        approach,
        samples.png_bytes(),
        "croquis-exemple.png",
        title="Croquis des îlots de chaleur (image d'exemple)",
        kind=DocumentKind.OTHER,
        issued_on=date(2024, 7, 2),
        author="Équipe projet (exemple)",
    )
    return docs


def build(approach: Approach) -> None:
    from ressort.actions.models import Action
    from ressort.fieldwork.models import Vulnerability

    docs = _documents(approach)
    services.add_link(
        approach,
        "https://www.georisques.gouv.fr/",
        title="Géorisques, le site national des risques (lien)",
        kind=DocumentKind.OTHER,
        author="État",
    )
    heat = Passage.objects.create(
        document=docs["pcaet"],  # type: ignore[misc]
        excerpt="Les îlots de chaleur touchent d'abord les quartiers denses de Villefontaine.",
        location="page 2 (exemple)",
    )
    services.cite(heat, "dimension:health")
    vulnerability = Vulnerability.objects.filter(approach=approach).first()
    if vulnerability is not None:
        services.cite(heat, f"{Citation.Target.VULNERABILITY}:{vulnerability.pk}")
    water = Passage.objects.create(
        document=docs["etude"],  # type: ignore[misc]
        excerpt="Trois captages sur sept ont connu une baisse de niveau de plus d'un mètre.",
        location="§ 2 (exemple)",
    )
    services.cite(water, "dimension:water")
    action = Action.objects.filter(approach=approach).order_by("pk").first()
    if action is not None:
        services.cite(water, f"{Citation.Target.ACTION}:{action.pk}")
    objectives = [
        PlanObjective.objects.create(document=docs["pcaet"], code=code, text=text, order=i)  # type: ignore[misc]
        for i, (code, text) in enumerate(
            [
                ("Orientation 1", "Réduire de 20 % les consommations d'énergie des bâtiments."),
                ("Orientation 2", "Adapter le territoire aux canicules et à la sécheresse."),
                ("Orientation 3", "Préserver la ressource en eau de la nappe de la Bourbre."),
            ],
            start=1,
        )
    ]
    PlanObjective.objects.create(
        document=docs["papi"],  # type: ignore[misc]
        code="Axe 5",
        text="Réduire la vulnérabilité des biens exposés aux crues.",
        order=1,
    )
    for action in Action.objects.filter(approach=approach).order_by("pk")[:2]:
        services.record_consistency(
            action, objectives[1], Verdict.COMPATIBLE, "Va dans le sens de l'orientation (exemple)."
        )
        services.record_consistency(action, objectives[0], Verdict.NEUTRAL, "")
    _watch(approach)


def _watch(approach: Approach) -> None:
    from ressort.fieldwork.models import Hazard
    from ressort.library.models import Feed, FeedItem, Signal

    feed = Feed.objects.create(
        approach=approach,
        title="Observatoire régional du climat (flux d'exemple)",
        url="https://observatoire.example.org/flux.xml",
        active=False,  # the demo never fetches it
        status="Flux d'exemple\u00a0: il n'est pas relevé dans la démonstration.",
    )
    item = FeedItem.objects.create(
        feed=feed,
        guid="urn:exemple:moustique-tigre",
        title="Le moustique tigre observé dans de nouvelles communes du Nord-Isère (exemple)",
        summary="Article illustratif : la carte de présence s'étend vers le nord du département.",
    )
    drought = Hazard.objects.filter(approach=None, code="secheresse").first()
    tiger = Signal.objects.create(
        approach=approach,
        title="Arrivée du moustique tigre (exemple)",
        kind=Signal.Kind.NEWS,
        description=item.summary,
        meaning="De nouvelles maladies vectorielles possibles\u00a0: prévention, démoustication, "
        "information des habitants (exemple).",
        noticed_by="Agente du service santé-environnement (exemple)",
        noticed_on=date(2026, 6, 12),
        dimensions=["health"],
        feed_item=item,
    )
    services.signal_to_hazard(tiger)
    wells = Signal.objects.create(
        approach=approach,
        title="Des particuliers creusent des puits (exemple)",
        kind=Signal.Kind.OBSERVATION,
        description="Plusieurs demandes de forage domestique en un été, signalées en mairie.",
        meaning="Une pression nouvelle sur la nappe, hors des volumes suivis (exemple).",
        noticed_by="Élu à l'eau (exemple)",
        noticed_on=date(2026, 8, 30),
        dimensions=["water"],
    )
    if drought is not None:
        wells.hazards.add(drought)
    services.signal_to_idea(wells)
    Signal.objects.create(
        approach=approach,
        title="Révision des seuils des arrêtés sécheresse (exemple)",
        kind=Signal.Kind.POLICY,
        meaning="Des restrictions plus fréquentes pour l'irrigation (exemple).",
        noticed_by="Chargée de mission (exemple)",
        noticed_on=date(2026, 10, 3),
        dimensions=["water", "food"],
    )
