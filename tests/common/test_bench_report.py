import json
from pathlib import Path

from bench.report import report


def test_report_flattens_figures_and_names_the_machine(tmp_path: Path) -> None:
    (tmp_path / "demo.json").write_text(
        json.dumps(
            {
                "benchmark": "demo",
                "date": "2026-11-26T00:00:00+00:00",
                "machine": {"cpu": "CPU X", "cores": 2, "memory_gib": 4, "python": "3.11.7"},
                "figures": {"page": {"seconds": 0.5}, "range": [1, 2]},
            }
        )
    )
    (tmp_path / "other.json").write_text("{}")
    text = report(tmp_path)
    assert "CPU X, 2 cœurs, 4 Gio" in text
    assert "| `page.seconds` | 0.5 |" in text
    assert "| `range` | 1, 2 |" in text
    assert "other" not in text
