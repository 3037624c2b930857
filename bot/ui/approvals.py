"""Approval messages: prompts (with their buttons and choices), notices, refusals and the
`/sensur approve` overview, built from the plain views of `bot.approvals`."""

from __future__ import annotations

import json
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
from bot.approvals.people import Person
from bot.approvals.views import (
    AlignmentPromptView,
    FinalMark,
    FinalPromptView,
    FinalRow,
    GradeCount,
    OverviewLine,
    OwnCommitteeSummary,
    OwnPromptView,
    PromptView,
)
from bot.approvals.workflow import ReopeningPlan
from bot.i18n import format_list, t
from bot.ui import kit
from bot.ui.kit import Message, Mrkdwn, md
from bot.ui.payloads import PayloadError, decode_id

ACTION_APPROVE_OWN = "approvals.approve_own"
ACTION_APPROVE_FINAL = "approvals.approve_final"
ACTION_AGREE = "approvals.agree"
ACTION_FINAL_LIST = "approval.final_list"  # the final grades to approve, as a file
ACTION_REOPEN = "approval.reopen"
ACTION_SHOW_FINAL = "approval.show_final"  # the final prompt, shown in a /sensur approve reply
LISTED_CANDIDATES = 20
# The final approval prompt lists every candidate up to this many; beyond it, the marked
# ones (agreed, changed) and the whole list as a file. 200 short lines are about 4 of the
# 50 blocks and 3,000-character sections a message may have.
FINAL_LISTED = 200


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
    """ "1 A, 2 B og 1 D" / "2 bestått og 1 ikke bestått"."""
    if not counts:
        return md(lang, "approvals.no_grades")
    return Mrkdwn(format_list(lang, [_grade_count(lang, c) for c in counts]))


def _grade_count(lang: str, count: GradeCount) -> Mrkdwn:
    if count.grade == "Pass":
        return md(lang, "approvals.count.pass", count=count.count)
    if count.grade == "NotPass":
        return md(lang, "approvals.count.notpass", count=count.count)
    return md(lang, "approvals.count.grade", count=count.count, grade=count.grade)


def candidates_text(lang: str, candidates: Sequence[str]) -> Mrkdwn:
    shown = kit.join(", ", candidates[:LISTED_CANDIDATES])
    rest = len(candidates) - LISTED_CANDIDATES
    if rest <= 0:
        return shown
    return shown + Mrkdwn(" ") + md(lang, "approvals.and_more", count=rest)


def person_text(lang: str, who: Person, *, subject: bool = False) -> Mrkdwn:
    """A person by name, else as a Slack mention; the reader as "deg" ("du" as the
    `subject`) / "you"; never an e-mail address."""
    if who.you:
        return md(lang, "approvals.person.you_subject" if subject else "approvals.person.you")
    if who.name:
        return kit.escape(who.name)
    if who.slack_user_id:
        return kit.mention(who.slack_user_id)
    return md(lang, "approvals.person.consultant" if who.consultant else "approvals.person.grader")


def people_text(lang: str, people: Sequence[Person], *, subject: bool = False) -> Mrkdwn:
    """ "Kari Nordmann og Ola Hansen"; the reader first, as "deg" ("du" as the `subject`)
    / "you"."""
    ordered = sorted(people, key=lambda who: not who.you)
    return Mrkdwn(format_list(lang, [person_text(lang, who, subject=subject) for who in ordered]))


def _committee(lang: str, committee: str | None) -> Mrkdwn:
    return md(lang, "approvals.committee", committee=committee or "")


def _committees(lang: str, committees: Sequence[str]) -> Mrkdwn:
    return (
        Mrkdwn(format_list(lang, [kit.escape(c) for c in committees]))
        if committees
        else Mrkdwn("–")
    )


# --------------------------------------------------------------------------------------
# Prompts.


def prompt_message(view: PromptView, lang: str, tz: ZoneInfo) -> Message:
    if isinstance(view, OwnPromptView):
        return _own_prompt(view, lang, tz)
    if isinstance(view, AlignmentPromptView):
        return _alignment_prompt(view, lang)
    return _final_prompt(view, lang, tz)


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
                total_count=summary.submitted,
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
        done = md(lang, "approvals.own.done", when=kit.date(lang, approved, tz))
        next_steps = [_own_next_step(lang, s, len(view.committees) > 1) for s in view.committees]
        blocks.append(_section(kit.lines([done, *(line for line in next_steps if line)])))
    else:
        blocks.append(_section(_state_line(view.state, "own", lang, view.test_id)))
    return _message(kit.join(": ", [title, view.test_id]), blocks)


def _own_next_step(lang: str, summary: OwnCommitteeSummary, several: bool) -> Mrkdwn | None:
    """What happens after the grader's own approval: who the committee waits for, or
    which message comes next."""
    where = md(lang, "approvals.own.next.where", committee=summary.committee) if several else ""
    if summary.phase == Phase.grading and summary.waiting:
        return Mrkdwn(where) + md(
            lang, "approvals.own.next.waiting", names=people_text(lang, summary.waiting)
        )
    if summary.phase == Phase.aligning:
        return Mrkdwn(where) + md(lang, "approvals.own.next.aligning")
    if summary.phase == Phase.final_approval:
        return Mrkdwn(where) + md(lang, "approvals.own.next.final")
    return None


def _state_line(state: PromptState, kind: str, lang: str, test_id: str) -> Mrkdwn:
    if state == PromptState.out_of_date:
        return md(lang, "approvals.out_of_date", test=test_id)
    return md(lang, f"approvals.{kind}.not_ready")


def _given_text(lang: str, grades: Sequence[tuple[Person, str | None]]) -> Mrkdwn:
    """ "Kari Nordmann: E · Ola Hansen: C" (the reader as "du"/"you")."""
    parts = [
        person_text(lang, who, subject=True) + Mrkdwn(": ") + kit.escape(grade or "–")
        for who, grade in grades
    ]
    return kit.join(" · ", parts)


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
        grades = _given_text(lang, row.grades)
        text = md(lang, "approvals.align.row", candidate=row.candidate, grades=grades)
        if row.agreed and row.agreed_by:
            by = person_text(lang, row.agreed_by)
            text += Mrkdwn("\n") + md(lang, "approvals.align.agreed", grade=row.agreed, by=by)
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


# -- final approval ------------------------------------------------------------------------


def _final_prompt(view: FinalPromptView, lang: str, tz: ZoneInfo) -> Message:
    title = t(lang, "approvals.final.title")
    committee = _committee(lang, view.committee)
    intro = md(
        lang,
        "approvals.final.intro",
        test=view.test_id,
        committee=committee,
        count=len(view.rows),
        counts=counts_text(lang, view.counts),
    )
    blocks: list[Block] = [kit.header(title), _section(intro)]
    listing, too_many = _final_listing(view, lang)
    blocks += listing
    blocks.append(_context(_final_rule(view, lang)))
    if view.approved and view.state != PromptState.final:
        approved = [
            person_text(lang, who) + " (" + kit.date(lang, at, tz) + ")"
            for who, at in view.approved
        ]
        names = Mrkdwn(format_list(lang, approved))
        blocks.append(_section(md(lang, "approvals.final.approved_by", names=names)))
    buttons: list[ButtonElement] = []
    if view.state == PromptState.open:
        if view.approved:
            waiting = people_text(lang, view.waiting)
            blocks.append(_section(md(lang, "approvals.final.waiting", names=waiting)))
        if view.completes and not view.one_approval_suffices:
            blocks.append(_section(md(lang, "approvals.final.you_complete")))
        buttons.append(_final_button(view, lang))
    elif view.state == PromptState.done:
        others = people_text(lang, view.waiting)
        heard = md(lang, "approvals.final.you_will_hear", names=others)
        blocks.append(_section(heard))
    elif view.state == PromptState.final and view.final_at is not None and view.final_by:
        final = md(
            lang,
            "approvals.final.final",
            by=person_text(lang, view.final_by),
            when=kit.date(lang, view.final_at, tz),
        )
        blocks.append(_section(final))
    else:
        blocks.append(_section(_state_line(view.state, "final", lang, view.test_id)))
    if too_many and view.state in (PromptState.open, PromptState.done):
        buttons.append(
            kit.button(
                t(lang, "approvals.final.list_button"),
                ACTION_FINAL_LIST,
                PromptButton(view.prompt_id).encode(),
            )
        )
    if buttons:
        blocks.append(kit.actions(*buttons))
    return _message(kit.join(", ", [kit.join(": ", [title, view.test_id]), committee]), blocks)


def final_row_text(lang: str, row: FinalRow) -> Mrkdwn:
    """ "*103*: D – omforent (Kari Nordmann: E · Ola Hansen: C)"."""
    grade = row.grade or "–"
    if row.mark is None:
        return md(lang, "approvals.final.row", candidate=row.candidate, grade=grade)
    key = (
        "approvals.final.row_agreed"
        if row.mark == FinalMark.agreed
        else "approvals.final.row_changed"
    )
    return md(
        lang,
        key,
        candidate=row.candidate,
        grade=grade,
        given=_given_text(lang, row.given),
    )


def _final_listing(view: FinalPromptView, lang: str) -> tuple[list[Block], bool]:
    """Every candidate with the grade that becomes final, the marked ones flagged; beyond
    FINAL_LISTED candidates the marked ones only, with the whole list offered as a file.
    Returns the blocks and whether the list was too long to show whole."""
    if len(view.rows) <= FINAL_LISTED:
        lines = [Mrkdwn("• ") + final_row_text(lang, row) for row in view.rows]
        return kit.sections(lines), False
    marked = [row for row in view.rows if row.mark is not None]
    head = md(lang, "approvals.final.too_many", count=len(view.rows), marked_count=len(marked))
    lines = [Mrkdwn("• ") + final_row_text(lang, row) for row in marked[:FINAL_LISTED]]
    if len(marked) > FINAL_LISTED:
        lines.append(md(lang, "approvals.and_more", count=len(marked) - FINAL_LISTED))
    return kit.sections([head, *lines]), True


def _final_rule(view: FinalPromptView, lang: str) -> Mrkdwn:
    """Who must approve, and plainly whose grades one click locks."""
    others = people_text(lang, view.co_graders) if view.co_graders else None
    if view.one_approval_suffices:
        if others is None:
            return md(lang, "approvals.final.rule_one_alone")
        return md(lang, "approvals.final.rule_one", names=others)
    if view.shared:
        if others is None:
            return md(lang, "approvals.final.rule_one_alone")
        return md(lang, "approvals.final.rule_shared", names=others)
    return md(lang, "approvals.final.rule_all")


def _final_button(view: FinalPromptView, lang: str) -> ButtonElement:
    """ "Godkjenn felles sensur", asking first: how many grades become final, and for whom
    they are locked."""
    if view.completes and view.co_graders:
        lock = md(lang, "approvals.final.confirm_locks", names=people_text(lang, view.co_graders))
    elif view.completes:
        lock = md(lang, "approvals.final.confirm_locks_alone")
    else:
        lock = md(lang, "approvals.final.confirm_waits")
    text = kit.join(
        " ",
        [
            md(
                lang,
                "approvals.final.confirm_text",
                count=len(view.rows),
                committee=_committee(lang, view.committee),
            ),
            lock,
        ],
    )
    keys = (
        "approvals.final.button",
        "approvals.final.confirm_title",
        "approvals.final.confirm_yes",
    )
    return _asking_button(lang, keys, ACTION_APPROVE_FINAL, view.prompt_id, text)


def _asking_button(
    lang: str, keys: tuple[str, str, str], action_id: str, prompt_id: int, text: Mrkdwn
) -> ButtonElement:
    """A prompt's primary button with Slack's dialog before it is sent: `keys` are the
    button's label, the dialog's title and its confirm label; `text` says what happens."""
    label, title, yes = keys
    confirm = kit.confirmation(t(lang, title), text, t(lang, yes), t(lang, "approvals.confirm_no"))
    value = PromptButton(prompt_id).encode()
    return kit.button(t(lang, label), action_id, value, "primary", confirm=confirm)


# -- to consultants: the export of the final grades --------------------------------------


def export_comment(lang: str, test_id: str) -> Mrkdwn:
    return md(lang, "approvals.transfer.file_comment", test=test_id)


def final_list_comment(lang: str, test_id: str, committee: str, count: int) -> Mrkdwn:
    return md(
        lang,
        "approvals.final.list_comment",
        test=test_id,
        committee=_committee(lang, committee),
        count=count,
    )


# --------------------------------------------------------------------------------------
# Reopening: what it clears, confirmed before it happens.


@dataclass(frozen=True)
class ReopenButton:
    """The reopen button's value: the test, committee and reason the consultant typed (who
    may reopen is decided from the store when it is pressed)."""

    test_id: str
    committee: str
    reason: str

    def encode(self) -> str:
        return json.dumps([self.test_id, self.committee, self.reason], ensure_ascii=False)

    @classmethod
    def decode(cls, value: str) -> ReopenButton:
        try:
            test_id, committee, reason = json.loads(value)
        except (ValueError, TypeError) as error:
            raise PayloadError("reopening", value) from error
        if not all(isinstance(part, str) and part for part in (test_id, committee, reason)):
            raise PayloadError("reopening", value)
        return cls(test_id, committee, reason)


# A reason that does not fit in the button's value (with the test and committee) is refused.
REOPEN_REASON_LIMIT = 1500


def reopen_plan_message(plan: ReopeningPlan, lang: str, tz: ZoneInfo) -> Message:
    committee = _committee(lang, plan.committee)
    cleared: list[Mrkdwn] = []
    if plan.own_approved:
        names = people_text(lang, plan.own_approved)
        cleared.append(md(lang, "approvals.reopen.clears_own", names=names))
    if plan.agreed_count:
        cleared.append(md(lang, "approvals.reopen.clears_agreed", count=plan.agreed_count))
    if plan.final_at is not None:
        when = kit.date(lang, plan.final_at, tz)
        cleared.append(md(lang, "approvals.reopen.clears_final", when=when))
    elif plan.final_votes:
        names = people_text(lang, plan.final_votes)
        cleared.append(md(lang, "approvals.reopen.clears_votes", names=names))
    intro = md(lang, "approvals.reopen.plan", test=plan.test_id, committee=committee)
    told = md(
        lang,
        "approvals.reopen.told",
        names=people_text(lang, plan.graders),
        reason=plan.reason,
    )
    value = ReopenButton(plan.test_id, plan.committee, plan.reason).encode()
    confirm = kit.confirmation(
        t(lang, "approvals.reopen.confirm_title"),
        md(lang, "approvals.reopen.confirm_text", committee=committee, test=plan.test_id),
        t(lang, "approvals.reopen.confirm_yes"),
        t(lang, "approvals.confirm_no"),
        danger=True,
    )
    button = kit.button(
        t(lang, "approvals.reopen.button", committee=plan.committee),
        ACTION_REOPEN,
        value,
        "danger",
        confirm=confirm,
    )
    blocks: list[Block] = [_section(intro + "\n" + kit.bullets(cleared)), _section(told)]
    blocks.append(kit.actions(button))
    return _message(intro, blocks)


def reopened_text(lang: str, test_id: str, committee: str, told_count: int) -> Mrkdwn:
    return md(lang, "approvals.reopen.done", committee=committee, test=test_id, count=told_count)


# --------------------------------------------------------------------------------------
# Notices.


def notice_text(notice: ApprovalNotice, lang: str) -> Mrkdwn:
    params = dict(notice.params)
    common = {"test": notice.test_id, "committee": notice.committee}
    by = person_text(lang, Person.from_params(params.get("by")))
    if notice.kind == NoticeKind.agreed_grades_set:
        changes = kit.join(
            ", ",
            (
                f"{candidate}: {old} → {new}" if old else f"{candidate}: {new}"
                for candidate, old, new in params["changes"]
            ),
        )
        return md(lang, "approvals.notice.agreed", by=by, changes=changes, **common)
    if notice.kind == NoticeKind.final_approval_withdrawn:
        return md(lang, "approvals.notice.withdrawn", by=by, **common)
    if notice.kind == NoticeKind.committee_final:
        key = "approvals.notice.final_one" if params["on_behalf"] else "approvals.notice.final_all"
        return md(lang, key, by=by, **common)
    if notice.kind == NoticeKind.reopened:
        return md(lang, "approvals.notice.reopened", by=by, reason=params["reason"], **common)
    raise ValueError(
        f"{notice.kind} is rendered elsewhere: a prompt from its view, "
        "the FS notice by bot.ui.handoff"
    )


def locked_text(lang: str, committee: str, reason: LockReason) -> Mrkdwn:
    """Why a grade sheet may not change this committee's grades (see `locked_committees`)."""
    return md(lang, f"approvals.locked.{reason.value}", committee=committee)


# --------------------------------------------------------------------------------------
# Refusals.


def refusal_text(refusal: Refusal, lang: str, tz: ZoneInfo) -> Mrkdwn:
    params = dict(refusal.params)
    reason = refusal.reason
    if "committees" in params:
        params["committees"] = _committees(lang, params["committees"])
    if isinstance(params.get("at"), datetime):
        params["when"] = kit.date(lang, params.pop("at"), tz)
    if isinstance(params.get("by"), Person):
        params["by"] = person_text(lang, params["by"])
    if reason == RefusalReason.incomplete:
        return _incomplete_text(params["missing"], lang)
    if reason == RefusalReason.invalid_agreed_grades:
        return _invalid_agreed_text(params, lang)
    if reason == RefusalReason.wrong_phase:
        return _wrong_phase_text(refusal, params, lang)
    if reason == RefusalReason.already_voted:
        params["names"] = people_text(lang, params.pop("waiting", ()))
    if reason == RefusalReason.unknown_candidates:
        unknown = params.pop("candidates")
        params.update(count=len(unknown), candidates=candidates_text(lang, unknown))
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
            allowed=format_list(lang, params.get("allowed", ()), style="or"),
        )
        lines.append(Mrkdwn("• ") + line)
    return kit.lines(lines)


def _wrong_phase_text(refusal: Refusal, params: dict, lang: str) -> Mrkdwn:
    phase = refusal.params.get("phase")
    committees = params["committees"]
    if phase == Phase.grading:
        names = people_text(lang, params.get("waiting", ()), subject=True)
        return md(lang, "approvals.refused.waiting_own", committees=committees, names=names)
    if phase == Phase.aligning:
        count = params.get("unresolved_count", 0)
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
    # The final approval is asked for in its prompt, which lists every grade: this button
    # shows that prompt here.
    accessory = None
    if line.action == PromptKind.own:
        accessory = _button(lang, "approvals.own.button", ACTION_APPROVE_OWN, line.prompt_id)
    elif line.action == PromptKind.final:
        accessory = _button(
            lang, "approvals.overview.show_final", ACTION_SHOW_FINAL, line.prompt_id
        )
    return _section(
        _overview_text(line, shared, lang, tz),
        accessory=accessory,
        block_id=f"committee-{line.committee}",
    )


def _overview_text(line: OverviewLine, shared: bool, lang: str, tz: ZoneInfo) -> Mrkdwn:
    committee, counts = line.committee, counts_text(lang, line.counts)
    if line.phase == Phase.final and line.final_at is not None:
        when = kit.date(lang, line.final_at, tz)
        by = person_text(lang, line.final_by or Person())
        return md(lang, "approvals.overview.final", committee=committee, by=by, when=when)
    if line.phase == Phase.final_approval:
        if line.voted_at is not None:
            when, names = kit.date(lang, line.voted_at, tz), people_text(lang, line.waiting)
            return md(lang, "approvals.overview.voted", committee=committee, when=when, names=names)
        return md(lang, "approvals.overview.ready_final", committee=committee, counts=counts)
    if line.phase == Phase.aligning:
        return md(lang, "approvals.overview.aligning", committee=committee, count=line.unresolved)
    if line.own_approved_at is not None:
        when, names = kit.date(lang, line.own_approved_at, tz), people_text(lang, line.waiting)
        return md(
            lang, "approvals.overview.own_approved", committee=committee, when=when, names=names
        )
    if line.missing:
        return md(
            lang,
            "approvals.overview.missing_shared" if shared else "approvals.overview.missing_own",
            committee=committee,
            count=len(line.missing),
            total_count=line.submitted,
            candidates=candidates_text(lang, line.missing),
            counts=counts,
        )
    return md(
        lang,
        "approvals.overview.ready_own",
        committee=committee,
        count=line.submitted,
        counts=counts,
    )
