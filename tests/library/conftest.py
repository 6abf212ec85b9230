from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> Any:
    """Library files are written in a temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login
