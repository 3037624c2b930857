"""The outbox's messages as Block Kit, rendered at send time in the reader's language from
the plain facts stored with each outbox row (`bot.scheduling.steps`). Prompts and
escalations are rendered from the store by `bot.scheduling.delivery` with their own
builders."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement
from slack_sdk.models.blocks.basic_components import ConfirmObject

from bot.approvals.outcome import ApprovalNotice, NoticeKind
from bot.escalations.cases import findings_of
from bot.escalations.snapshot import from_snapshot
from bot.grading_reports import UNREPORTED
from bot.i18n import format_list, t
from bot.i18n.dates import deadline_text, relative_text
from bot.messages import MessageKind
from bot.ui import kit
from bot.ui.approvals import ACTION_APPROVE_FINAL, ACTION_APPROVE_OWN, PromptButton, notice_text
from bot.ui.complaint_notices import (
    NoticeAction,
    complaint_opened,
    complaint_overdue,
    complaint_overdue_escalation,
    complaint_reminder,
)
from bot.ui.escalations import channel_message, consultant_message
from bot.ui.explanations import (
    given_notice,
    late_request,
    overdue_for_consultant,
    unassigned_request,
)
from bot.ui.grading_reports import all_reported, report_buttons
from bot.ui.handoff import handoff_reminder, transferred_text
from bot.ui.inspera import inspera_differences
from bot.ui.kit import Message, Mrkdwn, escape, md
from bot.ui.opening import finding_lines
from bot.ui.payloads import PayloadError
from models.types import utcnow

TEMPLATE_ACTION = "notice.template"
WHY_ACTION = "notice.why"
STATUS_ACTION = "notice_status"
INSPERA_ACTION = "notice_inspera"  # a link button: Slack still sends its click


@dataclass(frozen=True)
class NoticeButton:
    """The template, why and status buttons of notices and reminders: the test id, as typed
    after the sub-command (who may see what is decided by the sub-command, from the store)."""

    test_id: str

    def encode(self) -> str:
        return self.test_id

    @classmethod
    def decode(cls, value: str) -> NoticeButton:
        if not value or value != value.strip() or any(c.isspace() for c in value):
            raise PayloadError("notice", value)
        return cls(value)


_MAX_SECTIONS = 40  # of Slack's 50 blocks per message, leaving room for the rest

RenderedMessage = Message  # the kit's (text, blocks)


def render(
    kind: str, params: Mapping[str, Any], lang: str, tz: ZoneInfo, *, for_channel: bool = False
) -> RenderedMessage:
    """The message of `kind` with `params` in `lang` (for a channel or a person's DM);
    dates for readers in any time zone, with `tz` for the fallback text."""
    if MessageKind(kind) == MessageKind.escalation_reraised:
        return _reraised_escalation(params, lang, tz, for_channel)
    if MessageKind(kind) == MessageKind.approval_notice:
        notice = _notice(params)
        if notice.kind == NoticeKind.transferred:
            return RenderedMessage(transferred_text(notice.test_id, notice.params, lang, tz), [])
        return RenderedMessage(notice_text(notice, lang), [])
    facts = _Facts(_in_current_shape(MessageKind(kind), params), lang, tz)
    text, blocks = _RENDERERS[MessageKind(kind)](facts)
    return RenderedMessage(text, [block.to_dict() for block in blocks])


def _reraised_escalation(
    params: Mapping[str, Any], lang: str, tz: ZoneInfo, for_channel: bool
) -> RenderedMessage:
    """The case as the escalations capability shows it, now marked as raised again."""
    case = from_snapshot(params["escalation"])
    if for_channel:
        return RenderedMessage(*channel_message(case, lang, tz))
    return RenderedMessage(*consultant_message(case, findings_of(case), lang, tz))


def _notice(params: Mapping[str, Any]) -> ApprovalNotice:
    """The approval notice an `approval_notice` message carries."""
    return ApprovalNotice(
        recipient="",
        kind=NoticeKind(params["notice"]),
        test_id=params["test_id"],
        committee=params.get("committee"),
        params=params.get("params") or {},
    )


def _in_current_shape(kind: MessageKind, params: Mapping[str, Any]) -> Mapping[str, Any]:
    """The facts of a message stored before notices carried progress, per-committee counts
    and the moment they were decided (another replica, or a row waiting across an upgrade),
    in the shape the renderers read; what was not stored is left out of the message."""
    upgraded = {"as_of": utcnow().isoformat(), **params}
    if kind in (MessageKind.reminder, MessageKind.overdue) and "progress" not in params:
        upgraded["progress"] = [
            {"committee": c, "phase": "unknown"} for c in params.get("committees", []) if c
        ]
    if kind == MessageKind.opened and "per_committee" not in params:
        named = [c for c in params.get("committees", []) if c]
        upgraded["per_committee"] = (
            [
                {
                    "committee": ", ".join(named),
                    "submitted_count": params.get("submitted", 0),
                    "absent_count": params.get("absent", 0),
                }
            ]
            if named
            else []
        )
    if kind == MessageKind.overdue_escalation and "graders" not in params:
        committees: dict[str, list[str]] = {}
        for item in params.get("unfinished", []):
            for name in item["graders"]:
                committees.setdefault(name, []).append(item["committee"])
        upgraded["graders"] = [{"name": n, "committees": c} for n, c in committees.items()]
    return upgraded


class _Facts:
    """A message's params with the helpers every renderer needs."""

    def __init__(self, params: Mapping[str, Any], lang: str, tz: ZoneInfo) -> None:
        self.params = params
        self.lang = lang
        self.tz = tz
        test = params["test"]
        self.test_id = escape(test["test_id"])
        self.title = Mrkdwn(" – ") + escape(test["title"]) if test.get("title") else Mrkdwn("")

    def t(self, key: str, **params: object) -> Mrkdwn:
        return md(self.lang, key, test=self.test_id, title=self.title, **params)

    def plain(self, key: str, **params: object) -> str:
        """The text for a header or a button: shown as typed, so nothing escaped."""
        test = self.params["test"]
        title = f" – {test['title']}" if test.get("title") else ""
        return t(self.lang, key, test=test["test_id"], title=title, **params)

    def when(self, name: str) -> datetime:
        return datetime.fromisoformat(self.params[name])

    def time(self, name: str) -> Mrkdwn:
        return kit.date(self.lang, self.when(name), self.tz)

    def deadline(self, name: str = "grading_deadline") -> Mrkdwn:
        return kit.deadline(self.lang, self.when(name), self.tz)

    def plain_deadline(self, name: str = "grading_deadline") -> str:
        return deadline_text(self.lang, self.when(name), self.tz)

    def relative(self, name: str = "grading_deadline") -> str:
        """How far away the time is, seen from when the message was decided."""
        return relative_text(self.lang, self.when(name), self.when("as_of"), self.tz)

    def committees(self, committees: Sequence[str | None]) -> Mrkdwn:
        """ "kommisjon 1" / "kommisjon 1 og 2" (named committees only)."""
        named = [c for c in committees if c]
        if len(named) == 1:
            return md(self.lang, "notice.committee", committee=named[0])
        return md(self.lang, "notice.committees", committees=format_list(self.lang, named))

    def findings(self, prefix: str, key: str) -> list[Mrkdwn]:
        return finding_lines(
            self.lang,
            self.params.get(key, []),
            prefix=prefix,
            submission_deadline=datetime.fromisoformat(
                self.params.get("submission_deadline") or self.params["grading_deadline"]
            ),
            format_date=lambda when: kit.date(self.lang, when, self.tz),
        )


_section = kit.section
_header = kit.header
bullets = kit.bullets


def _context(text: Mrkdwn) -> Block:
    return kit.context(text)


def _line_sections(head: Mrkdwn, lines: Sequence[Mrkdwn], more_key: str, lang: str) -> list[Block]:
    """`head` and bulleted `lines` over as many sections as Slack's 3,000 characters per
    section need, at most `_MAX_SECTIONS`; what does not fit is counted, not cut."""
    sections: list[Mrkdwn] = [head]
    newline = Mrkdwn("\n")
    for index, line in enumerate(lines):
        bullet = Mrkdwn("• ") + line
        if len(sections[-1]) + 1 + len(bullet) <= kit.SECTION_TEXT:
            sections[-1] += newline + bullet
        elif len(sections) < _MAX_SECTIONS:
            sections.append(bullet)
        else:
            sections[-1] += newline + md(lang, more_key, count=len(lines) - index)
            break
    return [_section(text) for text in sections]


# Where the test's grades are set (SPEC §2.6) → the line that says so.
_GRADES_IN = {
    "sensorbot": "notice.opened.grades_in.sensorbot",
    "inspera": "notice.opened.grades_in.inspera",
}
_IN_INSPERA = "inspera"  # `GradingIn.inspera`, as the facts carry it


def _opened(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    p = f.params
    grades_in = _GRADES_IN[p.get("grading_in", "sensorbot")]
    facts = [
        *_candidate_lines(f),
        f.t("notice.opened.deadline", deadline=f.deadline(), relative=f.relative()),
    ]
    blocks: list[Block] = [
        _header(f.plain("notice.opened.header")),
        _section(f.t("notice.opened.intro")),
        _section(kit.lines(facts)),
        _section(f.t(grades_in)),
    ]
    if p.get("registration_only"):
        blocks.append(_context(f.t("notice.opened.registration_only")))
    blocks.append(_section(f.t("notice.opened.rules_title") + "\n" + bullets(_rules(f))))
    if p.get("guideline_published") is False:
        blocks.append(_section(f.t("notice.opened.guideline_missing")))
    value = NoticeButton(p["test"]["test_id"]).encode()
    buttons = [
        kit.button(f.plain("notice.opened.button.template"), TEMPLATE_ACTION, value),
        kit.button(f.plain("notice.opened.button.why"), WHY_ACTION, value),
    ]
    if p.get("grading_in") == _IN_INSPERA:
        # Marked in Inspera: the grader tells the bot when their grading is approved there.
        committees = [(item["committee"], None) for item in p["per_committee"]]
        buttons[:0] = report_buttons(f.lang, p["test"]["test_id"], committees)
    if p.get("inspera_url"):
        inspera = f.plain("notice.opened.button.inspera")
        buttons.insert(0, kit.link_button(inspera, INSPERA_ACTION, p["inspera_url"], "primary"))
    blocks.append(kit.actions(*buttons))
    return f.t("notice.opened.fallback", deadline=f.plain_deadline()), blocks


def _candidate_lines(f: _Facts) -> list[Mrkdwn]:
    """Per committee of the grader: how many candidates to grade, and who did not submit."""
    per_committee = f.params["per_committee"]
    if not per_committee:
        return [f.t("notice.opened.no_committee")]
    lines = []
    for item in per_committee:
        line = f.t(
            "notice.opened.committee_candidates",
            committee=item["committee"],
            count=item["submitted_count"],
        )
        if item["absent_count"]:
            key = "notice.opened.absent"
            if f.params.get("registration_only"):
                key = "notice.opened.absent_registration"
            line += Mrkdwn(" ") + f.t(key, count=item["absent_count"])
        lines.append(line)
    return lines


def _rules(f: _Facts) -> list[Mrkdwn]:
    p = f.params
    own = "own_all_committees" if p["own_approval"] == "all_committees" else "own_committee"
    rules = [f.t(f"notice.rule.{'shared' if p['marking_mode'] == 'shared' else 'private'}")]
    if p["marking_mode"] != "shared":
        rules.append(f.t(f"notice.rule.{own}"))
    rules.append(f.t(f"notice.rule.final_{'one' if p['final_approval'] == 'one' else 'all'}"))
    return rules


def _reminder(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    deadline, relative = f.deadline(), f.relative()
    head = f.t("notice.reminder", deadline=deadline, relative=relative)
    blocks: list[Block] = [
        *_line_sections(head, _progress_lines(f), "notice.more", f.lang),
        *_progress_buttons(f),
    ]
    fallback = f.t("notice.reminder.fallback", deadline=f.plain_deadline(), relative=relative)
    return fallback, blocks


def _overdue(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    head = f.t("notice.overdue", deadline=f.deadline())
    blocks: list[Block] = [
        *_line_sections(head, _progress_lines(f), "notice.more", f.lang),
        _context(f.t("notice.overdue.advice")),
        *_progress_buttons(f),
    ]
    return f.t("notice.overdue.fallback"), blocks


def _progress_lines(f: _Facts) -> list[Mrkdwn]:
    """Per unfinished committee, what is missing or whose turn it is."""
    return [
        f.t("notice.progress.line", committee=item["committee"], progress=_progress(f, item))
        for item in f.params["progress"]
    ]


def _progress(f: _Facts, item: Mapping[str, Any]) -> Mrkdwn:
    phase = item["phase"]
    if phase == "unknown":
        return f.t("notice.progress.unfinished")
    if phase == UNREPORTED:
        return f.t("report.progress.unreported")
    waiting = format_list(f.lang, item.get("waiting") or [])
    submitted, missing = item["submitted_count"], item["missing_count"]
    if phase == "grading":
        if item.get("shared"):
            key = "notice.progress.shared_grading"
        elif item.get("own_approved"):
            return f.t("notice.progress.own_approved", names=waiting)
        else:
            key = "notice.progress.grading" if missing else "notice.progress.approve_own"
        return f.t(key, graded_count=submitted - missing, submitted_count=submitted)
    if phase == "aligning":
        return f.t("notice.progress.aligning", unresolved_count=item["unresolved_count"])
    if item.get("voted"):
        return f.t("notice.progress.final_voted", names=waiting)
    return f.t("notice.progress.approve_final")


_APPROVE_BUTTONS = 10  # of Slack's 25 elements in an actions block, beside the other two


def _progress_buttons(f: _Facts) -> list[Block]:
    """Download the sheet while grades are still being set; approve where the grader can
    now (the approval buttons' own action ids and prompt ids); the status always."""
    progress = f.params["progress"]
    value = NoticeButton(f.params["test"]["test_id"]).encode()
    buttons = []
    if f.params.get("grading_in") == _IN_INSPERA:
        committees = [(i["committee"], None) for i in progress if i["phase"] == UNREPORTED]
        buttons += report_buttons(f.lang, f.params["test"]["test_id"], committees)[
            :_APPROVE_BUTTONS
        ]
    if any(
        item["phase"] in ("grading", "unknown")
        and not item.get("own_approved")
        and item.get("missing_count", 1)
        for item in progress
    ):
        buttons.append(kit.button(f.plain("notice.opened.button.template"), TEMPLATE_ACTION, value))
    buttons += _approve_buttons(f)[:_APPROVE_BUTTONS]
    buttons.append(kit.button(f.plain("notice.button.status"), STATUS_ACTION, value))
    return [kit.actions(*buttons)]


def _approve_buttons(f: _Facts) -> list[ButtonElement]:
    all_committees = f.params.get("approve_all_prompt_id")
    if all_committees is not None:
        own = [
            kit.button(
                f.plain("notice.button.approve_own"),
                ACTION_APPROVE_OWN,
                PromptButton(all_committees).encode(),
                "primary",
            )
        ]
    else:
        own = _committee_buttons(
            f,
            "own",
            ACTION_APPROVE_OWN,
            ("notice.button.approve_own", "notice.button.approve_own_committee"),
        )
    final = _committee_buttons(
        f,
        "final",
        ACTION_APPROVE_FINAL,
        ("notice.button.approve_final", "notice.button.approve_final_committee"),
    )
    return own + final


def _committee_buttons(
    f: _Facts, action: str, action_id: str, keys: tuple[str, str]
) -> list[ButtonElement]:
    """A button per committee where the grader can take this step now; labelled with the
    committee when there are several (`keys`: the label alone, and with the committee)."""
    chosen = [i for i in f.params["progress"] if i.get("action") == action and i.get("prompt_id")]
    alone, with_committee = keys
    buttons = []
    for item in chosen:
        if len(chosen) > 1:
            label = f.plain(with_committee, committee=item["committee"])
        else:
            label = f.plain(alone)
        confirm = _final_confirmation(f, item["committee"]) if action == "final" else None
        buttons.append(
            kit.button(
                label, action_id, PromptButton(item["prompt_id"]).encode(), "primary", confirm
            )
        )
    return buttons


def _final_confirmation(f: _Facts, committee: str) -> ConfirmObject:
    """Final approval cannot be undone by the grader: Slack asks first."""
    return kit.confirmation(
        f.plain("notice.confirm_final.title"),
        f.t("notice.confirm_final.text", committee=committee),
        f.plain("notice.confirm_final.confirm"),
        f.plain("notice.confirm_final.deny"),
    )


def _overdue_escalation(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    deadline = f.deadline()
    blocks: list[Block] = [_header(f.plain("escalation.overdue.header"))]
    if f.params["opened"]:
        lines = []
        for grader in f.params["graders"]:
            key = "escalation.overdue.grader"
            if grader.get("unreachable"):
                key = "escalation.overdue.grader_unreachable"
            committees = f.committees(grader["committees"])
            lines.append(md(f.lang, key, name=grader["name"], committees=committees))
        head = f.t("escalation.overdue.intro", deadline=deadline)
        blocks += _line_sections(head, lines, "notice.more", f.lang)
        blocks.append(_context(f.t("escalation.overdue.graders_told")))
    else:
        blocks.append(_section(f.t("escalation.overdue.never_opened", deadline=deadline)))
        blocks += _findings_blocks(f)
    return f.t("escalation.overdue.fallback"), blocks


def _nudge(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    blocks: list[Block] = [
        _header(f.plain("nudge.header")),
        _section(f.t("nudge.intro", deadline=f.time("submission_deadline"))),
        *_findings_blocks(f),
        _context(f.t("nudge.how_to_open")),
    ]
    return f.t("nudge.fallback"), blocks


def _findings_blocks(f: _Facts) -> list[Block]:
    blockers = f.findings("blocker", "blockers")
    notices = f.findings("readiness_notice", "notices")
    blocks: list[Block] = (
        [_section(f.t("nudge.blockers") + "\n" + bullets(blockers))]
        if blockers
        else [_section(f.t("nudge.no_blockers"))]
    )
    if notices:
        blocks.append(_section(f.t("nudge.notices") + "\n" + bullets(notices)))
    return blocks


# What the graders Slack has nobody for were not told, by the notice they missed.
_UNREACHABLE_INTROS = {
    MessageKind.opened.value: "unreachable.intro",
    MessageKind.complaint_opened.value: "complaint_round.unreachable.intro",
}


def _unreachable(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    lines = [_unreachable_line(f, grader) for grader in f.params["graders"]]
    intro = _UNREACHABLE_INTROS[f.params.get("notice", MessageKind.opened.value)]
    blocks: list[Block] = [
        _header(f.plain("unreachable.header")),
        *_line_sections(f.t(intro), lines, "notice.more", f.lang),
        _context(f.t("unreachable.advice")),
    ]
    return f.t("unreachable.fallback", count=len(lines)), blocks


def _unreachable_line(f: _Facts, grader: Mapping[str, Any]) -> Mrkdwn:
    """The grader by name, with the e-mails that were looked up (what the consultant fixes)."""
    inspera = grader.get("inspera_email")
    if inspera and inspera.lower() == grader["email"].lower():
        inspera = None
    if grader.get("name"):
        key = "unreachable.grader_inspera" if inspera else "unreachable.grader"
    else:
        key = "unreachable.grader_unnamed_inspera" if inspera else "unreachable.grader_unnamed"
    return f.t(
        key, name=grader.get("name") or "", email=grader["email"], inspera_email=inspera or ""
    )


_NOTICE_BUTTONS = {
    NoticeAction.template: ("notice.opened.button.template", TEMPLATE_ACTION),
    NoticeAction.why: ("notice.opened.button.why", WHY_ACTION),
    NoticeAction.status: ("notice.button.status", STATUS_ACTION),
}


def _notice_button(f: _Facts, action: NoticeAction) -> ButtonElement | None:
    """The notices' own buttons, for the complaint committee's messages."""
    if action == NoticeAction.inspera:
        url = f.params.get("inspera_url")
        label = f.plain("notice.opened.button.inspera")
        return kit.link_button(label, INSPERA_ACTION, url, "primary") if url else None
    label, action_id = _NOTICE_BUTTONS[action]
    return kit.button(f.plain(label), action_id, NoticeButton(f.params["test"]["test_id"]).encode())


_RENDERERS: dict[MessageKind, Callable[[_Facts], tuple[Mrkdwn, list[Block]]]] = {
    MessageKind.opened: _opened,
    MessageKind.reminder: _reminder,
    MessageKind.overdue: _overdue,
    MessageKind.overdue_escalation: _overdue_escalation,
    MessageKind.nudge: _nudge,
    MessageKind.unreachable: _unreachable,
    MessageKind.inspera_differences: inspera_differences,
    MessageKind.complaint_opened: lambda f: complaint_opened(f, partial(_notice_button, f)),
    MessageKind.complaint_reminder: lambda f: complaint_reminder(f, partial(_notice_button, f)),
    MessageKind.complaint_overdue: lambda f: complaint_overdue(f, partial(_notice_button, f)),
    MessageKind.complaint_overdue_escalation: complaint_overdue_escalation,
    MessageKind.explanation_given: given_notice,
    MessageKind.explanation_late: late_request,
    MessageKind.explanation_unassigned: unassigned_request,
    MessageKind.explanation_overdue_consultant: overdue_for_consultant,
    MessageKind.grading_reported: all_reported,
    MessageKind.handoff_reminder: handoff_reminder,
}
