"""Sending one outbox message through Slack's Web API, and saying how it went.

A person is found by e-mail (their e-mail, then their Inspera e-mail) and their language
with `users.info` (`bot.slack.messaging`); the message is rendered in that language and posted
to their DM — or to a channel, or to the DM of a Slack user named by id. What a message shows
is rendered now: from the facts stored with it, or for prompts and escalations from the
store as it stands (`_COMPOSERS`). An update kind (`UPDATE_KINDS`) changes a posted message
with `chat.update`; the export kind uploads the final grades into the consultant's DM.

Every post carries the outbox key in Slack's message metadata, so when an earlier attempt
may have got through (a timeout, a dispatcher that died before recording the outcome) the
DM's history is checked for it before posting again. An upload cannot be found that way: an
uncertain one is uploaded again (at least once).

The client must come from `bot.app.create_web_client(settings, retries=False)`: a 429 is
returned to the dispatcher, which paces and waits out or reschedules it
(`bot.scheduling.pacing`), and a timed-out post is not silently repeated.

`send_now` is what a listener calls after its unit of work committed: the messages it just
enqueued are sent at once, in its thread; what Slack does not take stays for the next pass.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.approvals.delivery import prompt_key
from bot.approvals.views import prompt_view
from bot.complaints.view import held_complaint
from bot.escalations.cases import findings_of
from bot.explanations.requests import request_view
from bot.gradesheets.applying import confirmation
from bot.gradesheets.export import (
    complaints_filename,
    export_complaint_grades,
    export_filename,
    export_final_grades,
)
from bot.handoff.view import checklist_view
from bot.messages import UPDATE_KINDS, MessageKind
from bot.people.language import has_had_a_dm, mark_first_dm
from bot.scheduling.dispatcher import DispatchReport, dispatch
from bot.scheduling.outbox import (
    ClaimedMessage,
    Delivered,
    DeliveryOutcome,
    NothingToSend,
    NotYet,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Undeliverable,
    statuses,
)
from bot.settings import Settings
from bot.slack.identity import IdentityResolver, SlackPerson
from bot.slack.messaging import find_person, is_person, open_dm
from bot.ui.approvals import export_comment, prompt_message
from bot.ui.complaints import export_comment as complaint_export_comment
from bot.ui.complaints import held_grade_message
from bot.ui.escalation_replies import case_news
from bot.ui.escalations import channel_message, consultant_message
from bot.ui.explanations import given_message, giver, grader_message
from bot.ui.gradesheets import confirmation_message
from bot.ui.handoff import checklist_message
from bot.ui.language import with_language_switch
from bot.ui.outgoing import RenderedMessage, render
from models.db import session_scope
from models.tables import (
    ApprovalPrompt,
    Escalation,
    EscalationMessage,
    GradeUpload,
    OutboxEntry,
    OutboxStatus,
)
from models.types import utcnow

if TYPE_CHECKING:
    from bot.runtime import Runtime

logger = logging.getLogger(__name__)

METADATA_EVENT = "sensorbot_outbox"
HISTORY_LOOKBACK = 50
# An update of a prompt whose post is in flight waits this long for it to be recorded.
WAIT_FOR_POST_SECONDS = 5.0

# Errors about this one message that trying again will not fix
# (https://api.slack.com/methods/chat.postMessage, chat.update). Token and scope errors
# are not among them: they concern every message and go away when the operator fixes the
# app, so those messages are retried (and logged) rather than given up.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "messages_tab_disabled",
        "restricted_action",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)


@dataclass(frozen=True)
class _Destination:
    channel: str  # where to post: a channel, or a Slack user id (their DM)
    lang: str
    user_id: str | None  # the person, when it is one
    tz: ZoneInfo  # the reader's time zone (Slack's answer for a person), for dates


class SlackDelivery:
    """`send(message) -> DeliveryOutcome` for `bot.scheduling.dispatcher.dispatch`. `engine` is the
    store the prompt and escalation kinds are rendered from."""

    def __init__(
        self,
        client: WebClient,
        identities: IdentityResolver,
        settings: Settings,
        engine: Engine | None = None,
    ):
        self._client = client
        self._identities = identities
        self._settings = settings
        self._engine = engine

    def __call__(self, message: ClaimedMessage) -> DeliveryOutcome:
        step = "lookup"
        try:
            if message.kind in UPDATE_KINDS:
                step = "update"
                return self._update(message)
            destination = self._destination(message)
            if destination is None:
                emails = " or ".join(
                    e for e in (message.recipient.email, message.recipient.alt_email) if e
                )
                return Undeliverable(f"users_not_found: no Slack user has {emails}")
            if message.kind in _FILES:
                step = "upload"
                return self._upload(message, destination)
            if message.delivery_uncertain:
                step = "history"
                earlier = self._earlier_post(destination.channel, message.key, destination.lang)
                if earlier is not None:
                    logger.info(
                        "outbox: %s had reached Slack already; not posting again", message.key
                    )
                    return earlier
            rendered = self._render(message, destination.lang, destination.tz)
            if rendered is None:
                return NothingToSend("what it was about is gone from the store")
            first_dm = self._is_first_dm(destination)
            if first_dm:
                rendered = with_language_switch(rendered, destination.lang)
            step = "post"
            response = self._client.chat_postMessage(
                channel=destination.channel,
                text=rendered.text,
                blocks=rendered.blocks or None,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"key": message.key}},
                unfurl_links=False,
                unfurl_media=False,
            )
            if first_dm and destination.user_id is not None:
                self._mark_first_dm(destination.user_id)
            return Delivered(
                response["channel"], response["ts"], destination.lang, destination.user_id
            )
        except SlackApiError as error:
            return _failure(error, posting=step in ("post", "upload"))
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            # The post may have reached Slack before the connection failed.
            return TemporaryFailure(f"{step}: {error}", maybe_delivered=step in ("post", "upload"))

    def _destination(self, message: ClaimedMessage) -> _Destination | None:
        """Where to post and in which language, or None when Slack has nobody by those
        e-mails."""
        recipient = message.recipient
        if recipient.channel:
            if is_person(recipient.channel):
                person = self._identities.resolve(self._client, recipient.channel)
                return _Destination(
                    recipient.channel, person.language, recipient.channel, self._zone(person)
                )
            return _Destination(
                recipient.channel, self._settings.default_language, None, self._settings.tz
            )
        assert recipient.email is not None
        user_id = find_person(self._client, self._identities, recipient.email, recipient.alt_email)
        if user_id is None:
            return None
        person = self._identities.resolve(self._client, user_id)
        return _Destination(user_id, person.language, user_id, self._zone(person))

    def _zone(self, person: SlackPerson) -> ZoneInfo:
        """The person's time zone as Slack has it, else ours."""
        try:
            return ZoneInfo(person.tz) if person.tz else self._settings.tz
        except (ZoneInfoNotFoundError, ValueError):
            return self._settings.tz

    def _is_first_dm(self, destination: _Destination) -> bool:
        """Whether this is the first message the bot sends the person (it then carries the
        language switch). Without a store (some tests), never."""
        if destination.user_id is None or self._engine is None:
            return False
        with session_scope(self._engine) as session:
            return not has_had_a_dm(session, destination.user_id)

    def _mark_first_dm(self, user_id: str) -> None:
        with session_scope(self._store()) as session:
            mark_first_dm(session, user_id, utcnow())

    def _render(self, message: ClaimedMessage, lang: str, tz: ZoneInfo) -> RenderedMessage | None:
        for_channel = message.recipient.channel is not None and not is_person(
            message.recipient.channel
        )
        compose = _COMPOSERS.get(MessageKind(message.kind))
        if compose is None:
            return render(message.kind, message.params, lang, tz, for_channel=for_channel)
        with session_scope(self._store()) as session:
            return compose(session, message.params, lang, tz, for_channel, self._settings)

    def _upload(self, message: ClaimedMessage, destination: _Destination) -> DeliveryOutcome:
        """The file a message carries, as it stands, uploaded into the consultant's DM."""
        test_id = message.params["test_id"]
        with session_scope(self._store()) as session:
            file = _FILES[MessageKind(message.kind)](session, test_id, destination.lang)
        if file is None:
            return NothingToSend("there is nothing to put in the file")
        content, name, comment = file
        channel = destination.channel
        if is_person(channel):
            channel = open_dm(self._client, channel)
        response = self._client.files_upload_v2(
            channel=channel,
            file=content,
            filename=name,
            title=name,
            initial_comment=comment,
        )
        files = response.get("files") or [response.get("file") or {}]
        return Delivered(
            channel, str(files[0].get("id", "")), destination.lang, destination.user_id
        )

    def _update(self, message: ClaimedMessage) -> DeliveryOutcome:
        """Show a posted message as its subject now stands."""
        with session_scope(self._store()) as session:
            target = _UPDATE_TARGETS[MessageKind(message.kind)](session, message.params)
        if not isinstance(target, _Target):
            return target
        lang = target.lang or self._settings.default_language
        if target.user_id is not None:
            lang = self._identities.resolve(self._client, target.user_id).language
        rendered = target.render(lang, self._settings.tz)
        self._client.chat_update(
            channel=target.channel, ts=target.ts, text=rendered.text, blocks=rendered.blocks
        )
        return Delivered(target.channel, target.ts, lang, target.user_id)

    def _store(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("this message kind is rendered from the store: give an engine")
        return self._engine

    def _earlier_post(self, channel: str, key: str, lang: str) -> Delivered | None:
        """The message with this key in the conversation's recent history, if it is there.
        Only DMs can be checked (channel history needs scopes the app does not ask for); a
        failed check means "not found", and the message is posted (at least once)."""
        if not (is_person(channel) or channel.startswith("D")):
            return None
        user_id = channel if is_person(channel) else None
        try:
            if user_id is not None:
                channel = open_dm(self._client, channel)
            history = self._client.conversations_history(
                channel=channel, limit=HISTORY_LOOKBACK, include_all_metadata=True
            )
        except SlackApiError as error:
            logger.warning("outbox: cannot check %s for %s: %s", channel, key, _error_name(error))
            return None
        posted: Mapping[str, Any]
        for posted in history.get("messages", []):
            if _outbox_key(posted) == key:
                return Delivered(channel, posted["ts"], lang, user_id)
        return None


def send_now(runtime: Runtime, keys: Sequence[str]) -> DispatchReport:
    """Send the outbox messages with `keys` now, in this thread: what a listener calls once
    the unit of work that enqueued them committed. What Slack does not take now stays in the
    outbox, retried by the scheduler's passes."""
    from bot.scheduling.after_delivery import AFTER_DELIVERY
    from bot.scheduling.scheduler import worker_name

    if not keys:
        return DispatchReport()
    try:
        return dispatch(
            runtime.engine,
            runtime.outbox_delivery,
            utcnow(),
            worker_name(),
            after_delivery=AFTER_DELIVERY,
            keys=keys,
            pacer=runtime.outbox_pacer,
        )
    except Exception:  # noqa: BLE001 - the messages stay in the outbox for the next pass
        logger.exception("outbox: sending %s messages at once failed; a pass retries", len(keys))
        return DispatchReport()


# -- what a message shows, from the store ------------------------------------------------

# (session, params, lang, the reader's time zone, for a channel, settings)
Compose = Callable[
    [Session, Mapping[str, Any], str, ZoneInfo, bool, Settings], RenderedMessage | None
]


def _prompt(
    session: Session,
    params: Mapping[str, Any],
    lang: str,
    tz: ZoneInfo,
    for_channel: bool,
    settings: Settings,
) -> RenderedMessage | None:
    show = _prompt_shown(session, params["prompt_id"])
    return show(lang, tz) if show is not None else None


def _prompt_shown(
    session: Session, prompt_id: int
) -> Callable[[str, ZoneInfo], RenderedMessage] | None:
    """How a prompt shows as it now stands: an approval prompt, or the FS hand-off's
    checklist; None when it is gone."""
    checklist = checklist_view(session, prompt_id)
    if checklist is not None:
        return lambda lang, tz: checklist_message(checklist, lang, tz)
    view = prompt_view(session, prompt_id)
    if view is None:
        return None
    return lambda lang, tz: prompt_message(view, lang, tz)


def _case(
    session: Session,
    params: Mapping[str, Any],
    lang: str,
    tz: ZoneInfo,
    for_channel: bool,
    settings: Settings,
) -> RenderedMessage | None:
    case = session.get(Escalation, params["escalation_id"])
    if case is None:
        return None
    if for_channel:
        return RenderedMessage(*channel_message(case, lang, tz))
    return RenderedMessage(*consultant_message(case, findings_of(case), lang, tz))


def _grader_told(
    session: Session,
    params: Mapping[str, Any],
    lang: str,
    tz: ZoneInfo,
    for_channel: bool,
    settings: Settings,
) -> RenderedMessage | None:
    case = session.get(Escalation, params["escalation_id"])
    if case is None:
        return None
    return RenderedMessage(*case_news(case, params, lang, settings, tz))


def _explanation(
    session: Session,
    params: Mapping[str, Any],
    lang: str,
    tz: ZoneInfo,
    for_channel: bool,
    settings: Settings,
) -> RenderedMessage | None:
    """A request, reminder or overdue notice to a grader; nothing once it is given."""
    view = request_view(session, params["request_id"])
    if view is None or view.given_at is not None:
        return None
    as_of = datetime.fromisoformat(params["as_of"])
    return grader_message(params["kind"], view, lang, tz, as_of)


def _complaint_held(
    session: Session,
    params: Mapping[str, Any],
    lang: str,
    tz: ZoneInfo,
    for_channel: bool,
    settings: Settings,
) -> RenderedMessage | None:
    view = held_complaint(session, params["complaint_id"])
    if view is None:
        return None
    message = held_grade_message(view, lang, tz)
    return RenderedMessage(message.text, message.blocks)


_COMPOSERS: dict[MessageKind, Compose] = {
    MessageKind.approval_prompt: _prompt,
    MessageKind.escalation: _case,
    MessageKind.escalation_grader: _grader_told,
    MessageKind.explanation_request: _explanation,
    MessageKind.explanation_reminder: _explanation,
    MessageKind.explanation_overdue: _explanation,
    MessageKind.complaint_held: _complaint_held,
}

# (content, file name, comment) of the files the outbox uploads; None: nothing to send.
_File = tuple[bytes, str, str] | None


def _final_grades_file(session: Session, test_id: str, lang: str) -> _File:
    export = export_final_grades(session, test_id)
    return export.content, export_filename(test_id), export_comment(lang, test_id)


def _complaint_grades_file(session: Session, test_id: str, lang: str) -> _File:
    export = export_complaint_grades(session, test_id)
    if export is None:
        return None
    comment = complaint_export_comment(lang, test_id, export.candidates, all_final=True)
    return export.content, complaints_filename(test_id), comment


_FILES: dict[MessageKind, Callable[[Session, str, str], _File]] = {
    MessageKind.approval_export: _final_grades_file,
    MessageKind.complaint_export: _complaint_grades_file,
}


# -- what an update changes ----------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """A posted message and how to show its subject as it now stands."""

    channel: str
    ts: str
    lang: str  # the language it was posted in (a person's is asked again)
    user_id: str | None
    render: Callable[[str, ZoneInfo], RenderedMessage]


def _prompt_target(session: Session, params: Mapping[str, Any]) -> _Target | DeliveryOutcome:
    prompt_id = params["prompt_id"]
    prompt = session.get(ApprovalPrompt, prompt_id)
    show = _prompt_shown(session, prompt_id) if prompt is not None else None
    if prompt is None or show is None:
        return NothingToSend("the prompt is gone")
    if prompt.channel is None or prompt.ts is None:
        if statuses(session, [prompt_key(prompt_id)]).get(prompt_key(prompt_id)) == (
            OutboxStatus.sending
        ):
            return NotYet(WAIT_FOR_POST_SECONDS, "the prompt is being posted")
        return NothingToSend("the prompt is not posted; it goes out as it stands when it is")
    return _Target(prompt.channel, prompt.ts, "", prompt.slack_user_id, show)


def _copy_target(session: Session, params: Mapping[str, Any]) -> _Target | DeliveryOutcome:
    copy = session.get(EscalationMessage, params["copy_id"])
    case = session.get(Escalation, copy.escalation_id) if copy is not None else None
    if copy is None or case is None:
        return NothingToSend("the case is gone")
    findings = findings_of(case)
    for_channel = copy.recipient_email is None

    def show(lang: str, tz: ZoneInfo) -> RenderedMessage:
        if for_channel:
            return RenderedMessage(*channel_message(case, lang, tz))
        return RenderedMessage(*consultant_message(case, findings, lang, tz))

    return _Target(copy.channel, copy.ts, copy.lang, None, show)


def _confirmation_target(session: Session, params: Mapping[str, Any]) -> _Target | DeliveryOutcome:
    upload = session.get(GradeUpload, params["upload_id"])
    shown = confirmation(session, upload) if upload is not None else None
    if upload is None or shown is None or upload.message_channel is None or not upload.message_ts:
        return NothingToSend("the confirmation is gone, or was never posted")

    def show(lang: str, tz: ZoneInfo) -> RenderedMessage:
        return RenderedMessage(*confirmation_message(lang, shown, tz))

    return _Target(upload.message_channel, upload.message_ts, "", upload.slack_user_id, show)


def _explanation_target(session: Session, params: Mapping[str, Any]) -> _Target | DeliveryOutcome:
    view = request_view(session, params["request_id"])
    posted = session.exec(
        select(OutboxEntry).where(col(OutboxEntry.key) == params["posted_key"])
    ).first()
    if view is None or view.given_at is None or posted is None:
        return NothingToSend("the request is gone, or not given")
    if not posted.slack_channel or not posted.slack_ts:
        return NothingToSend("the request's message was never posted")

    def show(lang: str, tz: ZoneInfo) -> RenderedMessage:
        by = giver(lang, params.get("by_user"), view.given_by_name)
        return RenderedMessage(*given_message(view, by, lang, tz))

    return _Target(posted.slack_channel, posted.slack_ts, "", params.get("user_id"), show)


_UPDATE_TARGETS: dict[
    MessageKind, Callable[[Session, Mapping[str, Any]], _Target | DeliveryOutcome]
] = {
    MessageKind.approval_prompt_update: _prompt_target,
    MessageKind.escalation_update: _copy_target,
    MessageKind.gradesheet_update: _confirmation_target,
    MessageKind.explanation_update: _explanation_target,
}


def _outbox_key(posted: Mapping[str, Any]) -> str | None:
    metadata = posted.get("metadata") or {}
    if metadata.get("event_type") != METADATA_EVENT:
        return None
    return (metadata.get("event_payload") or {}).get("key")


def _failure(error: SlackApiError, *, posting: bool) -> DeliveryOutcome:
    status = error.response.status_code
    name = _error_name(error)
    if status == 429:
        return RateLimited(_retry_after(error.response.headers))
    if status >= 500:
        return TemporaryFailure(f"HTTP {status}: {name}", maybe_delivered=posting)
    if name in PERMANENT_ERRORS:
        return PermanentFailure(name)
    return TemporaryFailure(name)


def _error_name(error: SlackApiError) -> str:
    data = error.response.data if isinstance(error.response.data, dict) else {}
    return str(data.get("error") or f"HTTP {error.response.status_code}")


def _retry_after(headers: Mapping[str, Any]) -> float:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(float(value), 0.0)
            except ValueError:
                break
    return 1.0
