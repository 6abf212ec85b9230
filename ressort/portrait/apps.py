from django.apps import AppConfig


class PortraitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.portrait"
    verbose_name = "Portrait de résilience"
