from django.apps import AppConfig


class BackupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.backup"
    verbose_name = "Sauvegarde des démarches"
