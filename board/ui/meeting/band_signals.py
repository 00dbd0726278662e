"""What a finger on the meeting band asks for, as signals.

The band and its pages only draw and emit; MeetingController connects these to its
actions (and to the window's undo, redo and card page). Nothing in the band calls back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class BandSignals(QObject):
    # The band itself
    shown = Signal(bool)  # the band shown or hidden: the top bar gives way to it
    hide = Signal()
    undo = Signal()
    redo = Signal()
    # Before and between the steps
    start = Signal()
    history = Signal()
    length_chosen = Signal(int)  # minutes
    format_wanted = Signal()  # the formats to choose from
    go_on = Signal()  # Næste
    go_back = Signal()  # Forrige
    take_over = Signal()  # a meeting led from another screen: lead it from this one
    # A step of a format
    question_moved = Signal(int)  # ‹ -1, › +1
    questions_shown_all = Signal(bool)
    # Fremmøde
    facilitator_wanted = Signal()
    role_wanted = Signal(str)  # a Role of the format: who holds it
    presence_set = Signal(int, bool)  # person id, present
    guest_added = Signal(str)
    # The walk and the ideas
    card_pointed = Signal(int)  # ringed on the board
    card_opened = Signal(int)  # card id: its template page
    agreement_wanted = Signal(object)  # the card id it is about, or None
    agreement_removed = Signal(int)
    # Afslut
    next_in_chosen = Signal(int)  # days after this meeting
    next_date_typed = Signal(str)
    end_wanted = Signal(bool)  # True: past the CPR warning on purpose
    privacy_cleared = Signal()
    privacy_find_wanted = Signal()  # the CPR warning's »Find persondata …«
    card_number_opened = Signal(int)  # a card named by a CPR warning
    # The minutes
    minutes_retry = Signal()
    path_opened = Signal(object)  # a Path: the PDF or its folder
    minutes_closed = Signal()
