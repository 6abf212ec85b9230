"""`ressort taches travailleur [--une-fois]` runs the queued background work (documents,
digest, open-data refreshes); `ressort taches balayage` fails or re-queues interrupted tasks
and prints what it did as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from ressort.background import sweep, worker


class Command(BaseCommand):
    help = "Travaux de fond : le processus qui prépare les documents et envoie les récapitulatifs."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser(
            "travailleur",
            help="Exécute les tâches en file jusqu'à Ctrl-C (make run le lance à côté du site).",
        )
        run.add_argument(
            "--une-fois",
            action="store_true",
            help="Exécute les tâches prêtes puis s'arrête (pour une tâche planifiée).",
        )
        run.add_argument(
            "--intervalle",
            type=float,
            default=1.0,
            help="Secondes d'attente quand la file est vide (1 par défaut).",
        )
        sub.add_parser(
            "balayage",
            help="Relance ou met en échec les tâches d'un processus de fond arrêté (JSON).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "balayage":
            self.stdout.write(json.dumps(sweep.sweep().as_dict(), ensure_ascii=False))
            return
        if not options["une_fois"]:
            self.stdout.write(
                "Processus de fond démarré (documents, récapitulatifs) ; Ctrl-C pour arrêter."
            )
        ran = worker.run(interval=options["intervalle"], once=options["une_fois"])
        if options["une_fois"]:
            self.stdout.write(
                f"{ran} tâche{'s' if ran > 1 else ''} exécutée{'s' if ran > 1 else ''}."
            )
