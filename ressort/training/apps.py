from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogue(**_kwargs: Any) -> None:
    from ressort.training.catalogue import load_catalogue

    load_catalogue()


class TrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressort.training"
    verbose_name = "Formation"

    def ready(self) -> None:
        # The shipped catalogue is seeded after each migrate, like Django's own permissions:
        # missing modules are created, modules an operator edited are left alone.
        post_migrate.connect(_load_catalogue, sender=self)
