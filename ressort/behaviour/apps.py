from django.apps import AppConfig


class BehaviourConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.behaviour"
    verbose_name = "Changement de comportements"

    def ready(self) -> None:
        # Registers the short questionnaire among the workshops' activity kinds.
        from ressort.behaviour import questionnaire  # noqa: F401
