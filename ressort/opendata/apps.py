from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "ressort.opendata"
    verbose_name = "Données ouvertes et chocs passés"
    default_auto_field = "django.db.models.BigAutoField"
