"""Demo content of the documents app: the demo's mid-term evaluation adopted, its
deliberation marked « (exemple) »."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from ressort.approaches.models import Approach
from ressort.documents import adoption, pdf


def build(approach: Approach) -> None:
    from ressort.monitoring.models import Evaluation

    evaluation = Evaluation.objects.filter(approach=approach).order_by("date").first()
    if evaluation is None:
        return
    deliberation = pdf.write(
        pdf.html(
            '<html lang="fr"><head><title>Délibération 2026-118 (exemple)</title></head><body>'
            "<h1>Délibération n° 2026-118 (exemple)</h1><p>Le conseil communautaire adopte "
            "l'évaluation à mi-parcours de la démarche de résilience. Document illustratif de "
            "la démonstration.</p></body></html>"
        )
    )
    adoption.adopt(
        approach,
        f"evaluation:{evaluation.pk}",
        deliberation_date=date(2026, 10, 6),
        deliberation_number="2026-118 (exemple)",
        assembly="conseil communautaire",
        deliberation=ContentFile(deliberation, name="deliberation.pdf"),
    )
