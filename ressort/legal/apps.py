from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "ressort.legal"
    label = "legal"
    verbose_name = "Pages légales"
    default_auto_field = "django.db.models.BigAutoField"
