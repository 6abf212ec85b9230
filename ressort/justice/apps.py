from django.apps import AppConfig


class JusticeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.justice"
    verbose_name = "Transition écologique juste"
