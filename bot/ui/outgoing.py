"""The outbox's messages as Block Kit, rendered at send time in the reader's language from
the plain facts stored with each outbox row (`bot.scheduling.steps`). Prompts and
escalations are rendered from the store by `bot.scheduling.delivery` with their own
builders."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.approvals.outcome import ApprovalNotice, NoticeKind
from bot.escalations.cases import findings_of
from bot.escalations.snapshot import from_snapshot
from bot.i18n import t
from bot.i18n.dates import datetime_text
from bot.messages import MessageKind
from bot.ui import kit
from bot.ui.approvals import notice_text
from bot.ui.escalations import channel_message, consultant_message
from bot.ui.inspera import inspera_differences
from bot.ui.kit import Message, Mrkdwn, escape, md
from bot.ui.opening import finding_lines
from bot.ui.payloads import PayloadError

TEMPLATE_ACTION = "notice.template"
WHY_ACTION = "notice.why"


@dataclass(frozen=True)
class NoticeButton:
    """The opened notice's template and why buttons: the test id, as typed after the
    sub-command (who may see what is decided by the sub-command, from the store)."""

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
        return RenderedMessage(notice_text(_notice(params), lang), [])
    text, blocks = _RENDERERS[MessageKind(kind)](_Facts(params, lang, tz))
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

    def time(self, name: str) -> Mrkdwn:
        return kit.date(self.lang, datetime.fromisoformat(self.params[name]), self.tz)

    def plain_time(self, name: str) -> str:
        return datetime_text(self.lang, datetime.fromisoformat(self.params[name]), self.tz)

    def committees(self, committees: Sequence[str | None], *, bare: bool = False) -> Mrkdwn:
        """`committee 1, committee 2`, or with `bare` just `1, 2`; "no committee" last."""
        names = [
            escape(c) if bare else md(self.lang, "notice.committee", committee=c)
            for c in committees
            if c
        ]
        if None in committees:
            names.append(md(self.lang, "notice.no_committee"))
        return kit.join(", ", names)

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


def _opened(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    p = f.params
    committees = p["committees"]
    if any(committees):
        committee_line = f.t(
            "notice.opened.committees", committees=f.committees(committees, bare=True)
        )
    else:
        committee_line = f.t("notice.opened.no_committee")
    candidates_key = (
        "notice.opened.candidates_absent" if p["absent"] else "notice.opened.candidates"
    )
    facts = [
        committee_line,
        f.t(candidates_key, submitted=p["submitted"], absent=p["absent"]),
        f.t("notice.opened.deadline", deadline=f.time("grading_deadline")),
    ]
    own = "own_all_committees" if p["own_approval"] == "all_committees" else "own_committee"
    rules = [f.t(f"notice.rule.{'shared' if p['marking_mode'] == 'shared' else 'private'}")]
    if p["marking_mode"] != "shared":
        rules.append(f.t(f"notice.rule.{own}"))
    rules.append(f.t(f"notice.rule.final_{'one' if p['final_approval'] == 'one' else 'all'}"))
    blocks: list[Block] = [
        _header(f.plain("notice.opened.header")),
        _section(f.t("notice.opened.intro")),
        _section(kit.lines(facts)),
    ]
    if p.get("registration_only"):
        blocks.append(_context(f.t("notice.opened.registration_only")))
    blocks.append(_section(f.t("notice.opened.rules_title") + "\n" + bullets(rules)))
    if p.get("guideline_published") is False:
        blocks.append(_section(f.t("notice.opened.guideline_missing")))
    test_id = p["test"]["test_id"]
    blocks.append(
        kit.actions(
            kit.button(
                f.plain("notice.opened.button.template"),
                TEMPLATE_ACTION,
                NoticeButton(test_id).encode(),
            ),
            kit.button(
                f.plain("notice.opened.button.why"), WHY_ACTION, NoticeButton(test_id).encode()
            ),
        )
    )
    return f.t("notice.opened.fallback", deadline=f.plain_time("grading_deadline")), blocks


def _reminder(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    days = f.params["days"]
    key = {0: "notice.reminder.today", 1: "notice.reminder.tomorrow"}.get(
        days, "notice.reminder.days"
    )
    blocks: list[Block] = [
        _section(f.t(key, deadline=f.time("grading_deadline"), days=days)),
        _context(f.t("notice.work.committees", committees=f.committees(f.params["committees"]))),
    ]
    return f.t("notice.reminder.fallback", deadline=f.plain_time("grading_deadline")), blocks


def _overdue(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    blocks: list[Block] = [
        _section(f.t("notice.overdue", deadline=f.time("grading_deadline"))),
        _context(f.t("notice.work.committees", committees=f.committees(f.params["committees"]))),
    ]
    return f.t("notice.overdue.fallback"), blocks


def _overdue_escalation(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    deadline = f.time("grading_deadline")
    blocks: list[Block] = [_header(f.plain("escalation.overdue.header"))]
    if f.params["opened"]:
        lines = []
        for item in f.params["unfinished"]:
            committee = item["committee"]
            name = (
                md(f.lang, "escalation.committee", committee=committee)
                if committee
                else md(f.lang, "escalation.no_committee")
            )
            graders = kit.join(", ", item["graders"])
            lines.append(md(f.lang, "escalation.overdue.line", committee=name, graders=graders))
        head = f.t("escalation.overdue.intro", deadline=deadline)
        blocks += _line_sections(head, lines, "notice.more", f.lang)
        blocks.append(_context(f.t("escalation.overdue.graders_told")))
    else:
        blocks.append(_section(f.t("escalation.overdue.never_opened", deadline=deadline)))
        blocks += _findings_blocks(f)
    return f.t("notice.overdue.fallback"), blocks


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


def _unreachable(f: _Facts) -> tuple[Mrkdwn, list[Block]]:
    lines = []
    for grader in f.params["graders"]:
        name = escape(grader.get("name") or grader["email"])
        email = escape(grader["email"])
        inspera = grader.get("inspera_email")
        if inspera and inspera.lower() != grader["email"].lower():
            lines.append(
                f.t(
                    "unreachable.grader_inspera",
                    name=name,
                    email=email,
                    inspera_email=escape(inspera),
                )
            )
        else:
            lines.append(f.t("unreachable.grader", name=name, email=email))
    blocks: list[Block] = [
        _header(f.plain("unreachable.header")),
        *_line_sections(f.t("unreachable.intro"), lines, "notice.more", f.lang),
        _context(f.t("unreachable.advice")),
    ]
    return f.t("unreachable.fallback", count=len(lines)), blocks


_RENDERERS: dict[MessageKind, Callable[[_Facts], tuple[Mrkdwn, list[Block]]]] = {
    MessageKind.opened: _opened,
    MessageKind.reminder: _reminder,
    MessageKind.overdue: _overdue,
    MessageKind.overdue_escalation: _overdue_escalation,
    MessageKind.nudge: _nudge,
    MessageKind.unreachable: _unreachable,
    MessageKind.inspera_differences: inspera_differences,
}
