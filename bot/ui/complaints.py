"""Complaint grading as the consultants see it: a complaint grade held for a new
assessment, with old and new grade and the "assessed again" button (confirmed first), and
the texts of the complaint export."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement

from bot.complaints.hold import ConfirmRefusal
from bot.complaints.view import HeldComplaint
from bot.i18n import t
from bot.ui import kit
from bot.ui.approvals import person_text
from bot.ui.kit import Message, Mrkdwn, md
from bot.ui.payloads import decode_id
from models.tables import ComplaintStatus

ACTION_CONFIRM_HELD = "complaint.confirm_held"


@dataclass(frozen=True)
class HeldButton:
    """The button's value: the complaint's id (who may press is read from the store)."""

    complaint_id: int

    def encode(self) -> str:
        return str(self.complaint_id)

    @classmethod
    def decode(cls, value: str) -> HeldButton:
        return cls(decode_id("complaint", value))


def held_grade_message(view: HeldComplaint, lang: str, tz: ZoneInfo) -> Message:
    """The held grade as it stands: with the button while it waits, with who made it
    final once it is."""
    grades = {"course": view.course_code, "candidate": view.candidate, "new": view.new or "–"}
    if view.original is None:
        text = md(lang, "complaints.held.no_original", **grades)
    else:
        text = md(lang, "complaints.held.text", old=view.original, **grades)
    blocks: list[Block] = [kit.section(text)]
    if view.status == ComplaintStatus.held:
        blocks.append(kit.actions(_confirm_button(view, lang)))
        blocks.append(kit.context(md(lang, "complaints.held.where", test=view.test_id)))
    elif view.status == ComplaintStatus.final and view.final_at is not None:
        by = (
            person_text(lang, view.final_by)
            if view.final_by
            else md(lang, "approvals.person.consultant")
        )
        when = kit.date(lang, view.final_at, tz)
        blocks.append(
            kit.context(
                md(lang, "complaints.held.made_final", by=by, grade=view.new or "", when=when)
            )
        )
    else:
        blocks.append(kit.context(md(lang, "complaints.held.reopened")))
    return kit.message(text, blocks)


def _confirm_button(view: HeldComplaint, lang: str) -> ButtonElement:
    dialog = kit.confirmation(
        t(lang, "complaints.held.confirm_title"),
        md(lang, "complaints.held.confirm_text", candidate=view.candidate, new=view.new or ""),
        t(lang, "complaints.held.confirm_yes"),
        t(lang, "complaints.held.confirm_no"),
    )
    return kit.button(
        t(lang, "complaints.held.button"),
        ACTION_CONFIRM_HELD,
        HeldButton(view.complaint_id).encode(),
        style="primary",
        confirm=dialog,
    )


def confirm_refusal_text(lang: str, refusal: ConfirmRefusal) -> Mrkdwn:
    return md(lang, f"complaints.confirm.{refusal.value}")


def export_comment(lang: str, test_id: str, count: int, *, all_final: bool = False) -> Mrkdwn:
    key = "complaints.export.all_final" if all_final else "complaints.export.sent"
    return md(lang, key, test=test_id, count=count)
