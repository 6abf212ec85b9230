from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "ressort.frameworks"
    verbose_name = "Référentiels"
