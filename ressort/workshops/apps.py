from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.workshops"
    verbose_name = "Ateliers en direct"
