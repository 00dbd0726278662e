"""Each entity's plain fields, declared once: on its dataclass, with a little metadata.

A field's metadata (``doc(...)``) says how it appears in a board document (the export file,
a meeting's frozen snapshot): its kind and limits as ``document_schema`` checks them, and its
name there when it differs (``owner_id`` is ``owner``). A field without it lives only in the
database (an id, a parent, a version). Whatever copies an entity field by field follows from
this declaration: records to entities (``persistence.mapping``), records to a document and back
(``services.transfer``), a document to a board state (``domain.snapshot``) and the document's
checked shape (``domain.document_schema``). What cannot follow from it (a card's goals, a
goal's criteria) the caller gives by name.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any, TypeVar, get_type_hints

INT_MAX = 2**31 - 1  # the database's INTEGER (PostgreSQL int4)

T = TypeVar("T")
_KEY = "doc"


@dataclass(frozen=True, slots=True)
class Field:
    """How one field appears in a board document.

    kind: id (this record's reference, unique in ``table``), ref/refs (reference(s) to
    ``table``), int, number, bool, title, name, line, text, email, date, datetime, choice,
    key (order key), dates (a sorted list of distinct dates), list (of ``entity``), object
    (an ``entity``), json (a JSON object kept as it is, whose shape its reader checks: a team
    format's document).
    """

    kind: str
    required: bool = False
    nullable: bool = False  # None is kept as None (else it means "missing": the default)
    low: int = 1
    high: int = INT_MAX
    limit: int = 0  # line: maximum length
    choices: type[StrEnum] | tuple[str, ...] = ()  # a dataclass field's own enum by default
    table: str = ""
    entity: Mapping[str, Field] | None = None
    unique: bool = False  # unique among the records of the same list (missing: its place)
    multiline: bool = False  # line: may hold line breaks and tabs
    own_refs: bool = False  # object/list: a document of its own, with its own references
    default: Any = None
    name: str = ""  # the document's name for a dataclass field, when it differs


def doc(kind: str, **options: Any) -> dict[str, Field]:
    """A dataclass field's metadata: how it appears in a board document."""
    return {_KEY: Field(kind, **options)}


@dataclass(frozen=True, slots=True)
class Declared:
    """One dataclass field as the derived mappings see it."""

    attribute: str
    spec: Field | None  # None: not in documents
    enum: type[StrEnum] | None  # the field's enum, stored as its value

    @property
    def key(self) -> str:
        """The field's name in a document."""
        return (self.spec.name if self.spec else "") or self.attribute


def _enum_of(hint: Any) -> type[StrEnum] | None:
    options = hint.__args__ if isinstance(hint, types.UnionType) else (hint,)
    enums = [o for o in options if isinstance(o, type) and issubclass(o, StrEnum)]
    return enums[0] if enums else None


@cache
def declared(cls: type) -> tuple[Declared, ...]:
    """The fields of an entity dataclass, in declaration order (the document's order)."""
    hints = get_type_hints(cls)
    out: list[Declared] = []
    for f in dataclasses.fields(cls):
        spec: Field | None = f.metadata.get(_KEY)
        enum = _enum_of(hints[f.name])
        if spec is not None and spec.kind == "choice" and not spec.choices:
            if enum is None:
                raise TypeError(f"{cls.__name__}.{f.name}: a choice needs an enum or choices")
            spec = dataclasses.replace(spec, choices=enum)
        out.append(Declared(f.name, spec, enum))
    return tuple(out)


@cache
def documented(cls: type) -> tuple[Declared, ...]:
    """The fields of an entity that a board document holds."""
    return tuple(d for d in declared(cls) if d.spec is not None)


def shape(cls: type) -> dict[str, Field]:
    """The document shape of an entity's declared fields (document_schema adds its lists)."""
    return {d.key: d.spec for d in documented(cls) if d.spec is not None}


def typed(d: Declared, value: Any) -> Any:
    """A stored or document value as the entity holds it (an enum member for a choice)."""
    if d.enum is None or value is None or isinstance(value, d.enum):
        return value
    return d.enum(value) if value != "" else None


def to_document(
    cls: type,
    source: Any,
    refs: Mapping[str, Mapping[int, int]],
    **given: Any,
) -> dict[str, Any]:
    """An entity (or its record: same attribute names) as a document entry.

    ``refs`` turns database ids into the document's references, per table; ``given`` supplies
    what ``source`` lacks (a card record's goals), by document name.
    """
    out: dict[str, Any] = {}
    for d in documented(cls):
        assert d.spec is not None
        if d.key in given:
            out[d.key] = given[d.key]
            continue
        value = getattr(source, d.attribute)
        kind = d.spec.kind
        if value is None:
            out[d.key] = None
        elif kind == "id":
            out[d.key] = refs[d.spec.table][value]
        elif kind == "ref":
            out[d.key] = refs[d.spec.table].get(value)
        elif kind == "refs":
            out[d.key] = sorted(refs[d.spec.table][v] for v in value)
        elif kind in ("date", "datetime"):
            out[d.key] = value.isoformat()
        elif kind == "dates":
            out[d.key] = [day.isoformat() for day in value]
        elif isinstance(value, Enum):
            out[d.key] = value.value
        else:
            out[d.key] = value
    return out


_EMPTY: dict[str, Any] = {
    "bool": False,
    "title": "",
    "name": "",
    "line": "",
    "text": "",
    "email": "",
    "refs": [],
    "dates": [],
}


@cache
def _readers(cls: type) -> tuple[tuple[str, str, str, str, Any, type[StrEnum] | None], ...]:
    """Per documented field: document name, attribute, kind, table, value when missing, enum."""
    out = []
    for d in documented(cls):
        assert d.spec is not None
        spec = d.spec
        missing = spec.default if spec.default is not None else _EMPTY.get(spec.kind)
        out.append((d.key, d.attribute, spec.kind, spec.table, missing, d.enum))
    return tuple(out)


def from_document(
    cls: type,
    entry: Mapping[str, Any],
    resolve: Callable[[str, int], Any] | None = None,
    *,
    enums: bool = False,
) -> dict[str, Any]:
    """An entity's documented fields read from a document entry, by attribute name.

    Dates become dates; choices stay their values (``enums``: become their enum members);
    references pass through ``resolve(table, ref)`` (without it they stay the document's
    references). A field the entry lacks (an older snapshot) is its document default.
    """
    out: dict[str, Any] = {}
    for key, attribute, kind, table, missing, enum in _readers(cls):
        value = entry.get(key)
        if value is None:
            value = missing
        if value is None:
            out[attribute] = None
        elif kind == "date":
            out[attribute] = date.fromisoformat(value)
        elif kind == "datetime":
            out[attribute] = datetime.fromisoformat(value)
        elif kind == "dates":
            out[attribute] = tuple(date.fromisoformat(day) for day in value)
        elif kind == "ref" and resolve is not None:
            out[attribute] = resolve(table, value)
        elif kind == "refs":
            out[attribute] = tuple(resolve(table, v) if resolve else v for v in value)
        elif enums and enum is not None:
            out[attribute] = enum(value) if value != "" else None
        else:
            out[attribute] = value
    return out


def entity_from_document(cls: type[T], entry: Mapping[str, Any], **given: Any) -> T:
    """An entity from a document entry (references kept); ``given`` fills the rest."""
    values = from_document(cls, entry, enums=True)
    values.update(given)
    return cls(**values)
