"""Where Vitrail finds the files it ships (policy, fonts, translations, icons).

From a source checkout (editable install) they are in the repository's ``resources/``; in the
frozen bundle PyInstaller puts them next to the executable under ``resources/``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder of shipped data files, frozen or not."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one shipped file, e.g. ``resource("policy", "visibility.json")``."""
    return resources_dir().joinpath(*parts)
