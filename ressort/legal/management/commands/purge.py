"""`ressort purge`: erase the personal data past each démarche's retention period.

Without `--apply` it only says what it would erase (a dry run); with `--apply` it erases.
The register of processing (« Données personnelles ») states these periods; the background
worker runs the same purge on RESSORT_PURGE_SCHEDULE (ressort.legal.tasks).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ressort.analysis.typography import plural
from ressort.legal.personal_data import purge


class Command(BaseCommand):
    help = (
        "Efface les données personnelles (témoignages, photos, participations aux ateliers) "
        "plus anciennes que la durée de conservation de chaque démarche. Sans --apply\u00a0: "
        "simulation, rien n'est effacé."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="effacer pour de bon (sinon\u00a0: simulation)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        apply = bool(options["apply"])
        lines = purge(apply=apply)
        verb = "effacés" if apply else "à effacer (simulation\u00a0: relancez avec --apply)"
        touched = [line for line in lines if line.anything]
        for line in touched:
            self.stdout.write(
                f"«\u00a0{line.approach.name}\u00a0» (conservation {line.months} mois, avant le "
                f"{line.before:%d/%m/%Y})\u00a0: {plural(line.testimonies, 'témoignage')}, "
                f"{plural(line.photos, 'photo')}, {plural(line.participants, 'participation')} "
                f"et {plural(line.answers, 'réponse')} {verb}."
            )
        if not touched:
            self.stdout.write("Aucune donnée personnelle n'a dépassé sa durée de conservation.")
