"""Approval messages: prompts (with their buttons and choices), notices, refusals and the
`/sensur approve` overview, built from the plain views of `bot.approvals`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    Option,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

from bot.approvals import (
    ApprovalNotice,
    ApprovalOverview,
    LockReason,
    NoticeKind,
    Phase,
    PromptKind,
    PromptState,
    Refusal,
    RefusalReason,
)
from bot.approvals.views import (
    AlignmentPromptView,
    FinalPromptView,
    GradeCount,
    OverviewLine,
    OwnPromptView,
    PromptView,
    TransferPromptView,
)
from bot.i18n import t
from bot.ui.dates import slack_datetime
from bot.ui.payloads import PayloadError, decode_id

ACTION_APPROVE_OWN = "approvals.approve_own"
ACTION_APPROVE_FINAL = "approvals.approve_final"
ACTION_AGREE = "approvals.agree"
ACTION_TRANSFERRED = "approvals.transferred"
LISTED_CANDIDATES = 20


@dataclass(frozen=True)
class Message:
    text: str  # the notification and fallback text
    blocks: list[dict]


def _message(text: str, blocks: Sequence[Block]) -> Message:
    return Message(text=text, blocks=[block.to_dict() for block in blocks])


def _section(text: str, accessory=None, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=accessory, block_id=block_id)


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


@dataclass(frozen=True)
class PromptButton:
    """A prompt button's value: the prompt's id, nothing else (who may press it is read
    from the store)."""

    prompt_id: int

    def encode(self) -> str:
        return str(self.prompt_id)

    @classmethod
    def decode(cls, value: str) -> PromptButton:
        return cls(decode_id("approval prompt", value))


@dataclass(frozen=True)
class AgreeChoice:
    """A chosen agreed grade: `<prompt id>|<candidate>|<grade>`."""

    prompt_id: int
    candidate: str
    grade: str

    def encode(self) -> str:
        return f"{self.prompt_id}|{self.candidate}|{self.grade}"

    @classmethod
    def decode(cls, value: str) -> AgreeChoice:
        prompt, _, rest = value.partition("|")
        candidate, _, grade = rest.rpartition("|")
        if not candidate or not grade:
            raise PayloadError("agreed grade", value)
        return cls(decode_id("agreed grade", prompt, value), candidate, grade)


def _button(lang: str, key: str, action_id: str, prompt_id: int | None) -> ButtonElement:
    value = PromptButton(prompt_id).encode() if prompt_id is not None else None
    return ButtonElement(text=t(lang, key), action_id=action_id, value=value, style="primary")


def counts_text(lang: str, counts: Sequence[GradeCount]) -> str:
    if not counts:
        return t(lang, "approvals.no_grades")
    return " · ".join(f"{c.grade}: {c.count}" for c in counts)


def candidates_text(lang: str, candidates: Sequence[str]) -> str:
    shown = ", ".join(candidates[:LISTED_CANDIDATES])
    rest = len(candidates) - LISTED_CANDIDATES
    return shown if rest <= 0 else f"{shown} {t(lang, 'approvals.and_more', count=rest)}"


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "–"


def _committee(lang: str, committee: str | None) -> str:
    return t(lang, "approvals.committee", committee=committee or "")


# --------------------------------------------------------------------------------------
# Prompts.


def prompt_message(view: PromptView, lang: str, tz: ZoneInfo) -> Message:
    if isinstance(view, OwnPromptView):
        return _own_prompt(view, lang, tz)
    if isinstance(view, AlignmentPromptView):
        return _alignment_prompt(view, lang)
    if isinstance(view, FinalPromptView):
        return _final_prompt(view, lang, tz)
    return _transfer_prompt(view, lang, tz)


def _own_prompt(view: OwnPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.own.title")
    if view.across_committees:
        intro = t(lang, "approvals.own.intro_all", test=view.test_id)
    else:
        (summary,) = view.committees
        intro = t(
            lang,
            "approvals.own.intro",
            test=view.test_id,
            committee=_committee(lang, summary.committee),
            count=summary.submitted,
        )
    blocks: list[Block] = [HeaderBlock(text=title), _section(intro)]
    for summary in view.committees:
        if summary.missing:
            line = t(
                lang,
                "approvals.own.missing",
                committee=summary.committee,
                count=len(summary.missing),
                total=summary.submitted,
                candidates=candidates_text(lang, summary.missing),
            )
        else:
            line = t(
                lang,
                "approvals.own.summary",
                committee=summary.committee,
                count=summary.submitted,
                counts=counts_text(lang, summary.counts),
            )
        blocks.append(_section(line))
    if view.state == PromptState.open:
        blocks.append(_context(t(lang, "approvals.own.privacy")))
        key = "approvals.own.button_all" if view.across_committees else "approvals.own.button"
        blocks.append(
            ActionsBlock(elements=[_button(lang, key, ACTION_APPROVE_OWN, view.prompt_id)])
        )
    elif view.state == PromptState.done:
        approved = max(s.approved_at for s in view.committees if s.approved_at is not None)
        blocks.append(_section(t(lang, "approvals.own.done", when=slack_datetime(approved, tz))))
    else:
        blocks.append(_section(_state_line(view.state, "own", lang, view.test_id)))
    return _message(f"{title}: {view.test_id}", blocks)


def _state_line(state: PromptState, kind: str, lang: str, test_id: str) -> str:
    if state == PromptState.out_of_date:
        return t(lang, "approvals.out_of_date", test=test_id)
    return t(lang, f"approvals.{kind}.not_ready")


def _alignment_prompt(view: AlignmentPromptView, lang: str) -> Message:
    title = t(lang, "approvals.align.title")
    committee = _committee(lang, view.committee)
    blocks: list[Block] = [
        HeaderBlock(text=title),
        _section(t(lang, "approvals.align.intro", test=view.test_id, committee=committee)),
    ]
    if view.parts > 1:
        blocks.append(
            _context(t(lang, "approvals.align.part", part=view.part + 1, parts=view.parts))
        )
    choosable = view.state in (PromptState.open, PromptState.resolved)
    for row in view.rows:
        grades = " · ".join(f"{name}: {grade or '–'}" for name, grade in row.grades)
        text = t(lang, "approvals.align.row", candidate=row.candidate, grades=grades)
        if row.agreed and row.agreed_by:
            text += "\n" + t(lang, "approvals.align.agreed", grade=row.agreed, by=row.agreed_by)
        elif row.agreed:
            text += "\n" + t(lang, "approvals.align.agreed_equal", grade=row.agreed)
        accessory = _grade_choice(view, row.candidate, row.agreed, lang) if choosable else None
        blocks.append(_section(text, accessory=accessory))
    blocks.append(_section(_alignment_state_line(view, lang)))
    return _message(f"{title}: {view.test_id}, {committee}", blocks)


def _grade_choice(
    view: AlignmentPromptView, candidate: str, agreed: str | None, lang: str
) -> StaticSelectElement:
    options = [
        Option(text=grade, value=AgreeChoice(view.prompt_id, candidate, grade).encode())
        for grade in view.options
    ]
    initial = next((o for o in options if agreed and o.value.endswith(f"|{agreed}")), None)
    return StaticSelectElement(
        action_id=ACTION_AGREE,
        placeholder=t(lang, "approvals.align.placeholder"),
        options=options,
        initial_option=initial,
    )


def _alignment_state_line(view: AlignmentPromptView, lang: str) -> str:
    if view.state == PromptState.open:
        return t(lang, "approvals.align.open", count=view.unresolved)
    if view.state == PromptState.resolved:
        return t(lang, "approvals.align.resolved")
    if view.state == PromptState.final:
        return t(lang, "approvals.align.final")
    return _state_line(view.state, "align", lang, view.test_id)


def _final_prompt(view: FinalPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.final.title")
    committee = _committee(lang, view.committee)
    intro = t(
        lang,
        "approvals.final.intro",
        test=view.test_id,
        committee=committee,
        counts=counts_text(lang, view.counts),
    )
    rule = "approvals.final.rule_one" if view.one_approval_suffices else "approvals.final.rule_all"
    blocks: list[Block] = [HeaderBlock(text=title), _section(intro), _context(t(lang, rule))]
    if view.approved and view.state != PromptState.final:
        approved = [f"{name} ({slack_datetime(at, tz)})" for name, at in view.approved]
        blocks.append(_section(t(lang, "approvals.final.approved_by", names=_names(approved))))
    if view.state == PromptState.open:
        if view.approved:
            blocks.append(_section(t(lang, "approvals.final.waiting", names=_names(view.waiting))))
        blocks.append(
            ActionsBlock(
                elements=[
                    _button(lang, "approvals.final.button", ACTION_APPROVE_FINAL, view.prompt_id)
                ]
            )
        )
    elif view.state == PromptState.done:
        blocks.append(_section(t(lang, "approvals.final.waiting", names=_names(view.waiting))))
    elif view.state == PromptState.final and view.final_at is not None:
        final = t(
            lang, "approvals.final.final", by=view.final_by, when=slack_datetime(view.final_at, tz)
        )
        blocks.append(_section(final))
    else:
        blocks.append(_section(_state_line(view.state, "final", lang, view.test_id)))
    return _message(f"{title}: {view.test_id}, {committee}", blocks)


def _transfer_prompt(view: TransferPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.transfer.title")
    intro = t(
        lang,
        "approvals.transfer.intro",
        test=view.test_id,
        committees=view.committees,
        graded=view.graded,
        counts=counts_text(lang, view.counts),
    )
    blocks: list[Block] = [HeaderBlock(text=title), _section(intro)]
    if view.state == PromptState.open:
        blocks.append(
            ActionsBlock(
                elements=[
                    _button(lang, "approvals.transfer.button", ACTION_TRANSFERRED, view.prompt_id)
                ]
            )
        )
    elif view.state == PromptState.transferred and view.transferred_at is not None:
        done = t(
            lang,
            "approvals.transfer.done",
            by=view.transferred_by,
            when=slack_datetime(view.transferred_at, tz),
        )
        blocks.append(_section(done))
    elif view.state == PromptState.out_of_date:
        blocks.append(_section(t(lang, "approvals.transfer.out_of_date")))
    else:
        blocks.append(_section(t(lang, "approvals.transfer.not_ready")))
    return _message(f"{title}: {view.test_id}", blocks)


def export_comment(lang: str, test_id: str) -> str:
    return t(lang, "approvals.transfer.file_comment", test=test_id)


# --------------------------------------------------------------------------------------
# Notices.


def notice_text(notice: ApprovalNotice, lang: str) -> str:
    params = dict(notice.params)
    common = {"test": notice.test_id, "committee": notice.committee}
    if notice.kind == NoticeKind.agreed_grades_set:
        changes = ", ".join(
            f"{candidate}: {old} → {new}" if old else f"{candidate}: {new}"
            for candidate, old, new in params["changes"]
        )
        return t(lang, "approvals.notice.agreed", by=params["by"], changes=changes, **common)
    if notice.kind == NoticeKind.final_approval_withdrawn:
        return t(lang, "approvals.notice.withdrawn", by=params["by"], **common)
    if notice.kind == NoticeKind.committee_final:
        key = "approvals.notice.final_one" if params["on_behalf"] else "approvals.notice.final_all"
        return t(lang, key, by=params["by"], **common)
    if notice.kind == NoticeKind.reopened:
        return t(
            lang, "approvals.notice.reopened", by=params["by"], reason=params["reason"], **common
        )
    if notice.kind == NoticeKind.transferred:
        return t(lang, "approvals.notice.transferred", test=notice.test_id)
    raise ValueError(f"{notice.kind} is a prompt, rendered from its view")


def locked_text(lang: str, committee: str, reason: LockReason) -> str:
    """Why a grade sheet may not change this committee's grades (see `locked_committees`)."""
    return t(lang, f"approvals.locked.{reason.value}", committee=committee)


# --------------------------------------------------------------------------------------
# Refusals.


def refusal_text(refusal: Refusal, lang: str, tz: ZoneInfo) -> str:
    params = dict(refusal.params)
    reason = refusal.reason
    if "committees" in params:
        params["committees"] = ", ".join(params["committees"]) or "–"
    if isinstance(params.get("at"), datetime):
        params["when"] = slack_datetime(params.pop("at"), tz)
    if reason == RefusalReason.incomplete:
        return _incomplete_text(params["missing"], lang)
    if reason == RefusalReason.invalid_agreed_grades:
        return _invalid_agreed_text(params, lang)
    if reason == RefusalReason.wrong_phase:
        return _wrong_phase_text(refusal, params, lang)
    if reason == RefusalReason.already_voted:
        params["names"] = _names(params.pop("waiting", ()))
    key = f"approvals.refused.{reason.value}"
    return t(lang, key, **{k: v for k, v in params.items() if v is not None or k == "by"})


def _incomplete_text(missing: dict[str, tuple[str, ...]], lang: str) -> str:
    lines = [t(lang, "approvals.refused.incomplete")]
    for committee, candidates in missing.items():
        line = t(
            lang,
            "approvals.refused.incomplete_line",
            committee=committee,
            count=len(candidates),
            candidates=candidates_text(lang, candidates),
        )
        lines.append(f"• {line}")
    return "\n".join(lines)


def _invalid_agreed_text(params: dict, lang: str) -> str:
    lines = [t(lang, "approvals.refused.invalid_agreed_grades")]
    for candidate, grade, problem in params["problems"][:LISTED_CANDIDATES]:
        line = t(
            lang,
            f"approvals.refused.{problem}",
            candidate=candidate,
            grade=grade,
            committee=params["committee"],
            allowed=", ".join(params.get("allowed", ())),
        )
        lines.append(f"• {line}")
    return "\n".join(lines)


def _wrong_phase_text(refusal: Refusal, params: dict, lang: str) -> str:
    phase = refusal.params.get("phase")
    committees = params["committees"]
    if phase == Phase.grading:
        names = _names(params.get("waiting", ()))
        return t(lang, "approvals.refused.waiting_own", committees=committees, names=names)
    if phase == Phase.aligning:
        count = params.get("unresolved", 0)
        return t(lang, "approvals.refused.waiting_alignment", committees=committees, count=count)
    return t(lang, "approvals.refused.moved_on", committees=committees)


# --------------------------------------------------------------------------------------
# `/sensur approve`.


def overview_message(overview: ApprovalOverview, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.overview.title", test=overview.test_id)
    blocks: list[Block] = [HeaderBlock(text=title), _context(_rules(overview, lang))]
    for line in overview.lines:
        blocks.append(_overview_section(line, overview.shared, lang, tz))
    if overview.approve_all_prompt_id is not None:
        blocks.append(_section(t(lang, "approvals.overview.all_ready")))
        button = _button(
            lang, "approvals.own.button_all", ACTION_APPROVE_OWN, overview.approve_all_prompt_id
        )
        blocks.append(ActionsBlock(elements=[button]))
    return _message(title, blocks)


def _rules(overview: ApprovalOverview, lang: str) -> str:
    final = "final_one" if overview.one_approval_suffices else "final_all"
    final_text = t(lang, f"approvals.overview.{final}")
    if overview.shared:
        return t(lang, "approvals.overview.rules_shared", final=final_text)
    own = "own_all" if overview.across_committees else "own_committee"
    return t(
        lang,
        "approvals.overview.rules_private",
        own=t(lang, f"approvals.overview.{own}"),
        final=final_text,
    )


def _overview_section(line: OverviewLine, shared: bool, lang: str, tz: ZoneInfo) -> SectionBlock:
    accessory = None
    if line.action == PromptKind.own:
        accessory = _button(lang, "approvals.own.button", ACTION_APPROVE_OWN, line.prompt_id)
    elif line.action == PromptKind.final:
        accessory = _button(lang, "approvals.final.button", ACTION_APPROVE_FINAL, line.prompt_id)
    return _section(
        _overview_text(line, shared, lang, tz),
        accessory=accessory,
        block_id=f"committee-{line.committee}"[:255],
    )


def _overview_text(line: OverviewLine, shared: bool, lang: str, tz: ZoneInfo) -> str:
    committee, counts = line.committee, counts_text(lang, line.counts)
    if line.phase == Phase.final and line.final_at is not None:
        when = slack_datetime(line.final_at, tz)
        return t(lang, "approvals.overview.final", committee=committee, by=line.final_by, when=when)
    if line.phase == Phase.final_approval:
        if line.voted_at is not None:
            when, names = slack_datetime(line.voted_at, tz), _names(line.waiting)
            return t(lang, "approvals.overview.voted", committee=committee, when=when, names=names)
        return t(lang, "approvals.overview.ready_final", committee=committee, counts=counts)
    if line.phase == Phase.aligning:
        return t(lang, "approvals.overview.aligning", committee=committee, count=line.unresolved)
    if line.own_approved_at is not None:
        when, names = slack_datetime(line.own_approved_at, tz), _names(line.waiting)
        return t(
            lang, "approvals.overview.own_approved", committee=committee, when=when, names=names
        )
    if line.missing:
        return t(
            lang,
            "approvals.overview.missing_shared" if shared else "approvals.overview.missing_own",
            committee=committee,
            count=len(line.missing),
            total=line.submitted,
            candidates=candidates_text(lang, line.missing),
            counts=counts,
        )
    return t(
        lang,
        "approvals.overview.ready_own",
        committee=committee,
        total=line.submitted,
        counts=counts,
    )
