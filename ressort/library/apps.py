from django.apps import AppConfig


class LibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.library"
    verbose_name = "Bibliothèque et veille"
