from django.apps import AppConfig


class ApproachesConfig(AppConfig):
    name = "ressort.approaches"
    verbose_name = "Démarches"
