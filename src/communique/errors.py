"""One exception tree for communique.

Every error a user can meet is a :class:`CommuniqueError`. The CLI turns it into a
one-line message (``path:line: problem``) and never a traceback. Errors carry the
source they concern (a file path, and where known a line number or a character
span) so a message always names the file and the problem.
"""
from __future__ import annotations

__all__ = [
    "CommuniqueError",
    "InputError",
    "NotFoundError",
    "EmptyInputError",
    "BinaryInputError",
    "FrontMatterError",
    "JSONLinesError",
    "TooLargeError",
    "ConfigError",
    "RulesError",
    "ModelError",
    "StoreError",
    "QueryError",
]


class CommuniqueError(Exception):
    """Base of every error communique raises on purpose.

    ``path`` names the file (or database, or rules file) concerned; ``line`` is a
    1-based line number where one applies; ``span`` a ``(start, end)`` character
    span into the stored text where one applies; ``field`` the name of the setting or
    parameter at fault (``since``, ``min_confidence``) where one is. A message names
    fields, never command-line flags: the CLI maps a field to its flag when it prints.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        span: tuple[int, int] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.span = span
        self.field = field

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(CommuniqueError):
    """A document could not be read: the base of all reader errors."""


class NotFoundError(InputError):
    """A path given on the command line or to the API does not exist."""


class EmptyInputError(InputError):
    """A file holds no text, or front matter with no body."""


class BinaryInputError(InputError):
    """A file is binary (NUL bytes or mostly non-text bytes), not a document."""


class FrontMatterError(InputError):
    """YAML front matter is unterminated, not valid YAML, or not a mapping."""


class JSONLinesError(InputError):
    """A line of a JSON Lines file is not a JSON object, or lacks its text."""


class TooLargeError(InputError):
    """A single document exceeds the configured size limit."""


class ConfigError(CommuniqueError):
    """An option or setting is invalid (unknown format, bad date, bad value)."""


class RulesError(CommuniqueError):
    """A rules or lexicon data file is missing, malformed, or of an unknown version."""


class ModelError(CommuniqueError):
    """The spaCy pipeline is not installed or cannot be loaded."""


class StoreError(CommuniqueError):
    """The database cannot be opened, is of a newer schema, or a write failed."""


class QueryError(CommuniqueError):
    """A search or filter query is malformed (for instance bad FTS5 syntax)."""
