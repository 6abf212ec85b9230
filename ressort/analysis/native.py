"""Silencing what native code prints on the process's standard output.

HiGHS (SciPy's `milp`) prints debugging lines such as
« HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run(); » straight on
file descriptor 1, whatever its options say. On the command line they would corrupt the
JSON on stdout; in a web request they land in the server's log. `quiet_stdout` points file
descriptor 1 at the null device for the duration of a block. The redirection is process-wide,
so it is counted: nested or concurrent blocks (threads of one server) share one redirection,
put back when the last one ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_saved: int | None = None


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            sys.stdout.flush()
            try:
                saved: int | None = os.dup(1)
            except OSError:  # no file descriptor 1 (an embedded interpreter): nothing to do
                saved = None
            if saved is not None:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.close(devnull)
            _saved = saved
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                sys.stdout.flush()
                os.dup2(_saved, 1)
                os.close(_saved)
                _saved = None
