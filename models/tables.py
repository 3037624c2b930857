"""The store's tables. One SQLModel class serves as table and as validated record."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import Column, Index, String, Table, UniqueConstraint, false
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Field, SQLModel

from models import inspera as _inspera  # noqa: F401 - the connector's tables join the metadata
from models.types import LowerCaseString, UTCDateTime, utcnow


class GradeScale(StrEnum):
    letter = "letter"
    passfail = "passfail"


class MarkingMode(StrEnum):
    private = "private"
    shared = "shared"


class OwnApproval(StrEnum):
    committee = "committee"
    all_committees = "all_committees"


class FinalApproval(StrEnum):
    all = "all"
    one = "one"


class GraderKind(StrEnum):
    internal = "internal"
    external = "external"


class CandidateStatus(StrEnum):
    submitted = "submitted"
    absent = "absent"
    redelivery = "redelivery"


class GradingIn(StrEnum):
    """Where a test's grades are set (SPEC §2.6)."""

    inspera = "inspera"  # marking and approvals in Inspera; Sensorbot tells and reminds
    sensorbot = "sensorbot"  # collected, checked and approved in Sensorbot


class CommitteePurpose(StrEnum):
    grading = "grading"
    complaint = "complaint"  # a complaint committee (SPEC §3.11)


class EscalationStatus(StrEnum):
    open = "open"
    acknowledged = "acknowledged"
    resolved = "resolved"


def _utc(nullable: bool = True, index: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable, index=index)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for statements that skip the ORM (SQLModel does
    not declare `__table__` to type checkers)."""
    table = sa_inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(row: _Stored) -> int:
    """The id of a row that has been flushed to the store (a new model's id is None)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} is not stored yet")
    return row.id


class Department(SQLModel, table=True):
    __tablename__ = "department"

    code: str = Field(primary_key=True, max_length=64)
    escalation_channel: str | None = Field(default=None, max_length=64)


class Test(SQLModel, table=True):
    __tablename__ = "test"
    # The scheduler's Inspera-phase steps seek the tests of one `grading_in` that are not
    # transferred yet, confirmed or not, instead of reading every test.
    __table_args__ = (
        Index("ix_test_grading_phase", "grading_in", "transferred_at", "final_grades_confirmed_at"),
    )

    test_id: str = Field(primary_key=True, max_length=128)
    course_code: str = Field(index=True, max_length=64)
    title: str | None = Field(default=None, max_length=512)
    department: str = Field(max_length=64)
    submission_deadline: datetime = Field(sa_column=_utc(nullable=False, index=True))
    grading_deadline: datetime = Field(sa_column=_utc(nullable=False, index=True))
    grading_deadline_given: bool = Field(default=False)
    grade_scale: GradeScale = Field(sa_type=String(16))
    marking_mode: MarkingMode = Field(default=MarkingMode.private, sa_type=String(16))
    own_approval: OwnApproval = Field(default=OwnApproval.committee, sa_type=String(16))
    final_approval: FinalApproval = Field(default=FinalApproval.all, sa_type=String(16))
    opened_for_marking: datetime | None = Field(default=None, sa_column=_utc(index=True))
    guideline_published: bool | None = Field(default=None)
    registration_only: bool = Field(default=False)
    # Where grades are set. The roster's default is `sensorbot` for registration-only tests
    # and `inspera` otherwise; tests stored before the column existed keep `sensorbot`, the
    # way they were run, until they are re-imported.
    grading_in: GradingIn = Field(
        default=GradingIn.sensorbot,
        sa_type=String(16),
        sa_column_kwargs={"server_default": "sensorbot"},
    )
    # An oral, practical or similar performance that cannot be re-checked: no complaint.
    oral_or_practical: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # When the result was announced to students (imported, or set by the FS confirmation);
    # the explanation and complaint windows run from it.
    results_published: datetime | None = Field(default=None, sa_column=_utc())
    # A consultant confirmed that the final grades are confirmed in Inspera (`grading_in =
    # inspera`); Inspera's own `confirm_final_grades` is kept in `inspera_final_grades`.
    final_grades_confirmed_at: datetime | None = Field(default=None, sa_column=_utc())
    final_grades_confirmed_by: str | None = Field(default=None, max_length=320)
    # Inspera's id of the test (the webhooks' `contextObjectId`), for the connector.
    inspera_test_id: str | None = Field(default=None, index=True, max_length=64)
    # Set when a consultant confirms the final grades are transferred to FS (SPEC §4).
    transferred_at: datetime | None = Field(default=None, sa_column=_utc())
    transferred_by: str | None = Field(default=None, max_length=320)
    # Bumped by every approval step: the UPDATE is the row lock that serialises a test's
    # approval steps on PostgreSQL and SQLite alike (see bot/approvals/store.py).
    approval_revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class TestConsultant(SQLModel, table=True):
    __tablename__ = "test_consultant"

    test_id: str = Field(foreign_key="test.test_id", primary_key=True, ondelete="CASCADE")
    email: str = Field(primary_key=True, index=True, max_length=320)


class Grader(SQLModel, table=True):
    __tablename__ = "grader"

    email: str = Field(primary_key=True, max_length=320)
    name: str | None = Field(default=None, max_length=256)
    kind: GraderKind = Field(sa_type=String(16))
    inspera_email: str | None = Field(default=None, index=True, sa_type=LowerCaseString(320))
    appointed: bool | None = Field(default=None)
    access_agreement: bool | None = Field(default=None)
    norwegian_id: bool | None = Field(default=None)
    university_user_activated: bool | None = Field(default=None)


class CommitteeMembership(SQLModel, table=True):
    """A grader on a test; `committee` is None when the grader is in no committee yet."""

    __tablename__ = "committee_membership"
    __table_args__ = (
        UniqueConstraint("test_id", "grader_email", "committee", name="uq_membership"),
        Index("ix_membership_test_committee", "test_id", "committee"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str | None = Field(default=None, max_length=128)
    grader_email: str = Field(
        foreign_key="grader.email", index=True, ondelete="CASCADE", max_length=320
    )
    purpose: CommitteePurpose = Field(
        default=CommitteePurpose.grading,
        sa_type=String(16),
        sa_column_kwargs={"server_default": "grading"},
    )


class Candidate(SQLModel, table=True):
    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("test_id", "candidate_id", name="uq_candidate"),
        Index("ix_candidate_test_committee", "test_id", "committee"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    candidate_id: str = Field(max_length=64)
    committee: str | None = Field(default=None, max_length=128)
    status: CandidateStatus = Field(sa_type=String(16))


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, from which value to which (SPEC §5)."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False, index=True))
    actor: str = Field(max_length=320)
    action: str = Field(index=True, max_length=64)
    test_id: str | None = Field(default=None, index=True, max_length=128)
    subject: str | None = Field(default=None, max_length=256)
    old_value: str | None = Field(default=None)
    new_value: str | None = Field(default=None)


class ProcessedKey(SQLModel, table=True):
    """Idempotency keys: a Slack event id, a file id, a button press already handled."""

    __tablename__ = "processed_key"

    key: str = Field(primary_key=True, max_length=255)
    at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False, index=True))


class GradeUpload(SQLModel, table=True):
    """A grade sheet a grader sent: previewed, then applied (or cancelled), maybe undone.

    `changes_json` holds the validated changes to apply; `previous_json` the values they
    replaced, so that an undo restores exactly what was there. `test_id` is None while the
    grader has not yet said which test the sheet is for (status `needs_test`).
    """

    __tablename__ = "grade_upload"
    __table_args__ = (Index("ix_grade_upload_grader_test", "grader_email", "test_id"),)

    id: int | None = Field(default=None, primary_key=True)
    test_id: str | None = Field(
        default=None, foreign_key="test.test_id", ondelete="CASCADE", max_length=128
    )
    grader_email: str = Field(foreign_key="grader.email", ondelete="CASCADE", max_length=320)
    slack_user_id: str = Field(max_length=32)
    slack_file_id: str | None = Field(default=None, index=True, max_length=64)
    filename: str = Field(max_length=512)
    status: str = Field(default="preview", max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    applied_at: datetime | None = Field(default=None, sa_column=_utc())
    undone_at: datetime | None = Field(default=None, sa_column=_utc())
    changes_json: str = Field(default="[]")
    previous_json: str | None = Field(default=None)
    # Where its confirmation (after Apply) is, to take Undo and Reset off once it is locked.
    message_channel: str | None = Field(default=None, max_length=64)
    message_ts: str | None = Field(default=None, max_length=32)


class Grade(SQLModel, table=True):
    """One grader's grade for one candidate. In private marking each grader has their own
    row; in shared marking the committee's grade is the most recently updated row."""

    __tablename__ = "grade"
    __table_args__ = (
        UniqueConstraint("test_id", "candidate_id", "grader_email", name="uq_grade"),
        Index("ix_grade_test_grader", "test_id", "grader_email"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    candidate_id: str = Field(max_length=64)
    grader_email: str = Field(foreign_key="grader.email", ondelete="CASCADE", max_length=320)
    value: str | None = Field(default=None, max_length=16)
    points: float | None = Field(default=None)
    explanation: str | None = Field(default=None)
    upload_id: int | None = Field(default=None, foreign_key="grade_upload.id", ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Escalation(SQLModel, table=True):
    """A grader's case sent to the consultants of a test, or to the exam office when no
    test is concerned (`test_id` None).

    `active_key` names what the case is about while it is unresolved ("test|the kinds of
    its findings", or "-|grader" for a case without a test) and is NULL once resolved; its
    unique constraint lets the store itself refuse a second unresolved case about the same
    blockers of a test, also when two clicks arrive at the same moment: a second grader
    joins the case (`EscalationGrader`). `grader_*` is the grader who opened it;
    `graders_json` lists every grader on it, for the messages that show the case.
    """

    __tablename__ = "escalation"
    __table_args__ = (
        UniqueConstraint("active_key", name="uq_escalation_active"),
        Index("ix_escalation_reraise", "status", "reraised_at", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str | None = Field(
        default=None, foreign_key="test.test_id", ondelete="CASCADE", index=True, max_length=128
    )
    grader_email: str = Field(index=True, max_length=320)
    grader_name: str | None = Field(default=None, max_length=256)
    grader_slack_user: str = Field(max_length=32)
    findings_json: str = Field(default="[]")
    status: EscalationStatus = Field(default=EscalationStatus.open, sa_type=String(16))
    active_key: str | None = Field(default=None, max_length=512)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    acknowledged_at: datetime | None = Field(default=None, sa_column=_utc())
    acknowledged_by: str | None = Field(default=None, max_length=320)
    resolved_at: datetime | None = Field(default=None, sa_column=_utc())
    resolved_by: str | None = Field(default=None, max_length=320)
    reraised_at: datetime | None = Field(default=None, sa_column=_utc())
    graders_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    # The Slack users who acknowledged and resolved it, to name them (`*_by` is the e-mail).
    acknowledged_by_user: str | None = Field(default=None, max_length=32)
    resolved_by_user: str | None = Field(default=None, max_length=32)


class EscalationGrader(SQLModel, table=True):
    """A grader on a case: the one who opened it and each who escalated the same blockers
    of the test while it was unresolved. Unique per case and grader, so joining twice (or
    two clicks at once) lists a grader once."""

    __tablename__ = "escalation_grader"
    __table_args__ = (
        UniqueConstraint("escalation_id", "grader_email", name="uq_escalation_grader"),
    )

    id: int | None = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", ondelete="CASCADE", index=True)
    grader_email: str = Field(index=True, max_length=320)
    grader_name: str | None = Field(default=None, max_length=256)
    grader_slack_user: str = Field(max_length=32)
    joined_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class EscalationMessage(SQLModel, table=True):
    """One copy of an escalation posted in Slack (a consultant's DM or the department
    channel), kept so that acknowledging or resolving can update every copy in place."""

    __tablename__ = "escalation_message"

    id: int | None = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", ondelete="CASCADE", index=True)
    recipient_email: str | None = Field(default=None, max_length=320)  # None: a channel
    channel: str = Field(max_length=64)
    ts: str = Field(max_length=32)
    lang: str = Field(default="nb", max_length=8)
    posted_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class OwnGradingApproval(SQLModel, table=True):
    """A grader approved their own grading of one committee (private marking). Their grades
    for that committee are locked from then on, and co-graders may see them."""

    __tablename__ = "own_grading_approval"
    __table_args__ = (
        UniqueConstraint("test_id", "committee", "grader_email", name="uq_own_grading_approval"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(max_length=128)
    grader_email: str = Field(foreign_key="grader.email", ondelete="CASCADE", max_length=320)
    approved_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class AgreedGrade(SQLModel, table=True):
    """The committee's grade for a candidate. Private marking: made when every grader of the
    committee approved (`source` equal) or chosen by a grader where they differed (`chosen`,
    `sheet`); shared marking: the committee grade taken when the committee became final."""

    __tablename__ = "agreed_grade"
    __table_args__ = (
        # A complaint committee's agreed grade sits beside the original committee's.
        UniqueConstraint("test_id", "committee", "candidate_id", name="uq_agreed_grade"),
        Index("ix_agreed_grade_test_committee", "test_id", "committee"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(max_length=128)
    candidate_id: str = Field(max_length=64)
    value: str = Field(max_length=16)
    source: str = Field(max_length=16)
    set_by: str | None = Field(default=None, max_length=320)
    set_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class FinalApprovalVote(SQLModel, table=True):
    """A grader approved the committee's final grades."""

    __tablename__ = "final_approval_vote"
    __table_args__ = (
        UniqueConstraint("test_id", "committee", "grader_email", name="uq_final_approval_vote"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(max_length=128)
    grader_email: str = Field(foreign_key="grader.email", ondelete="CASCADE", max_length=320)
    approved_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class CommitteeFinal(SQLModel, table=True):
    """A committee's grades are final (final approval by one or all of its graders)."""

    __tablename__ = "committee_final"
    __table_args__ = (UniqueConstraint("test_id", "committee", name="uq_committee_final"),)

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(max_length=128)
    final_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    approved_by: str = Field(max_length=320)


class CommitteeReopening(SQLModel, table=True):
    """A consultant reopened a committee: its approvals were cleared. The number of
    reopenings is the committee's round; prompts from an earlier round are out of date."""

    __tablename__ = "committee_reopening"
    __table_args__ = (Index("ix_committee_reopening_test_committee", "test_id", "committee"),)

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(max_length=128)
    reopened_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    reopened_by: str = Field(max_length=320)
    reason: str
    cleared: str


class ApprovalPrompt(SQLModel, table=True):
    """A message asking someone to act in the approval workflow (approve own grading, agree
    grades, approve final grades, confirm the FS transfer). Its buttons carry only this id;
    `channel`/`ts` let the message be updated in place when someone acts.

    `scope` is the committee, or "" for all of a grader's committees / the whole test.
    `round` is the number of reopenings behind the subject when the prompt was made.
    """

    __tablename__ = "approval_prompt"
    __table_args__ = (
        UniqueConstraint(
            "kind",
            "test_id",
            "scope",
            "recipient_email",
            "round",
            "part",
            name="uq_approval_prompt",
        ),
        Index("ix_approval_prompt_test_kind", "test_id", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    scope: str = Field(default="", max_length=128)
    recipient_email: str = Field(max_length=320)
    round: int = Field(default=0)
    part: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    claimed_at: datetime | None = Field(default=None, sa_column=_utc())
    slack_user_id: str | None = Field(default=None, max_length=32)
    channel: str | None = Field(default=None, max_length=64)
    ts: str | None = Field(default=None, max_length=32)


class OutboxStatus(StrEnum):
    pending = "pending"  # waiting for its next attempt
    sending = "sending"  # claimed by a dispatcher
    sent = "sent"
    failed = "failed"  # gave up: a permanent error, or too many attempts
    undeliverable = "undeliverable"  # nobody in Slack has the recipient's e-mail


class OutboxEntry(SQLModel, table=True):
    """A message the scheduler sends, stored before it is sent (SPEC §6).

    `key` names the message in the domain (kind, test, person, occasion); its unique index
    makes enqueueing idempotent. `payload` holds the facts to tell as plain JSON; the text
    is rendered at send time in the recipient's language. The indexes serve the
    dispatcher's bounded queries: due rows, stale claims, unreported undeliverable notices.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("key", name="uq_outbox_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_claimed", "status", "claimed_at"),
        Index("ix_outbox_test_status", "test_id", "status"),
        Index("ix_outbox_unreported", "kind", "status", "reported_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=255)
    kind: str = Field(max_length=32)
    test_id: str | None = Field(default=None, max_length=128)
    to_email: str | None = Field(default=None, max_length=320)
    to_alt_email: str | None = Field(default=None, max_length=320)
    to_channel: str | None = Field(default=None, max_length=64)
    payload: str = Field(default="{}")
    status: OutboxStatus = Field(default=OutboxStatus.pending, sa_type=String(16))
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_column=_utc(nullable=False))
    claimed_at: datetime | None = Field(default=None, sa_column=_utc())
    claimed_by: str | None = Field(default=None, max_length=128)
    # An earlier attempt may have reached Slack (a timeout, a dead process): look in the
    # conversation for the message before posting it again.
    delivery_uncertain: bool = Field(default=False)
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=_utc())
    slack_channel: str | None = Field(default=None, max_length=64)
    slack_ts: str | None = Field(default=None, max_length=32)
    reported_at: datetime | None = Field(default=None, sa_column=_utc())


class HandledOccasion(SQLModel, table=True):
    """An occasion the scheduler has turned into outbox messages for a test: `opened`,
    `reminder:7`, `overdue`, `nudge:2026-12-11`. Claimed once (also across replicas) before
    its messages are enqueued, in the same transaction; `deadline` is the grading deadline
    it was handled for, so that a moved deadline makes reminders due again."""

    __tablename__ = "handled_occasion"

    test_id: str = Field(
        foreign_key="test.test_id", primary_key=True, ondelete="CASCADE", max_length=128
    )
    occasion: str = Field(primary_key=True, max_length=64)
    deadline: datetime | None = Field(default=None, sa_column=_utc())
    at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class PersonPreference(SQLModel, table=True):
    """What a Slack user has told Sensorbot about themselves: the language they chose
    (`/sensur språk`, the switch buttons; None = not chosen), and when the bot first wrote
    to them (the first DM carries the language switch)."""

    __tablename__ = "person_preference"

    slack_user_id: str = Field(primary_key=True, max_length=32)
    language: str | None = Field(default=None, max_length=8)
    language_chosen_at: datetime | None = Field(default=None, sa_column=_utc())
    first_dm_at: datetime | None = Field(default=None, sa_column=_utc())


class GradingReport(SQLModel, table=True):
    """A grader of a `grading_in = inspera` test said their part is done ("I have approved
    my grading in Inspera") for one committee ("" when they are in none). Taking it back
    deletes the row; both are audited."""

    __tablename__ = "grading_report"
    __table_args__ = (
        UniqueConstraint("test_id", "committee", "grader_email", name="uq_grading_report"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    committee: str = Field(default="", max_length=128)
    grader_email: str = Field(foreign_key="grader.email", ondelete="CASCADE", max_length=320)
    reported_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class FsHandoff(SQLModel, table=True):
    """The FS hand-off checklist of a graded test (SPEC §3.13): started when the test is
    graded; the result of Inspera's *Test overføring til FS* as the consultant recorded it
    (`fine`, or `refused` with the candidates FS refused); the transfer itself is
    `Test.transferred_at`."""

    __tablename__ = "fs_handoff"
    # The reminder seeks the hand-offs started before its working-day window.
    __table_args__ = (Index("ix_fs_handoff_started_at", "started_at"),)

    test_id: str = Field(
        foreign_key="test.test_id", primary_key=True, ondelete="CASCADE", max_length=128
    )
    started_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    trial_result: str | None = Field(default=None, max_length=16)  # fine | refused
    refused_candidates: str = Field(default="[]")  # JSON list of candidate ids
    trial_recorded_at: datetime | None = Field(default=None, sa_column=_utc())
    trial_recorded_by: str | None = Field(default=None, max_length=320)


class ExplanationRequest(SQLModel, table=True):
    """A student asked for an explanation of a grade (§ 11-8; roster sheet `Explanations`).
    Due two weeks after the request; `late` when asked more than a week after the result
    was announced (stored all the same, and flagged to the consultants)."""

    __tablename__ = "explanation_request"
    __table_args__ = (
        UniqueConstraint("test_id", "candidate_id", "requested_at", name="uq_explanation"),
        Index("ix_explanation_open", "given_at", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    candidate_id: str = Field(max_length=64)
    requested_at: datetime = Field(sa_column=_utc(nullable=False))
    due_at: datetime = Field(sa_column=_utc(nullable=False))
    late: bool = Field(default=False)
    registered_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    given_at: datetime | None = Field(default=None, sa_column=_utc())
    given_by: str | None = Field(default=None, max_length=320)


class ComplaintStatus(StrEnum):
    open = "open"  # the complaint committee is grading
    held = "held"  # two or more grades from the original: to be assessed again
    final = "final"


class Complaint(SQLModel, table=True):
    """A complaint about a grade (§ 11-10; roster sheet `Complaints`), graded blind by its
    complaint committee (a committee of the test with `purpose = complaint`). Its reasons
    are never stored: the complaint graders must not see them."""

    __tablename__ = "complaint"
    __table_args__ = (
        UniqueConstraint("test_id", "candidate_id", name="uq_complaint"),
        # The scheduler reads the open complaints by committee, not every complaint ever.
        Index("ix_complaint_open", "status", "test_id", "complaint_committee", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(foreign_key="test.test_id", ondelete="CASCADE", max_length=128)
    candidate_id: str = Field(max_length=64)
    complaint_committee: str = Field(max_length=128)
    received_at: datetime = Field(sa_column=_utc(nullable=False))
    explanation_received_at: datetime | None = Field(default=None, sa_column=_utc())
    # Graded "without undue delay": the target the reminders run against.
    due_at: datetime = Field(sa_column=_utc(nullable=False))
    late: bool = Field(default=False)
    registered_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    status: ComplaintStatus = Field(default=ComplaintStatus.open, sa_type=String(16))
    held_at: datetime | None = Field(default=None, sa_column=_utc())
    final_grade: str | None = Field(default=None, max_length=16)
    final_at: datetime | None = Field(default=None, sa_column=_utc())
    confirmed_by: str | None = Field(default=None, max_length=320)
