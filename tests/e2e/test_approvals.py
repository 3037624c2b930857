"""A committee of two graders in private marking, from complete grading to "transferred to
FS", driven as Slack drives the bot: signed requests over real HTTP to the real app, and
every message the bot sends recorded by the fake Slack.

Kari (Norwegian) and Ola (English) grade candidates 101–103 of committee 1; 104 was absent.
They agree on 101 (A) and 102 (B) and disagree on 103: Kari gives E, Ola gives C. So E is a
grade only Kari gave and C one only Ola gave, and we can check that neither ever reached
the other before its owner approved. Per grades committee 2 of the same test, which is
final already; he is the outsider who replays Kari's buttons.

Grades enter the store as an applied grade sheet stores them, followed by the approval
hook the upload flow calls (`grades_applied`).
"""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.approvals import after_grades_changed, approve_final, approve_own, set_agreed_grades
from bot.approvals.delivery import enqueue_outcome
from bot.scheduling.delivery import send_now
from models import tables
from tests.support.factories import (
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    choose_language,
    put_grades,
)

TEST = "TDT4100-2026H"
KARI, OLA, PER, CONSULTANT = "kari@ntnu.no", "ola@ntnu.no", "per@ntnu.no", "konsulent@ntnu.no"


@pytest.fixture
def committee(running_bot, fake_slack):
    fake_slack.add_user("UKARI", email=KARI, locale="nb-NO", name="Kari")
    fake_slack.add_user("UOLA", email=OLA, locale="en-GB", name="Ola")
    choose_language(running_bot.runtime.engine, "UOLA", "en")
    fake_slack.add_user("UPER", email=PER, locale="en-GB", name="Per")
    choose_language(running_bot.runtime.engine, "UPER", "en")
    fake_slack.add_user("UKONS", email=CONSULTANT, locale="en-GB", name="Konsulent")
    choose_language(running_bot.runtime.engine, "UKONS", "en")
    engine = running_bot.runtime.engine
    add_test(engine, TEST, consultants=(CONSULTANT,), final_approval="all")
    for email, name in ((KARI, "Kari Nordmann"), (OLA, "Ola Hansen"), (PER, "Per Berg")):
        add_grader(engine, email, name=name)
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, OLA, "1")
    add_candidates(engine, TEST, "1", ["101", "102", "103"])
    add_candidates(engine, TEST, "1", ["104"], status="absent")
    add_membership(engine, TEST, PER, "2")
    add_candidates(engine, TEST, "2", ["201"])
    put_grades(engine, TEST, PER, {"201": "A"})
    with running_bot.runtime.session() as session:
        assert approve_own(session, TEST, PER, "2").changed
    with running_bot.runtime.session() as session:
        assert approve_final(session, TEST, "2", PER).changed
    return running_bot


# -- driving Slack -------------------------------------------------------------------------


def grades_applied(bot, grader: str, grades: dict[str, str]) -> None:
    """What applying a grade sheet does: store the grades, call the approval hook, send."""
    put_grades(bot.runtime.engine, TEST, grader, grades)
    with bot.runtime.session() as session:
        keys = enqueue_outcome(session, after_grades_changed(session, TEST, grader))
    send_now(bot.runtime, keys)


def command(bot, fake_slack, user: str, text: str) -> dict:
    """`/sensur TEXT` from the user; returns the reply posted to its response_url."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    assert bot.slack.command(user, text, response_url=fake_slack.response_url(key)).status == 200
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def click(bot, fake_slack, user: str, message: dict, action_id: str, *, ephemeral=False):
    """Press the button `action_id` on `message`, as Slack sends it; returns the key of the
    click's response_url."""
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    where = {} if ephemeral else {"channel_id": message["channel"], "message_ts": message["ts"]}
    answer = bot.slack.click(
        user,
        action_id,
        element(message, action_id)["value"],
        response_url=fake_slack.response_url(key),
        **where,
    )
    assert answer.status == 200
    return key


def choose(bot, fake_slack, user: str, message: dict, candidate: str, grade: str) -> str:
    """Pick `grade` in the agreed-grade menu next to `candidate`, as Slack sends it."""
    (block,) = [
        b
        for b in message["blocks"]
        if b.get("text", {}).get("text", "").startswith(f"*{candidate}*")
    ]
    (option,) = [o for o in block["accessory"]["options"] if o["text"]["text"] == grade]
    key = f"{user}:{uuid.uuid4().hex[:6]}"
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": "t",
        "channel": {"id": message["channel"]},
        "container": {
            "type": "message",
            "channel_id": message["channel"],
            "message_ts": message["ts"],
        },
        "message": {"ts": message["ts"], "text": message["text"]},
        "response_url": fake_slack.response_url(key),
        "actions": [
            {
                "type": "static_select",
                "action_id": block["accessory"]["action_id"],
                "block_id": block.get("block_id", "generated-by-slack"),
                "selected_option": option,
                "action_ts": "1",
            }
        ],
    }
    assert bot.slack.interaction(payload).status == 200
    return key


def element(message: dict, action_id: str) -> dict:
    for block in message.get("blocks") or []:
        for item in [block.get("accessory") or {}, *(block.get("elements") or [])]:
            if item.get("action_id") == action_id:
                return item
    raise AssertionError(f"no {action_id} in {json.dumps(message)[:500]}")


def dm(fake_slack, user: str, starts: str) -> dict:
    """The (latest) DM to `user` whose text starts with `starts`, as it stands now."""
    found = [m for m in fake_slack.messages_to(user) if m.get("text", "").startswith(starts)]
    assert found, f"no DM to {user} starting {starts!r}: {fake_slack.messages_to(user)}"
    return found[-1]


def wait_for_dm(fake_slack, user: str, starts: str, *, containing: str = "") -> dict:
    def arrived():
        return [
            m
            for m in fake_slack.messages_to(user)
            if m.get("text", "").startswith(starts) and containing in shown(m)
        ]

    return fake_slack.wait_for(arrived, description=f"a DM to {user}: {starts!r}")[-1]


def reply_to(fake_slack, key: str) -> dict:
    return fake_slack.wait_for_call("response_url", match=lambda p: p["_key"] == key).params


def shown(message: dict) -> str:
    """Everything a reader sees of a message: its text and its blocks."""
    return message.get("text", "") + json.dumps(message.get("blocks") or [], ensure_ascii=False)


def final_rows(message: dict) -> list[str]:
    """The final approval prompt's list: one line per candidate."""
    return [
        line
        for block in message["blocks"]
        if block["type"] == "section"
        for line in block["text"]["text"].split("\n")
        if line.startswith("• ")
    ]


def final_approvals(bot, committee: str) -> list[str]:
    with bot.runtime.session() as session:
        votes = session.exec(
            select(tables.FinalApprovalVote).where(tables.FinalApprovalVote.committee == committee)
        )
        return sorted(vote.grader_email for vote in votes)


# -- who was told what ---------------------------------------------------------------------


class Told:
    """What reached people from a point on: new messages (DMs, ephemeral messages, replies
    to commands and clicks, files) and DMs updated in place."""

    def __init__(self, fake_slack) -> None:
        self.fake = fake_slack
        self.mark = 0

    def next_step(self) -> None:
        self.mark = len(self.fake.requests)

    def new(self) -> list[tuple[str, str]]:
        """(user, text) of each new message since the step began."""
        return [
            reached
            for request in self.fake.requests[self.mark :]
            if request.method != "chat.update" and (reached := reaches(request))
        ]

    def _all_arrived(self, expected: tuple[tuple[str, str], ...]) -> bool:
        unmatched = list(self.new())
        for user, beginning in expected:
            match = _first_match(unmatched, user, beginning)
            if match is None:
                return False
            unmatched.remove(match)
        return True

    def updated(self) -> set[str]:
        """Users whose DMs were updated in place since the step began."""
        return {reaches(r)[0] for r in self.fake.requests[self.mark :] if r.method == "chat.update"}

    def assert_new(self, *expected: tuple[str, str]) -> None:
        """The new messages are exactly these (user, how the text begins), in any order.
        Posts to one person are paced, so it first waits until each has arrived."""
        self.fake.wait_for(
            lambda: self._all_arrived(expected), description=f"the messages {expected}"
        )
        unmatched = list(self.new())
        for user, beginning in expected:
            match = _first_match(unmatched, user, beginning)
            assert match, f"{user} was not told {beginning!r}; new messages: {self.new()}"
            unmatched.remove(match)
        assert not unmatched, f"also told, unexpectedly: {unmatched}"


def _first_match(
    messages: list[tuple[str, str]], user: str, beginning: str
) -> tuple[str, str] | None:
    return next((m for m in messages if m[0] == user and m[1].startswith(beginning)), None)


def reaches(request) -> tuple[str, str] | None:
    """(user, text) when `request` put something in front of a person."""
    params = request.params
    if not request.ok:
        return None
    if request.method in ("chat.postMessage", "chat.update"):
        return params["channel"].removeprefix("D"), params.get("text", "")
    if request.method == "chat.postEphemeral":
        return params["user"], params.get("text", "")
    if request.method == "response_url":
        replaced = "(replaced) " if params.get("replace_original") is True else ""
        return params["_key"].split(":")[0], replaced + params.get("text", "")
    if request.method == "files.completeUploadExternal":
        return params["channel_id"].removeprefix("D"), "file: " + params["files"][0]["title"]
    if request.method == "views.publish":
        return params["user_id"], json.dumps(params["view"])
    return None


def everything_that_reached(fake_slack, user: str, before: int) -> str:
    """Every request that put something in front of `user`, whole, up to `before`."""
    return "\n".join(
        json.dumps(r.params, ensure_ascii=False)
        for r in fake_slack.requests[:before]
        if (reached := reaches(r)) and reached[0] == user
    )


def a_grade(grade: str) -> re.Pattern:
    """`grade` as a word of its own (not inside "C1" or "E-mail")."""
    return re.compile(rf"(?<![\w-]){grade}(?![\w-])")


def workbook_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


# -- the walk ------------------------------------------------------------------------------


def test_two_graders_with_one_disagreement_from_complete_grading_to_fs(committee, fake_slack):
    bot = committee
    told = Told(fake_slack)

    # Kari's grades arrive complete: she is asked to approve, with a count per grade.
    grades_applied(bot, KARI, {"101": "A", "102": "B", "103": "E"})
    kari_own = dm(fake_slack, "UKARI", "Godkjenn egen sensur")
    assert "3 kandidater: 1 A, 1 B og 1 E" in shown(kari_own)
    told.assert_new(("UKARI", "Godkjenn egen sensur: TDT4100-2026H"))

    # Ola is not done: /sensur approve lists what is missing instead of approving.
    told.next_step()
    grades_applied(bot, OLA, {"101": "A", "102": "B"})
    reply = command(bot, fake_slack, "UOLA", f"approve {TEST}")
    assert "no grade from you yet for 1 of 3 candidates: 103. Grades so far: 1 A and 1 B." in (
        shown(reply)
    )
    assert "approvals.approve_own" not in shown(reply)
    told.assert_new(("UOLA", "Approval – TDT4100-2026H"))

    # Kari approves from her DM: the prompt shows it, and nobody else hears of it yet.
    told.next_step()
    click(bot, fake_slack, "UKARI", kari_own, "approvals.approve_own")
    approved = wait_for_dm(fake_slack, "UKARI", "Godkjenn egen", containing="Du godkjente")
    assert "approvals.approve_own" not in shown(approved)
    # The next step, and who it waits for, by name.
    assert "Du får beskjed når Ola Hansen har godkjent egen sensur." in shown(approved)
    kari_approved = len(fake_slack.requests)
    told.assert_new()
    assert told.updated() == {"UKARI"}

    # Kari looks: she is waiting for Ola, whose grades she does not see.
    told.next_step()
    reply = command(bot, fake_slack, "UKARI", "godkjenn")
    assert "du godkjente" in shown(reply)
    assert "Du får beskjed når Ola Hansen har godkjent." in shown(reply)
    told.assert_new(("UKARI", "Godkjenning – TDT4100-2026H"))

    # Ola's last grade arrives; he approves through /sensur approve and its button.
    told.next_step()
    grades_applied(bot, OLA, {"103": "C"})
    told.assert_new(("UOLA", "Approve your grading: TDT4100-2026H"))
    reply = command(bot, fake_slack, "UOLA", "approve")
    assert "all 3 graded (1 A, 1 B, and 1 C). Ready to approve." in shown(reply)
    ola_approved = len(fake_slack.requests)
    told.next_step()
    key = click(bot, fake_slack, "UOLA", reply, "approvals.approve_own", ephemeral=True)
    assert "You approved your grading" in shown(reply_to(fake_slack, key))

    # Both approved: each sees the one difference side by side, with a choice of grade.
    kari_align = wait_for_dm(fake_slack, "UKARI", "Bli enige om karakterer som avviker")
    ola_align = wait_for_dm(fake_slack, "UOLA", "Agree on the grades that differ")
    for message, rows in (
        (kari_align, ["*103*   du: E · Ola Hansen: C"]),
        (ola_align, ["*103*   Kari Nordmann: E · you: C"]),
    ):
        assert [b["text"]["text"] for b in message["blocks"] if "accessory" in b] == rows
    fake_slack.wait_for(lambda: "UOLA" in told.updated(), description="Ola's DM prompt updated")
    told.assert_new(
        ("UOLA", "(replaced) Approve your grading"),
        ("UKARI", "Bli enige om karakterer som avviker"),
        ("UOLA", "Agree on the grades that differ"),
    )

    # Neither grader's grades reached the other before their own approval.
    assert not a_grade("E").search(everything_that_reached(fake_slack, "UOLA", kari_approved))
    assert not a_grade("C").search(everything_that_reached(fake_slack, "UKARI", ola_approved))
    assert a_grade("C").search(shown(kari_align)), "after Ola's approval Kari sees his C"

    # Kari agrees on D for 103: Ola is told who set what, both menus show it, and the
    # final approval prompt goes to both.
    told.next_step()
    choose(bot, fake_slack, "UKARI", kari_align, "103", "D")
    kari_final = wait_for_dm(fake_slack, "UKARI", "Godkjenn felles sensur")
    ola_final = wait_for_dm(fake_slack, "UOLA", "Approve the final grades")
    wait_for_dm(fake_slack, "UOLA", "Agree on", containing="agreed: *D* (Kari Nordmann)")
    wait_for_dm(fake_slack, "UKARI", "Bli enige", containing="omforent: *D* (deg)")
    assert "all 3 candidates have a grade (1 A, 1 B, and 1 D)" in shown(ola_final)
    # Every candidate with the grade that becomes final; the agreed one marked, with what
    # each grader gave ("you" for the reader).
    assert final_rows(ola_final) == [
        "• *101*: A",
        "• *102*: B",
        "• *103*: D – agreed (Kari Nordmann: E · you: C)",
    ]
    assert "• *103*: D – omforent (du: E · Ola Hansen: C)" in final_rows(kari_final)
    # The button asks first, saying how many grades become final.
    confirm = element(ola_final, "approvals.approve_final")["confirm"]
    assert confirm["title"]["text"] == "Approve the final grades?"
    assert confirm["text"]["text"] == (
        "You approve the grades of all 3 candidates in committee 1. They become final once "
        "everyone in the committee has approved."
    )
    assert (confirm["confirm"]["text"], confirm["deny"]["text"]) == ("Approve", "Cancel")
    told.assert_new(
        ("UOLA", "Kari Nordmann set the agreed grade in committee 1 (TDT4100-2026H): 103: D"),
        ("UKARI", "Godkjenn felles sensur: TDT4100-2026H, kommisjon 1"),
        ("UOLA", "Approve the final grades: TDT4100-2026H, committee 1"),
    )

    # From /sensur approve, Ola is shown the same prompt, every grade and the dialog with it.
    told.next_step()
    reply = command(bot, fake_slack, "UOLA", "approve")
    assert "ready for final approval (1 A, 1 B, and 1 D)" in shown(reply)
    key = click(bot, fake_slack, "UOLA", reply, "approval.show_final", ephemeral=True)
    shown_final = reply_to(fake_slack, key)
    assert shown_final["replace_original"] is True
    assert final_rows(shown_final) == final_rows(ola_final)
    assert "confirm" in element(shown_final, "approvals.approve_final")
    told.assert_new(
        ("UOLA", "Approval – TDT4100-2026H"),
        ("UOLA", "(replaced) Approve the final grades: TDT4100-2026H, committee 1"),
    )

    # Per, not in committee 1, replays Kari's buttons: refused, and nothing changes.
    told.next_step()
    key = click(bot, fake_slack, "UPER", kari_final, "approvals.approve_final")
    assert "not a grader in committee 1" in reply_to(fake_slack, key)["text"]
    key = click(bot, fake_slack, "UPER", kari_own, "approvals.approve_own")  # as first sent
    assert "belongs to another grader" in reply_to(fake_slack, key)["text"]
    assert final_approvals(bot, "1") == []
    told.assert_new(
        ("UPER", "You are not a grader in committee 1"),
        ("UPER", "This approval belongs to another grader"),
    )
    assert told.updated() == set()

    # Kari approves the final grades with a double click: one approval. Her prompt and
    # Ola's show who approved; Ola's still waits for him.
    told.next_step()
    click(bot, fake_slack, "UKARI", kari_final, "approvals.approve_final")
    ola_waited = wait_for_dm(
        fake_slack, "UOLA", "Approve the final", containing="Approved by Kari Nordmann"
    )
    # Ola's approval is the last: his prompt and its dialog say it locks everyone's grades.
    assert "You are the last to approve" in shown(ola_waited)
    assert element(ola_waited, "approvals.approve_final")["confirm"]["text"]["text"].endswith(
        "They become final and locked for the whole committee, Kari Nordmann included. Only "
        "the study consultant can reopen."
    )
    key = click(bot, fake_slack, "UKARI", kari_final, "approvals.approve_final")
    assert "Du godkjente felles sensur allerede" in reply_to(fake_slack, key)["text"]
    waiting = wait_for_dm(
        fake_slack,
        "UKARI",
        "Godkjenn felles",
        containing="Du får beskjed når Ola Hansen har godkjent.",
    )
    assert "approvals.approve_final" not in shown(waiting)
    assert final_approvals(bot, "1") == [KARI]
    told.assert_new(("UKARI", "Du godkjente felles sensur allerede"))
    assert told.updated() == {"UKARI", "UOLA"}

    # Ola approves: the committee is final, Kari is told, and the consultant gets the
    # Inspera file with exactly the final grades and the FS hand-off's checklist.
    told.next_step()
    click(bot, fake_slack, "UOLA", ola_final, "approvals.approve_final")
    transfer = wait_for_dm(fake_slack, "UKONS", "Transfer to FS")
    (export,) = fake_slack.uploads_to("UKONS")
    assert workbook_rows(export.content) == [
        ("Candidate ID", "Grade"),
        ("101", "A"),
        ("102", "B"),
        ("103", "D"),
        ("104", None),
        ("201", "A"),
    ]
    assert "every committee has approved its final grades (4 grades: 2 A, 1 B, and 1 D)" in (
        shown(transfer)
    )
    # "Transferred to FS" waits until the result of Inspera's test transfer is recorded.
    assert "can be confirmed once step 2 is recorded" in shown(transfer)
    assert "handoff_transferred" not in shown(transfer)
    wait_for_dm(fake_slack, "UKARI", "Godkjenn felles", containing="Endelig: godkjent av Ola")
    told.assert_new(
        ("UKARI", "Alle sensorene har godkjent felles sensur: karakterene i kommisjon 1"),
        ("UKONS", "file: TDT4100-2026H final grades.xlsx"),
        ("UKONS", "Transfer to FS: TDT4100-2026H"),
    )

    # The consultant records that the test transfer was fine; then "Transferred to FS" asks
    # first: every grader is told, and it cannot be undone.
    told.next_step()
    click(bot, fake_slack, "UKONS", transfer, "handoff_trial_fine")
    recorded = wait_for_dm(
        fake_slack,
        "UKONS",
        "Transfer to FS",
        containing="The test transfer was fine (recorded by you",
    )
    confirm = element(recorded, "handoff_transferred")["confirm"]
    assert confirm["title"]["text"] == "Transferred to FS?"
    assert confirm["text"]["text"] == (
        "All 3 graders of TDT4100-2026H are told that the grades are in FS. This cannot be "
        "undone: press only when the transfer is done."
    )

    # The consultant records the transfer: the checklist says who, and every grader is told.
    click(bot, fake_slack, "UKONS", recorded, "handoff_transferred")
    # The one who did it reads "you"; nobody is named by e-mail.
    done = wait_for_dm(fake_slack, "UKONS", "Transfer to FS", containing="Transferred to FS by you")
    assert CONSULTANT not in shown(done)
    fake_slack.wait_for(lambda: len(told.new()) == 3, description="the three graders told")
    told.assert_new(
        ("UKARI", "Sensuren for TDT4100-2026H er overført til FS, og resultatet er på vei"),
        ("UOLA", "The grades for TDT4100-2026H are transferred to FS, and the results are on"),
        ("UPER", "The grades for TDT4100-2026H are transferred to FS"),
    )
    with bot.runtime.session() as session:
        assert session.get(tables.Test, TEST).transferred_by == CONSULTANT

    # Pressing it again changes nothing and says so; no grader ever got a file.
    told.next_step()
    key = click(bot, fake_slack, "UKONS", recorded, "handoff_transferred")
    assert "already recorded as transferred" in reply_to(fake_slack, key)["text"]
    assert [u.channel for u in fake_slack.uploads] == ["DUKONS"]


# -- reopening -----------------------------------------------------------------------------


def by_service(bot, step, *args) -> None:
    """An approval step done outside Slack, its messages sent as a listener sends them."""
    with bot.runtime.session() as session:
        outcome = step(session, TEST, *args)
        keys = enqueue_outcome(session, outcome)
    assert outcome.changed, outcome.refusal
    send_now(bot.runtime, keys)


def test_consultant_reopens_a_committee_with_a_reason(committee, fake_slack):
    bot = committee
    for grader in (KARI, OLA):
        grades_applied(bot, grader, {"101": "A", "102": "B", "103": "C"})
        by_service(bot, approve_own, grader, "1")
    kari_final = dm(fake_slack, "UKARI", "Godkjenn felles sensur")
    by_service(bot, approve_final, "1", KARI)
    told = Told(fake_slack)

    # Only the test's consultants may reopen, and only with a reason.
    reply = command(bot, fake_slack, "UKARI", f"gjenåpne {TEST} 1 feil")
    assert "er for studiekonsulenter" in reply["text"]
    reply = command(bot, fake_slack, "UKONS", f"reopen {TEST}")
    assert "Type `/sensur reopen TEST COMMITTEE REASON`" in reply["text"]
    reply = command(bot, fake_slack, "UKONS", f"reopen {TEST} 1")
    assert "Give a reason" in reply["text"]
    reply = command(bot, fake_slack, "UKONS", f"reopen {TEST} 1 {'x' * 1501}")
    assert reply["text"] == "The reason can be at most 1,500 characters. Nothing was changed."
    reply = command(bot, fake_slack, "UKONS", f"reopen {TEST} 7 typo")
    assert "has no committee `7`. Its committees are 1 and 2." in reply["text"]
    assert final_approvals(bot, "1") == [KARI]

    # The command only shows what reopening clears, with a button that asks once more.
    told.next_step()
    plan = command(bot, fake_slack, "UKONS", f"reopen {TEST} 1 Complaint: recount candidate 103")
    assert plan["text"] == "Reopen committee 1 of TDT4100-2026H? This clears:"
    assert "the own approvals of Kari Nordmann and Ola Hansen" in shown(plan)
    assert "the final approvals of Kari Nordmann" in shown(plan)
    assert "3 agreed grades" in shown(plan)
    button = element(plan, "approval.reopen")
    assert button["style"] == "danger"
    assert button["confirm"]["title"]["text"] == "Reopen the committee?"
    assert button["confirm"]["style"] == "danger"
    assert final_approvals(bot, "1") == [KARI], "nothing is cleared before the button"
    told.assert_new(("UKONS", "Reopen committee 1 of TDT4100-2026H?"))

    told.next_step()
    key = click(bot, fake_slack, "UKONS", plan, "approval.reopen", ephemeral=True)
    assert "Committee 1 of TDT4100-2026H is reopened" in reply_to(fake_slack, key)["text"]
    fake_slack.wait_for(lambda: len(told.new()) == 5, description="graders told and prompted")
    told.assert_new(
        ("UKONS", "(replaced) Committee 1 of TDT4100-2026H is reopened"),
        ("UKARI", "Kommisjon 1 (TDT4100-2026H) er gjenåpnet av <@UKONS>: «Complaint"),
        ("UOLA", "Committee 1 (TDT4100-2026H) was reopened by <@UKONS>: “Complaint"),
        ("UKARI", "Godkjenn egen sensur: TDT4100-2026H"),
        ("UOLA", "Approve your grading: TDT4100-2026H"),
    )
    assert final_approvals(bot, "1") == []
    old = wait_for_dm(fake_slack, "UKARI", "Godkjenn felles sensur", containing="utdatert")
    assert "approvals.approve_final" not in shown(old)

    # The old final-approval button, replayed, changes nothing.
    key = click(bot, fake_slack, "UKARI", kari_final, "approvals.approve_final")
    assert "gjelder ikke lenger" in reply_to(fake_slack, key)["text"]
    assert final_approvals(bot, "1") == []


def test_approve_is_for_graders_and_names_the_test(committee, fake_slack):
    reply = command(committee, fake_slack, "UKONS", "approve")
    assert "is for graders" in reply["text"]
    reply = command(committee, fake_slack, "UOLA", "approve NOPE101")
    assert reply["text"] == (
        "I can't find a test with the id or course code `NOPE101`. Your tests: `TDT4100-2026H`"
    )


# -- a committee too large to list in one message ----------------------------------------------

BIG = [str(20000 + n) for n in range(250)]


@pytest.fixture
def big_committee(running_bot, fake_slack):
    """Kari and Ola grade 250 candidates of committee 1; one approval counts for both."""
    fake_slack.add_user("UKARI", email=KARI, locale="nb-NO", name="Kari")
    fake_slack.add_user("UOLA", email=OLA, locale="en-GB", name="Ola")
    fake_slack.add_user("UPER", email=PER, locale="en-GB", name="Per")
    choose_language(running_bot.runtime.engine, "UOLA", "en")
    choose_language(running_bot.runtime.engine, "UPER", "en")
    engine = running_bot.runtime.engine
    add_test(engine, TEST, final_approval="one")
    for email, name in ((KARI, "Kari Nordmann"), (OLA, "Ola Hansen"), (PER, "Per Berg")):
        add_grader(engine, email, name=name)
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, OLA, "1")
    add_membership(engine, TEST, PER, "2")
    add_candidates(engine, TEST, "1", BIG)
    add_candidates(engine, TEST, "2", ["201"])
    put_grades(engine, TEST, KARI, dict.fromkeys(BIG, "B"))
    put_grades(engine, TEST, OLA, {**dict.fromkeys(BIG, "B"), BIG[7]: "C"})
    for grader in (KARI, OLA):
        by_service(running_bot, approve_own, grader, "1")
    by_service(running_bot, set_agreed_grades, "1", KARI, {BIG[7]: "C"})
    return running_bot


def test_a_long_final_list_comes_as_a_file_and_one_click_says_it_locks_everyones(
    big_committee, fake_slack
):
    bot = big_committee
    kari_final = wait_for_dm(fake_slack, "UKARI", "Godkjenn felles sensur")
    text = shown(kari_final)
    assert "alle 250 kandidatene har karakter (249 B og 1 C)" in text
    assert "Kommisjonen har 250 kandidater – for mange til å vise alle her." in text
    # Within Slack's limits, the one agreed grade still listed, with what each gave.
    assert len(kari_final["blocks"]) <= 50
    assert final_rows(kari_final) == ["• *20007*: C – omforent (du: B · Ola Hansen: C)"]
    # One approval counts for both: the prompt and its dialog say whose grades it locks.
    assert (
        "når du godkjenner, er karakterene endelige og låst for alle – også for Ola Hansen" in text
    )
    assert "Du er den siste" not in text, "with one approval nobody is the last"
    confirm = element(kari_final, "approvals.approve_final")["confirm"]["text"]["text"]
    assert confirm == (
        "Du godkjenner karakterene til alle 250 kandidatene i kommisjon 1. De blir endelige og "
        "låst for hele kommisjonen, også for Ola Hansen. Bare studiekonsulenten kan gjenåpne."
    )

    # Per, of another committee, replays the file button: refused, no file.
    key = click(bot, fake_slack, "UPER", kari_final, "approval.final_list")
    assert "belongs to another grader" in reply_to(fake_slack, key)["text"]
    assert fake_slack.uploads_to("UPER") == []

    # Kari asks for the list: every candidate with the grade that becomes final, in her DM.
    click(bot, fake_slack, "UKARI", kari_final, "approval.final_list")
    (sent,) = fake_slack.wait_for(lambda: fake_slack.uploads_to("UKARI"), description="the list")
    assert sent.filename == "TDT4100-2026H committee 1 grades to approve.xlsx"
    rows = workbook_rows(sent.content)
    assert rows[0] == ("Candidate ID", "Grade")
    assert rows[1:] == [(c, "C" if c == BIG[7] else "B") for c in BIG]
    assert final_approvals(bot, "1") == [], "asking for the list approves nothing"
