from django.apps import AppConfig


class LivingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.living"
    verbose_name = "Lecture du vivant"
