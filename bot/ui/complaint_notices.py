"""What the complaint committee's graders and the consultants are told about a complaint
round (`bot.complaints.notices`), as Block Kit rendered at send time from the facts stored
with each message: the committee, the candidates by number, the due date and where the
grades are set. The facts hold nothing of the original grading, so nothing of it can be
shown (blind, § 11-11).

The notices' buttons (grade sheet, why, status, Inspera) are the opened notice's own; the
outgoing renderer that owns their action ids makes them (`NoticeActions`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, Protocol

from slack_sdk.models.blocks import Block, ButtonElement

from bot.i18n import format_list
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md

# Candidates named in one message; the rest are counted.
SHOWN_CANDIDATES = 40


class Facts(Protocol):
    """A message's params with the renderer's helpers (`bot.ui.outgoing`'s facts)."""

    params: Mapping[str, Any]
    lang: str

    def t(self, key: str, **params: object) -> Mrkdwn: ...

    def plain(self, key: str, **params: object) -> str: ...

    def deadline(self, name: str = "grading_deadline") -> Mrkdwn: ...

    def plain_deadline(self, name: str = "grading_deadline") -> str: ...

    def relative(self, name: str = "grading_deadline") -> str: ...


class NoticeAction(StrEnum):
    template = "template"
    why = "why"
    status = "status"
    inspera = "inspera"  # a link to Inspera, when the address is known


NoticeActions = Callable[[NoticeAction], ButtonElement | None]
Rendered = tuple[Mrkdwn, list[Block]]

_DUE = "due_at"


def candidates_text(lang: str, candidates: Sequence[str]) -> Mrkdwn:
    """ "101, 102 og 103" — the first `SHOWN_CANDIDATES`, and how many more there are."""
    shown = [kit.escape(c) for c in candidates[:SHOWN_CANDIDATES]]
    if len(candidates) > SHOWN_CANDIDATES:
        shown.append(
            md(lang, "complaint_round.candidates.more", count=len(candidates) - SHOWN_CANDIDATES)
        )
    return Mrkdwn(format_list(lang, shown))


def _candidates_line(f: Facts, key: str) -> Mrkdwn:
    candidates = f.params["candidates"]
    return f.t(
        key,
        committee=f.params["committee"],
        count=len(candidates),
        candidates=candidates_text(f.lang, candidates),
    )


def _in_inspera(f: Facts) -> bool:
    return f.params.get("grading_in") == "inspera"


def _buttons(buttons: NoticeActions, *kinds: NoticeAction) -> list[Block]:
    made = [button for kind in kinds if (button := buttons(kind)) is not None]
    return [kit.actions(*made)] if made else []


def complaint_opened(f: Facts, buttons: NoticeActions) -> Rendered:
    """To a complaint grader: the committee, its new complaint candidates, the target date,
    the rule of blind grading and where the grades are set."""
    inspera = _in_inspera(f)
    facts = [
        _candidates_line(f, "complaint_round.opened.candidates"),
        f.t("complaint_round.due", deadline=f.deadline(_DUE), relative=f.relative(_DUE)),
    ]
    grades_in = (
        "complaint_round.grades_in.inspera" if inspera else "complaint_round.grades_in.sensorbot"
    )
    blocks: list[Block] = [
        kit.header(f.plain("complaint_round.opened.header", committee=f.params["committee"])),
        kit.section(f.t("complaint_round.opened.intro", committee=f.params["committee"])),
        kit.section(kit.lines(facts)),
        kit.section(f.t("complaint_round.blind")),
        kit.section(f.t(grades_in)),
    ]
    kinds = [NoticeAction.inspera] + ([] if inspera else [NoticeAction.template])
    blocks += _buttons(buttons, *kinds, NoticeAction.why)
    fallback = f.t(
        "complaint_round.opened.fallback",
        committee=f.params["committee"],
        count=len(f.params["candidates"]),
        deadline=f.plain_deadline(_DUE),
    )
    return fallback, blocks


def _left(f: Facts) -> Mrkdwn:
    """What is left for the grader: report done (Inspera), or the open complaints."""
    if _in_inspera(f):
        return f.t("complaint_round.left.inspera")
    return _candidates_line(f, "complaint_round.left.sensorbot")


def _work_buttons(f: Facts, buttons: NoticeActions) -> list[Block]:
    kinds = [] if _in_inspera(f) else [NoticeAction.template]
    return _buttons(buttons, *kinds, NoticeAction.status)


def complaint_reminder(f: Facts, buttons: NoticeActions) -> Rendered:
    head = f.t(
        "complaint_round.reminder",
        committee=f.params["committee"],
        deadline=f.deadline(_DUE),
        relative=f.relative(_DUE),
    )
    blocks: list[Block] = [kit.section(head), kit.section(_left(f)), *_work_buttons(f, buttons)]
    fallback = f.t(
        "complaint_round.reminder.fallback",
        deadline=f.plain_deadline(_DUE),
        relative=f.relative(_DUE),
    )
    return fallback, blocks


def complaint_overdue(f: Facts, buttons: NoticeActions) -> Rendered:
    head = f.t(
        "complaint_round.overdue", committee=f.params["committee"], deadline=f.deadline(_DUE)
    )
    blocks: list[Block] = [
        kit.section(head),
        kit.section(_left(f)),
        kit.context(f.t("complaint_round.overdue.advice")),
        *_work_buttons(f, buttons),
    ]
    return f.t("complaint_round.overdue.fallback"), blocks


def complaint_overdue_escalation(f: Facts) -> Rendered:
    """To the consultants: which complaints are late, and who has not finished (by name)."""
    names = [_grader_line(f.lang, grader) for grader in f.params["graders"]]
    blocks: list[Block] = [
        kit.header(f.plain("complaint_round.escalation.header")),
        kit.section(
            f.t(
                "complaint_round.escalation.intro",
                committee=f.params["committee"],
                deadline=f.deadline(_DUE),
            )
        ),
        kit.section(_candidates_line(f, "complaint_round.left.sensorbot")),
    ]
    if names:
        blocks.append(
            kit.section(f.t("complaint_round.escalation.graders") + "\n" + kit.bullets(names))
        )
    blocks.append(kit.context(f.t("complaint_round.escalation.graders_told")))
    return f.t("complaint_round.escalation.fallback", committee=f.params["committee"]), blocks


def _grader_line(lang: str, grader: Mapping[str, Any]) -> Mrkdwn:
    key = "complaint_round.escalation.grader_unreachable" if grader.get("unreachable") else None
    name = kit.bold(grader["name"])
    return md(lang, key, name=name) if key else name
