"""`ressort shell` scripted: its stdout is the script's output, nothing else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _shell(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_command_prints_only_its_output() -> None:
    done = _shell("-c", "print(40 + 2)")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "42\n"


def test_piped_script_prints_only_its_output_and_sees_the_models() -> None:
    done = _shell(stdin="print(Approach.__name__)\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Approach\n"
    assert "could not be automatically imported" not in done.stderr


def test_history_models_are_not_auto_imported() -> None:
    from ressort.operations.management.commands.shell import Command

    paths = Command().get_auto_imports() or []
    assert any(path.endswith(".Approach") for path in paths)
    assert not [path for path in paths if ".Historical" in path]
