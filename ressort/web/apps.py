from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WebConfig(AppConfig):
    name = "ressort.web"
    label = "web"
    verbose_name = "Couche web"

    def ready(self) -> None:
        # Each app declares its menu entries in its own nav.py; importing them registers them.
        autodiscover_modules("nav")
        from ressort.web import freshness

        freshness.connect()
