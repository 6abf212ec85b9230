"""The `ressort` console command: Django's manage.py and Ressort's own subcommands.

`ressort analyse …` runs the pure-Python analyses without loading Django at all.
"""

import os
import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "analyse":
        from ressort.analysis.cli import main as analyse

        sys.exit(analyse(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
