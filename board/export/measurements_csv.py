"""An indicator's measurements as CSV for Excel on Danish Windows: the inverse of
``domain.measurement_import.read_measurements``.

Semicolons, decimal commas, UTF-8 with BOM, CRLF, a header row (dato;værdi;note, or
dato;tæller;nævner;note for a proportion). The header is the file format's, in Danish as
the importer reads it whatever the UI's language. Dates are ISO: Excel shows them as dates
and they read back unambiguously. Observations (no value) are not measurements: left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from board.atomic_file import write_bytes
from board.dates import file_date
from board.domain.entities import Measurement
from board.export.learning_points import plain_cell

VALUE_HEADER = ("dato", "værdi", "note")
PROPORTION_HEADER = ("dato", "tæller", "nævner", "note")


def number_cell(value: float) -> str:
    """A number with a decimal comma, never in exponent form, exact enough to read back."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return text.replace(".", ",")


def measurements_csv_bytes(rows: Sequence[Measurement], *, proportion: bool) -> bytes:
    """The measurements with a value, oldest first; ``proportion``: numerator and
    denominator columns (a row without them then gives its value over 1)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PROPORTION_HEADER if proportion else VALUE_HEADER)
    for m in sorted(rows, key=lambda m: m.measured_on):
        if m.value is None:
            continue
        if proportion:
            top = m.numerator if m.numerator is not None else m.value
            bottom = m.denominator if m.denominator is not None else 1.0
            figures = [number_cell(top), number_cell(bottom)]
        else:
            figures = [number_cell(m.value)]
        writer.writerow([file_date(m.measured_on), *figures, plain_cell(m.note)])
    return out.getvalue().encode("utf-8-sig")


def write_measurements_csv(rows: Sequence[Measurement], path: Path, *, proportion: bool) -> None:
    """Write the CSV at ``path`` atomically (all of it or nothing)."""
    write_bytes(Path(path), measurements_csv_bytes(rows, proportion=proportion))
