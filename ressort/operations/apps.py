from django.apps import AppConfig


class OperationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.operations"
    verbose_name = "Exploitation"

    def ready(self) -> None:
        from ressort.operations import checks  # noqa: F401  (registers the checks)
