"""Set Django up on a benchmark's own database (one per process: see bench/__main__.py)."""

import os
from pathlib import Path


def setup_django(tmp: Path) -> str:
    """Migrate a fresh SQLite file in `tmp` (or `BENCH_DATABASE_URL`); return the engine name."""
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url.split(":", 1)[0]
