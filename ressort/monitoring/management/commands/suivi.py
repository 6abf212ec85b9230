"""`ressort suivi digest [--demarche SLUG] [--envoyer] [--date AAAA-MM-JJ] [--site URL]`
and `ressort suivi retours` (loads the shipped experience reports)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.monitoring import digest, library


class Command(BaseCommand):
    help = (
        "Suivi : « digest » prépare, pour chaque pilote, le récapitulatif de ses actions en "
        "retard ; sans --envoyer, il affiche seulement qui recevrait quoi."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("digest", help="Récapitulatif des actions en retard aux pilotes.")
        run.add_argument("--demarche", help="Identifiant (slug) d'une seule démarche.")
        run.add_argument("--envoyer", action="store_true", help="Envoie vraiment les messages.")
        run.add_argument("--date", help="Date du jour à considérer (AAAA-MM-JJ).")
        run.add_argument("--site", help="Adresse du site pour les liens (ex. https://ressort.fr).")
        sub.add_parser(
            "retours",
            help="Charge les retours d'expérience livrés (data/monitoring, idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "retours":
            try:
                created, updated = library.load_shipped_cases()
            except ValueError as exc:
                raise CommandError(
                    f"Fichier refusé, rien n'a été chargé :\n{exc}", returncode=2
                ) from exc
            self.stdout.write(
                f"Retours d'expérience livrés : {created} créés, {updated} mis à jour."
            )
            return
        approaches = Approach.objects.order_by("name")
        if options["demarche"]:
            approaches = approaches.filter(slug=options["demarche"])
            if not approaches.exists():
                raise CommandError(f"Démarche « {options['demarche']} » introuvable.", returncode=2)
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"Date illisible « {options['date']} » : attendu AAAA-MM-JJ.", returncode=2
                ) from None
        rendered, _ = digest.run(approaches, today=today, site=options["site"], really=False)
        sent = skipped = 0
        if options["envoyer"]:
            # Recorded like the scheduled send: what was sent today is not sent twice.
            day = today or timezone.localdate()
            sent = len(digest.send_once(approaches, day, options["site"]))
            skipped = len(rendered) - sent
        for item, _body in rendered:
            titles = ", ".join(r["action"].title for r in item.rows)
            self.stdout.write(f"{item.approach.slug} → {item.to} : {titles}")
        if not rendered:
            self.stdout.write("Aucune action en retard : aucun message à envoyer.")
        elif options["envoyer"]:
            self.stdout.write(
                f"{sent} message{'s' if sent > 1 else ''} envoyé{'s' if sent > 1 else ''}."
            )
            if skipped:
                self.stdout.write(
                    f"{skipped} déjà envoyé{'s' if skipped > 1 else ''} ce jour-là "
                    "(envoi planifié ou précédent), non renvoyé" + ("s." if skipped > 1 else ".")
                )
        else:
            self.stdout.write(
                f"{len(rendered)} message{'s' if len(rendered) > 1 else ''} prêt"
                f"{'s' if len(rendered) > 1 else ''} ; relancez avec --envoyer pour les envoyer."
            )
