from django.apps import AppConfig


class SystemsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.systems"
    verbose_name = "Systèmes et scénarios"
