"""SQLAlchemy 2 typed records: the schema. Alembic migrations must agree with it (tested)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Named constraints so that SQLite batch migrations can find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class DateList(TypeDecorator[tuple[date, ...]]):
    """Dates kept as a JSON list of ISO strings, read back as a tuple of dates."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> list[str] | None:
        return None if value is None else sorted({day.isoformat() for day in value})

    def process_result_value(self, value: Any, dialect: Any) -> tuple[date, ...] | None:
        return None if value is None else tuple(date.fromisoformat(day) for day in value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Optimistic concurrency: the ORM adds ``WHERE version = ?`` to every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Called for each mapped subclass, which has the __table__ the mixin itself lacks.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class BoardRecord(Versioned, Base):
    __tablename__ = "board"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PersonRecord(Versioned, Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    initials: Mapped[str] = mapped_column(String(12))
    email: Mapped[str] = mapped_column(String(254), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class CardGoalRecord(Base):
    __tablename__ = "card_goal"
    card_id: Mapped[int] = mapped_column(
        ForeignKey("card.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True
    )


class CardRecord(Versioned, Base):
    __tablename__ = "card"
    __table_args__ = (UniqueConstraint("board_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    lane: Mapped[str] = mapped_column(String(20))
    position: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # The meeting at which the card was made (Ny idé, Beslutning); kept when it is removed.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), nullable=True
    )
    goals: Mapped[list[GoalRecord]] = relationship(
        secondary="card_goal", order_by="GoalRecord.position", lazy="selectin"
    )
    cycles: Mapped[list[CycleRecord]] = relationship(
        order_by="CycleRecord.number", cascade="all, delete-orphan", lazy="select"
    )


class GoalRecord(Versioned, Base):
    __tablename__ = "goal"
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    position: Mapped[str] = mapped_column(String(200))
    development_point: Mapped[str] = mapped_column(Text, default="")
    aim: Mapped[str] = mapped_column(Text)
    citizen_aim: Mapped[str] = mapped_column(Text, default="")
    time_frame: Mapped[str] = mapped_column(String(300), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    criteria: Mapped[list[CriterionRecord]] = relationship(
        order_by="CriterionRecord.position", cascade="all, delete-orphan", lazy="selectin"
    )


class CriterionRecord(Base):
    """A success criterion of a goal: an indicator (with target) or a sign (qualitative)."""

    __tablename__ = "success_criterion"
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The chart's settings: kind (run|i|p|u), "Fastlås basislinje" on the first N points,
    # "Ny fase fra …" dates
    chart: Mapped[str] = mapped_column(String(10), default="run")
    freeze_points: Mapped[int | None] = mapped_column(Integer, nullable=True)
    phase_starts: Mapped[tuple[date, ...]] = mapped_column(DateList, default=())
    measurements: Mapped[list[MeasurementRecord]] = relationship(
        order_by="MeasurementRecord.measured_on", cascade="all, delete-orphan", lazy="select"
    )


class MeasurementRecord(Base):
    __tablename__ = "measurement"
    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("success_criterion.id", ondelete="CASCADE"), index=True
    )
    measured_on: Mapped[date] = mapped_column(Date)
    # None: a sign's observation (the text is the note)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    entered_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class CycleRecord(Versioned, Base):
    __tablename__ = "cycle"
    __table_args__ = (UniqueConstraint("card_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(20))
    scale_step: Mapped[str] = mapped_column(String(20))
    plan_hypothesis: Mapped[str] = mapped_column(Text, default="")
    plan_change: Mapped[str] = mapped_column(Text, default="")
    plan_who: Mapped[str] = mapped_column(Text, default="")
    plan_where: Mapped[str] = mapped_column(Text, default="")
    plan_when: Mapped[str] = mapped_column(Text, default="")
    plan_data: Mapped[str] = mapped_column(Text, default="")
    do_what_happened: Mapped[str] = mapped_column(Text, default="")
    do_surprises: Mapped[str] = mapped_column(Text, default="")
    do_data: Mapped[str] = mapped_column(Text, default="")
    study_findings: Mapped[str] = mapped_column(Text, default="")
    study_learning: Mapped[str] = mapped_column(Text, default="")
    act_decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    act_next_step: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class LogEntryRecord(Versioned, Base):
    __tablename__ = "log_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int | None] = mapped_column(
        ForeignKey("card.id", ondelete="SET NULL"), nullable=True
    )
    cycle_id: Mapped[int | None] = mapped_column(
        ForeignKey("cycle.id", ondelete="SET NULL"), nullable=True
    )
    logged_on: Mapped[date] = mapped_column(Date)
    what_tested: Mapped[str] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    learning: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingRecord(Versioned, Base):
    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=15)
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    next_meeting_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # "" = the built-in format of ``kind``; else a team format's key on the board ("team-1")
    format_key: Mapped[str] = mapped_column(String(40), default="")
    # The board as it stood at the meeting's end (an export document): minutes re-made identical.
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The board the changes are counted from: the previous meeting's snapshot, or the board
    # at this meeting's start when there was none.
    baseline: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # While it runs, for every screen (0006): the step the leading screen is at, since when,
    # the card walked through there, and that screen's token ("" before any step was shared).
    step_key: Mapped[str] = mapped_column(String(40), default="")
    step_started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    walk_card_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    led_by: Mapped[str] = mapped_column(String(32), default="")
    # When personal data was last redacted from it (0007): its minutes, re-made, say so.
    redacted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    attendance: Mapped[list[AttendanceRecord]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AttendanceRecord.id"
    )
    agreements: Mapped[list[AgreementRecord]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AgreementRecord.id"
    )
    steps: Mapped[list[MeetingStepRecord]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MeetingStepRecord.id"
    )
    roles: Mapped[list[MeetingRoleRecord]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MeetingRoleRecord.id"
    )


class AttendanceRecord(Base):
    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    guest_name: Mapped[str] = mapped_column(String(120), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class AgreementRecord(Base):
    __tablename__ = "agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int | None] = mapped_column(
        ForeignKey("card.id", ondelete="SET NULL"), nullable=True
    )
    what: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # The step of the meeting's format where it was decided ("" = none)
    step_key: Mapped[str] = mapped_column(String(40), default="")


class MeetingStepRecord(Versioned, Base):
    """The notes a meeting took at one step of its format."""

    __tablename__ = "meeting_step"
    __table_args__ = (UniqueConstraint("meeting_id", "step_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    step_key: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")


class MeetingRoleRecord(Base):
    """Who holds one of the format's roles at a meeting: one holder per role."""

    __tablename__ = "meeting_role"
    __table_args__ = (UniqueConstraint("meeting_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    guest_name: Mapped[str] = mapped_column(String(120), default="")


class TeamFormatRecord(Versioned, Base):
    """A team's own meeting format (a copied format, changed), kept with the board."""

    __tablename__ = "team_format"
    __table_args__ = (UniqueConstraint("board_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    base_kind: Mapped[str] = mapped_column(String(30))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class LearningPointRecord(Versioned, Base):
    """A general learning point of the board; the meeting and the person are kept if gone."""

    __tablename__ = "learning_point"
    __table_args__ = (Index("ix_learning_point_board_id_noted_on", "board_id", "noted_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    noted_on: Mapped[date] = mapped_column(Date)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), nullable=True
    )
    case_label: Mapped[str] = mapped_column(String(120), default="")
    noted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PrivacyRecord(Base):
    """One erasure of personal data (issue 13): when, by whom, what was done, how many places
    of which kinds. Never the text: the record is for the data protection officer."""

    __tablename__ = "privacy_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(20))  # "redact", "erase_card", "erase_person"
    places: Mapped[int] = mapped_column(Integer, default=0)
    kinds: Mapped[str] = mapped_column(String(300), default="")  # place kinds, comma-separated


class DispatchRecord(Base):
    """Minutes sent to one recipient: who, when, result. Never the contents."""

    __tablename__ = "dispatch"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")
