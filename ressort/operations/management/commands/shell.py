"""`ressort shell`: Django's shell, quiet when scripted.

Django 5.2's shell imports every model and reports it on stdout, which breaks
`echo "…" | ressort shell` and `ressort shell -c "…"` whose stdout is the script's output.
Two changes: the history models of django-simple-history (declared on the app package, so
not importable by their dotted path) are left out of the automatic imports instead of being
reported as failures, and the report is only printed in an interactive session.
"""

from __future__ import annotations

import select
import sys
from typing import Any

from django.core.management.commands import shell


def _scripted(options: dict[str, Any]) -> bool:
    if options.get("command"):
        return True
    if sys.platform == "win32" or sys.stdin.isatty():
        return False
    return bool(select.select([sys.stdin], [], [], 0)[0])


class Command(shell.Command):  # type: ignore[misc]  # Django's commands are untyped
    def get_auto_imports(self) -> list[str] | None:
        paths: list[str] | None = super().get_auto_imports()
        if paths is None:
            return None
        return [path for path in paths if ".Historical" not in path]

    def get_namespace(self, **options: Any) -> dict[str, Any]:
        if _scripted(options):
            options = {**options, "verbosity": 0}
        namespace: dict[str, Any] = super().get_namespace(**options)
        return namespace
