"""A runner whose queries wait until the test lets each one finish: the order of arrival is the test's."""

from __future__ import annotations

from typing import Any

from desktop.views.context import AccessKnown
from desktop.views.operations import Operation, SynchronousRunner


class HeldRunner(SynchronousRunner):
    """Holds each query until ``release``; the person's rights, read for the whole window, pass through."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Operation[Any]] = []

    def start(self, operation: Operation[Any]) -> None:
        if isinstance(operation.parent, AccessKnown):
            super().start(operation)
            return
        self.held.append(operation)

    def release(self, position: int) -> None:
        super().start(self.held.pop(position))
