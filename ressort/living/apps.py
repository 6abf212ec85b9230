from django.apps import AppConfig


class LivingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.living"
    verbose_name = "Lecture du vivant"

    def ready(self) -> None:
        # Places the milieux on the field map (a layer fieldwork reads without importing us).
        from ressort.living import field_map  # noqa: F401
