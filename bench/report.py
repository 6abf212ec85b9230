"""Print the README's performance table from bench/results/*.json: `python -m bench.report`.

Figures are flattened (`a.b.c`); each benchmark says when and on which machine it ran.
"""

import json
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def flatten(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        rows: list[tuple[str, str]] = []
        for key, inner in value.items():
            rows += flatten(f"{prefix}.{key}" if prefix else str(key), inner)
        return rows
    if isinstance(value, list):
        return [(prefix, ", ".join(str(v) for v in value))]
    return [(prefix, str(value))]


def report(results: Path = RESULTS) -> str:
    lines: list[str] = []
    machines: set[str] = set()
    for path in sorted(results.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "figures" not in data:
            continue
        machine = data.get("machine", {})
        machines.add(
            f"{machine.get('cpu', '?')}, {machine.get('cores', '?')} cœurs, "
            f"{machine.get('memory_gib', '?')} Gio, Python {machine.get('python', '?')}"
        )
        name, date = data.get("benchmark", path.stem), data.get("date", "?")
        lines.append(f"\n**{name}** (mesuré le {date})\n")
        lines.append("| Mesure | Valeur |")
        lines.append("|---|---|")
        lines += [f"| `{key}` | {value} |" for key, value in flatten("", data["figures"])]
    head = "Machine : " + " ; ".join(sorted(machines)) + "." if machines else ""
    return "\n".join([head, *lines]) + "\n"


if __name__ == "__main__":
    sys.stdout.write(report(Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS))
