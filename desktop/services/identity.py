"""Who is using Vitrail, as something other than the environment tells.

``LOGNAME``, ``USER`` and ``USERNAME`` can be set by anyone, so they never decide who a person
is (``access.md`` §2). On a shared PostgreSQL database the identity is the login as the server
sees it (``session_user``); on a one-workstation SQLite database it is the OS account that runs
the process, read from the operating system itself.
"""

from __future__ import annotations

import os
import sys

UNKNOWN_LOGIN = "inconnu"


def os_login() -> str:
    """The OS account running this process, from the system's user database, never from the environment."""
    if sys.platform == "win32":
        return _windows_login()
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid with no entry (some containers)
        return f"uid{os.getuid()}"


def _windows_login() -> str:
    """``GetUserNameW``: the account of the process token, which the environment cannot change."""
    import ctypes

    size = ctypes.c_ulong(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):  # type: ignore[attr-defined]
        return buffer.value
    return UNKNOWN_LOGIN

