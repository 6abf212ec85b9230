"""A benchmark or test killed mid-run leaves its PostgreSQL database behind; the next run
drops those whose process is gone, and only those."""

from __future__ import annotations

import os

from bench import live_servers


def test_leftovers_are_the_databases_of_dead_runs_only() -> None:
    me = os.getpid()
    names = [
        "postgres",
        "ressort",
        "rs_capacite_4242_a1b2c3",  # dead
        "rs_deux_processus_4343_0f0f0f",  # alive
        f"rs_capacite_{me}_abcdef",  # this run's own
        "rs_capacite_4242_notahex",  # not ours
        "rs_bench",  # not ours
        "ressort_bench",
    ]
    alive = {4343}
    assert live_servers.leftovers(names, lambda pid: pid in alive) == ["rs_capacite_4242_a1b2c3"]


def test_pid_alive_knows_this_process_and_an_unused_one() -> None:
    assert live_servers.pid_alive(os.getpid())
    # A pid far above the kernel's default limit is never in use.
    assert not live_servers.pid_alive(2**22 + 12345)
