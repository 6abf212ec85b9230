"""Demo content of the public page: published, with every part but the adopted documents
(the team's choice, illustrative)."""

from __future__ import annotations

from ressort.approaches.models import Approach
from ressort.publication.models import Part, PublicPage


def build(approach: Approach) -> None:
    PublicPage.objects.get_or_create(
        approach=approach,
        defaults={
            "published": True,
            "parts": [p for p in Part.values if p != Part.DOCUMENTS],
            "introduction": (
                "Voici où en est la démarche de résilience de l'agglomération, et ce que sont "
                "devenues les idées que vous avez proposées en atelier. "
                "(Page d'exemple de la démonstration.)"
            ),
        },
    )
