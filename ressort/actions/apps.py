from django.apps import AppConfig


class ActionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.actions"
    verbose_name = "Actions et aide à la décision"
