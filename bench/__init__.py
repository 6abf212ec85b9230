"""Benchmarks. Each `bench/bench_*.py` has `run() -> dict`; `python -m bench [name…]` runs
them and writes `bench/results/<name>.json` with the figures, the machine and the date."""
