"""Reading a file of measurements: CSV (as Excel writes it, Danish or English) or .xlsx.

Columns: date + value, or date + numerator + denominator, each optionally + note. A header
row is optional and recognised in Danish or English (dato/date, værdi/value, tæller/numerator,
nævner/denominator, note/kommentar); other headed columns are ignored. Without a header, two
columns are date + value; three are date + numerator + denominator when every third cell is a
number, else date + value + note; four are date + numerator + denominator + note.

CSV: separated by ``;``, tab or ``,`` (Danish Excel writes ``;`` with decimal commas), UTF-8
with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252; a first line
``sep=;`` names the separator. Numbers take a decimal comma or point, spaces as thousands
separators, both marks when the last is the decimal one ("1.234,5"), and a trailing ``%`` (the
number as shown). Dates: ISO (2026-06-11), d-m-yyyy, d.m.yyyy or d/m/yyyy.

Every row is read before anything is returned: one bad row or more raise one
``MeasurementFileError`` naming each by its line (row in a workbook) and why, so a caller
never imports half a file.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from board.domain import text
from board.domain.errors import BoardError, ValidationError

MAX_BYTES = 20 * 1024 * 1024  # far above any series of measurements a team keeps
SHOWN_PROBLEMS = 20  # the message lists this many bad lines, then says how many more


class FileKind(StrEnum):
    VALUE = "value"  # date + value
    PROPORTION = "proportion"  # date + numerator + denominator


@dataclass(frozen=True, slots=True)
class ImportedRow:
    line: int  # line in the CSV file, row in the workbook (from 1)
    measured_on: date
    value: float  # the value, or the numerator of a proportion
    denominator: float | None  # None in a file of values
    note: str


@dataclass(frozen=True, slots=True)
class MeasurementFile:
    kind: FileKind
    rows: tuple[ImportedRow, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one line cannot be imported: a message key and its parameters."""

    line: int
    reason: str
    params: tuple[tuple[str, Any], ...] = ()


class MeasurementFileError(BoardError):
    """A measurement file that cannot be imported: the whole file (its key says why) or the
    bad lines, every one of them, in ``problems``."""

    key = "error.measure_file"

    def __init__(
        self, key: str, path: str, problems: Sequence[Problem] = (), *, workbook: bool = False
    ) -> None:
        super().__init__(key, path=path)
        self.problems = tuple(problems)
        self.workbook = workbook

    def lines(self) -> list[str]:
        """Each bad line in the user's words: "Linje 5: »31.02.2026« er ikke en dato …"."""
        from board.i18n import tr

        where = "error.measure_file.row" if self.workbook else "error.measure_file.line"
        return [
            tr(where, line=p.line, reason=tr(p.reason, **{k: _word(v) for k, v in p.params}))
            for p in self.problems
        ]

    def message(self) -> str:
        from board.i18n import tr, tr_n

        if not self.problems:
            return super().message()
        lines = self.lines()
        shown = lines[:SHOWN_PROBLEMS]
        if len(lines) > SHOWN_PROBLEMS:
            shown.append(tr_n("error.measure_file.more", len(lines) - SHOWN_PROBLEMS))
        return tr(self.key, path=self.params["path"], problems="\n".join(shown))


def _word(value: Any) -> Any:
    """A parameter that names a field ("field.value") in the user's words."""
    from board.i18n import tr

    return tr(value) if isinstance(value, str) and value.startswith("field.") else value


# ------------------------------------------------------------------ reading the file


def read_measurements(path: Path | str) -> MeasurementFile:
    """The measurements in the file at ``path``, or MeasurementFileError (nothing read)."""
    path = Path(path)
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise MeasurementFileError("error.import_unreadable", where) from None
    if len(data) > MAX_BYTES:
        raise MeasurementFileError("error.measure_file.too_big", where)
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return parse_rows(_workbook_rows(data, where), where, workbook=True)
    return parse_rows(_csv_rows(data, where), where)


def parse_csv(content: str, where: str = "") -> MeasurementFile:
    """The measurements in a CSV text (for a pasted table, and for tests)."""
    return parse_rows(_split_csv(content), where)


Cell = str | float | int | date | None
Row = tuple[int, list[Cell] | None]  # (line, cells); None: a line csv could not read


def _decode(data: bytes, where: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise MeasurementFileError("error.measure_file.not_text", where) from None
    if b"\x00" in data:  # a binary file (or UTF-16 without BOM): not a table we can read
        raise MeasurementFileError("error.measure_file.not_text", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Excel's "CSV (semikolonsepareret)" on Danish Windows
    except UnicodeDecodeError:
        raise MeasurementFileError("error.measure_file.not_text", where) from None


def _csv_rows(data: bytes, where: str) -> list[Row]:
    return _split_csv(_decode(data, where))


def _split_csv(content: str) -> list[Row]:
    content = content.replace("\r\n", "\n").replace("\r", "\n")  # old Mac files end lines in CR
    lines = content.splitlines(keepends=True)
    skipped = 0
    separator = None
    if lines and (m := re.match(r"^\ufeff?sep=(.)\s*$", lines[0], re.IGNORECASE)):
        separator, skipped = m.group(1), 1
    body = lines[skipped:]
    if separator is None:
        first = next((line for line in body if line.strip()), "")
        separator = next((s for s in (";", "\t") if s in first), ",")
    rows: list[Row] = []
    reader = csv.reader(io.StringIO("".join(body)), delimiter=separator, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            rows.append((skipped + start, None))
            break  # the reader cannot go on past a broken quote
        rows.append((skipped + start, list(cells)))
        start = reader.line_num + 1
    return rows


def _workbook_rows(data: bytes, where: str) -> list[Row]:
    import warnings
    import zipfile

    import openpyxl  # imported here: only a workbook needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # What openpyxl warns about (an unsupported extension, a missing style) is nothing a
        # user can act on; the cells are read all the same.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise MeasurementFileError("error.measure_file.bad_workbook", where) from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read every row, whatever size the file claims
        rows: list[Row] = []
        # Read-only sheets give missing rows as empty ones, so the count is the row number.
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            rows.append((number, [_workbook_cell(cell) for cell in cells]))
        return rows
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise MeasurementFileError("error.measure_file.bad_workbook", where) from None
    finally:
        book.close()


def _workbook_cell(cell: Any) -> Cell:
    value = cell.value
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, int | float):
        # A share shown as 45 % is read as shown, as a CSV of the same sheet would have it.
        return value * 100 if "%" in str(getattr(cell, "number_format", "")) else value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str | date):
        return value
    return str(value)


# ------------------------------------------------------------------ the rows

_HEADERS = {
    "date": ("dato", "date", "målt", "målt den", "measured", "measured on", "measured_on", "dag"),
    "value": ("værdi", "vaerdi", "value", "måling", "measurement"),
    "numerator": ("tæller", "taeller", "numerator"),
    "denominator": ("nævner", "naevner", "denominator"),
    "note": ("note", "noter", "kommentar", "comment", "bemærkning", "notes"),
}
_HEADER_NAMES = {name: column for column, names in _HEADERS.items() for name in names}
_COLUMN_FIELDS = {
    "date": "field.measured_on",
    "value": "field.value",
    "numerator": "field.numerator",
    "denominator": "field.denominator",
}


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header_name(cell: Cell) -> str | None:
    if not isinstance(cell, str):
        return None
    name = re.sub(r"\(.*?\)|\[.*?\]", "", cell).strip().strip(":").strip().lower()
    return _HEADER_NAMES.get(name)


def _trimmed(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and _blank(cells[end - 1]):
        end -= 1
    return cells[:end]


def parse_rows(rows: Iterable[Row], where: str, *, workbook: bool = False) -> MeasurementFile:
    """Measurements from the rows of a file: see the module's docstring."""
    filled = [(line, cells) for line, cells in rows if cells is None or _trimmed(cells)]
    if not filled:
        raise MeasurementFileError("error.measure_file.empty", where, workbook=workbook)
    problems: list[Problem] = []
    first = filled[0][1]
    columns: dict[str, int]
    if first is not None and any(_header_name(c) for c in first):
        columns = {}
        for index, cell in enumerate(first):
            name = _header_name(cell)
            if name and name not in columns:
                columns[name] = index
        data = filled[1:]
        if "date" not in columns or not (
            "value" in columns or {"numerator", "denominator"} <= columns.keys()
        ):
            raise MeasurementFileError("error.measure_file.columns", where, workbook=workbook)
        if "value" in columns and "numerator" in columns:
            raise MeasurementFileError("error.measure_file.columns", where, workbook=workbook)
        width = len(_trimmed(first))  # a cell beyond the headings: a separator misread
    else:
        data = filled
        readable = [_trimmed(cells) for _, cells in data if cells is not None]
        # The usual number of columns (the first row's among equals); wider rows are bad.
        width = Counter(len(cells) for cells in readable).most_common(1)[0][0] if readable else 0
        if width == 2:
            columns = {"date": 0, "value": 1}
        elif width == 3 and all(
            _number(cells[2]) is not None for cells in readable if len(cells) > 2
        ):
            columns = {"date": 0, "numerator": 1, "denominator": 2}
        elif width == 3:
            columns = {"date": 0, "value": 1, "note": 2}
        elif width == 4:
            columns = {"date": 0, "numerator": 1, "denominator": 2, "note": 3}
        else:
            raise MeasurementFileError("error.measure_file.columns", where, workbook=workbook)
    kind = FileKind.VALUE if "value" in columns else FileKind.PROPORTION
    if not data:
        raise MeasurementFileError("error.measure_file.empty", where, workbook=workbook)
    result: list[ImportedRow] = []
    seen: dict[date, int] = {}
    for line, cells in data:
        if cells is None:
            problems.append(Problem(line, "error.measure_row.unreadable"))
            continue
        if len(_trimmed(cells)) > width:
            problems.append(Problem(line, "error.measure_row.columns"))
            continue
        row, problem = _row(line, cells, columns, kind)
        if problem is not None:
            problems.append(problem)
        elif row is not None:
            if row.measured_on in seen:
                again = (
                    "error.measure_row.duplicate_row" if workbook else "error.measure_row.duplicate"
                )
                problems.append(Problem(line, again, (("other", seen[row.measured_on]),)))
            else:
                seen[row.measured_on] = line
                result.append(row)
    if problems:
        raise MeasurementFileError("error.measure_file", where, problems, workbook=workbook)
    return MeasurementFile(kind=kind, rows=tuple(result))


def _cell(cells: list[Cell], columns: dict[str, int], name: str) -> Cell:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _shown(cell: Cell) -> str:
    """A cell as the user wrote it, for a message (a long one cut short)."""
    value = cell.strip() if isinstance(cell, str) else str(cell)
    return value if len(value) <= 40 else value[:39] + "…"


def _row(
    line: int, cells: list[Cell], columns: dict[str, int], kind: FileKind
) -> tuple[ImportedRow | None, Problem | None]:
    day_cell = _cell(cells, columns, "date")
    if _blank(day_cell):
        return None, Problem(line, "error.measure_row.missing", (("column", "field.measured_on"),))
    day = _date(day_cell)
    if day is None:
        return None, Problem(line, "error.measure_row.date", (("value", _shown(day_cell)),))
    names = ("value",) if kind is FileKind.VALUE else ("numerator", "denominator")
    numbers: list[float] = []
    for name in names:
        cell = _cell(cells, columns, name)
        field = _COLUMN_FIELDS[name]
        if _blank(cell):
            return None, Problem(line, "error.measure_row.missing", (("column", field),))
        number = _number(cell)
        if number is None:
            return None, Problem(
                line, "error.measure_row.number", (("column", field), ("value", _shown(cell)))
            )
        numbers.append(number)
    if kind is FileKind.PROPORTION:
        numerator, denominator = numbers
        if numerator < 0:
            return None, Problem(
                line,
                "error.measure_row.negative",
                (("value", _shown(_cell(cells, columns, "numerator"))),),
            )
        if denominator <= 0:
            return None, Problem(
                line,
                "error.measure_row.denominator",
                (("value", _shown(_cell(cells, columns, "denominator"))),),
            )
    note_cell = _cell(cells, columns, "note")
    note = "" if _blank(note_cell) else str(note_cell)
    try:
        note = text.long_text(note, "field.note")
    except ValidationError as error:
        return None, Problem(line, error.key, tuple(error.params.items()))
    denominator_value = numbers[1] if kind is FileKind.PROPORTION else None
    return ImportedRow(line, day, numbers[0], denominator_value, note), None


_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]00:00(:00(\.0+)?)?$")


def _date(cell: Cell) -> date | None:
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        return None
    value = cell.strip()
    if m := _ISO_TIME.match(value):
        value = m.group(1)
    try:
        return text.parse_date(value, "field.measured_on")
    except ValidationError:
        return None


_PLAIN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_DANISH_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$")
_ENGLISH_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+\.\d+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def _number(cell: Cell) -> float | None:
    """A finite number from a cell, or None: see the module's docstring for what is read."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, date):
        return None
    if isinstance(cell, int | float):
        number = float(cell)
        return number if math.isfinite(number) else None
    value = _SPACES.sub("", cell.replace("\u2212", "-"))
    value = value.removesuffix("%")
    if _PLAIN.match(value):
        return float(value.replace(",", "."))
    if _DANISH_GROUPED.match(value):
        return float(value.replace(".", "").replace(",", "."))
    if _ENGLISH_GROUPED.match(value):
        return float(value.replace(",", ""))
    return None
