"""Another screen's text for a field being edited, shown under it with a calm choice.

A field the user is typing in is never replaced by a change from another screen (issue 12):
the other text appears under it, "Ændret på en anden skærm: »…«", with Behold min / Brug
deres / Begge. The buttons take no focus, so choosing never ends the visit to the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from board.i18n import tr
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button
from board.ui.template.template_widgets import label

KEEP, TAKE, BOTH = "keep", "take", "both"


class RemoteChoice(QFrame):
    """The other screen's text and three buttons; ``chosen`` says which (KEEP/TAKE/BOTH)."""

    chosen = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        t = theme
        self.setObjectName("remote-choice")
        self.setStyleSheet(
            f"QFrame#remote-choice {{ background: #FFF8E6; border: {max(1, t.px(1.5))}px solid"
            f" #E3C16F; border-radius: {t.px(6)}px; }}"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(t.px(10), t.px(6), t.px(10), t.px(8))
        lay.setSpacing(t.px(6))
        self.text = label("", t.font(12.5), name="remote-text", selectable=True)
        lay.addWidget(self.text)
        row = QHBoxLayout()
        row.setSpacing(t.px(8))
        for choice, key in ((KEEP, "template.remote.keep"), (TAKE, "template.remote.take"),
                            (BOTH, "template.remote.both")):  # fmt: skip
            button = big_button(tr(key), t, name=f"remote-{choice}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
            button.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            row.addWidget(button)
        row.addStretch(1)
        lay.addLayout(row)
        self.hide()

    def offer(self, theirs: str) -> None:
        self.text.setText(tr("template.remote.changed", text=theirs))
        self.show()


def place_under(field: QWidget, panel: QWidget) -> bool:
    """Put ``panel`` right under ``field`` in the nearest top-to-bottom layout holding it."""
    parent = field.parentWidget()
    top = parent.layout() if parent is not None else None
    path = _path_to(top, field) if top is not None else None
    if not path:
        return False
    for layout, index in reversed(path):
        if isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.TopToBottom,
            QBoxLayout.Direction.Down,
        ):
            layout.insertWidget(index + 1, panel)
            return True
    return False


def _path_to(layout: QLayout, widget: QWidget) -> list[tuple[QLayout, int]] | None:
    """The layouts from ``layout`` down to ``widget``, each with the index of the way down."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget:
            return [(layout, i)]
        inner = item.layout()
        if inner is not None:
            below = _path_to(inner, widget)
            if below is not None:
                return [(layout, i), *below]
    return None
