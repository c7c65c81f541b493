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
