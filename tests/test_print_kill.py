"""A ``print batch`` stopped by a signal leaves no personal data behind (issue 13, item 8).

Real processes, really killed. SIGTERM: the command cancels the batch, removes its staging
folder or ``.part`` file and exits 143. SIGKILL cannot be caught: what the dead process left is
named after it, and the next run writing to that folder removes it. The child renders slowly on
purpose (a sleep wrapped around the renderer), so the kill always lands mid-batch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import School, Student

from conftest import TODAY
from support.cli import main

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SLOW_BATCH = f"""
import sys, time
sys.path[:0] = [{str(ROOT)!r}, {str(TESTS)!r}]
from desktop.services.reports import batch

def slowly(render):
    def rendered(*args, **kwargs):
        time.sleep(0.1)
        return render(*args, **kwargs)
    return rendered

batch.render_dossier = slowly(batch.render_dossier)
batch.add_dossier = slowly(batch.add_dossier)
from support.cli import main
sys.exit(main(sys.argv[1:]))
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def school(demo_db):
    """The code of the school with the most students (a batch of many dossiers)."""
    with demo_db.sessions() as session:
        return session.execute(select(School.code).join(Student, Student.school_id == School.id)
                               .group_by(School.code).order_by(func.count().desc())).scalars().first()


def _start(database, school: str, *output: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SLOW_BATCH, "--db", database.url, "print", "batch",
                             "--school", school, "--role", "direction", "--date", TODAY.isoformat(), *output],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the batch ended before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def _staged_dossiers(out: Path) -> list[Path]:
    return [file for folder in out.glob(".vitrail-*") if folder.is_dir() for file in folder.iterdir()]


def test_sigterm_mid_batch_removes_the_staging_folder(demo_db, school, tmp_path):
    out = tmp_path / "lot"
    out.mkdir()
    process = _start(demo_db, school, "--dir", str(out))
    _wait_for(lambda: len(_staged_dossiers(out)) >= 2, process, "two dossiers were staged")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "arrêté" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_sigterm_mid_batch_removes_the_part_file(demo_db, school, tmp_path):
    out = tmp_path / "lot"
    out.mkdir()
    process = _start(demo_db, school, "-o", str(out / "lot.pdf"))
    _wait_for(lambda: any(out.glob(".vitrail-*.part")), process, "the .part file was created")
    time.sleep(0.3)  # a few dossiers into the batch
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert list(out.iterdir()) == []


def test_after_a_sigkill_the_next_run_removes_what_was_left(demo_db, school, tmp_path, capsys):
    out = tmp_path / "lot"
    out.mkdir()
    per_student = _start(demo_db, school, "--dir", str(out))
    _wait_for(lambda: len(_staged_dossiers(out)) >= 2, per_student, "two dossiers were staged")
    per_student.kill()
    per_student.communicate(timeout=60)
    assert [path.name.startswith(f".vitrail-{per_student.pid}-") for path in out.iterdir()] == [True]
    assert _staged_dossiers(out), "SIGKILL cannot be caught: the dossiers staged so far are left"

    one_file = _start(demo_db, school, "-o", str(out / "lot.pdf"))
    _wait_for(lambda: any(out.glob(f".vitrail-{one_file.pid}-*.part")), one_file, "the .part file was created")
    assert not _staged_dossiers(out), "the next run removed the killed run's staging folder"
    one_file.kill()
    one_file.communicate(timeout=60)
    assert [path.name for path in out.iterdir()] == [path.name for path in out.glob(f".vitrail-{one_file.pid}-*")]

    assert main(["--db", demo_db.url, "print", "batch", "--school", school, "--role", "direction",
                 "--date", TODAY.isoformat(), "-o", str(out / "lot.pdf")]) == 0, capsys.readouterr().err
    assert sorted(path.name for path in out.iterdir()) == ["lot.pdf"]
    assert os.stat(out / "lot.pdf").st_mode & 0o777 == 0o600


def test_a_live_process_staging_is_left_alone(tmp_path):
    """Another batch still running into the same folder (its process is alive) keeps its files."""
    from desktop.services.outputs import remove_stale_staging, staging_prefix

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = tmp_path / staging_prefix().replace(f"-{os.getpid()}-", f"-{sleeper.pid}-")
        mine.mkdir()
        assert remove_stale_staging(tmp_path) == []
        assert mine.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale_staging(tmp_path) == [mine]
