"""`ressort demarche exporter SLUG -o FICHIER` writes a démarche's archive (zip: data,
history, files); `ressort demarche importer FICHIER [--slug S] [--nom N]` restores it as a
new démarche, here or on another instance (ressort.backup.archive)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.approaches.models import Approach
from ressort.backup import archive


class Command(BaseCommand):
    help = (
        "Sauvegarde et restauration d'une démarche (toutes ses données, son historique, "
        "ses fichiers)."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("exporter", help="Écrit l'archive d'une démarche (zip).")
        out.add_argument("slug", help="Identifiant de la démarche.")
        out.add_argument("-o", "--output", required=True, help="Fichier zip à écrire.")
        into = sub.add_parser("importer", help="Restaure une archive comme nouvelle démarche.")
        into.add_argument("fichier", help="Archive écrite par « ressort demarche exporter ».")
        into.add_argument("--slug", help="Nouvel identifiant, si celui de l'archive est pris.")
        into.add_argument("--nom", help="Nouveau nom, si celui de l'archive est pris.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "exporter":
            approach = Approach.objects.filter(slug=options["slug"]).first()
            if approach is None:
                raise CommandError(f"Démarche « {options['slug']} » introuvable.", returncode=2)
            with Path(options["output"]).open("wb") as out:
                counts = archive.export(approach, out)
            rows = sum(counts.values())
            self.stdout.write(
                f"Démarche « {approach.slug} » exportée dans {options['output']} : "
                f"{rows} lignes de {len(counts)} tables."
            )
            return
        path = Path(options["fichier"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}.", returncode=2)
        try:
            with path.open("rb") as source:
                restored = archive.restore(source, slug=options["slug"], name=options["nom"])
        except archive.ArchiveError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"Démarche « {restored.approach.slug} » restaurée : "
            f"{sum(restored.counts.values())} lignes de {len(restored.counts)} tables."
        )
        if restored.accounts_created:
            self.stdout.write(
                "Comptes créés sans mot de passe (à réinitialiser par leurs titulaires) : "
                + ", ".join(restored.accounts_created)
            )
