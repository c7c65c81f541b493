"""What a launch loads: the first screen needs the student list, not the printing, the demo, the
SIS sync or the password store. Each of those libraries costs a tenth of a second or more to
import on a school PC; together they made the launch a second longer (issue 15, bench_search.py).

A fresh interpreter is the only place to see what a launch imports, hence the subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys

LAUNCH = """
import sys
from PySide6.QtCore import QThreadPool
from desktop.app import create_application
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.views.main_window import build_main_window

app = create_application()
window = build_main_window(Vitrail(open_database(sys.argv[1])))
window.show()
at_show = sorted(name for name in sys.argv[2:] if name in sys.modules)
QThreadPool.globalInstance().waitForDone(60_000)
app.processEvents()
page = window.pages["students"]
print(window.current_page_name(), page.model.rowCount())
print(" ".join(sorted(name for name in sys.argv[2:] if name in sys.modules)))
print(" ".join(at_show))
"""

# Printing (reportlab, pypdfium2), the demo (faker), the SIS sync (httpx, keyring), migrations (alembic):
# not even once the list is in and the background work of the launch is done.
NOT_AT_LAUNCH = ("reportlab", "pypdfium2", "faker", "httpx", "keyring", "alembic")
# The email checks (email-validator, rapidfuzz), the NIPs' hash (argon2), the visibility engine and the
# settings' impact: 0.1 to 0.2 s together, that the first screen does without. The launch's warm-up
# opens a preview in the background once the list is in, so these are looked for when the window is shown.
NOT_BEFORE_THE_FIRST_SCREEN = ("email_validator", "rapidfuzz", "argon2", "desktop.services.visibility.engine",
                               "desktop.services.settings.impact")


def test_the_window_opens_on_the_student_list_without_the_other_pages_libraries(demo_db):
    demo_db.close()
    shown = subprocess.run(
        [sys.executable, "-c", LAUNCH, demo_db.url, *NOT_AT_LAUNCH, *NOT_BEFORE_THE_FIRST_SCREEN],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
    ).stdout.split("\n")
    page, students = shown[0].split()
    assert page == "students" and int(students) > 0  # the list the secretary starts from is there
    loaded_at_all, loaded_at_show = shown[1].split(), shown[2].split()
    assert not set(loaded_at_all) & set(NOT_AT_LAUNCH), f"imported at launch: {loaded_at_all}"
    assert loaded_at_show == [], f"imported before the first screen: {loaded_at_show}"
