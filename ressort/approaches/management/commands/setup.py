from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ressort.approaches.demo import demo_accounts_text, demo_passwords, load_demo
from ressort.frameworks.services import load_shipped
from ressort.territories.importer import import_official_territories


class Command(BaseCommand):
    help = (
        "Met l'instance en état de marche\u00a0: migrations, territoires officiels, référentiels, "
        "démarche de démonstration (avec DEBUG=1, ou sur demande avec --demo). "
        "Idempotent\u00a0: une seconde exécution ne refait rien."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Créer la démo même hors DEBUG, avec des mots de passe aléatoires affichés "
            "une seule fois.",
        )
        parser.add_argument("--sans-demo", action="store_true", help="Ne pas créer la démo.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Base de données à jour.")
        self.stdout.write(import_official_territories().as_text())
        frameworks = load_shipped()
        self.stdout.write("\n".join(frameworks.lines))
        for error in frameworks.errors:
            self.stderr.write(error)
        if options["sans_demo"]:
            return
        if not (settings.DEBUG or options["demo"]):
            self.stdout.write(
                "Démarche de démonstration non créée (DEBUG=0) : « ressort setup --demo » la "
                "crée, avec des mots de passe aléatoires."
            )
            return
        # The public demo password only on a development instance (DEBUG=1).
        passwords = demo_passwords(public=settings.DEBUG)
        approach, created = load_demo(passwords)
        state = "créée" if created else "déjà présente"
        self.stdout.write(f"Démarche de démonstration «\u00a0{approach.slug}\u00a0» {state}.")
        if created or settings.DEBUG:
            self.stdout.write(demo_accounts_text(passwords))
