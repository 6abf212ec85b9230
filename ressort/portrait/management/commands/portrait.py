"""`ressort portrait export <démarche> --format pdf|docx|odt -o FICHIER`: the portrait document,
for a scheduled regeneration (cron, systemd timer)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.approaches.models import Approach
from ressort.portrait import documents


class Command(BaseCommand):
    help = "Portrait de résilience : « export <démarche> --format pdf|docx|odt -o FICHIER »."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Produit le document du portrait d'une démarche.")
        export.add_argument("slug", help="identifiant de la démarche (dans son adresse)")
        export.add_argument(
            "--format", dest="fmt", choices=sorted(documents.FORMATS), default="pdf"
        )
        export.add_argument("-o", "--output", required=True, help="fichier à écrire")

    def handle(self, *args: Any, **options: Any) -> None:
        approach = Approach.objects.filter(slug=options["slug"]).first()
        if approach is None:
            raise CommandError(
                f"Démarche « {options['slug']} » introuvable (identifiants : "
                + ", ".join(Approach.objects.order_by("slug").values_list("slug", flat=True)[:20])
                + ").",
                returncode=2,
            )
        verbose = options["verbosity"] > 1

        def progress(percent: int, step: str) -> None:
            if verbose:
                self.stderr.write(f"{percent:3d} % {step}")

        data = documents.build(approach, options["fmt"], progress)
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Écriture impossible de {path} : {error}", returncode=2) from error
        self.stdout.write(
            f"Portrait de « {approach.name} » écrit dans {path} ({len(data)} octets)."
        )
