"""Errors that end the processing of one input file (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a report. `reason` is a one-line Chinese message
    that says what is wrong and how to fix it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def one_line(self) -> str:
        return f"{self.path}: {self.reason}".replace("\n", " ")


class ProfileError(Exception):
    """A schema profile or configuration file that does not validate."""
