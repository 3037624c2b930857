"""Explanations as Block Kit: the request, reminder and overdue DMs to a grader of the
committee (rendered from the store when sent, with the "Explanation given" button), the
pressed message once it is given, what the other graders and the consultants are told, and
the open requests on the Home tab and in `/sensur status`. No grade is shown anywhere here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.explanations.requests import GivenRefusal, OpenExplanations, OpenRequest, RequestView
from bot.i18n import format_list, t
from bot.i18n.dates import date_text, deadline_text, relative_text
from bot.ui import kit
from bot.ui.kit import Message, Mrkdwn, escape, md
from bot.ui.payloads import decode_id

ACTION_GIVEN = "explanations.given"

# The grader kinds' wording: (intro key, fallback key).
_GRADER_TEXTS = {
    "explanation_request": ("explanation.request.intro", "explanation.request.fallback"),
    "explanation_reminder": ("explanation.reminder", "explanation.reminder.fallback"),
    "explanation_overdue": ("explanation.overdue", "explanation.overdue.fallback"),
}


@dataclass(frozen=True)
class ExplanationButton:
    """ "Explanation given"'s value: the request's id (who may press is read from the store)."""

    request_id: int

    def encode(self) -> str:
        return str(self.request_id)

    @classmethod
    def decode(cls, value: str) -> ExplanationButton:
        return cls(decode_id("explanation", value))


def _title(title: str | None) -> Mrkdwn:
    return Mrkdwn(" – ") + escape(title) if title else Mrkdwn("")


def _about(view: RequestView) -> dict[str, object]:
    return {"candidate": view.candidate_id, "test": view.test_id, "title": _title(view.title)}


# -- to a grader --------------------------------------------------------------------------


def grader_message(
    kind: str, view: RequestView, lang: str, tz: ZoneInfo, as_of: datetime
) -> Message:
    """A new request, a reminder or the overdue notice, with the button."""
    intro, fallback = _GRADER_TEXTS[kind]
    # Once it has passed, the day is enough: "gikk ut mandag 10. mai".
    due = (
        _day(lang, view.due_at, tz)
        if kind == "explanation_overdue"
        else kit.deadline(lang, view.due_at, tz)
    )
    relative = relative_text(lang, view.due_at, as_of, tz)
    blocks = [
        *_body(kind, view, lang, md(lang, intro, due=due, relative=relative, **_about(view))),
        kit.actions(given_button(view, lang)),
    ]
    text = md(
        lang,
        fallback,
        candidate=view.candidate_id,
        test=view.test_id,
        due=_plain_due(view, lang, tz),
    )
    return kit.message(text, blocks)


def given_message(view: RequestView, by: Mrkdwn, lang: str, tz: ZoneInfo) -> Message:
    """The pressed message once the explanation is given: what it was about, and who gave it
    when, without the button."""
    due = kit.deadline(lang, view.due_at, tz)
    intro = md(lang, "explanation.request.intro", due=due, **_about(view))
    given = md(lang, "explanation.given_line", name=by, when=_given_when(view, lang, tz))
    blocks = [kit.header(_header(view, lang)), kit.section(intro), kit.section(given)]
    return kit.message(given, blocks)


def _body(kind: str, view: RequestView, lang: str, intro: Mrkdwn) -> list[Block]:
    blocks: list[Block] = [kit.header(_header(view, lang)), kit.section(intro)]
    advice = [md(lang, "explanation.law"), md(lang, "explanation.notes")]
    if kind == "explanation_request":
        blocks.append(kit.section(kit.bullets(advice)))
    blocks.append(kit.context(md(lang, "explanation.press_when_given")))
    if view.committee:
        blocks.append(kit.context(md(lang, "explanation.committee", committee=view.committee)))
    return blocks


def _header(view: RequestView, lang: str) -> str:
    return t(lang, "explanation.request.header", candidate=view.candidate_id)


def given_button(view: RequestView, lang: str):
    confirm = kit.confirmation(
        t(lang, "explanation.confirm.title"),
        md(lang, "explanation.confirm.text", candidate=view.candidate_id),
        t(lang, "explanation.confirm.yes"),
        t(lang, "explanation.confirm.no"),
    )
    value = ExplanationButton(view.request_id).encode()
    label = t(lang, "explanation.button.given")
    return kit.button(label, ACTION_GIVEN, value, "primary", confirm)


def _day(lang: str, when: datetime, tz: ZoneInfo) -> Mrkdwn:
    return escape(date_text(lang, when, tz))


def _plain_due(view: RequestView, lang: str, tz: ZoneInfo) -> str:
    return deadline_text(lang, view.due_at, tz)


def _given_when(view: RequestView, lang: str, tz: ZoneInfo) -> Mrkdwn:
    assert view.given_at is not None, "shown only once it is given"
    return kit.date(lang, view.given_at, tz)


def giver(lang: str, by_user: str | None, name: str | None) -> Mrkdwn:
    """Who gave it: the Slack user by mention, else their name in the roster, else "a
    grader on the committee" (never an e-mail)."""
    if by_user:
        return kit.mention(by_user)
    if name:
        return escape(name)
    return md(lang, "explanation.someone")


def refusal_text(
    refusal: GivenRefusal | None, view: RequestView | None, by: Mrkdwn, lang: str, tz: ZoneInfo
) -> Mrkdwn:
    """Why a press recorded nothing; None for a button that is not one of ours."""
    if refusal is None:
        return md(lang, "explanation.refused.bad_button")
    if refusal == GivenRefusal.already_given and view is not None:
        when = _given_when(view, lang, tz)
        return md(
            lang,
            "explanation.refused.already_given",
            candidate=view.candidate_id,
            name=by,
            when=when,
        )
    key = _REFUSED[refusal]
    return md(lang, key)


_REFUSED = {
    GivenRefusal.gone: "explanation.refused.gone",
    GivenRefusal.not_a_grader: "explanation.refused.not_a_grader",
    GivenRefusal.already_given: "explanation.refused.gone",  # given, but the request is gone
}


# -- what others are told (from the facts stored with the message) -------------------------


class Facts(Protocol):
    """A message's params with the renderer's helpers (`bot.ui.outgoing`'s facts)."""

    params: Mapping[str, Any]
    lang: str
    tz: ZoneInfo

    def t(self, key: str, **params: object) -> Mrkdwn: ...

    def plain(self, key: str, **params: object) -> str: ...

    def deadline(self, name: str = "grading_deadline") -> Mrkdwn: ...

    def time(self, name: str) -> Mrkdwn: ...


def given_notice(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    p = f.params
    name = giver(f.lang, p.get("by_user"), p.get("by_name"))
    text = f.t("explanation.given", name=name, candidate=p["candidate_id"], when=f.time("given_at"))
    return f.t("explanation.given.fallback", candidate=p["candidate_id"]), [kit.section(text)]


def late_request(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    p = f.params
    candidate = p["candidate_id"]
    requested = f.time("requested_at")
    if p.get("results_published"):
        head = f.t(
            "explanation.late",
            candidate=candidate,
            requested=requested,
            published=f.time("results_published"),
        )
    else:
        head = f.t("explanation.late.unpublished", candidate=candidate, requested=requested)
    blocks: list[Block] = [
        kit.header(f.plain("explanation.late.header")),
        kit.section(head),
        kit.context(f.t("explanation.late.advice", due=f.deadline("due_at"))),
    ]
    return f.t("explanation.late.fallback", candidate=candidate), blocks


def unassigned_request(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    candidate = f.params["candidate_id"]
    blocks: list[Block] = [
        kit.header(f.plain("explanation.unassigned.header")),
        kit.section(f.t("explanation.unassigned", candidate=candidate, due=f.deadline("due_at"))),
        kit.context(f.t("explanation.unassigned.advice")),
    ]
    return f.t("explanation.unassigned.fallback", candidate=candidate), blocks


def overdue_for_consultant(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    p = f.params
    candidate = p["candidate_id"]
    names: list[str] = [escape(name) for name in p.get("graders", [])]
    if p.get("unnamed_count"):
        names.append(md(f.lang, "explanation.unnamed", count=p["unnamed_count"]))
    due = _day(f.lang, datetime.fromisoformat(p["due_at"]), f.tz)
    if names:
        listed = Mrkdwn(format_list(f.lang, names))
        text = f.t("explanation.overdue_consultant", candidate=candidate, due=due, graders=listed)
    else:
        text = f.t("explanation.overdue_consultant.nobody", candidate=candidate, due=due)
    blocks: list[Block] = [
        kit.header(f.plain("explanation.overdue_consultant.header")),
        kit.section(text),
    ]
    return f.t("explanation.overdue_consultant.fallback", candidate=candidate), blocks


# -- Home tab and /sensur status --------------------------------------------------------------


def explanation_blocks(lang: str, overview: OpenExplanations, tz: ZoneInfo) -> list[Block]:
    """The person's open requests: to give (their committees), and not given yet (their
    tests), each with its due date; late and overdue ones marked."""
    blocks: list[Block] = []
    sides = (
        ("explanation.home.grader_title", overview.as_grader, overview.more_as_grader),
        ("explanation.home.consultant_title", overview.as_consultant, overview.more_as_consultant),
    )
    for title, requests, more in sides:
        if not requests:
            continue
        lines = [_open_line(lang, request, tz, overview.as_of) for request in requests]
        if more:
            lines.append(md(lang, "explanation.home.more", count=more))
        blocks += [kit.header(t(lang, title)), *kit.sections([kit.bullets(lines)])]
    return blocks


def _open_line(lang: str, request: OpenRequest, tz: ZoneInfo, now: datetime | None) -> Mrkdwn:
    line = md(
        lang,
        "explanation.home.line",
        candidate=request.candidate_id,
        test=request.test_id,
        due=kit.deadline(lang, request.due_at, tz),
    )
    marks: Sequence[Mrkdwn] = [
        *([md(lang, "explanation.home.overdue")] if now and request.due_at <= now else []),
        *([md(lang, "explanation.home.late")] if request.late else []),
    ]
    return kit.join(" · ", [line, *marks])


def status_text_lines(
    lang: str, requests: Sequence[OpenRequest], tz: ZoneInfo, now: datetime
) -> list[str]:
    """`sensorbot status TEST`: the test's requests not given yet, as terminal lines."""
    if not requests:
        return []
    lines = [t(lang, "explanation.cli.open", count=len(requests))]
    for request in requests:
        marks = [
            *([t(lang, "explanation.cli.overdue")] if request.due_at <= now else []),
            *([t(lang, "explanation.cli.late")] if request.late else []),
        ]
        due = deadline_text(lang, request.due_at, tz)
        line = t(lang, "explanation.cli.line", candidate=request.candidate_id, due=due)
        lines.append("    • " + " · ".join([line, *marks]))
    return lines
