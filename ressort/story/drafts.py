"""Drafts of the story's chapters, proposed from the démarche's own content: the past
shocks the team recorded (opendata.PastShock), the portrait's key messages, the shared
vision and the scenarios, the strategy's axes and actions, and the quotes of testimonies
whose speaker agreed to be named. The team rewrites them freely (ressort.story.models)."""

from __future__ import annotations

from collections.abc import Callable

from ressort.approaches.models import Approach
from ressort.story.models import ChapterKey


def _origins(approach: Approach) -> str:
    from ressort.opendata.models import PastShock

    shocks = list(PastShock.objects.filter(approach=approach).order_by("started_on", "pk")[:8])
    lines = [
        f"{approach.perimeter_name} ne part pas de rien\u00a0: son histoire est faite de "
        "transformations et d'épreuves traversées ensemble."
    ]
    for shock in shocks:
        when = f"En {shock.started_on:%Y}" if shock.started_on else "Un jour"
        lesson = f" Ce qu'on en a retenu : {shock.lessons.strip()}" if shock.lessons.strip() else ""
        lines.append(f"{when}, {shock.title.strip().rstrip('.')}.{lesson}")
    if not shocks:
        lines.append(
            "Racontez ici les grandes étapes du territoire et les chocs qu'il a vécus "
            "(inondations, fermetures d'usines, sécheresses…) : la page « Chocs passés » "
            "nourrit ce chapitre."
        )
    return "\n\n".join(lines)


def _present(approach: Approach) -> str:
    from ressort.portrait import documents as portrait_documents
    from ressort.portrait import portrait as pt

    messages = portrait_documents.key_messages(pt.build(approach))
    paragraphs = ["Le portrait de résilience, dressé avec les acteurs, dit ceci."]
    for title, items in messages:
        paragraphs.append(f"{title}\u00a0: " + "\u00a0; ".join(i.rstrip(".") for i in items) + ".")
    return "\n\n".join(paragraphs)


def _horizon(approach: Approach) -> str:
    from ressort.strategy import services as strategy
    from ressort.systems.models import Scenario

    vision = strategy.vision_for(approach)
    paragraphs = []
    if vision is not None and vision.text:
        horizon = f"À l'horizon {vision.horizon_year}, " if vision.horizon_year else ""
        paragraphs.append(f"{horizon}voici le territoire que nous voulons\u00a0: {vision.text}")
    else:
        paragraphs.append("La vision partagée n'est pas encore écrite (page «\u00a0Vision\u00a0»).")
    scenarios = list(Scenario.objects.filter(approach=approach).values_list("name", flat=True))
    if scenarios:
        paragraphs.append(
            "Pour s'y préparer, nous avons exploré plusieurs avenirs possibles\u00a0: "
            + ", ".join(f"«\u00a0{name}\u00a0»" for name in scenarios)
            + "."
        )
    return "\n\n".join(paragraphs)


def _path(approach: Approach) -> str:
    from ressort.strategy.models import ActionSheet, Axis

    axes = list(Axis.objects.filter(approach=approach).order_by("order"))
    if not axes:
        return "La stratégie n'a pas encore d'axe\u00a0: ce chapitre la racontera."
    paragraphs = [f"Notre chemin tient en {len(axes)} axe{'s' if len(axes) > 1 else ''}."]
    for axis in axes:
        actions = list(
            ActionSheet.objects.filter(objective__axis=axis)
            .exclude(status__in=("abandonnee",))
            .select_related("action")
            .order_by("objective__order", "order")[:3]
        )
        flagship = (
            " Parmi les actions\u00a0: " + "\u00a0; ".join(s.action.title for s in actions) + "."
            if actions
            else ""
        )
        paragraphs.append(f"{axis.title.rstrip('.')}.{flagship}")
    return "\n\n".join(paragraphs)


def _uncounted(approach: Approach) -> str:
    from ressort.fieldwork.models import Quote

    quotes = list(
        Quote.objects.filter(testimony__approach=approach, testimony__consent_recorded=True)
        .select_related("testimony")
        .order_by("testimony__spoken_on", "order")[:6]
    )
    if not quotes:
        return (
            "Les paroles des habitants trouveront place ici\u00a0: seules celles des personnes qui "
            "ont accepté d'être nommées sont reprises."
        )
    return "\n\n".join(f"« {q.text.strip()} » — {q.testimony.speaker_label}" for q in quotes)


DRAFTERS: dict[str, Callable[[Approach], str]] = {
    ChapterKey.ORIGINS: _origins,
    ChapterKey.PRESENT: _present,
    ChapterKey.HORIZON: _horizon,
    ChapterKey.PATH: _path,
    ChapterKey.UNCOUNTED: _uncounted,
}


def draft(approach: Approach, key: str) -> str:
    """The app's proposal for the chapter `key`, from the démarche's content."""
    if key not in DRAFTERS:
        raise ValueError(f"Chapitre inconnu\u00a0: «\u00a0{key}\u00a0».")
    return DRAFTERS[key](approach)
