"""Driving a template as a person would: a finger taps, keys type (Danish letters too)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from ui.helpers import Finger, card_point

from board.domain.lanes import Lane


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """A quick finger tap (a touch press and release on the widget)."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    window = widget.window()
    area = _scroll_area_of(widget)
    if area is not None:
        QApplication.processEvents()  # a step just shown: the page's new length first
        reveal(area, widget)
        QApplication.processEvents()
    at = widget.mapTo(window, point if point is not None else widget.rect().center())
    assert window.rect().contains(at), f"{widget.objectName()} is off the screen"
    finger = Finger(window)
    finger.press(at)
    finger.release(at)
    QApplication.processEvents()


def reveal(area, widget: QWidget, margin: int = 10) -> None:  # type: ignore[no-untyped-def]
    """Scroll the whole widget into view (ensureWidgetVisible shows only a text cursor)."""
    top = widget.mapTo(area.widget(), QPoint(0, 0)).y()
    bar = area.verticalScrollBar()
    height = area.viewport().height()
    if top + widget.height() + margin > bar.value() + height:
        bar.setValue(top + widget.height() + margin - height)
    if top - margin < bar.value():
        bar.setValue(top - margin)


def _scroll_area_of(widget: QWidget):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def type_text(text: str) -> None:
    """Type into the focused widget, key by key (QTest.keyClicks refuses æ, ø and å)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def fill(widget: QWidget, text: str, *, replace: bool = True) -> None:
    """Tap into a field and type ``text`` (after selecting what is there, if ``replace``)."""
    tap(widget)
    assert widget.hasFocus(), f"{widget.objectName()} did not take the focus"
    if replace:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if isinstance(widget, QPlainTextEdit | QLineEdit):
            QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(text)


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return widget.text()  # type: ignore[attr-defined]


def open_by_tap(window, card_id: int):  # type: ignore[no-untyped-def]
    """Tap the card on the board; returns the template page that opened."""
    from board.ui.template.base_page import current_page

    view = window.board.lane_of(card_id)
    assert view is not None
    view.ensure_visible(card_id)
    finger = Finger(view)
    point = card_point(view, card_id)
    finger.press(point)
    finger.release(point)
    QApplication.processEvents()
    page = current_page(window)
    assert page is not None and page.objectName() == "template-page"
    assert page.card_id == card_id
    return page


def child(page: QWidget, name: str) -> QWidget:
    """The widget called ``name``; the one shown, if a rebuilt part's old one is still
    waiting for its deletion (the page follows other screens' changes)."""
    found = page.findChildren(QWidget, name)
    assert found, f"no {name!r} on the page"
    return next((w for w in found if w.isVisible()), found[0])


def lane_of(window, card_id: int) -> Lane:  # type: ignore[no-untyped-def]
    card = window.store.card(card_id)
    assert card is not None
    return card.lane
