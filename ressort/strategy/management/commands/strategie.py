"""`ressort strategie export <slug> --format pdf|docx|odt [--bilan] -o FICHIER`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.approaches.models import Approach
from ressort.strategy import documents, report


class Command(BaseCommand):
    help = "Stratégie : « export <démarche> » écrit le document de la stratégie (PDF, DOCX, ODT)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Écrit la stratégie et le plan d'actions.")
        export.add_argument("slug", help="identifiant de la démarche (ex. demo)")
        export.add_argument(
            "--format", dest="fmt", choices=sorted(documents.FORMATS), default="pdf"
        )
        export.add_argument(
            "--bilan",
            action="store_true",
            help="écrit le bilan de mise en œuvre au lieu du plan d'actions",
        )
        export.add_argument("-o", "--output", dest="output", required=True, help="fichier écrit")

    def handle(self, *args: Any, **options: Any) -> None:
        approach = Approach.objects.filter(slug=options["slug"]).first()
        if approach is None:
            known = ", ".join(Approach.objects.values_list("slug", flat=True)[:20]) or "aucune"
            raise CommandError(
                f"Démarche « {options['slug']} » introuvable (identifiants : {known}).",
                returncode=2,
            )
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(
                f"Le dossier « {output.parent} » n'existe pas : rien n'a été écrit.", returncode=2
            )
        build = report.build if options["bilan"] else documents.build
        data = build(approach, options["fmt"])
        output.write_bytes(data)
        what = "Bilan de mise en œuvre" if options["bilan"] else "Stratégie"
        self.stdout.write(
            f"{what} de « {approach.name} » écrit{'' if options['bilan'] else 'e'} dans {output} "
            f"({options['fmt'].upper()}, {len(data) // 1024 + 1} Ko)."
        )
