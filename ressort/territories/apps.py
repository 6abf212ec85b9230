from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "ressort.territories"
    verbose_name = "Territoires"
