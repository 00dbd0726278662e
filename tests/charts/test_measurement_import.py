"""Reading measurement files (board/domain/measurement_import.py) from real files."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from board import i18n
from board.domain.measurement_import import (
    FileKind,
    ImportedRow,
    MeasurementFileError,
    parse_csv,
    read_measurements,
)


@pytest.fixture(autouse=True)
def _danish() -> None:
    i18n.set_language("da")


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def refused(path: Path) -> MeasurementFileError:
    with pytest.raises(MeasurementFileError) as caught:
        read_measurements(path)
    return caught.value


def test_a_danish_excel_csv_semicolons_decimal_commas_windows_1252(tmp_path: Path) -> None:
    content = (
        "Dato;Værdi;Kommentar\r\n"
        "5.1.2026;3,5;Første måling\r\n"
        "12.01.2026;4;\r\n"
        "19-1-2026;1.234,5;Ærø – Åbenrå, 5 €\r\n"
        "26/1/2026;-0,25;\r\n"
        ";;\r\n"  # Excel writes empty rows as separators only
    )
    path = write(tmp_path, "målinger.csv", content.encode("cp1252"))
    result = read_measurements(path)
    assert result.kind is FileKind.VALUE
    assert result.rows == (
        ImportedRow(2, date(2026, 1, 5), 3.5, None, "Første måling"),
        ImportedRow(3, date(2026, 1, 12), 4.0, None, ""),
        ImportedRow(4, date(2026, 1, 19), 1234.5, None, "Ærø – Åbenrå, 5 €"),
        ImportedRow(5, date(2026, 1, 26), -0.25, None, ""),
    )


def test_utf8_with_bom_commas_and_decimal_points_quoted_notes_and_emoji(tmp_path: Path) -> None:
    content = (
        "date,value,note\n"
        '2026-01-05,3.5,"Kort, men godt 👍"\n'
        '2026-01-12,"1,234.5","to\nlinjer"\n'
        "2026-01-19 00:00:00,7,\n"
    )
    path = write(tmp_path, "data.csv", codecs.BOM_UTF8 + content.encode("utf-8"))
    rows = read_measurements(path).rows
    assert [(r.line, r.measured_on, r.value, r.note) for r in rows] == [
        (2, date(2026, 1, 5), 3.5, "Kort, men godt 👍"),
        (3, date(2026, 1, 12), 1234.5, "to\nlinjer"),
        (5, date(2026, 1, 19), 7.0, ""),  # the quoted note took two lines
    ]


def test_no_header_two_columns_and_the_date_forms(tmp_path: Path) -> None:
    content = "2026-02-01;10\n2.2.2026;11\n3-2-2026;12\n4/2/2026;13 %\n"
    rows = read_measurements(write(tmp_path, "x.csv", content.encode())).rows
    assert [(r.measured_on.day, r.value) for r in rows] == [(1, 10), (2, 11), (3, 12), (4, 13)]


def test_a_proportion_with_a_danish_header(tmp_path: Path) -> None:
    content = "Dato;Tæller;Nævner;Note\n5.1.2026;7;9;7 af 9 familier\n12.1.2026;8;10;\n"
    result = read_measurements(write(tmp_path, "p.csv", content.encode()))
    assert result.kind is FileKind.PROPORTION
    assert [(r.value, r.denominator, r.note) for r in result.rows] == [
        (7, 9, "7 af 9 familier"),
        (8, 10, ""),
    ]


def test_three_columns_without_header_numbers_are_a_proportion_text_is_a_note() -> None:
    assert parse_csv("2026-01-05;7;9\n2026-01-12;8;10\n").kind is FileKind.PROPORTION
    notes = parse_csv("2026-01-05;7;god uge\n2026-01-12;8;\n")
    assert notes.kind is FileKind.VALUE
    assert [(r.value, r.note) for r in notes.rows] == [(7, "god uge"), (8, "")]


def test_a_decimal_comma_in_a_comma_separated_file_is_not_read_as_two_numbers() -> None:
    with pytest.raises(MeasurementFileError) as caught:
        parse_csv("Date,Value\n2026-01-05,3,5\n2026-01-12,4\n", "c.csv")
    assert [p.line for p in caught.value.problems] == [2]


def test_english_headers_in_another_order_with_extra_columns(tmp_path: Path) -> None:
    content = "Week,Denominator,Numerator,Date\n2,20,5,2026-01-05\n3,20,6,2026-01-12\n"
    result = read_measurements(write(tmp_path, "e.csv", content.encode()))
    assert [(r.measured_on, r.value, r.denominator) for r in result.rows] == [
        (date(2026, 1, 5), 5, 20),
        (date(2026, 1, 12), 6, 20),
    ]


def test_an_xlsx_made_with_openpyxl(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Dato", "Værdi", "Note"])
    sheet.append([datetime(2026, 1, 5), 3.5, "første"])
    sheet.append(["12.1.2026", "4,5", None])
    sheet.append([date(2026, 1, 19), 0.45, "🙂"])
    sheet["B4"].number_format = "0%"  # shown as 45 %: read as shown
    sheet.append([None, None, None])
    sheet.append([datetime(2026, 1, 26), 7, None])
    path = tmp_path / "målinger.xlsx"
    book.save(path)
    rows = read_measurements(path).rows
    assert [(r.line, r.measured_on, r.value, r.note) for r in rows] == [
        (2, date(2026, 1, 5), 3.5, "første"),
        (3, date(2026, 1, 12), 4.5, ""),
        (4, date(2026, 1, 19), pytest.approx(45), "🙂"),
        (6, date(2026, 1, 26), 7, ""),
    ]


def test_a_bad_row_in_an_xlsx_is_named_by_its_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Dato", "Værdi"], ["5.1.2026", 1], ["12.1.2026", 2], ["31.02.2026", 3]):
        sheet.append(row)
    path = tmp_path / "fejl.xlsx"
    book.save(path)
    assert refused(path).lines() == [
        "Række 4: »31.02.2026« er ikke en gyldig dato – skriv fx 11.6.2026 eller 2026-06-11"
    ]


def test_a_bad_row_on_line_5_refuses_the_whole_file(tmp_path: Path) -> None:
    content = "Dato;Værdi\n5.1.2026;1\n12.1.2026;2\n19.1.2026;3\n26.1.2026;abc\n2.2.2026;5\n"
    error = refused(write(tmp_path, "fem.csv", content.encode()))
    assert error.lines() == ["Linje 5: »abc« i »Værdi« er ikke et tal – skriv fx 12 eller 3,5"]
    assert error.message() == (
        f"Målingerne i »{tmp_path / 'fem.csv'}« er ikke indlæst – intet er ændret. "
        "Ret disse linjer, og prøv igen:\n"
        "Linje 5: »abc« i »Værdi« er ikke et tal – skriv fx 12 eller 3,5"
    )


def test_every_bad_row_is_listed_with_its_reason(tmp_path: Path) -> None:
    content = (
        "Dato;Tæller;Nævner\n"  # 1
        "31.02.2026;1;2\n"  # 2: no such date
        "7.1.2026;3;0\n"  # 3: denominator 0
        "8.1.2026;-1;4\n"  # 4: negative numerator
        "9.1.2026;;4\n"  # 5: numerator missing
        ";1;2\n"  # 6: date missing
        "10.1.2026;1;2\n"  # 7: fine
        "10.1.2026;2;2\n"  # 8: the same date again
        "11.1.2026;1;2;x\n"  # 9: a cell beyond the headings
        "12.1.2026;1;2;;\n"  # 10: fine, empty cells at the end are nothing
    )
    error = refused(write(tmp_path, "p.csv", content.encode()))
    assert error.lines() == [
        "Linje 2: »31.02.2026« er ikke en gyldig dato – skriv fx 11.6.2026 eller 2026-06-11",
        "Linje 3: nævneren skal være større end 0 (ikke »0«)",
        "Linje 4: tælleren kan ikke være negativ (»-1«)",
        "Linje 5: »Tæller« er tom",
        "Linje 6: »Målt den« er tom",
        "Linje 8: samme dato som linje 7",
        "Linje 9: linjen har flere kolonner end de øvrige – står skilletegnet måske i et tal?",
    ]
    i18n.set_language("en")
    assert error.lines()[1] == "Line 3: the denominator must be greater than 0 (not “0”)"


def test_an_empty_file_and_a_header_alone_are_refused(tmp_path: Path) -> None:
    for name, content in (
        ("tom.csv", b""),
        ("blank.csv", b"\r\n \r\n"),
        ("h.csv", b"Dato;V\xc3\xa6rdi\n"),
    ):
        error = refused(write(tmp_path, name, content))
        assert error.key == "error.measure_file.empty"
        assert error.message() == f"Filen »{tmp_path / name}« indeholder ingen målinger."


def test_a_note_of_100_000_characters_is_kept_and_one_more_is_refused(tmp_path: Path) -> None:
    note = "æ" * 99_999 + "🙂"
    path = write(tmp_path, "lang.csv", f"Dato;Værdi;Note\n5.1.2026;1;{note}\n".encode())
    assert read_measurements(path).rows[0].note == note
    path = write(tmp_path, "for-lang.csv", f"Dato;Værdi;Note\n5.1.2026;1;{note}x\n".encode())
    assert refused(path).lines() == [
        "Linje 2: Feltet »Note« er for langt (100001 tegn, højst 100000). Gør teksten kortere."
    ]


def test_more_than_twenty_bad_rows_are_counted_after_the_first_twenty() -> None:
    content = "Dato;Værdi\n" + "".join(f"{d}.1.2026;x\n" for d in range(1, 26))
    with pytest.raises(MeasurementFileError) as caught:
        parse_csv(content, "mange.csv")
    message = caught.value.message()
    assert len(caught.value.problems) == 25
    assert "Linje 21:" in message and "Linje 22:" not in message
    assert message.endswith("\n… og 5 linjer mere")


def test_columns_that_cannot_be_told_apart_are_refused() -> None:
    for content in ("Dato;Antal\n5.1.2026;3\n", "5.1.2026;1;2;3;4\n", "Dato;Værdi;Tæller\n"):
        with pytest.raises(MeasurementFileError) as caught:
            parse_csv(content, "k.csv")
        assert caught.value.key == "error.measure_file.columns"


def test_a_broken_quote_and_an_uneven_line_are_named() -> None:
    with pytest.raises(MeasurementFileError) as caught:
        parse_csv('2026-01-05;1\n2026-01-06;2\n2026-01-07;"3\n', "q.csv")
    assert caught.value.lines() == [
        "Linje 3: linjen kan ikke læses – mangler der et anførselstegn?"
    ]
    with pytest.raises(MeasurementFileError) as caught:
        parse_csv("2026-01-05;1\n2026-01-06;2;3;4\n", "u.csv")
    assert [p.line for p in caught.value.problems] == [2]


def test_a_binary_file_and_a_broken_workbook_are_refused(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "x.csv", b"\x00\x01\x02")).key == ("error.measure_file.not_text")
    error = refused(write(tmp_path, "x.xlsx", b"PK\x03\x04 not a workbook"))
    assert error.key == "error.measure_file.bad_workbook"
    assert "kan ikke åbnes som Excel-projektmappe" in error.message()
    assert refused(tmp_path / "findes-ikke.csv").key == "error.import_unreadable"


def test_utf16_tab_separated_unicode_text_and_a_sep_line(tmp_path: Path) -> None:
    content = "Dato\tVærdi\n5.1.2026\t2,5\n"
    path = write(tmp_path, "u.txt", codecs.BOM_UTF16_LE + content.encode("utf-16-le"))
    assert read_measurements(path).rows[0].value == 2.5
    assert parse_csv('sep=,\nDato,Værdi\n5.1.2026,"2,5"\n').rows[0].line == 3


def test_a_missing_denominator_in_a_file_without_header_is_not_read_as_a_note() -> None:
    with pytest.raises(MeasurementFileError) as caught:
        parse_csv("2026-01-05;7;9\n2026-01-12;8\n2026-01-19;6;9\n", "p.csv")
    assert caught.value.lines() == ["Linje 2: »Nævner« er tom"]


def test_lines_ending_in_cr_alone_are_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "mac.csv", b"Dato;V\xe6rdi\r5.1.2026;1\r12.1.2026;x\r")
    assert refused(path).lines() == [
        "Linje 3: »x« i »Værdi« er ikke et tal – skriv fx 12 eller 3,5"
    ]
