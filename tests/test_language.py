"""Checks that keep the language right as texts are added.

(a) no English tell-tale word inside a Danish catalog text; (b) a count is shown through a
plural entry and ``tr_n`` (a bare number with no noun is declared in BARE_COUNTS), and every
key the code reads exists; (c) no date
or time formatted outside ``board/dates.py``; (d) no catalog key the code does not use (keys
built from a prefix are declared in BUILT_KEYS); (e) the same placeholders and (f) the same
keys in both languages. Each check is also run once on a planted violation, so it can fail.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel import Locale

from board import i18n
from board.domain import document_schema
from board.domain.entities import (
    CYCLE_TEXT_FIELDS,
    CriterionKind,
    CycleStep,
    Decision,
    MeetingKind,
    ScaleStep,
)
from board.domain.errors import NOT_FOUND_KINDS
from board.domain.lanes import Lane
from board.domain.meeting_formats import Produces, Role, Setting, Speaking
from board.domain.minutes import ChangeKind
from board.i18n import Entry
from board.meeting_formats import NAMED_FIELDS, all_formats

BOARD = Path(__file__).resolve().parents[1] / "board"
DATE_MODULE = BOARD / "dates.py"

# ------------------------------------------------------------------ the declarations

# English words that give away an English text; a real Danish homograph is subtracted.
TELL_TALE = frozenset({
    "the", "and", "of", "with", "not", "found", "error", "errors", "failed", "file", "files",
    "card", "cards", "meeting", "meetings", "goal", "goals", "board", "boards", "agreement",
    "agreements", "learning", "cycle", "step", "lane", "minutes", "date", "you", "your",
    "please", "click", "save", "open", "close", "cancel", "delete", "new", "edit", "undo",
    "redo", "done", "which", "when", "where", "must", "cannot", "could", "should", "this",
    "that", "there", "here", "been", "were", "are", "was", "has", "have",
})  # fmt: skip
# Danish words spelled like English ones: "at have" (to have), "en have" (a garden).
DANISH_HOMOGRAPHS = frozenset({"have"})

# Placeholders that hold a count: shown next to a noun, they need a plural entry.
COUNT_NAMES = frozenset({"count", "n", "days", "hours", "minutes", "present", "agreements",
                         "ok", "done", "pages", "length", "limit"})  # fmt: skip
# Counts that stand without a noun that changes with them (or with an abbreviation).
BARE_COUNTS = {
    "cli.boards.lane": "Idéer: 3",
    "meeting.clock.left": "af 15 min (an abbreviation)",
    "meeting.step.left": "4:00 af 15 min (an abbreviation)",
    "meeting.walk.position": "2 af 5",
    "meeting.questions.position": "Spørgsmål 2 af 6",
    "meeting.agreements.title": "Aftaler på mødet (2)",
    "meeting.send.button": "Send til fraværende (2)",
    "meeting.send.sending": "Sender … 1 af 2",
    "meeting.send.summary": "Sendt til 1 af 2.",
    "meeting.send.retry": "Prøv igen … (1)",
    "minutes.present": "Til stede (3)",
    "minutes.absent": "Fraværende (1)",
    "template.point_of": "Mål 1 af 2",
    "tpl.goals.button": "Mål: 2 valgt",
    "tpl.show_all": "Vis alle 7",
    "export.page": "Side 1 af 3",
    "format.minutes": "15 min (an abbreviation)",
    "format.timebox.about": "ca. 3 min (an abbreviation)",
    "format.timebox.at_most": "maks. 5 min (an abbreviation)",
    "format.timebox.range": "1–2 min (an abbreviation)",
    "format.timebox.turn": "8 min, ca. 1 min til hver (an abbreviation)",
    "format.error.usual": "45 min (an abbreviation)",
    "error.too_long": "a length over a limit of 12 or more: never one",
    "doc.too_long": "a length over a limit of 12 or more: never one",
}
# Keys the code builds from a value (an enum's, a kind's): template -> the values it takes.
# The check counts these keys as used; a new built key must be declared here.
_SECURITY = ("starttls", "ssl", "none")  # board/ui/meeting/settings_sheet.py
_ROLES = tuple(role.value for role in Role if role is not Role.EVERYONE)
_DOCUMENT_FIELDS = tuple(
    sorted(
        {
            name
            for shape in vars(document_schema).values()
            if isinstance(shape, dict)
            for name, spec in shape.items()
            if isinstance(spec, document_schema.Field)
        }
    )
)
BUILT_KEYS: dict[str, tuple[str, ...]] = {
    "lane.{}": tuple(Lane),
    "lane.{}.hint": tuple(Lane),
    "ui.add.{}": tuple(Lane),
    "step.{}": tuple(CycleStep),
    "tpl.hint.{}": tuple(CycleStep),
    "decision.{}": tuple(Decision),
    "ui.decision.{}": tuple(Decision),
    "template.hint.{}": tuple(Decision),
    "minutes.decided.{}": tuple(Decision),
    "scale.{}": tuple(ScaleStep),
    "scale.short.{}": tuple(ScaleStep),
    "tpl.goal.{}_hint": tuple(CriterionKind),
    "meeting.{}": tuple(MeetingKind),
    "meeting.mail.kind.{}": tuple(MeetingKind),
    "meeting.invitation.purpose.{}": tuple(MeetingKind),
    "minutes.change.{}": tuple(ChangeKind),
    "meeting.settings.security.{}": _SECURITY,
    "meeting.role.{}": _ROLES,  # board/ui/meeting/meeting_pages.py
    "meeting.speaks.{}": _ROLES,
    "field.{}": CYCLE_TEXT_FIELDS,
    "doc.field.{}": _DOCUMENT_FIELDS,  # a place in a board file (board/domain/errors.py)
    "doc.place.{}": _DOCUMENT_FIELDS,
    "error.not_found.{}": NOT_FOUND_KINDS,  # NotFoundError.message (board/domain/errors.py)
    "format.role.{}": tuple(Role),  # board/export/agenda_pdf.py
    "format.speaking.{}": tuple(Speaking),
    "format.setting.{}": tuple(Setting),
    "format.produces.{}": tuple(Produces),
    "format.place.{}": ("steps", "questions", "preparation"),  # board/meeting_formats.py
    "format.field.{}": NAMED_FIELDS,
}


def _built_keys() -> set[str]:
    return {template.format(value) for template, values in BUILT_KEYS.items() for value in values}


def _format_keys() -> set[str]:
    """The keys the meeting formats name (resources/meeting_formats/*.json): the code reads
    them from the files, not from a constant."""
    return {key for fmt in all_formats() for key in fmt.text_keys()}


# ------------------------------------------------------------------ helpers


def _texts(entry: Entry) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry.values())


def _placeholders(entry: Entry) -> set[str]:
    return {name for text in _texts(entry) for name in re.findall(r"{(\w+)}", text)}


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(BOARD.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


# ------------------------------------------------------------------ (a) English in Danish


def english_words(catalog: dict[str, Entry]) -> list[str]:
    found = []
    for key, entry in catalog.items():
        for text in _texts(entry):
            # A command the user types (»forbedringstavle boards«) is quoted, not prose.
            plain = re.sub(r"{\w+}|%\(\w+\)\w|\S+://\S+|»forbedringstavle [^«]*«", " ", text)
            words = {w.lower() for w in re.findall(r"[^\W\d_]+", plain)}
            for word in sorted(words & TELL_TALE - DANISH_HOMOGRAPHS):
                found.append(f"{key}: {word!r} in {text!r}")
    return found


def test_no_english_word_in_a_danish_text() -> None:
    assert english_words(i18n.catalog("da")) == []


def test_an_english_word_in_a_danish_text_is_caught() -> None:
    planted = {"error.not_found": "Det findes ikke længere (card 12)."}
    assert english_words(planted) == [
        "error.not_found: 'card' in 'Det findes ikke længere (card 12).'"
    ]


# ------------------------------------------------------------------ (b) plurals


def plural_problems(catalog: dict[str, Entry], lang: str) -> list[str]:
    forms = set(Locale.parse(lang).plural_form.tags) | {"other"}
    found = []
    for key, entry in catalog.items():
        if isinstance(entry, dict):
            if set(entry) != forms:
                found.append(f"{key}: forms {sorted(entry)}, {lang} needs {sorted(forms)}")
            if "count" not in _placeholders(entry):
                found.append(f"{key}: a plural entry without {{count}}")
        elif _placeholders(entry) & COUNT_NAMES and key not in BARE_COUNTS:
            found.append(f"{key}: a count in {entry!r} without a plural entry")
    return found


def _calls(tree: ast.AST, name: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == name
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def call_problems(tree: ast.AST, where: str, catalog: dict[str, Entry]) -> list[str]:
    """``tr`` reads a message, ``tr_n`` a plural entry: a mix-up is found before it runs."""
    found = []
    for line, key in [*_calls(tree, "tr"), *_calls(tree, "tr_n")]:
        if key not in catalog:
            found.append(f"{where}:{line}: {key!r} is not in the catalog")
    for line, key in _calls(tree, "tr"):
        if isinstance(catalog.get(key), dict):
            found.append(f"{where}:{line}: tr({key!r}) on a plural entry: use tr_n")
    for line, key in _calls(tree, "tr_n"):
        if not isinstance(catalog.get(key), dict):
            found.append(f"{where}:{line}: tr_n({key!r}) on an entry without plural forms")
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_count_has_plural_forms(lang: str) -> None:
    catalog = i18n.catalog(lang)
    assert plural_problems(catalog, lang) == []
    assert [key for key in BARE_COUNTS if key not in catalog] == []
    found = [p for path, tree in _sources() for p in call_problems(tree, path.name, catalog)]
    assert found == []


def test_a_count_without_plural_forms_is_caught() -> None:
    planted: dict[str, Entry] = {
        "x.cards": "{count} kort",
        "x.days": {"one": "{count} dag"},
        "x.fine": {"one": "{count} dag", "other": "{count} dage"},
    }
    assert plural_problems(planted, "da") == [
        "x.cards: a count in '{count} kort' without a plural entry",
        "x.days: forms ['one'], da needs ['one', 'other']",
    ]
    code = ast.parse('tr("x.fine", count=2)\ntr_n("x.cards", 2)\ntr("x.gone")')
    assert call_problems(code, "planted.py", planted) == [
        "planted.py:3: 'x.gone' is not in the catalog",
        "planted.py:1: tr('x.fine') on a plural entry: use tr_n",
        "planted.py:2: tr_n('x.cards') on an entry without plural forms",
    ]


# ------------------------------------------------------------------ (c) dates


_DATE_PARTS = {"day", "month", "year", "hour", "minute", "second"}
_DATE_METHODS = {"strftime", "isoformat", "weekday", "isoweekday", "toString"}
_DIRECTIVE = re.compile(r"%[YymHMSbBaAjpIZz]|%d[./-]")
_TEXT_CALLS = {"tr", "tr_n", "str", "format", "print", "setText", "label", "Paragraph"}


def _is_date_part(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr in _DATE_PARTS:
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _DATE_METHODS
    )


def date_problems(tree: ast.AST, where: str) -> list[str]:
    """A date or time made into text by hand: strftime, a %-directive, QLocale/QDate, or a
    date's day/month/year (or isoformat(), weekday()) put into an f-string or a message."""
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr == "strftime":
            found.append(f"{where}:{line}: strftime")
        elif isinstance(node, ast.Name) and node.id in ("QLocale", "QDate"):
            found.append(f"{where}:{line}: {node.id}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _DIRECTIVE.search(node.value)
        ):
            found.append(f"{where}:{line}: date directive in {node.value!r}")
        elif isinstance(node, ast.FormattedValue) and (
            _is_date_part(node.value)
            or (node.format_spec is not None and "%" in ast.unparse(node.format_spec))
        ):
            found.append(f"{where}:{line}: a date part in an f-string")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            name = node.func.id if isinstance(node.func, ast.Name) else name
            args = [*node.args, *(k.value for k in node.keywords)]
            if name in _TEXT_CALLS and any(_is_date_part(a) for a in args):
                found.append(f"{where}:{line}: a date part passed to {name}()")
    return found


def test_dates_are_formatted_only_in_the_date_module() -> None:
    found = [
        problem
        for path, tree in _sources()
        if path != DATE_MODULE
        for problem in date_problems(tree, str(path.relative_to(BOARD.parent)))
    ]
    assert found == []


@pytest.mark.parametrize(
    "planted",
    [
        'when = f"{day.day}.{day.month}.{day.year}"',
        'stamp = moment.strftime("%Y-%m-%d")',
        'text = f"{stamp:%H.%M}"',
        'text = tr("ui.date.long", day=d.day, month=d.month, year=d.year)',
        'text = tr("x", date=day.isoformat())',
        "text = f\"{tr(f'minutes.weekday.{day.weekday()}')} {compact}\"",
        "text = QLocale(QLocale.Language.Danish).toString(day)",
    ],
)
def test_a_hand_made_date_is_caught(planted: str) -> None:
    assert date_problems(ast.parse(planted), "planted.py") != []


def test_dates_in_data_are_not_caught() -> None:
    kept = 'doc = {"date": day.isoformat()}\nlog.info("meeting %d started", 3)'
    assert date_problems(ast.parse(kept), "kept.py") == []


# ------------------------------------------------------------------ (d) unused keys


def _constants() -> set[str]:
    return {
        node.value
        for _, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def unused_keys(catalog: dict[str, Entry], used: set[str]) -> list[str]:
    return sorted(key for key in catalog if key not in used)


def test_every_catalog_key_is_used() -> None:
    assert unused_keys(i18n.catalog("da"), _constants() | _built_keys() | _format_keys()) == []


def test_every_declared_template_is_built_in_the_code() -> None:
    """BUILT_KEYS lists only what the code really builds: an f-string starting with the
    template's fixed part, or the fixed part as a constant handed to a builder."""
    heads = set()
    for _, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    heads.add(head.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                heads.add(node.value + ".")
    fixed = {template: template.split("{}")[0] for template in BUILT_KEYS}
    assert [t for t, head in fixed.items() if not any(h.startswith(head) for h in heads)] == []


def test_an_unused_key_is_caught() -> None:
    assert unused_keys({"tpl.unsaved": "Ikke gemt", "tpl.saved": "Gemt"}, {"tpl.saved"}) == [
        "tpl.unsaved"
    ]


# ------------------------------------------------------------------ (e, f) both languages


def language_differences(da: dict[str, Entry], en: dict[str, Entry]) -> list[str]:
    found = [f"only in da: {k}" for k in sorted(set(da) - set(en))]
    found += [f"only in en: {k}" for k in sorted(set(en) - set(da))]
    for key in sorted(set(da) & set(en)):
        if _placeholders(da[key]) != _placeholders(en[key]):
            found.append(
                f"{key}: {sorted(_placeholders(da[key]))} / {sorted(_placeholders(en[key]))}"
            )
        if isinstance(da[key], dict) != isinstance(en[key], dict):
            found.append(f"{key}: a plural entry in one language only")
    return found


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert language_differences(i18n.catalog("da"), i18n.catalog("en")) == []


def test_a_difference_between_the_languages_is_caught() -> None:
    da: dict[str, Entry] = {"a": "{count} kort", "b": "Hej {name}", "c": "x"}
    en: dict[str, Entry] = {"a": {"one": "{count} card", "other": "{count} cards"}, "b": "Hi"}
    assert language_differences(da, en) == [
        "only in da: c",
        "a: a plural entry in one language only",
        "b: ['name'] / []",
    ]
