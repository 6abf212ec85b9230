from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ressort.approaches.demo import demo_accounts_text, load_demo
from ressort.frameworks.services import load_shipped
from ressort.territories.importer import import_official_territories


class Command(BaseCommand):
    help = (
        "Met l'instance en état de marche : migrations, territoires officiels, référentiels, "
        "démarche de démonstration. Idempotent : une seconde exécution ne refait rien."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sans-demo", action="store_true", help="Ne pas créer la démo.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Base de données à jour.")
        self.stdout.write(import_official_territories().as_text())
        frameworks = load_shipped()
        self.stdout.write("\n".join(frameworks.lines))
        for error in frameworks.errors:
            self.stderr.write(error)
        if not options["sans_demo"]:
            approach, created = load_demo()
            state = "créée" if created else "déjà présente"
            self.stdout.write(f"Démarche de démonstration « {approach.slug} » {state}.")
            self.stdout.write(demo_accounts_text())
