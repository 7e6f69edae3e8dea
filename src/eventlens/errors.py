"""Errors that carry a one-line, user-facing message naming the bad input."""

from __future__ import annotations


class InputError(Exception):
    """A single input could not be read or parsed; the message names the input."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        # Default exception pickling replays only the message; worker processes need both parts.
        return (type(self), (self.source, self.reason), self.__dict__)
