"""Acknowledge first, always: every listener's slow part runs in the bounded `SlowWork`
pool, never in the thread that answers Slack.

The app runs Bolt with `process_before_response=True`, so the acknowledgement is the HTTP
answer of the request's own thread, and `AckFirstApp` wraps each listener as it is
registered. The wrapper answers Slack and hands the listener to the pool:

- commands, buttons, shortcuts: acknowledged at once; the listener then runs in the pool
  (its own `ack()` changes nothing any more). When the pool is full the person is told
  "busy, try again": in the acknowledgement of a command, by `response_url` (or a DM) for
  the rest, from a small pool of its own;
- modal submissions and option requests, whose acknowledgement *is* the answer: the
  listener runs on a worker that is free now and the request waits for its `ack(...)`;
  with no free worker the modal shows "busy, try again";
- events: acknowledged by Bolt, then worked in the pool once per `event_id` however often
  Slack delivers it (a claim in the store, so across processes and replicas); when the
  pool is full the delivery is refused (503) and Slack delivers it again later.

`sensorbot run` in HTTP mode has a work process (`bot.work_process`) in place of the pool:
the answering process acknowledges as above and hands the request over (`hand_over`), and
the work process dispatches it again to the same listeners, already acknowledged
(`acknowledged`), which work it at once. Modal submissions and option requests stay in the
answering process, whose pool has a worker for them. A slash command or an event that a
listener takes whatever else the request holds is handed over as it came, without Bolt
(`answer_at_once`): Bolt's matching, context and listener arguments were most of the
answering process's time for each, and the work process builds them anyway.

The thread answering Slack does no more than that: the listener's arguments are built in
the pool, and a refusal is counted there without a lock and logged later, as counts, by a
worker (`Refusals`): logging takes the handler's lock, which every answering thread of a
busy moment then waited for.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from logging import Logger
from typing import Any, Protocol

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse, Respond
from slack_bolt.kwargs_injection import build_required_kwargs
from slack_bolt.util.utils import get_arg_names_of_callable, get_name_for_callable

from bot.i18n import t
from bot.slack.identity import IdentityResolver
from bot.slack.messaging import open_dm
from bot.slack.slow_work import SlowWork

# Payloads whose acknowledgement carries the answer (errors in a modal, options).
ANSWERED_IN_ACK = frozenset(
    {"view_submission", "block_suggestion", "dialog_submission", "dialog_suggestion"}
)
# How long a modal submission waits for its listener's answer; Slack gives up at 3 s.
ANSWER_WAIT_SECONDS = 2.5
BUSY_KEY = "busy.try_again"
# Refusals are logged as counts, at most this often.
REFUSALS_LOG_SECONDS = 10.0

log = logging.getLogger(__name__)

# (error, request body, respond or None, logger): tells the person something went wrong.
FailureReport = Callable[[Exception, dict, Respond | None, Logger], None]
# Runs the listener with its arguments, these ones put over Bolt's.
Invoke = Callable[[dict[str, Any]], None]


class HandOver(Protocol):
    """Where the answering process hands an acknowledged request's slow part over."""

    def submit(self, body: str, headers: Mapping[str, Sequence[str] | str]) -> bool: ...

    def answering(self) -> AbstractContextManager[None]: ...


class Refusals:
    """What was refused as busy: counted by the thread answering Slack (a deque's append
    takes no lock), logged by `report`, called from the pool, at most every `every`
    seconds: one line with what was refused how often since the last one."""

    def __init__(self, every: float = REFUSALS_LOG_SECONDS) -> None:
        self._refused: deque[str] = deque()
        self._every = every
        self._next_report = 0.0
        self._reporting = threading.Lock()

    def add(self, what: str) -> None:
        self._refused.append(what)

    def report(self) -> None:
        if not self._refused or time.monotonic() < self._next_report:
            return
        if not self._reporting.acquire(blocking=False):
            return  # another worker is writing it
        try:
            self._next_report = time.monotonic() + self._every
            refused = self._refused
            counts = Counter(refused.popleft() for _ in range(len(refused)))
            listed = ", ".join(f"{what} × {count}" for what, count in counts.most_common())
            log.warning("busy: refused %s", listed)
        finally:
            self._reporting.release()


class AckFirst:
    """Wraps listeners so that they acknowledge first and work in `work`."""

    def __init__(
        self,
        *,
        work: SlowWork,
        busy_notices: SlowWork,
        first_delivery: Callable[[str], bool],
        report_failure: FailureReport,
        identities: IdentityResolver,
        default_language: str,
        prepare: Callable[[BoltContext], None] = lambda _context: None,
        hand_over: HandOver | None = None,
        acknowledged: bool = False,
    ) -> None:
        """`prepare` fills Bolt's context for the listeners (what a middleware would do,
        but in the pool, after the ack).

        `hand_over` (the answering process of `sensorbot run`): the slow part of each
        request is handed to the work process instead of `work`, except the modals' and
        options' whose answer is their ack. `acknowledged` (the work process): every
        request here was acknowledged already; its listener runs at once, in this thread.
        """
        self.work = work
        self._hand_over = hand_over
        self._acknowledged = acknowledged
        self._prepare = prepare
        self._busy_notices = busy_notices
        self._first_delivery = first_delivery
        self._report_failure = report_failure
        self._identities = identities
        self._default_language = default_language
        self.refusals = Refusals()
        # What a listener takes whatever else the request holds (`answer_at_once`).
        self.commands: set[str] = set()
        self.event_types: set[str] = set()

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Marks a request being answered: the slow work, here and handed over, yields the
        CPU to it."""
        with self.work.answering():
            if self._hand_over is None:
                yield
                return
            with self._hand_over.answering():
                yield

    def answer_at_once(
        self, payload: Mapping[str, Any], body: str, headers: Mapping[str, Sequence[str] | str]
    ) -> BoltResponse | None:
        """The acknowledgement of a request handed over as it came (`payload` is `body`
        parsed, its signature checked): a slash command in `commands` or an event whose
        type is in `event_types`. None when Bolt answers it: no work process, or any other
        request (modals, buttons, Slack's checks, what no listener takes)."""
        if self._hand_over is None or not self._taken_whatever_it_holds(payload):
            return None
        if self._hand_over.submit(body, headers):
            return BoltResponse(status=200, body="")
        command = payload.get("command")
        if command is None:
            return self._refuse_event()
        user_id = payload.get("user_id")
        busy = self._busy_command(command, user_id if isinstance(user_id, str) else None)
        return BoltResponse(status=200, body=busy)

    def _taken_whatever_it_holds(self, payload: Mapping[str, Any]) -> bool:
        command = payload.get("command")
        if command is not None:
            return command in self.commands
        event = payload.get("event")
        return (
            payload.get("type") == "event_callback"
            and isinstance(event, dict)
            and event.get("type") in self.event_types
        )

    def wrap(self, listener: Callable[..., Any]) -> Callable[..., BoltResponse | None]:
        arg_names = get_arg_names_of_callable(listener)

        def ack_first(
            request: BoltRequest, response: BoltResponse, logger: Logger
        ) -> BoltResponse | None:
            def invoke(given: dict[str, Any]) -> None:  # in the pool, after the ack
                self._prepare(request.context)
                kwargs = build_required_kwargs(
                    logger=logger,
                    required_arg_names=list(arg_names),
                    request=request,
                    response=response,
                    this_func=listener,
                )
                listener(**{**kwargs, **given})

            return self._dispatch(request, logger, invoke)

        ack_first.__name__ = ack_first.__qualname__ = get_name_for_callable(listener)
        return ack_first

    def _dispatch(
        self, request: BoltRequest, logger: Logger, invoke: Invoke
    ) -> BoltResponse | None:
        body = request.body
        event = body.get("type") == "event_callback"
        if self._acknowledged:
            request.context.ack()
            (self._once(request, logger, invoke) if event else self._job(request, logger, invoke))()
            return None
        if body.get("type") in ANSWERED_IN_ACK:
            self._answer_in_ack(request, logger, invoke)
            return None
        if self._hand_over is not None:
            return self._handed_over(request)
        if event:
            return self._take_event(request, logger, invoke)
        if not self.work.submit(self._job(request, logger, invoke)):
            self._tell_busy(request)
            return None
        request.context.ack()
        return None

    def _job(
        self, request: BoltRequest, logger: Logger, invoke: Invoke, given: dict | None = None
    ) -> Callable[[], None]:
        def run() -> None:
            try:
                invoke(given or {})
            except Exception as error:
                self._report_failure(error, request.body, request.context.respond, logger)
            finally:
                self.refusals.report()

        return run

    def _once(self, request: BoltRequest, logger: Logger, invoke: Invoke) -> Callable[[], None]:
        """An event's job, which works it only on its first delivery."""
        event_id = request.body.get("event_id")
        work = self._job(request, logger, invoke)

        def once() -> None:
            # Slack delivers an event again, with the same id, when its ack was late.
            if event_id and not self._first_delivery(event_id):
                log.info("slack event %s already handled", event_id)
                return
            work()

        return once

    def _take_event(
        self, request: BoltRequest, logger: Logger, invoke: Invoke
    ) -> BoltResponse | None:
        if self.work.submit(self._once(request, logger, invoke)):
            return None  # Bolt acknowledges events itself
        return self._refuse_event()

    def _refuse_event(self) -> BoltResponse:
        self.refusals.add("an event (Slack delivers it again)")
        return BoltResponse(status=503, body="busy")

    def _handed_over(self, request: BoltRequest) -> BoltResponse | None:
        """Acknowledged here, worked in the work process; "busy" when it has enough."""
        assert self._hand_over is not None
        event = request.body.get("type") == "event_callback"
        if not self._hand_over.submit(request.raw_body, request.headers):
            if event:
                return self._refuse_event()
            self._tell_busy(request)
            return None
        if not event:  # Bolt acknowledges events itself
            request.context.ack()
        return None

    def _answer_in_ack(self, request: BoltRequest, logger: Logger, invoke: Invoke) -> None:
        ack = request.context.ack
        answered = threading.Event()

        def ack_and_tell(*args: Any, **ack_kwargs: Any) -> BoltResponse:
            try:
                return ack(*args, **ack_kwargs)
            finally:
                answered.set()

        work = self._job(request, logger, invoke, {"ack": ack_and_tell})

        def run() -> None:
            try:
                work()
            finally:
                answered.set()  # a listener that never acks does not hold the request

        if not self.work.submit(run, start_now=True):
            self.refusals.add(f"a {request.body.get('type')}")
            ack(**_busy_answer(request.body, self._busy_text(request.context.user_id)))
            return
        if not answered.wait(ANSWER_WAIT_SECONDS):
            log.warning("a %s listener did not answer in time", request.body.get("type"))

    def _tell_busy(self, request: BoltRequest) -> None:
        body = request.body
        if body.get("command"):
            request.context.ack(**self._busy_command(body["command"], request.context.user_id))
            return
        request.context.ack()
        if self._busy_notices.submit(lambda: self._busy_notice(request)):
            self.refusals.add(f"a {body.get('type')}")
        else:
            self.refusals.add(f"a {body.get('type')}, without telling the person")

    def _busy_notice(self, request: BoltRequest) -> None:
        """An interaction's "busy": where its answers go, in the person's language."""
        try:
            self._prepare(request.context)
            self._tell_person_busy(request)
        finally:
            self.refusals.report()

    def _tell_person_busy(self, request: BoltRequest) -> None:
        context = request.context
        asker = context.get("asker")
        if asker is None or context.user_id is None:
            return
        text = t(asker.lang, BUSY_KEY)
        if request.body.get("response_url") and context.respond is not None:
            context.respond(text=text, response_type="ephemeral", replace_original=False)
        else:
            client = context.client
            client.chat_postMessage(channel=open_dm(client, context.user_id), text=text)

    def _busy_command(self, command: object, user_id: str | None) -> dict[str, Any]:
        """A command refused as busy: counted, and what its acknowledgement says."""
        self.refusals.add(f"/{str(command).lstrip('/')}")
        return {"text": self._busy_text(user_id), "response_type": "ephemeral"}

    def _busy_text(self, user_id: str | None) -> str:
        """In the language Slack last told for the person; asking Slack now would be slow."""
        known = self._identities.known(user_id) if user_id else None
        return t(known.language if known else self._default_language, BUSY_KEY)


def _busy_answer(body: dict, text: str) -> dict[str, Any]:
    """What a refused modal submission (errors on its first input) or option request
    (no options) acknowledges with."""
    if body.get("type") != "view_submission":
        return {"options": []}
    blocks = (body.get("view") or {}).get("blocks") or []
    first_input = next((b["block_id"] for b in blocks if b.get("type") == "input"), None)
    if first_input is None:
        return {}
    return {"response_action": "errors", "errors": {first_input: text}}


class AckFirstApp(App):
    """A Bolt app whose every listener goes through `AckFirst` as it is registered."""

    def __init__(self, *, ack_first: AckFirst, **kwargs: Any) -> None:
        self.ack_first = ack_first
        super().__init__(process_before_response=True, **kwargs)

    @property
    def slow_work(self) -> SlowWork:
        return self.ack_first.work

    def command(self, command: Any, matchers: Any = None, middleware: Any = None) -> Any:
        if isinstance(command, str) and not matchers and not middleware:
            self.ack_first.commands.add(command)
        return super().command(command, matchers, middleware)

    def event(self, event: Any, matchers: Any = None, middleware: Any = None) -> Any:
        if isinstance(event, str) and not matchers and not middleware:
            self.ack_first.event_types.add(event)
        return super().event(event, matchers, middleware)

    def _register_listener(
        self, functions: Sequence[Callable[..., Any]], *args: Any, **kwargs: Any
    ) -> Callable[..., Any] | None:
        functions = list(functions)
        if len(functions) != 1:
            # Bolt's lazy listeners would run in Bolt's own unbounded executor.
            raise ValueError("a listener is one function; its slow part runs in SlowWork")
        listener = functions[0]
        super()._register_listener([self.ack_first.wrap(listener)], *args, **kwargs)
        return listener
