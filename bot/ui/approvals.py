"""Approval messages: prompts (with their buttons and choices), notices, refusals and the
`/sensur approve` overview, built from the plain views of `bot.approvals`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.block_elements import BlockElement

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
from bot.ui import kit
from bot.ui.kit import Message, Mrkdwn, md
from bot.ui.payloads import PayloadError, decode_id

ACTION_APPROVE_OWN = "approvals.approve_own"
ACTION_APPROVE_FINAL = "approvals.approve_final"
ACTION_AGREE = "approvals.agree"
ACTION_TRANSFERRED = "approvals.transferred"
LISTED_CANDIDATES = 20


def _message(text: Mrkdwn, blocks: Sequence[Block]) -> Message:
    return kit.message(text, blocks)


def _section(
    text: Mrkdwn, accessory: BlockElement | None = None, block_id: str | None = None
) -> SectionBlock:
    return kit.section(text, accessory=accessory, block_id=block_id)


def _context(text: Mrkdwn) -> Block:
    return kit.context(text)


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
    # Without a prompt the button reads as junk, and pressing it is answered as out of date.
    value = PromptButton(prompt_id).encode() if prompt_id is not None else "-"
    return kit.button(t(lang, key), action_id, value, "primary")


def counts_text(lang: str, counts: Sequence[GradeCount]) -> Mrkdwn:
    if not counts:
        return md(lang, "approvals.no_grades")
    return kit.join(" · ", (f"{c.grade}: {c.count}" for c in counts))


def candidates_text(lang: str, candidates: Sequence[str]) -> Mrkdwn:
    shown = kit.join(", ", candidates[:LISTED_CANDIDATES])
    rest = len(candidates) - LISTED_CANDIDATES
    if rest <= 0:
        return shown
    return shown + Mrkdwn(" ") + md(lang, "approvals.and_more", count=rest)


def _names(names: Sequence[str]) -> Mrkdwn:
    return kit.join(", ", names) if names else Mrkdwn("–")


def _committee(lang: str, committee: str | None) -> Mrkdwn:
    return md(lang, "approvals.committee", committee=committee or "")


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
        intro = md(lang, "approvals.own.intro_all", test=view.test_id)
    else:
        (summary,) = view.committees
        intro = md(
            lang,
            "approvals.own.intro",
            test=view.test_id,
            committee=_committee(lang, summary.committee),
            count=summary.submitted,
        )
    blocks: list[Block] = [kit.header(title), _section(intro)]
    for summary in view.committees:
        if summary.missing:
            line = md(
                lang,
                "approvals.own.missing",
                committee=summary.committee,
                count=len(summary.missing),
                total=summary.submitted,
                candidates=candidates_text(lang, summary.missing),
            )
        else:
            line = md(
                lang,
                "approvals.own.summary",
                committee=summary.committee,
                count=summary.submitted,
                counts=counts_text(lang, summary.counts),
            )
        blocks.append(_section(line))
    if view.state == PromptState.open:
        blocks.append(_context(md(lang, "approvals.own.privacy")))
        key = "approvals.own.button_all" if view.across_committees else "approvals.own.button"
        blocks.append(kit.actions(*[_button(lang, key, ACTION_APPROVE_OWN, view.prompt_id)]))
    elif view.state == PromptState.done:
        approved = max(s.approved_at for s in view.committees if s.approved_at is not None)
        blocks.append(_section(md(lang, "approvals.own.done", when=kit.date(lang, approved, tz))))
    else:
        blocks.append(_section(_state_line(view.state, "own", lang, view.test_id)))
    return _message(kit.join(": ", [title, view.test_id]), blocks)


def _state_line(state: PromptState, kind: str, lang: str, test_id: str) -> Mrkdwn:
    if state == PromptState.out_of_date:
        return md(lang, "approvals.out_of_date", test=test_id)
    return md(lang, f"approvals.{kind}.not_ready")


def _alignment_prompt(view: AlignmentPromptView, lang: str) -> Message:
    title = t(lang, "approvals.align.title")
    committee = _committee(lang, view.committee)
    blocks: list[Block] = [
        kit.header(title),
        _section(md(lang, "approvals.align.intro", test=view.test_id, committee=committee)),
    ]
    if view.parts > 1:
        blocks.append(
            _context(md(lang, "approvals.align.part", part=view.part + 1, parts=view.parts))
        )
    choosable = view.state in (PromptState.open, PromptState.resolved)
    for row in view.rows:
        grades = kit.join(" · ", (f"{name}: {grade or '–'}" for name, grade in row.grades))
        text = md(lang, "approvals.align.row", candidate=row.candidate, grades=grades)
        if row.agreed and row.agreed_by:
            text += Mrkdwn("\n") + md(
                lang, "approvals.align.agreed", grade=row.agreed, by=row.agreed_by
            )
        elif row.agreed:
            text += Mrkdwn("\n") + md(lang, "approvals.align.agreed_equal", grade=row.agreed)
        accessory = _grade_choice(view, row.candidate, row.agreed, lang) if choosable else None
        blocks.append(_section(text, accessory=accessory))
    blocks.append(_section(_alignment_state_line(view, lang)))
    return _message(kit.join(", ", [kit.join(": ", [title, view.test_id]), committee]), blocks)


def _grade_choice(
    view: AlignmentPromptView, candidate: str, agreed: str | None, lang: str
) -> StaticSelectElement:
    options = [
        kit.option(grade, AgreeChoice(view.prompt_id, candidate, grade).encode())
        for grade in view.options
    ]
    initial = next((o for o in options if agreed and o.value.endswith(f"|{agreed}")), None)
    return StaticSelectElement(
        action_id=ACTION_AGREE,
        placeholder=t(lang, "approvals.align.placeholder"),
        options=options,
        initial_option=initial,
    )


def _alignment_state_line(view: AlignmentPromptView, lang: str) -> Mrkdwn:
    if view.state == PromptState.open:
        return md(lang, "approvals.align.open", count=view.unresolved)
    if view.state == PromptState.resolved:
        return md(lang, "approvals.align.resolved")
    if view.state == PromptState.final:
        return md(lang, "approvals.align.final")
    return _state_line(view.state, "align", lang, view.test_id)


def _final_prompt(view: FinalPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.final.title")
    committee = _committee(lang, view.committee)
    intro = md(
        lang,
        "approvals.final.intro",
        test=view.test_id,
        committee=committee,
        counts=counts_text(lang, view.counts),
    )
    rule = "approvals.final.rule_one" if view.one_approval_suffices else "approvals.final.rule_all"
    blocks: list[Block] = [kit.header(title), _section(intro), _context(md(lang, rule))]
    if view.approved and view.state != PromptState.final:
        approved = [
            kit.escape(name) + " (" + kit.date(lang, at, tz) + ")" for name, at in view.approved
        ]
        blocks.append(_section(md(lang, "approvals.final.approved_by", names=_names(approved))))
    if view.state == PromptState.open:
        if view.approved:
            blocks.append(_section(md(lang, "approvals.final.waiting", names=_names(view.waiting))))
        blocks.append(
            kit.actions(
                *[_button(lang, "approvals.final.button", ACTION_APPROVE_FINAL, view.prompt_id)]
            )
        )
    elif view.state == PromptState.done:
        blocks.append(_section(md(lang, "approvals.final.waiting", names=_names(view.waiting))))
    elif view.state == PromptState.final and view.final_at is not None:
        final = md(
            lang, "approvals.final.final", by=view.final_by, when=kit.date(lang, view.final_at, tz)
        )
        blocks.append(_section(final))
    else:
        blocks.append(_section(_state_line(view.state, "final", lang, view.test_id)))
    return _message(kit.join(", ", [kit.join(": ", [title, view.test_id]), committee]), blocks)


def _transfer_prompt(view: TransferPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.transfer.title")
    intro = md(
        lang,
        "approvals.transfer.intro",
        test=view.test_id,
        committees=view.committees,
        graded=view.graded,
        counts=counts_text(lang, view.counts),
    )
    blocks: list[Block] = [kit.header(title), _section(intro)]
    if view.state == PromptState.open:
        blocks.append(
            kit.actions(
                *[_button(lang, "approvals.transfer.button", ACTION_TRANSFERRED, view.prompt_id)]
            )
        )
    elif view.state == PromptState.transferred and view.transferred_at is not None:
        done = md(
            lang,
            "approvals.transfer.done",
            by=view.transferred_by,
            when=kit.date(lang, view.transferred_at, tz),
        )
        blocks.append(_section(done))
    elif view.state == PromptState.out_of_date:
        blocks.append(_section(md(lang, "approvals.transfer.out_of_date")))
    else:
        blocks.append(_section(md(lang, "approvals.transfer.not_ready")))
    return _message(kit.join(": ", [title, view.test_id]), blocks)


def export_comment(lang: str, test_id: str) -> Mrkdwn:
    return md(lang, "approvals.transfer.file_comment", test=test_id)


# --------------------------------------------------------------------------------------
# Notices.


def notice_text(notice: ApprovalNotice, lang: str) -> Mrkdwn:
    params = dict(notice.params)
    common = {"test": notice.test_id, "committee": notice.committee}
    if notice.kind == NoticeKind.agreed_grades_set:
        changes = kit.join(
            ", ",
            (
                f"{candidate}: {old} → {new}" if old else f"{candidate}: {new}"
                for candidate, old, new in params["changes"]
            ),
        )
        return md(lang, "approvals.notice.agreed", by=params["by"], changes=changes, **common)
    if notice.kind == NoticeKind.final_approval_withdrawn:
        return md(lang, "approvals.notice.withdrawn", by=params["by"], **common)
    if notice.kind == NoticeKind.committee_final:
        key = "approvals.notice.final_one" if params["on_behalf"] else "approvals.notice.final_all"
        return md(lang, key, by=params["by"], **common)
    if notice.kind == NoticeKind.reopened:
        return md(
            lang, "approvals.notice.reopened", by=params["by"], reason=params["reason"], **common
        )
    if notice.kind == NoticeKind.transferred:
        return md(lang, "approvals.notice.transferred", test=notice.test_id)
    raise ValueError(f"{notice.kind} is a prompt, rendered from its view")


def locked_text(lang: str, committee: str, reason: LockReason) -> Mrkdwn:
    """Why a grade sheet may not change this committee's grades (see `locked_committees`)."""
    return md(lang, f"approvals.locked.{reason.value}", committee=committee)


# --------------------------------------------------------------------------------------
# Refusals.


def refusal_text(refusal: Refusal, lang: str, tz: ZoneInfo) -> Mrkdwn:
    params = dict(refusal.params)
    reason = refusal.reason
    if "committees" in params:
        params["committees"] = _names(params["committees"])
    if isinstance(params.get("at"), datetime):
        params["when"] = kit.date(lang, params.pop("at"), tz)
    if reason == RefusalReason.incomplete:
        return _incomplete_text(params["missing"], lang)
    if reason == RefusalReason.invalid_agreed_grades:
        return _invalid_agreed_text(params, lang)
    if reason == RefusalReason.wrong_phase:
        return _wrong_phase_text(refusal, params, lang)
    if reason == RefusalReason.already_voted:
        params["names"] = _names(params.pop("waiting", ()))
    key = f"approvals.refused.{reason.value}"
    return md(lang, key, **{k: v for k, v in params.items() if v is not None or k == "by"})


def _incomplete_text(missing: dict[str, tuple[str, ...]], lang: str) -> Mrkdwn:
    lines = [md(lang, "approvals.refused.incomplete")]
    for committee, candidates in missing.items():
        line = md(
            lang,
            "approvals.refused.incomplete_line",
            committee=committee,
            count=len(candidates),
            candidates=candidates_text(lang, candidates),
        )
        lines.append(Mrkdwn("• ") + line)
    return kit.lines(lines)


def _invalid_agreed_text(params: dict, lang: str) -> Mrkdwn:
    lines = [md(lang, "approvals.refused.invalid_agreed_grades")]
    for candidate, grade, problem in params["problems"][:LISTED_CANDIDATES]:
        line = md(
            lang,
            f"approvals.refused.{problem}",
            candidate=candidate,
            grade=grade,
            committee=params["committee"],
            allowed=", ".join(params.get("allowed", ())),
        )
        lines.append(Mrkdwn("• ") + line)
    return kit.lines(lines)


def _wrong_phase_text(refusal: Refusal, params: dict, lang: str) -> Mrkdwn:
    phase = refusal.params.get("phase")
    committees = params["committees"]
    if phase == Phase.grading:
        names = _names(params.get("waiting", ()))
        return md(lang, "approvals.refused.waiting_own", committees=committees, names=names)
    if phase == Phase.aligning:
        count = params.get("unresolved", 0)
        return md(lang, "approvals.refused.waiting_alignment", committees=committees, count=count)
    return md(lang, "approvals.refused.moved_on", committees=committees)


# --------------------------------------------------------------------------------------
# `/sensur approve`.


def overview_message(overview: ApprovalOverview, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.overview.title", test=overview.test_id)
    blocks: list[Block] = [kit.header(title), _context(_rules(overview, lang))]
    for line in overview.lines:
        blocks.append(_overview_section(line, overview.shared, lang, tz))
    if overview.approve_all_prompt_id is not None:
        blocks.append(_section(md(lang, "approvals.overview.all_ready")))
        button = _button(
            lang, "approvals.own.button_all", ACTION_APPROVE_OWN, overview.approve_all_prompt_id
        )
        blocks.append(kit.actions(button))
    return _message(kit.escape(title), blocks)


def _rules(overview: ApprovalOverview, lang: str) -> Mrkdwn:
    final = "final_one" if overview.one_approval_suffices else "final_all"
    final_text = md(lang, f"approvals.overview.{final}")
    if overview.shared:
        return md(lang, "approvals.overview.rules_shared", final=final_text)
    own = "own_all" if overview.across_committees else "own_committee"
    return md(
        lang,
        "approvals.overview.rules_private",
        own=md(lang, f"approvals.overview.{own}"),
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
        block_id=f"committee-{line.committee}",
    )


def _overview_text(line: OverviewLine, shared: bool, lang: str, tz: ZoneInfo) -> Mrkdwn:
    committee, counts = line.committee, counts_text(lang, line.counts)
    if line.phase == Phase.final and line.final_at is not None:
        when = kit.date(lang, line.final_at, tz)
        return md(
            lang, "approvals.overview.final", committee=committee, by=line.final_by, when=when
        )
    if line.phase == Phase.final_approval:
        if line.voted_at is not None:
            when, names = kit.date(lang, line.voted_at, tz), _names(line.waiting)
            return md(lang, "approvals.overview.voted", committee=committee, when=when, names=names)
        return md(lang, "approvals.overview.ready_final", committee=committee, counts=counts)
    if line.phase == Phase.aligning:
        return md(lang, "approvals.overview.aligning", committee=committee, count=line.unresolved)
    if line.own_approved_at is not None:
        when, names = kit.date(lang, line.own_approved_at, tz), _names(line.waiting)
        return md(
            lang, "approvals.overview.own_approved", committee=committee, when=when, names=names
        )
    if line.missing:
        return md(
            lang,
            "approvals.overview.missing_shared" if shared else "approvals.overview.missing_own",
            committee=committee,
            count=len(line.missing),
            total=line.submitted,
            candidates=candidates_text(lang, line.missing),
            counts=counts,
        )
    return md(
        lang,
        "approvals.overview.ready_own",
        committee=committee,
        total=line.submitted,
        counts=counts,
    )
