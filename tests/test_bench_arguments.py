"""The benches name their database one way (issue 13, item 13): a SQLite file as the positional
argument, and ``--db URL`` for any other database — never a URL in the file's place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", ["bench_accounts.py", "bench_print.py", "bench_preview.py", "bench_search.py",
                                    "bench_student_file.py", "bench_save.py"])
def test_a_bench_takes_a_path_and_optionally_db(script):
    done = subprocess.run([sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True,
                          timeout=120, cwd=BENCH.parent)
    assert done.returncode == 0, done.stderr
    usage = " ".join(done.stdout.split())
    assert "[path]" in usage
    if script != "bench_search.py":  # it measures a launch on the SQLite file itself
        assert "[--db URL]" in usage


@pytest.mark.parametrize(("arguments", "said"), [
    (["--workstations", "0"], "argument --workstations : nombre hors des limites « 0 » : de 1 à 1000"),
    (["--duration", "0"], "argument --duration : nombre hors des limites « 0 » : de 1 à 86400"),
    (["--pool-size", "0"], "argument --pool-size : nombre hors des limites « 0 » : de 1 à 100"),
    (["--think-ms", "-5"], "argument --think-ms : nombre invalide « -5 »"),
])
def test_the_load_bench_refuses_a_count_it_cannot_run_in_french(arguments, said):
    """A count the bench cannot run stops it before any process starts: no second of measure
    divided by zero at the report, a negative pause stopped every workstation at its first sleep,
    a pool of no connection was quietly run with one."""
    done = subprocess.run([sys.executable, str(BENCH / "bench_load.py"), *arguments], capture_output=True,
                          text=True, timeout=120, cwd=BENCH.parent)
    assert done.returncode == 2
    assert said in done.stderr


def test_the_load_bench_says_in_french_when_the_server_cannot_be_reached():
    """A port nobody listens on (1: reserved, closed on a test machine): one French line, no traceback."""
    done = subprocess.run([sys.executable, str(BENCH / "bench_load.py"), "--db", "postgresql://127.0.0.1:1/vitrail"],
                          capture_output=True, text=True, timeout=120, cwd=BENCH.parent)
    assert done.returncode == 2
    assert done.stderr.startswith("Serveur injoignable (postgresql://127.0.0.1:1/vitrail) : ")
    assert "Traceback" not in done.stderr
