from django.apps import AppConfig


class StoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.story"
    verbose_name = "Mise en récit"
