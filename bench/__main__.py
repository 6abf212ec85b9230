"""Run the benchmarks: `python -m bench` (all) or `python -m bench NAME…`."""

import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def machine() -> dict[str, object]:
    mem_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main(names: list[str]) -> int:
    RESULTS.mkdir(exist_ok=True)
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    chosen = [m for m in modules if not names or m.removeprefix("bench_") in names]
    if not chosen:
        print(f"Aucun benchmark ne correspond à {names}. Disponibles : {modules}")
        return 2
    if len(chosen) > 1:
        # One process per benchmark: several set Django up on their own database, which a
        # process can do only once.
        failed = []
        for name in chosen:
            short = name.removeprefix("bench_")
            command = [sys.executable, "-m", "bench", short]  # our own module names
            if subprocess.run(command, check=False).returncode:  # noqa: S603
                failed.append(short)
        if failed:
            print(f"Bancs en échec : {', '.join(failed)}")
        return 1 if failed else 0
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name} ==", flush=True)
        figures = module.run()
        result = {
            "benchmark": name.removeprefix("bench_"),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "figures": figures,
        }
        out = RESULTS / f"{name.removeprefix('bench_')}.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
