"""Errors the user can understand: each carries a translation key and its parameters.

The message is rendered at the edge (command line, window, PDF) in the user's language,
so the core never hard-codes wording.
"""

from __future__ import annotations

import re
from typing import Any


class BoardError(Exception):
    """Base for every error that is shown to a user as one clear line."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key, params)

    def message(self) -> str:
        from board.i18n import tr

        return tr(self.key, **{k: _render(v) for k, v in self.params.items()})


def _render(value: Any) -> Any:
    from board.i18n import tr

    # Parameters that are themselves translation keys (field names) are translated too.
    if isinstance(value, str) and value.startswith(("field.", "lane.")):
        return tr(value)
    return value


class ValidationError(BoardError):
    key = "error.invalid"


# The kinds a NotFoundError names (its ``what``), each with its own "error.not_found.<kind>".
NOT_FOUND_KINDS = (
    "board", "card", "cycle", "goal", "criterion", "log_entry", "person", "meeting", "agreement",
    "learning_point", "measurement",
)  # fmt: skip


class NotFoundError(BoardError):
    """Something acted on was deleted elsewhere; ``what`` names its kind ("card", "goal" …).

    The message names the thing in the user's words ("Kortet findes ikke længere …"); the
    record id stays in ``params`` for the log only, since a database id means nothing to a
    user (it is not the card's number on the board).
    """

    key = "error.not_found"

    def message(self) -> str:
        from board.i18n import tr

        what = self.params.get("what")
        if self.key == type(self).key and what:
            specific = f"{self.key}.{what}"
            text = tr(specific)
            if text != specific:
                return text
        return super().message()


class ConflictError(BoardError):
    """A write was based on a version of a record that someone else has changed since."""

    key = "error.conflict"


class StorageError(BoardError):
    """The database cannot be opened or used (corrupt, locked, unreadable, too new)."""

    key = "error.storage"


class ImportFileError(BoardError):
    """A board file cannot be read (malformed, truncated, wrong version)."""

    key = "error.import"


class ImportFieldError(ImportFileError):
    """A field of a board file breaks the declared document schema: says where and why."""

    key = "error.import_field"

    def __init__(self, where: str, reason: str, path: str = "", **reason_params: Any) -> None:
        super().__init__(self.key, path=path, where=where)
        self.reason = reason
        self.reason_params = reason_params

    def message(self) -> str:
        from board.i18n import tr

        reason = tr(self.reason, **{k: _render(v) for k, v in self.reason_params.items()})
        return tr(
            self.key, path=self.params["path"], where=place(self.params["where"]), reason=reason
        )


_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def place(where: str) -> str:
    """A place in a board file in the user's words: "cards[3].title" -> "kort nr. 4, titel".

    The file's field names come from the catalogs (``field.*`` as the window names them,
    else ``doc.field.*``); a record of a list is counted from 1 (``doc.place.*``)."""
    from board.i18n import has, tr

    if where in ("", "(document)"):
        return tr("doc.place.document")
    words = []
    for name, indexes in _PART.findall(where):
        numbers = [int(i) + 1 for i in re.findall(r"\d+", indexes)]
        if numbers and has(f"doc.place.{name}"):
            words.append(tr(f"doc.place.{name}", number=numbers.pop(0)))
        else:
            key = next((k for k in (f"field.{name}", f"doc.field.{name}") if has(k)), "")
            label = tr(key) if key else name
            words.append(label[:1].lower() + label[1:])
        words += [tr("doc.place.item", number=n) for n in numbers]
    return ", ".join(words)
