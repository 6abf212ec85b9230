"""Demo content of fieldwork for the demo démarche (illustrative, labelled as such).

The places are real communes and sites of the Communauté d'agglomération Porte de l'Isère
(CAPI); what was observed and said there is invented for the demonstration, and every text
says « (illustratif) » where it could be taken for a real account. The démarche's layout
also shows the demo banner on every page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ressort.approaches.models import Approach
from ressort.fieldwork import services
from ressort.fieldwork.models import (
    Hazard,
    Nature,
    Observation,
    Photo,
    Quote,
    Resource,
    TagDecision,
    Testimony,
    Vulnerability,
    Walk,
)

LABEL = " (contenu illustratif de la démonstration)"

# title, text, date, place, lat, lon, nature, themes, dimensions
OBSERVATIONS: list[tuple[str, str, date, str, float, float, str, list[str], list[str]]] = [
    (
        "La Bourbre presque à sec sous le pont Saint-Michel",
        "Fin juillet, filet d'eau sous le pont, galets à nu, odeur de vase. Les riverains "
        "disent ne l'avoir jamais vue aussi basse.",
        date(2026, 7, 24),
        "Bourgoin-Jallieu, pont Saint-Michel",
        45.5905,
        5.2790,
        Nature.VULNERABILITY,
        ["eau", "biodiversite"],
        ["water", "freshwater", "biodiversity"],
    ),
    (
        "Cour d'école minérale en plein soleil",
        "Cour entièrement goudronnée, deux arbres seulement ; à 11 h le thermomètre de "
        "l'enseignante affichait 41 °C au sol.",
        date(2026, 6, 30),
        "L'Isle-d'Abeau, groupe scolaire du centre",
        45.6195,
        5.2270,
        Nature.VULNERABILITY,
        ["sante", "risques"],
        ["health", "climate_change", "education", "L1.3"],
    ),
    (
        "Entrepôts logistiques en bordure des terres agricoles",
        "Trois nouveaux bâtiments depuis 2024 le long de la route ; file de camions à "
        "l'heure de la relève, parkings saturés.",
        date(2026, 5, 12),
        "Saint-Quentin-Fallavier, zone de Chesnes",
        45.6440,
        5.1130,
        Nature.VULNERABILITY,
        ["economie", "mobilite", "biodiversite"],
        ["land_conversion", "air_pollution", "income_work"],
    ),
    (
        "Lac de Saint-Bonnet très fréquenté pendant la canicule",
        "Plusieurs centaines de personnes en soirée, familles des quartiers voisins ; "
        "l'ombre manque sur la plage, pas de point d'eau potable visible.",
        date(2026, 7, 18),
        "Villefontaine, lac de Saint-Bonnet",
        45.6175,
        5.1580,
        Nature.RESOURCE,
        ["sante", "cohesion", "biodiversite"],
        ["health", "social_equity", "L2.2"],
    ),
    (
        "Marché du samedi : peu de producteurs locaux",
        "Sur 40 étals, 6 producteurs du Nord-Isère ; les autres revendent des produits de "
        "grossistes. Une maraîchère de Ruy-Montceau dit être la dernière de sa commune.",
        date(2026, 4, 11),
        "Bourgoin-Jallieu, place du marché",
        45.5863,
        5.2736,
        Nature.VULNERABILITY,
        ["alimentation", "economie"],
        ["food", "L5.3"],
    ),
    (
        "Jardins familiaux des Fougères",
        "Une cinquantaine de parcelles cultivées, récupérateurs d'eau de pluie, échanges de "
        "semences ; liste d'attente affichée à l'entrée.",
        date(2026, 6, 6),
        "Villefontaine, jardins familiaux",
        45.6090,
        5.1480,
        Nature.RESOURCE,
        ["alimentation", "cohesion"],
        ["food", "networks", "L2.1"],
    ),
    (
        "Copropriété des années 1970 aux façades non isolées",
        "Simple vitrage d'origine, traces d'humidité, chauffage collectif au gaz ; "
        "affiche d'une réunion sur les charges de chauffage.",
        date(2026, 2, 3),
        "Villefontaine, quartier des Roches",
        45.6150,
        5.1440,
        Nature.VULNERABILITY,
        ["logement", "energie"],
        ["housing", "energy", "social_equity"],
    ),
    (
        "Marais de la Bourbre, zone humide en eau",
        "Roselières et prairies humides encore en eau fin juin ; hérons, libellules. Un "
        "panneau rappelle son rôle d'éponge lors des crues.",
        date(2026, 6, 27),
        "L'Isle-d'Abeau, marais de la Bourbre",
        45.6050,
        5.2400,
        Nature.RESOURCE,
        ["eau", "biodiversite", "risques"],
        ["biodiversity", "water", "L4.1"],
    ),
    (
        "Ruissellement sur la route après l'orage",
        "Coulée de boue depuis le champ de maïs en amont, chaussée coupée une heure, "
        "avaloirs bouchés.",
        date(2026, 8, 14),
        "Nivolas-Vermelle, route de Châteauvilain",
        45.5580,
        5.3050,
        Nature.VULNERABILITY,
        ["risques", "eau"],
        ["climate_change", "L4.1", "L3.1"],
    ),
    (
        "Tiers-lieu de réparation dans l'ancienne usine textile",
        "Atelier vélo, café réparation, ressourcerie ; une vingtaine de bénévoles, dont "
        "d'anciens ouvriers du textile qui transmettent leur savoir-faire.",
        date(2026, 3, 21),
        "Bourgoin-Jallieu, quartier de Jallieu",
        45.5950,
        5.2850,
        Nature.RESOURCE,
        ["economie", "cohesion"],
        ["income_work", "L2.1", "L6.2"],
    ),
]

# category, detail, date, source, place, felt, uses, practices, quotes [(text, codes)]
TESTIMONIES: list[tuple[str, str, date, str, str, str, str, str, list[tuple[str, list[str]]]]] = [
    (
        "agriculteur",
        "maraîchère",
        date(2026, 3, 10),
        "Entretien individuel",
        "Ruy-Montceau",
        "Inquiète pour l'eau : le forage baisse chaque été, l'irrigation coûte de plus en plus.",
        "Vend au marché de Bourgoin et à deux AMAP.",
        "Paille sur les planches, goutte-à-goutte, variétés anciennes moins gourmandes en eau.",
        [
            (
                "Mon forage a baissé de deux mètres en trois ans, je ne sais pas combien de "
                "temps je tiendrai.",
                ["water", "freshwater", "food"],
            ),
            (
                "Les jeunes ne reprennent pas les fermes, la terre part en lotissements.",
                ["land_conversion", "food"],
            ),
        ],
    ),
    (
        "habitant",
        "retraitée vivant seule",
        date(2026, 7, 20),
        "Porte-à-porte pendant la canicule",
        "L'Isle-d'Abeau",
        "A eu très chaud dans son appartement sous les toits ; a peur de sortir.",
        "Reste chez elle, volets fermés ; sa voisine lui fait les courses.",
        "Linge mouillé devant le ventilateur.",
        [
            (
                "La nuit il fait 30 degrés dans la chambre, je ne dors plus.",
                ["health", "housing", "climate_change"],
            ),
            (
                "Heureusement que la mairie m'a appelée, sinon personne ne serait venu.",
                ["L2.2", "networks"],
            ),
        ],
    ),
    (
        "elu",
        "adjoint à l'urbanisme d'une commune",
        date(2026, 2, 17),
        "Entretien individuel",
        "Villefontaine",
        "Sent la pression des projets logistiques et la difficulté à dire non à l'emploi.",
        "",
        "Commence à exiger des toitures solaires et des arbres sur les parkings.",
        [
            (
                "On nous propose des entrepôts toutes les semaines, et chaque fois c'est des "
                "emplois promis.",
                ["land_conversion", "income_work"],
            ),
            (
                "On continue à construire comme si les canicules n'existaient pas.",
                ["L1.3", "climate_change"],
            ),
        ],
    ),
    (
        "agent",
        "technicien du service de l'eau",
        date(2026, 3, 3),
        "Entretien individuel",
        "Bourgoin-Jallieu",
        "Préoccupé par la dépendance de plusieurs communes à un seul captage.",
        "Suit les niveaux de la nappe chaque semaine en été.",
        "Plan de recherche de fuites sur les réseaux anciens.",
        [
            (
                "Si le captage principal est pollué, trois communes n'ont plus d'eau au robinet.",
                ["water", "L4.1", "L3.1"],
            ),
            ("On perd encore près d'un litre sur cinq dans les fuites.", ["water", "freshwater"]),
        ],
    ),
    (
        "acteur_economique",
        "dirigeant d'une PME de mécanique",
        date(2026, 4, 8),
        "Entretien individuel",
        "Saint-Quentin-Fallavier",
        "Le prix de l'énergie a failli couler l'entreprise en 2022.",
        "Fait venir ses pièces d'Asie et d'Allemagne.",
        "A installé des panneaux solaires et cherche des fournisseurs plus proches.",
        [
            (
                "En 2022 la facture d'électricité a été multipliée par quatre, on a failli fermer.",
                ["energy", "income_work"],
            ),
            (
                "Quand un cargo est bloqué, ma chaîne s'arrête trois semaines après.",
                ["L3.1", "income_work"],
            ),
        ],
    ),
    (
        "association",
        "bénévole d'une épicerie solidaire",
        date(2026, 1, 26),
        "Entretien collectif",
        "Villefontaine",
        "Voit arriver des familles qui travaillent mais ne s'en sortent plus.",
        "Distribution deux fois par semaine.",
        "Partenariats avec des maraîchers pour les invendus.",
        [
            (
                "Maintenant on voit des salariés, pas seulement des gens au chômage.",
                ["food", "income_work", "social_equity"],
            ),
            (
                "Les mamans seules sont les plus nombreuses à venir.",
                ["gender_equality", "social_equity"],
            ),
        ],
    ),
    (
        "jeune",
        "lycéen",
        date(2026, 5, 15),
        "Atelier au lycée",
        "Bourgoin-Jallieu",
        "Se sent peu écouté par les adultes sur le climat.",
        "Prend le bus et le train pour aller à Lyon.",
        "",
        [
            (
                "On nous demande jamais notre avis, alors que c'est nous qui vivrons ici en 2050.",
                ["political_voice", "L1.1"],
            ),
            ("Le dernier bus passe à 20 h, après on est coincés.", ["networks"]),
        ],
    ),
    (
        "habitant",
        "père de famille, quartier de Champfleuri",
        date(2026, 6, 12),
        "Marche exploratoire",
        "Bourgoin-Jallieu",
        "Fier de son quartier mais fatigué par le bruit et la chaleur.",
        "Va au parc avec ses enfants le soir.",
        "",
        [
            (
                "Le parc c'est notre climatisation, le soir tout le monde descend.",
                ["health", "L2.2"],
            ),
            ("Les charges de chauffage ont explosé, on chauffe moins.", ["energy", "housing"]),
        ],
    ),
    (
        "service_public",
        "cadre de santé du centre hospitalier",
        date(2026, 4, 22),
        "Entretien individuel",
        "Bourgoin-Jallieu",
        "Les urgences saturent à chaque épisode de chaleur ; le recrutement est difficile.",
        "",
        "Plan blanc activé deux fois en deux ans.",
        [
            (
                "Chaque canicule, les urgences débordent de personnes âgées déshydratées.",
                ["health", "L4.2"],
            ),
            ("On n'arrive plus à recruter d'infirmières, elles partent à Lyon.", ["health"]),
        ],
    ),
    (
        "agriculteur",
        "éleveur laitier",
        date(2026, 8, 30),
        "Entretien individuel",
        "Saint-Savin",
        "La sécheresse a obligé à acheter du fourrage dès août.",
        "Prairies et maïs ensilage.",
        "Essaie des mélanges de prairies plus résistants à la sécheresse.",
        [
            (
                "Cette année on a entamé les stocks d'hiver en plein mois d'août.",
                ["food", "climate_change"],
            ),
            ("On essaie des semences plus résistantes, on verra si ça tient.", ["L6.2", "food"]),
        ],
    ),
    (
        "elu",
        "maire d'une commune rurale",
        date(2026, 3, 24),
        "Entretien individuel",
        "Éclose-Badinières",
        "Attaché à la solidarité du village, inquiet de l'isolement des personnes âgées.",
        "",
        "Registre des personnes fragiles tenu à jour par le CCAS.",
        [
            (
                "Dans un village, on sait qui est seul : c'est notre force en cas de crise.",
                ["L2.2", "networks"],
            ),
            ("Le plan communal de sauvegarde, il faudrait qu'on le teste vraiment.", ["L4.3"]),
        ],
    ),
    (
        "association",
        "animatrice d'une association de protection de la nature",
        date(2026, 5, 28),
        "Marche exploratoire",
        "L'Isle-d'Abeau",
        "Émerveillée par le marais, en colère contre les remblais illégaux.",
        "Organise des sorties nature avec les écoles.",
        "Chantiers bénévoles d'arrachage des plantes invasives.",
        [
            (
                "Le marais absorbe les crues, c'est la meilleure assurance de la vallée.",
                ["biodiversity", "water", "L4.1"],
            ),
            (
                "L'ambroisie envahit les bords de route et les allergies augmentent.",
                ["biodiversity", "health"],
            ),
        ],
    ),
]

# title, description, severity, place, lat, lon, dimensions, hazards, observation titles
VULNERABILITIES: list[
    tuple[str, str, int, str, float | None, float | None, list[str], list[str], list[int]]
] = [
    (
        "Dépendance de plusieurs communes à un captage unique",
        "Trois communes alimentées par un seul captage et une seule conduite principale.",
        4,
        "Nord-Isère, captage principal",
        45.6020,
        5.2150,
        ["water", "L4.1"],
        ["secheresse", "pollution_eau", "panne_reseaux"],
        [0],
    ),
    (
        "Îlots de chaleur dans les centres et les cours d'école",
        "Sols minéralisés, peu d'arbres ; nuits chaudes dans les logements sous les toits.",
        3,
        "L'Isle-d'Abeau, Bourgoin-Jallieu",
        45.6190,
        5.2280,
        ["health", "climate_change", "housing"],
        ["canicule"],
        [1],
    ),
    (
        "Déclin des exploitations maraîchères",
        "Peu de reprises, pression foncière, forages en baisse : l'approvisionnement local recule.",
        3,
        "Ruy-Montceau, plaine de la Bourbre",
        45.5880,
        5.3390,
        ["food", "land_conversion"],
        ["secheresse", "rupture_approvisionnement"],
        [4],
    ),
    (
        "Dépendance à l'emploi logistique",
        "Une part importante des emplois du bassin dans quelques grandes plateformes.",
        3,
        "Saint-Quentin-Fallavier",
        45.6440,
        5.1130,
        ["income_work", "L3.1"],
        ["perte_employeur", "choc_prix_energie"],
        [2],
    ),
    (
        "Précarité énergétique dans les copropriétés anciennes",
        "Logements des années 1970 mal isolés, chauffage collectif au gaz.",
        3,
        "Villefontaine",
        45.6150,
        5.1440,
        ["energy", "housing", "social_equity"],
        ["choc_prix_energie", "vague_froid", "canicule"],
        [6],
    ),
    (
        "Ruissellement et coulées de boue sur les versants agricoles",
        "Sols nus au printemps, fossés comblés ; routes coupées lors des orages.",
        2,
        "Nivolas-Vermelle",
        45.5580,
        5.3050,
        ["climate_change", "L4.1"],
        ["inondation", "tempete"],
        [8],
    ),
    (
        "Saturation des urgences hospitalières pendant les vagues de chaleur",
        "Un seul centre hospitalier pour le bassin, difficultés de recrutement.",
        3,
        "Bourgoin-Jallieu, centre hospitalier",
        45.5985,
        5.2595,
        ["health", "L4.2"],
        ["canicule", "pandemie"],
        [],
    ),
    (
        "Isolement des personnes âgées dans les communes rurales",
        "Peu de transports, commerces éloignés ; le repérage repose sur les mairies.",
        2,
        "Communes rurales de l'agglomération",
        None,
        None,
        ["networks", "L2.2"],
        ["canicule", "pandemie", "vague_froid"],
        [],
    ),
]

RESOURCES: list[
    tuple[str, str, int, str, float | None, float | None, list[str], list[str], list[int]]
] = [
    (
        "Marais de la Bourbre",
        "Zone humide qui stocke l'eau des crues et abrite une biodiversité remarquable.",
        4,
        "L'Isle-d'Abeau, marais de la Bourbre",
        45.6050,
        5.2400,
        ["biodiversity", "water", "L4.1"],
        ["inondation", "secheresse"],
        [7],
    ),
    (
        "Jardins familiaux et partagés",
        "Des centaines de parcelles cultivées, savoir-faire et entraide.",
        3,
        "Villefontaine, Bourgoin-Jallieu",
        45.6090,
        5.1480,
        ["food", "networks", "L2.1"],
        ["rupture_approvisionnement", "choc_prix_energie"],
        [5],
    ),
    (
        "Lac de Saint-Bonnet, îlot de fraîcheur",
        "Espace de baignade et d'ombre ouvert à tous pendant les canicules.",
        3,
        "Villefontaine",
        45.6175,
        5.1580,
        ["health", "social_equity"],
        ["canicule"],
        [3],
    ),
    (
        "Tissu associatif et tiers-lieux de réparation",
        "Ressourcerie, café réparation, bénévoles : réemploi et transmission.",
        2,
        "Bourgoin-Jallieu, Jallieu",
        45.5950,
        5.2850,
        ["income_work", "L2.1", "L6.2"],
        ["rupture_approvisionnement", "crise_financiere"],
        [9],
    ),
    (
        "Solidarités de voisinage et registres communaux",
        "Dans les villages, les mairies et les voisins savent qui est seul.",
        3,
        "Communes rurales de l'agglomération",
        None,
        None,
        ["networks", "L2.2"],
        ["canicule", "pandemie"],
        [],
    ),
    (
        "Savoir-faire industriel du Nord-Isère",
        "Tradition textile et mécanique, PME capables de produire localement.",
        2,
        "Bourgoin-Jallieu, Saint-Quentin-Fallavier",
        None,
        None,
        ["income_work", "L5.3"],
        ["rupture_approvisionnement", "perte_employeur"],
        [],
    ),
]


@transaction.atomic
def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    services.load_hazards()
    hazards = {h.code: h for h in Hazard.objects.filter(approach=None)}
    author = get_user_model().objects.filter(memberships__approach=approach).order_by("pk").first()
    observations = []
    for title, text, day, place, lat, lon, nature, themes, dims in OBSERVATIONS:
        observations.append(
            Observation.objects.create(
                approach=approach,
                title=title,
                text=text + LABEL,
                observed_on=day,
                place_name=place,
                latitude=lat,
                longitude=lon,
                nature=nature,
                themes=themes,
                dimensions=dims,
                author=author,
            )
        )
    testimonies = []
    for cat, detail, day, source, place, felt, uses, practices, quotes in TESTIMONIES:
        testimony = Testimony.objects.create(
            approach=approach,
            speaker_category=cat,
            speaker_detail=detail,
            spoken_on=day,
            source=source,
            place_name=place,
            felt=felt + LABEL,
            uses=uses,
            practices=practices,
            author=author,
        )
        testimonies.append(testimony)
        for order, (text, codes) in enumerate(quotes):
            quote = Quote.objects.create(
                testimony=testimony, text=text, dimensions=codes, order=order
            )
            # The first tag of each quote stands for one a person confirmed from a
            # suggestion: the démarche's tagger learns from it.
            TagDecision.objects.create(
                approach=approach,
                quote=quote,
                text=text,
                code=codes[0],
                accepted=True,
                user=author,
            )
    for model, rows, level in (
        (Vulnerability, VULNERABILITIES, "severity"),
        (Resource, RESOURCES, "strength"),
    ):
        for index, (title, desc, value, place, lat, lon, dims, hazard_codes, obs) in enumerate(
            rows
        ):
            item = model.objects.create(
                approach=approach,
                title=title,
                description=desc + LABEL,
                place_name=place,
                latitude=lat,
                longitude=lon,
                dimensions=dims,
                **{level: value},
            )
            item.hazards.set([hazards[c] for c in hazard_codes])
            item.observations.set([observations[i] for i in obs])
            # Testimonies whose quotes share a dimension with the item, two at most.
            related = [
                t for t in testimonies if any(set(q.dimensions) & set(dims) for q in t.quotes.all())
            ]
            item.testimonies.set(related[index % 2 : index % 2 + 2])
    _walk(approach, author, observations)
    _photos(observations)


# Illustrative photos drawn for the project at build time (Pillow), so the demo shows photos
# without anyone's picture: our own drawings, given under the CC0 1.0 licence.
PHOTO_LICENCE = "Illustration dessinée pour Ressort, domaine public (CC0 1.0) — exemple illustratif"


def _drawing(scene: str) -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (170, 205, 235))  # sky
    d = ImageDraw.Draw(image)
    if scene == "riviere":
        d.rectangle([0, 300, 960, 640], fill=(120, 150, 80))  # banks
        d.polygon([(380, 640), (600, 640), (520, 300), (470, 300)], fill=(160, 140, 110))  # bed
        d.polygon([(460, 640), (510, 640), (497, 300), (490, 300)], fill=(90, 130, 170))  # trickle
        for x in range(400, 600, 23):
            d.ellipse([x, 560 - (x % 7) * 20, x + 14, 570 - (x % 7) * 20], fill=(200, 195, 185))
        d.rectangle([300, 260, 660, 290], fill=(110, 110, 115))  # bridge
    elif scene == "cour":
        d.rectangle([0, 330, 960, 640], fill=(70, 70, 75))  # asphalt
        d.rectangle([80, 140, 880, 330], fill=(220, 200, 170))  # school
        for x in range(120, 860, 110):
            d.rectangle([x, 190, x + 60, 260], fill=(120, 160, 190))
        for x in (200, 760):
            d.rectangle([x - 8, 360, x + 8, 470], fill=(100, 70, 40))
            d.ellipse([x - 60, 280, x + 60, 380], fill=(60, 120, 60))
        d.ellipse([820, 30, 900, 110], fill=(255, 220, 80))  # sun
    else:  # entrepots
        d.rectangle([0, 400, 960, 640], fill=(150, 170, 90))  # fields
        for x in (40, 360, 680):
            d.rectangle([x, 230, x + 260, 400], fill=(200, 200, 205))
            d.rectangle([x, 220, x + 260, 235], fill=(150, 150, 160))
        d.rectangle([0, 400, 960, 450], fill=(90, 90, 95))  # road
        for x in range(30, 960, 120):
            d.rectangle([x, 415, x + 70, 440], fill=(230, 230, 230))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _photos(observations: list[Observation]) -> None:
    from django.core.files.base import ContentFile

    scenes = {
        "La Bourbre": ("riviere", "La Bourbre presque à sec sous le pont (dessin illustratif)"),
        "Cour d'école": ("cour", "Une cour goudronnée en plein soleil (dessin illustratif)"),
        "Entrepôts": ("entrepots", "Entrepôts en bordure des champs (dessin illustratif)"),
    }
    for observation in observations:
        for start, (scene, description) in scenes.items():
            if observation.title.startswith(start):
                photo = Photo(
                    observation=observation,
                    width=960,
                    height=640,
                    description=f"{description}. {PHOTO_LICENCE}"[:300],
                    in_portrait=True,
                )
                photo.image.save("photo.jpg", ContentFile(_drawing(scene)), save=False)
                photo.save()


# The demo walk: an illustrative loop through Bourgoin-Jallieu, from the market square to the
# Bourbre under the pont Saint-Michel and back (lon, lat), passing two demo observations.
WALK_ROUTE = [
    (5.2736, 45.5863),
    (5.2748, 45.5872),
    (5.2761, 45.5884),
    (5.2775, 45.5895),
    (5.2790, 45.5905),
    (5.2802, 45.5899),
    (5.2796, 45.5884),
    (5.2778, 45.5870),
    (5.2755, 45.5861),
    (5.2736, 45.5863),
]


def _walk(approach: Approach, author: Any, observations: list[Observation]) -> None:
    from ressort.analysis.measure import Shape, measure

    walk = Walk.objects.create(
        approach=approach,
        title="Marche exploratoire du centre à la Bourbre",
        walked_on=date(2026, 7, 24),
        participants="2 élus, 1 agente des espaces verts, 7 habitants du quartier"
        " (exemple illustratif)",
        notes="Départ place du marché, retour par les berges." + LABEL,
        route=[list(p) for p in WALK_ROUTE],
        length_m=round(measure(Shape.LINE, WALK_ROUTE).length_m, 1),
        source="gpx",
        author=author,
    )
    walk.observations.set([o for o in observations if o.place_name.startswith("Bourgoin-Jallieu")])
