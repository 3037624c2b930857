"""Approval messages: within Slack's limits however many candidates, and every refusal and
notice renders in both languages."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot import approvals
from bot.approvals import ApprovalNotice, LockReason, NoticeKind, Phase, Refusal, RefusalReason
from bot.approvals.people import Person
from bot.ui.approvals import (
    locked_text,
    notice_text,
    overview_message,
    prompt_message,
    refusal_text,
)
from models.db import session_scope
from tests.support.factories import add_candidates, add_grader, add_membership, add_test, put_grades

TZ = ZoneInfo("Europe/Oslo")
TEST = "TDT4100-2026H"
KARI, OLA = "kari@ntnu.no", "ola@ntnu.no"


def big_committee(engine, candidates: int) -> list[str]:
    add_test(engine, TEST)
    for grader in (KARI, OLA):
        add_grader(engine, grader)
        add_membership(engine, TEST, grader, "1")
    ids = [str(10000 + i) for i in range(candidates)]
    add_candidates(engine, TEST, "1", ids)
    return ids


def test_many_differences_are_split_over_messages_within_block_limits(sqlite_engine):
    ids = big_committee(sqlite_engine, 90)
    put_grades(sqlite_engine, TEST, KARI, dict.fromkeys(ids, "B"))
    put_grades(sqlite_engine, TEST, OLA, {c: "C" if i < 85 else "B" for i, c in enumerate(ids)})
    with session_scope(sqlite_engine) as session:
        approvals.approve_own(session, TEST, KARI, "1")
    with session_scope(sqlite_engine) as session:
        outcome = approvals.approve_own(session, TEST, OLA, "1")
    to_kari = [n.prompt_id for n in outcome.notices if n.recipient == KARI]
    assert len(to_kari) == 3
    listed = []
    for prompt_id in to_kari:
        with session_scope(sqlite_engine) as session:
            message = prompt_message(approvals.prompt_view(session, prompt_id), "en", TZ)
        assert len(message.blocks) <= 50
        listed += [b["text"]["text"].split("*")[1] for b in message.blocks if "accessory" in b]
    assert listed == ids[:85]


def test_a_long_list_of_missing_candidates_is_cut_short(sqlite_engine):
    ids = big_committee(sqlite_engine, 500)
    put_grades(sqlite_engine, TEST, KARI, dict.fromkeys(ids[:50], "A"))
    with session_scope(sqlite_engine) as session:
        overview = approvals.approval_overview(session, TEST, KARI)
    (line,) = overview.lines
    assert len(line.missing) == 450
    message = overview_message(overview, "nb", TZ)
    text = message.blocks[2]["text"]["text"]
    assert "og 430 til" in text and len(text) < 3000


AT = datetime(2026, 12, 20, 9, 30, tzinfo=UTC)
REFUSAL_PARAMS = {
    RefusalReason.unknown_test: {"test": "X"},
    RefusalReason.not_grader: {"test": TEST},
    RefusalReason.not_member: {"test": TEST, "committee": "1"},
    RefusalReason.not_for_you: {"test": TEST},
    RefusalReason.not_consultant: {"test": TEST},
    RefusalReason.unknown_committee: {"test": TEST, "committee": "9", "committees": ("1", "2")},
    RefusalReason.committee_required: {"test": TEST, "committees": ("1", "2")},
    RefusalReason.shared_marking: {"test": TEST},
    RefusalReason.incomplete: {"test": TEST, "missing": {"1": ("101", "102")}},
    RefusalReason.already_approved: {"test": TEST, "committees": ("1",), "at": AT},
    RefusalReason.already_voted: {
        "test": TEST,
        "committee": "1",
        "at": AT,
        "waiting": (Person(name="Ola"),),
    },
    RefusalReason.already_final: {"test": TEST, "committee": "1", "by": Person("Ola"), "at": AT},
    RefusalReason.wrong_phase: {"test": TEST, "committees": ("1",), "phase": Phase.aligning},
    RefusalReason.out_of_date: {"test": TEST},
    RefusalReason.invalid_agreed_grades: {
        "test": TEST,
        "committee": "1",
        "problems": [("101", "b", "not_on_scale"), ("999", "A", "not_in_committee")],
        "allowed": ("A", "B"),
    },
    RefusalReason.not_graded: {"test": TEST, "committees": ("2",)},
    RefusalReason.already_transferred: {"test": TEST, "by": Person(consultant=True), "at": AT},
    RefusalReason.no_reason: {"test": TEST, "committee": "1"},
    RefusalReason.nothing_to_reopen: {"test": TEST, "committee": "1"},
    RefusalReason.trial_missing: {"test": TEST},
    RefusalReason.no_candidates: {"test": TEST},
    RefusalReason.unknown_candidates: {"test": TEST, "candidates": ("999", "x1")},
}


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("reason", list(RefusalReason))
def test_every_refusal_renders(reason, lang):
    text = refusal_text(Refusal(reason, REFUSAL_PARAMS[reason]), lang, TZ)
    assert text and "{" not in text.replace("{date_short_pretty} {time}", "")


def test_refusals_name_what_is_wrong():
    invalid = Refusal(
        RefusalReason.invalid_agreed_grades, REFUSAL_PARAMS[RefusalReason.invalid_agreed_grades]
    )
    text = refusal_text(invalid, "en", TZ)
    assert "candidate 101: `b` is not a grade on this test (use A or B)" in text
    assert "candidate 999: not a candidate who submitted in committee 1" in text
    grading = Refusal(
        RefusalReason.wrong_phase,
        {"committees": ("1",), "phase": Phase.grading, "waiting": (Person("Ola"),)},
    )
    assert "waiting for Ola to approve their own grading" in refusal_text(grading, "en", TZ)
    yours = Refusal(
        RefusalReason.wrong_phase,
        {"committees": ("1",), "phase": Phase.grading, "waiting": (Person("Ola", you=True),)},
    )
    assert "venter på at du godkjenner egen sensur" in refusal_text(yours, "nb", TZ)
    unknown = Refusal(RefusalReason.unknown_candidates, {"test": TEST, "candidates": ("999",)})
    assert refusal_text(unknown, "en", TZ).startswith(f"{TEST} has no candidate 999.")


NOTICE_PARAMS = {
    NoticeKind.agreed_grades_set: {
        "by": "Kari",
        "changes": (("101", "B", "C"), ("102", None, "A")),
    },
    NoticeKind.final_approval_withdrawn: {"by": "Kari"},
    NoticeKind.committee_final: {"by": "Kari", "on_behalf": True},
    NoticeKind.reopened: {"by": "k@ntnu.no", "reason": "Complaint"},
}


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind", list(NOTICE_PARAMS))
def test_every_notice_renders(kind, lang):
    text = notice_text(ApprovalNotice(KARI, kind, TEST, "1", params=NOTICE_PARAMS[kind]), lang)
    assert TEST in text and "{" not in text


def test_agreed_grade_notice_shows_old_and_new():
    notice = ApprovalNotice(
        OLA,
        NoticeKind.agreed_grades_set,
        TEST,
        "1",
        params=NOTICE_PARAMS[NoticeKind.agreed_grades_set],
    )
    assert notice_text(notice, "en").endswith("101: B → C, 102: A")


@pytest.mark.parametrize("reason", list(LockReason))
def test_locked_grades_are_explained(reason):
    assert "reopen" in locked_text("en", "2", reason) and "committee 2" in locked_text(
        "en", "2", reason
    )


def test_people_are_named_by_name_or_mention_never_by_e_mail():
    from bot.ui.approvals import people_text, person_text

    assert person_text("nb", Person(name="Kari <b>")) == "Kari &lt;b&gt;"
    assert person_text("en", Person(slack_user_id="UKONS", consultant=True)) == "<@UKONS>"
    assert person_text("nb", Person(consultant=True)) == "en studiekonsulent"
    assert person_text("en", Person()) == "a grader"
    # The reader is "you", first; the others joined as the language joins them.
    both = people_text("nb", [Person(name="Ola"), Person(name="Kari", you=True)])
    assert both == "deg og Ola"
    # A notice stored before people were stored this way, with an e-mail: not shown.
    old = ApprovalNotice(
        KARI, NoticeKind.reopened, TEST, "1", params={"by": "k@ntnu.no", "reason": "x"}
    )
    assert "@" not in notice_text(old, "nb")
    reopened = ApprovalNotice(
        KARI,
        NoticeKind.reopened,
        TEST,
        "1",
        params={"by": Person(slack_user_id="UKONS", consultant=True).to_params(), "reason": "x"},
    )
    assert notice_text(reopened, "nb").startswith(f"Kommisjon 1 ({TEST}) er gjenåpnet av <@UKONS>")


def test_a_grader_without_a_name_is_a_mention_once_slack_knows_them(sqlite_engine):
    from models.tables import ApprovalPrompt

    add_test(sqlite_engine, TEST)
    add_grader(sqlite_engine, KARI)  # no name in the roster
    add_membership(sqlite_engine, TEST, KARI, "1")
    add_candidates(sqlite_engine, TEST, "1", ["101"])
    with session_scope(sqlite_engine) as session:
        session.add(
            ApprovalPrompt(
                kind="own", test_id=TEST, scope="1", recipient_email=KARI, slack_user_id="UKARI"
            )
        )
    with session_scope(sqlite_engine) as session:
        snapshot = approvals.state.load_snapshot(session, TEST)
        assert snapshot.person(KARI) == Person(slack_user_id="UKARI")
        assert snapshot.person(OLA) == Person()
