"""The scheduler: one pass finds what is due, stores it in the outbox and delivers it.

A pass runs its steps in order, each in its own transaction (a failing step is logged and
the others still run): newly opened tests → notices; reminders; overdue notices and
escalations; "ended but not opened" nudges; escalations nobody acknowledged, raised again.
Then it dispatches the outbox, reports graders Slack does not know (once their test's
notices have all been tried) and dispatches again if that added anything. Passes are safe
to run at the same time in several processes: occasions are claimed once and outbox keys
are unique.

Inside `sensorbot run` an APScheduler `BackgroundScheduler` runs a pass every
`SENSORBOT_TICK_SECONDS` (missed runs coalesce) and, after each pass, a one-off dispatch
when the earliest waiting message is due (a message left because the dispatch's time was
up, a retry after a failure or a long `Retry-After`), if that comes before the next tick.
Passes and dispatches never run two at once in a process, and share one `Pacer`, so the
pace holds across them. `sensorbot tick` runs one pass with a given clock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from bot.complaints.notices import (
    escalate_overdue_complaints,
    notify_complaint_committees,
    remind_complaint_graders,
    report_unreachable_complaint_graders,
)
from bot.escalations.reraise import reraise_unacknowledged_escalations
from bot.explanations.steps import EXPLANATION_STEPS
from bot.grading_reports.asking import ask_consultants_to_confirm
from bot.handoff.steps import remind_untransferred_tests, start_fs_handoffs
from bot.inspera.steps import INSPERA_STEPS
from bot.opening.notices import notify_opened_tests, report_unreachable_graders
from bot.reminders.steps import (
    escalate_overdue_tests,
    nudge_unopened_tests,
    remind_unfinished_graders,
)
from bot.runtime import Runtime
from bot.scheduling.after_delivery import AFTER_DELIVERY
from bot.scheduling.dispatcher import DispatchReport, Send, dispatch
from bot.scheduling.outbox import enqueue, next_due
from bot.scheduling.pacing import Pacer
from bot.scheduling.steps import OutgoingMessage, PassContext, Step
from bot.settings import Settings
from bot.slack.idempotency import forget_old_keys
from models.db import session_scope
from models.types import utcnow

logger = logging.getLogger(__name__)


def forget_old_idempotency_keys(context: PassContext) -> list[OutgoingMessage]:
    """Housekeeping: Slack event and file ids handled long ago are no longer needed."""
    forget_old_keys(context.session, context.now)
    return []


DETECTION_STEPS: tuple[Step, ...] = (
    notify_opened_tests,
    remind_unfinished_graders,
    escalate_overdue_tests,
    nudge_unopened_tests,
    reraise_unacknowledged_escalations,
    forget_old_idempotency_keys,
    *INSPERA_STEPS,
    notify_complaint_committees,
    remind_complaint_graders,
    escalate_overdue_complaints,
    *EXPLANATION_STEPS,
    ask_consultants_to_confirm,
    start_fs_handoffs,
    remind_untransferred_tests,
)
# Steps that act on what the dispatch found out.
FOLLOW_UP_STEPS: tuple[Step, ...] = (
    report_unreachable_graders,
    report_unreachable_complaint_graders,
)

JOB_ID = "scheduler-pass"
DISPATCH_JOB_ID = "dispatch-due"


@dataclass
class PassReport:
    now: datetime
    enqueued: dict[str, int] = field(default_factory=dict)
    failed_steps: list[str] = field(default_factory=list)
    dispatches: list[DispatchReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_steps

    def total(self, outcome: str) -> int:
        return sum(getattr(report, outcome) for report in self.dispatches)


def run_pass(
    engine: Engine,
    settings: Settings,
    send: Send,
    now: datetime,
    worker: str,
    *,
    steps: tuple[Step, ...] = DETECTION_STEPS,
    follow_up_steps: tuple[Step, ...] = FOLLOW_UP_STEPS,
    pacer: Pacer | None = None,
) -> PassReport:
    """One pass at `now` (real or simulated): detect, enqueue, dispatch. With no `steps`
    it only dispatches (and runs the follow-up steps)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    pacer = pacer or Pacer()
    report = detect(engine, settings, now, steps)
    report.dispatches.append(_dispatch(engine, send, now, worker, report, pacer))
    if _run_steps(engine, settings, now, follow_up_steps, report):
        report.dispatches.append(_dispatch(engine, send, now, worker, report, pacer))
    return report


def detect(
    engine: Engine, settings: Settings, now: datetime, steps: tuple[Step, ...] = DETECTION_STEPS
) -> PassReport:
    """The first half of a pass: find what is due and store it in the outbox, sending
    nothing."""
    report = PassReport(now)
    _run_steps(engine, settings, now, steps, report)
    return report


def _run_steps(
    engine: Engine,
    settings: Settings,
    now: datetime,
    steps: tuple[Step, ...],
    report: PassReport,
) -> int:
    added = 0
    for step in steps:
        try:
            with session_scope(engine) as session:
                messages = step(PassContext(session, now, settings))
                count = enqueue(session, messages, now)
        except Exception:  # noqa: BLE001 - one failing step must not stop the others
            logger.exception("scheduler: step %s failed; nothing of it was stored", step.__name__)
            report.failed_steps.append(step.__name__)
            continue
        report.enqueued[step.__name__] = count
        added += count
    return added


def _dispatch(
    engine: Engine, send: Send, now: datetime, worker: str, report: PassReport, pacer: Pacer
) -> DispatchReport:
    try:
        return dispatch(engine, send, now, worker, after_delivery=AFTER_DELIVERY, pacer=pacer)
    except Exception:  # noqa: BLE001 - the outbox keeps the messages for the next pass
        logger.exception("scheduler: dispatching failed; the messages stay in the outbox")
        report.failed_steps.append("dispatch")
        return DispatchReport()


def worker_name() -> str:
    """Who holds a claim: host, process and a per-scheduler suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:128]


class Scheduler:
    """Passes for one process, against Slack through the outbox's own Web API client."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.worker = worker_name()
        self.send: Send = runtime.outbox_delivery
        self.pacer: Pacer = runtime.outbox_pacer
        self._background: BackgroundScheduler | None = None
        self._one_at_a_time = threading.Lock()
        self._next_dispatch: Job | None = None
        self._dispatch_jobs = 0
        self._scheduling = threading.Lock()

    def run_pass(self, now: datetime | None = None, *, dispatch_only: bool = False) -> PassReport:
        with self._one_at_a_time:
            return run_pass(
                self.runtime.engine,
                self.runtime.settings,
                self.send,
                now or utcnow(),
                self.worker,
                steps=() if dispatch_only else DETECTION_STEPS,
                pacer=self.pacer,
            )

    def start(self) -> None:
        """Run a pass now and then every `SENSORBOT_TICK_SECONDS`, in a background thread."""
        background = BackgroundScheduler(timezone=UTC)
        background.add_job(
            self._scheduled_pass,
            "interval",
            seconds=self.runtime.settings.tick_seconds,
            id=JOB_ID,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        background.start()
        self._background = background
        logger.info(
            "scheduler: a pass every %s s as %s", self.runtime.settings.tick_seconds, self.worker
        )

    def shutdown(self) -> None:
        """Stop scheduling; a pass under way finishes first."""
        if self._background is not None:
            self._background.shutdown(wait=True)
            self._background = None

    def _scheduled_pass(self) -> None:
        self._pass_then_schedule_dispatch(dispatch_only=False)

    def _due_dispatch(self) -> None:
        self._pass_then_schedule_dispatch(dispatch_only=True)

    def _pass_then_schedule_dispatch(self, *, dispatch_only: bool) -> None:
        try:
            report = self.run_pass(dispatch_only=dispatch_only)
        except Exception:  # noqa: BLE001 - logged; the next tick tries again
            logger.exception("scheduler: the pass failed")
            return
        if report.enqueued and any(report.enqueued.values()) or report.total("sent"):
            logger.info(
                "scheduler: enqueued %s, sent %s",
                sum(report.enqueued.values()),
                report.total("sent"),
            )
        if "dispatch" not in report.failed_steps:  # else the tick tries again, unhurried
            self._schedule_due_dispatch()

    def _schedule_due_dispatch(self) -> None:
        """A one-off dispatch when the earliest waiting message is due, unless the next
        tick comes first."""
        background = self._background
        if background is None:
            return
        try:
            with session_scope(self.runtime.engine) as session:
                due = next_due(session)
        except Exception:  # noqa: BLE001 - logged; the next tick dispatches instead
            logger.exception("scheduler: cannot tell when the next message is due")
            return
        if due is None:
            return
        tick = background.get_job(JOB_ID)
        run_at = max(due, datetime.now(UTC))
        if tick is not None and tick.next_run_time is not None and tick.next_run_time <= run_at:
            return
        # A job of its own each time: this is often called from the dispatch job itself,
        # still running, and a job with the same id would then be skipped (one instance at
        # a time), leaving the messages to the tick. The lock keeps dispatches apart.
        with self._scheduling:
            if self._next_dispatch is not None:
                # One that has run, or is running, is no longer there to replace.
                with contextlib.suppress(JobLookupError):
                    self._next_dispatch.remove()
            self._dispatch_jobs += 1
            self._next_dispatch = background.add_job(
                self._due_dispatch,
                "date",
                run_date=run_at,
                id=f"{DISPATCH_JOB_ID}-{self._dispatch_jobs}",
                misfire_grace_time=None,
            )
