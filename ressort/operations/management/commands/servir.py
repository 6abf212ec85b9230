"""`ressort servir`: the production serving model, pages and websockets on one address.

Several processes (uvicorn's workers, sharing one socket); in each, pages go through a pool
of a few long-lived threads (ressort.asgi with RESSORT_HTTP_THREADS) and websockets through
Channels. Unlike daphne, uvicorn sets no time limit on a websocket handshake the application
has not accepted yet, so a room of phones arriving at once is never refused for it.
`make run` keeps Django's development server; this command is what the container
runs, and what bench/bench_page_load.py measures.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Sert le site en production : plusieurs processus, quelques requêtes à la fois chacun."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--adresse", default="127.0.0.1", help="127.0.0.1 par défaut.")
        parser.add_argument("--port", type=int, default=8000, help="8000 par défaut.")
        parser.add_argument(
            "--processus",
            type=int,
            default=2,
            help="Processus web (2 par défaut ; un par cœur est un bon départ).",
        )
        parser.add_argument(
            "--fils",
            type=int,
            default=4,
            help="Requêtes de pages servies à la fois par processus, les autres attendent "
            "leur tour (4 par défaut).",
        )
        parser.add_argument(
            "--mandataire",
            action="store_true",
            help="Derrière un mandataire inverse (Caddy) : croire ses en-têtes X-Forwarded-*.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        processes, threads = options["processus"], options["fils"]
        if processes < 1 or threads < 1:
            raise CommandError("--processus et --fils : 1 au moins.")
        if processes > 1 and not settings.REDIS_URL:
            self.stderr.write(
                "Attention : sans REDIS_URL, les ateliers en direct ne passent pas d'un "
                "processus à l'autre (couche de canaux en mémoire) : --processus 1, ou Redis."
            )
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "ressort.asgi:application",
            "--host",
            options["adresse"],
            "--port",
            str(options["port"]),
            "--workers",
            str(processes),
            "--lifespan",
            "off",
            "--no-access-log",
            "--timeout-graceful-shutdown",
            "20",
            # The live workshops' messages are a hundred bytes: compressing them saves nothing
            # and costs each socket its zlib contexts and each message its (de)compression
            # (a few per cent of the server's CPU at 1,000 phones, bench_workshop_load).
            "--ws-per-message-deflate",
            "false",
        ]
        if options["mandataire"]:
            command += ["--proxy-headers", "--forwarded-allow-ips", "*"]
        else:
            command += ["--no-proxy-headers"]
        os.environ["RESSORT_HTTP_THREADS"] = str(threads)
        sys.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 -- our own fixed command
