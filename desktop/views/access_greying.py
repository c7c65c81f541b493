"""Greying what the person may not do, with the reason on hover (``access.md`` §1).

A control the person has no right to use stays visible — they learn that it exists and who can
grant it — but is disabled, and its tooltip is the French refusal (``Person.refusal``). The
tooltip it had before comes back when the right is granted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

_OWN_TOOLTIP = "vitrail_own_tooltip"
_REFUSAL = "vitrail_refusal"


def allow(widget: QWidget, refusal: str | None, *, enabled: bool = True) -> None:
    """Enable ``widget`` when ``refusal`` is None (and ``enabled``); else disable it and show why on hover."""
    own = widget.property(_OWN_TOOLTIP)
    if own is None:
        own = widget.toolTip()
        widget.setProperty(_OWN_TOOLTIP, own)
    widget.setProperty(_REFUSAL, refusal or "")
    if refusal:
        widget.setEnabled(False)
        widget.setToolTip(refusal)
    else:
        widget.setEnabled(enabled)
        widget.setToolTip(own)


def refused(widget: QWidget) -> str:
    """The refusal ``allow`` put on ``widget`` ("" when allowed)."""
    value = widget.property(_REFUSAL)
    return value if isinstance(value, str) else ""
