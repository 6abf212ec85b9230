from django.apps import AppConfig


class AerialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.aerial"
    verbose_name = "Photo-interprétation"
