"""Errors that reach the user, each knowing the input it is about.

    StackwatchError            message + source (a path, a URL, a flag)
    ├── InputError             empty, binary, too large, undecodable, unreadable input
    ├── ConfigError            a bad knowledge-base file, setting or flag value
    ├── FetchError             a URL or feed that could not be fetched
    └── StoreError             the record store refused a read or a write

Library code raises these and never prints; `cli/console.py` turns one into a single line:
`error: news/0412.html: not text (binary, 2.1 MB); skipped`.
"""

from __future__ import annotations


class StackwatchError(Exception):
    """Base of every error stackwatch reports to a user."""

    def __init__(self, message: str, *, source: str) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class InputError(StackwatchError):
    """An input that cannot be read as an article."""


class ConfigError(StackwatchError):
    """A configuration or knowledge-base file that is wrong; names the file and line."""


class FetchError(StackwatchError):
    """A URL or feed that could not be fetched."""


class StoreError(StackwatchError):
    """The store could not be opened, read or written."""
