"""The NIP letter: one page per guardian, everything the guardian needs, and what the NIP is not."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from desktop.models import StudentGuardian
from desktop.services.accounts.nips import NipRequest, issue_nips, letter_data
from desktop.services.reports.nip_letter import write_nip_letters


def shots_dir(tmp_path: Path) -> Path:
    """Where renders go: $VITRAIL_SHOTS to keep and look at them, else the test's tmp dir."""
    folder = Path(os.environ.get("VITRAIL_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pdf_text(path: Path) -> str:
    """The letter's text as pypdf reads it, lines joined so a wrapped sentence still matches."""
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pages(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def test_batch_letters_one_page_per_guardian(demo_db, tmp_path):
    with demo_db.sessions() as session:
        pairs = [NipRequest(*row) for row in session.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id).order_by(StudentGuardian.id).limit(3))]
    issued = issue_nips(demo_db, pairs, validity_days=30)
    with demo_db.sessions() as session:
        letters = letter_data(session, issued)
    path = write_nip_letters(tmp_path / "lettres.pdf", letters)
    assert _pages(path) == 3
    text = _pdf_text(path)
    for letter in letters:
        assert letter.nip in text
        assert letter.guardian_name in text and letter.student_name in text
        assert letter.guardian_address.split(",")[0] in text
    assert "23 décembre 2026" in text                              # the expiry, in words
    assert "code de vérification" in text and "numéro de fiche" in text
    assert "Associer un enfant" in text
    assert not list(tmp_path.glob("*.part"))
    if shutil.which("pdftoppm"):  # a picture for people to look at (VITRAIL_SHOTS); asserts nothing
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                        str(shots_dir(tmp_path) / "nip_letter")], check=True)


def test_nothing_is_left_behind_when_writing_fails(tmp_path):
    with pytest.raises(ValueError):
        write_nip_letters(tmp_path / "vide.pdf", [])
    assert not list(tmp_path.iterdir())


def test_letter_dates_use_french_words(demo_db, tmp_path):
    with demo_db.sessions() as session:
        pair = NipRequest(*session.execute(select(StudentGuardian.student_id, StudentGuardian.guardian_id)).first())
    demo_db.clock.at = datetime(2026, 12, 1, 10, 0)
    issued = issue_nips(demo_db, [pair], validity_days=31)
    with demo_db.sessions() as session:
        path = write_nip_letters(tmp_path / "l.pdf", letter_data(session, issued))
    assert "1er janvier 2027" in _pdf_text(path)
