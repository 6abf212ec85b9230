from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.governance"
    verbose_name = "Gouvernance et coopération"
