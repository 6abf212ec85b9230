"""`ressort donnees catalogue <démarche> [--dimension CODE …]` adds the indicator catalogue;
`ressort donnees actualiser <démarche> [--source NOM …]` fetches the démarche's open data
now (for a cron or a systemd timer, or when the worker is not running)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.opendata import refresh
from ressort.opendata.catalogue import add_to_approach, load_catalogue
from ressort.opendata.connectors import REGISTRY


class Command(BaseCommand):
    help = "Données ouvertes : « catalogue <démarche> » ou « actualiser <démarche> »."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        catalogue = sub.add_parser("catalogue", help="Ajoute le catalogue d'indicateurs.")
        catalogue.add_argument("slug", help="identifiant de la démarche (dans son adresse)")
        catalogue.add_argument(
            "--dimension", action="append", default=[], help="code de dimension (répétable)"
        )
        update = sub.add_parser("actualiser", help="Récupère les données ouvertes maintenant.")
        update.add_argument("slug", help="identifiant de la démarche (dans son adresse)")
        update.add_argument(
            "--source", action="append", default=[], choices=sorted(REGISTRY), help="répétable"
        )

    def _approach(self, slug: str) -> Approach:
        approach = Approach.objects.filter(slug=slug).first()
        if approach is None:
            raise CommandError(f"Démarche «\u00a0{slug}\u00a0» introuvable.", returncode=2)
        return approach

    def handle(self, *args: Any, **options: Any) -> None:
        approach = self._approach(options["slug"])
        if options["action"] == "catalogue":
            codes = None
            if options["dimension"]:
                codes = [e.code for e in load_catalogue().for_dimensions(set(options["dimension"]))]
                if not codes:
                    raise CommandError(
                        "Aucun indicateur du catalogue pour : " + ", ".join(options["dimension"]),
                        returncode=2,
                    )
            result = add_to_approach(approach, codes)
            self.stdout.write(
                f"{len(result.created)} indicateurs ajoutés, {len(result.kept)} déjà présents."
            )
            return
        names = options["source"] or None
        records = refresh.refresh(approach, names)
        if not records:
            raise CommandError(
                "Aucun indicateur du catalogue n'a de source ouverte dans cette démarche\u00a0: "
                "«\u00a0ressort donnees catalogue " + approach.slug + "\u00a0» d'abord.",
                returncode=2,
            )
        failed = 0
        for record in records:
            self.stdout.write(f"{REGISTRY[record.connector].label}\u00a0: {record.message}")
            failed += record.status == record.Status.FAILED
        if failed:
            raise CommandError(f"{plural(failed, 'source')} en échec.", returncode=1)
