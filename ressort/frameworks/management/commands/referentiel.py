"""`ressort referentiel charger | export <code> | import <fichier>`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ressort.analysis import frameworks as fw
from ressort.frameworks import services
from ressort.frameworks.models import FrameworkVersion


class Command(BaseCommand):
    help = (
        "Référentiels : « charger » (ceux de data/frameworks, idempotent), « export <code> » "
        "(YAML documenté sur la sortie standard), « import <fichier> » (publie une version)."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("charger", help="Charge les référentiels livrés (idempotent).")
        export = sub.add_parser("export", help="Écrit un référentiel en YAML sur stdout.")
        export.add_argument("code")
        export.add_argument("--version", dest="wanted_version", default=None)
        imp = sub.add_parser("import", help="Valide puis publie un fichier de référentiel.")
        imp.add_argument("fichier")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "charger":
            report = services.load_shipped()
            for line in report.lines:
                self.stdout.write(line)
            if report.errors:
                raise CommandError("\n".join(report.errors), returncode=2)
        elif action == "export":
            versions = FrameworkVersion.objects.filter(
                framework__code=options["code"], framework__approach=None
            )
            if options["wanted_version"]:
                version = versions.filter(version=options["wanted_version"]).first()
            else:
                version = versions.filter(is_current=True).first()
            if version is None:
                raise CommandError(
                    f"Référentiel « {options['code']} » introuvable (codes : "
                    + ", ".join(
                        FrameworkVersion.objects.filter(framework__approach=None)
                        .values_list("framework__code", flat=True)
                        .distinct()
                    )
                    + ").",
                    returncode=2,
                )
            self.stdout.write(services.export_yaml(version), ending="")
        else:
            try:
                doc = fw.load_framework_file(options["fichier"])
                version, created = services.publish(doc)
            except fw.FrameworkFileError as exc:
                raise CommandError(
                    f"Fichier refusé, rien n'a été chargé :\n{exc}", returncode=2
                ) from exc
            except services.PublishError as exc:
                raise CommandError(f"Fichier refusé : {exc}", returncode=2) from exc
            state = "publiée et en vigueur" if created else "déjà publiée à l'identique"
            self.stdout.write(f"Référentiel « {doc.code} » version {version.version} {state}.")
