from django.apps import AppConfig


class ApproachesConfig(AppConfig):
    name = "ressort.approaches"
    verbose_name = "Démarches"

    def ready(self) -> None:
        from ressort.approaches import checks  # noqa: F401 — registers the deploy checks
