"""The approval workflow as a service (no Slack): own approval, privacy, aligning, final
approval by one or all, shared marking, reopening; the hand-off it starts is tested in
tests/unit/handoff."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot import approvals, handoff
from bot.approvals import NoticeKind, Phase, PromptState, RefusalReason
from bot.approvals.people import Person
from bot.approvals.state import load_snapshot
from bot.approvals.views import FinalMark
from bot.exams import audit
from bot.exams.people import Roles
from bot.gradesheets.export import inspera_workbook
from bot.handoff import ChecklistState, checklist_view
from models.db import session_scope
from models.tables import (
    AgreedGrade,
    ApprovalPrompt,
    CommitteeFinal,
    CommitteeReopening,
    FinalApprovalVote,
    FsHandoff,
    OwnGradingApproval,
)
from tests.support.factories import add_candidates, add_grader, add_membership, add_test, put_grades

TEST = "TDT4100-2026H"
KARI, OLA, PER = "kari@ntnu.no", "ola@ntnu.no", "per@ntnu.no"
KARI_P, OLA_P = Person(name="Kari Nordmann"), Person(name="Ola Hansen")
CONSULTANT = "konsulent@ntnu.no"


def make_test(engine, committees: dict[str, tuple[str, ...]] | None = None, **settings) -> None:
    """Committee "1": Kari and Ola grade 101–103; 104 was absent. More committees on request:
    name → graders, candidates numbered from 201, 301, …"""
    add_test(engine, TEST, consultants=(CONSULTANT,), **settings)
    for email, name in ((KARI, "Kari Nordmann"), (OLA, "Ola Hansen"), (PER, "Per Berg")):
        add_grader(engine, email, name=name)
    committees = committees or {"1": (KARI, OLA)}
    for number, (committee, graders) in enumerate(committees.items(), start=1):
        for grader in graders:
            add_membership(engine, TEST, grader, committee)
        first = number * 100
        add_candidates(engine, TEST, committee, [str(first + i) for i in (1, 2, 3)])
    add_candidates(engine, TEST, "1", ["104"], status="absent")


def consultant() -> Roles:
    return Roles(CONSULTANT, None, frozenset({TEST}), False, False)


def run(engine, step, *args, **kwargs) -> approvals.ApprovalOutcome:
    with session_scope(engine) as session:
        return step(session, TEST, *args, **kwargs)


def notices(outcome, kind=None) -> list[tuple[str, str]]:
    return [(n.recipient, n.kind) for n in outcome.notices if kind is None or n.kind == kind]


def phase(engine, committee="1") -> Phase:
    with session_scope(engine) as session:
        return load_snapshot(session, TEST).status(committee).phase


def count(engine, table) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(table)).all())


def both_approve(engine, kari: dict, ola: dict) -> approvals.ApprovalOutcome:
    put_grades(engine, TEST, KARI, kari)
    put_grades(engine, TEST, OLA, ola)
    kari_approved = run(engine, approvals.approve_own, KARI, "1")
    assert kari_approved.changed and kari_approved.locks == [(TEST, KARI)]
    return run(engine, approvals.approve_own, OLA, "1")


AGREE = {"101": "A", "102": "B", "103": "C"}
DIFFER = {"101": "A", "102": "B", "103": "E"}


# -- completeness and own approval ---------------------------------------------------------


def test_incomplete_grading_lists_the_missing_candidates_and_approves_nothing(engine):
    make_test(engine)
    put_grades(engine, TEST, KARI, {"101": "A", "103": None})
    with session_scope(engine) as session:
        (grading,) = approvals.grading_status(session, TEST, KARI)
    assert (grading.committee, grading.submitted, grading.missing) == ("1", 3, ("102", "103"))
    outcome = run(engine, approvals.approve_own, KARI, "1")
    assert outcome.refusal.reason == RefusalReason.incomplete
    assert outcome.refusal.params["missing"] == {"1": ("102", "103")}
    assert count(engine, OwnGradingApproval) == 0


def test_complete_grading_prompts_once_then_refreshes_the_same_prompt(engine):
    make_test(engine)
    put_grades(engine, TEST, KARI, {"101": "A", "102": "B"})
    assert run(engine, approvals.after_grades_changed, KARI).notices == []
    put_grades(engine, TEST, KARI, {"103": "C"})
    first = run(engine, approvals.after_grades_changed, KARI)
    assert notices(first) == [(KARI, NoticeKind.own_prompt)]
    put_grades(engine, TEST, KARI, {"103": "D"})
    again = run(engine, approvals.after_grades_changed, KARI)
    assert again.notices == [] and again.prompt_updates == [first.notices[0].prompt_id]
    with session_scope(engine) as session:
        view = approvals.prompt_view(session, first.notices[0].prompt_id)
    assert view.state == PromptState.open
    assert [(c.grade, c.count) for c in view.committees[0].counts] == [
        ("A", 1),
        ("B", 1),
        ("D", 1),
    ]


def test_own_approval_per_committee(engine):
    make_test(engine, {"1": (KARI, OLA), "2": (KARI, PER)})
    put_grades(engine, TEST, KARI, {**AGREE, "201": "A", "202": "B"})
    assert run(engine, approvals.approve_own, KARI).refusal.reason == (
        RefusalReason.committee_required
    )
    assert run(engine, approvals.approve_own, KARI, "1").changed
    assert run(engine, approvals.approve_own, KARI, "1").refusal.reason == (
        RefusalReason.already_approved
    )
    assert run(engine, approvals.approve_own, KARI, "2").refusal.params["missing"] == {
        "2": ("203",)
    }
    with session_scope(engine) as session:
        assert approvals.locked_committees(session, TEST, KARI) == {
            "1": approvals.LockReason.own_approval
        }
    assert run(engine, approvals.approve_own, OLA, "2").refusal.reason == RefusalReason.not_member


def test_own_approval_across_committees_needs_every_committee_complete(engine):
    make_test(engine, {"1": (KARI, OLA), "2": (KARI, PER)}, own_approval="all_committees")
    put_grades(engine, TEST, KARI, AGREE)
    assert run(engine, approvals.after_grades_changed, KARI).notices == []
    refused = run(engine, approvals.approve_own, KARI, "1")
    assert refused.refusal.params["missing"] == {"2": ("201", "202", "203")}
    put_grades(engine, TEST, KARI, {"201": "A", "202": "B", "203": "C"})
    prompted = run(engine, approvals.after_grades_changed, KARI)
    assert notices(prompted) == [(KARI, NoticeKind.own_prompt)]
    with session_scope(engine) as session:
        assert approvals.prompt_view(session, prompted.notices[0].prompt_id).across_committees
    assert run(engine, approvals.approve_own, KARI).changed
    with session_scope(engine) as session:
        approved = session.exec(select(OwnGradingApproval.committee)).all()
    assert sorted(approved) == ["1", "2"]


# -- privacy -------------------------------------------------------------------------------


def test_nobody_sees_a_graders_grades_before_that_grader_approves(engine):
    make_test(engine)
    add_grader(engine, "outsider@ntnu.no")
    put_grades(engine, TEST, KARI, DIFFER)
    put_grades(engine, TEST, OLA, AGREE)

    def seen_by(viewer, **kwargs):
        with session_scope(engine) as session:
            return approvals.visible_grades(session, TEST, viewer, "1", **kwargs).by_grader

    assert seen_by(KARI) == {KARI: DIFFER}
    assert seen_by(OLA) == {OLA: AGREE}
    assert seen_by(CONSULTANT) == {}
    assert seen_by("admin@ntnu.no", viewer_is_admin=True) == {}
    assert seen_by("outsider@ntnu.no") == {}

    assert run(engine, approvals.approve_own, KARI, "1").changed
    assert seen_by(OLA) == {KARI: DIFFER, OLA: AGREE}
    assert seen_by(CONSULTANT) == {KARI: DIFFER}
    assert seen_by(KARI) == {KARI: DIFFER}, "Ola has not approved: Kari still sees only hers"
    assert seen_by("outsider@ntnu.no") == {}
    with session_scope(engine) as session:
        assert approvals.final_grades(session, TEST) == {"104": None}


# -- aligning ------------------------------------------------------------------------------


def test_equal_grades_become_agreed_and_go_straight_to_final_approval(engine):
    make_test(engine)
    outcome = both_approve(engine, AGREE, AGREE)
    assert notices(outcome) == [(KARI, NoticeKind.final_prompt), (OLA, NoticeKind.final_prompt)]
    assert phase(engine) == Phase.final_approval
    with session_scope(engine) as session:
        agreed = {a.candidate_id: (a.value, a.source) for a in session.exec(select(AgreedGrade))}
        assert agreed == {c: (v, "equal") for c, v in AGREE.items()}
        final_prompt = approvals.prompt_view(session, outcome.notices[0].prompt_id)
    assert [(c.grade, c.count) for c in final_prompt.counts] == [("A", 1), ("B", 1), ("C", 1)]


def test_differences_are_shown_and_agreed_with_co_graders_told(engine):
    make_test(engine)
    outcome = both_approve(engine, DIFFER, AGREE)
    assert notices(outcome) == [
        (KARI, NoticeKind.alignment_prompt),
        (OLA, NoticeKind.alignment_prompt),
    ]
    assert phase(engine) == Phase.aligning
    with session_scope(engine) as session:
        view = approvals.prompt_view(session, outcome.notices[1].prompt_id)
    (row,) = view.rows
    assert row.candidate == "103"
    # The prompt for Ola: his own grade is "you", Kari is named, nobody by e-mail.
    assert row.grades == ((KARI_P, "E"), (OLA_P.as_you(), "C"))
    assert view.options == ("A", "B", "C", "D", "E", "F")

    agreed = run(engine, approvals.set_agreed_grades, "1", KARI, {"103": "D"})
    assert notices(agreed, NoticeKind.agreed_grades_set) == [(OLA, NoticeKind.agreed_grades_set)]
    told = agreed.notices[0]
    assert told.params == {"by": KARI_P.to_params(), "changes": (("103", None, "D"),)}
    assert notices(agreed, NoticeKind.final_prompt) == [
        (KARI, NoticeKind.final_prompt),
        (OLA, NoticeKind.final_prompt),
    ]
    assert set(outcome_prompts(outcome)) <= set(agreed.prompt_updates)
    with session_scope(engine) as session:
        (entry,) = [e for e in audit.entries(session, action="agreed_grade") if e.actor == KARI]
        assert (entry.old_value, entry.new_value) == (None, "D")
        view = approvals.prompt_view(session, outcome.notices[0].prompt_id)
    assert view.state == PromptState.resolved
    assert view.rows[0].agreed == "D" and view.rows[0].agreed_by == KARI_P.as_you()


def outcome_prompts(outcome) -> list[int]:
    return [n.prompt_id for n in outcome.notices if n.prompt_id is not None]


def test_bad_agreed_grades_change_nothing_and_name_every_problem(engine):
    make_test(engine)
    both_approve(engine, DIFFER, AGREE)
    refused = run(
        engine, approvals.set_agreed_grades, "1", OLA, {"103": "d", "999": "A", "104": "B"}
    )
    assert refused.refusal.reason == RefusalReason.invalid_agreed_grades
    assert refused.refusal.params["problems"] == [
        ("103", "d", "not_on_scale"),
        ("104", "B", "not_in_committee"),
        ("999", "A", "not_in_committee"),
    ]
    outsider = run(engine, approvals.set_agreed_grades, "1", PER, {"103": "D"})
    assert outsider.refusal.reason == RefusalReason.not_member
    with session_scope(engine) as session:
        assert "103" not in {a.candidate_id for a in session.exec(select(AgreedGrade))}


def test_an_agreed_sheet_is_applied_like_a_choice(engine):
    make_test(engine)
    both_approve(engine, {"101": "F", "102": "B", "103": "E"}, AGREE)
    outcome = run(
        engine, approvals.set_agreed_grades, "1", OLA, {"101": "E", "103": "D"}, source="sheet"
    )
    assert outcome.notices[0].params["changes"] == (("101", None, "E"), ("103", None, "D"))
    with session_scope(engine) as session:
        rows = session.exec(select(AgreedGrade).where(AgreedGrade.source == "sheet")).all()
    assert {(r.candidate_id, r.value, r.set_by) for r in rows} == {
        ("101", "E", OLA),
        ("103", "D", OLA),
    }


def test_agreeing_before_everyone_approved_is_refused(engine):
    make_test(engine)
    put_grades(engine, TEST, KARI, AGREE)
    run(engine, approvals.approve_own, KARI, "1")
    refused = run(engine, approvals.set_agreed_grades, "1", KARI, {"103": "C"})
    assert refused.refusal.reason == RefusalReason.wrong_phase
    assert refused.refusal.params["waiting"] == (OLA_P,)


# -- final approval ------------------------------------------------------------------------


def test_final_approval_by_one_counts_for_all(engine):
    make_test(engine, final_approval="one")
    both_approve(engine, AGREE, AGREE)
    outcome = run(engine, approvals.approve_final, "1", OLA)
    # Both graders' grades are locked now: their sheets' confirmations lose Undo and Reset.
    assert sorted(outcome.locks) == [(TEST, KARI), (TEST, OLA)]
    assert notices(outcome, NoticeKind.committee_final) == [(KARI, NoticeKind.committee_final)]
    assert outcome.notices[0].params == {"by": OLA_P.to_params(), "on_behalf": True}
    assert notices(outcome, NoticeKind.transfer_prompt) == [
        (CONSULTANT, NoticeKind.transfer_prompt)
    ]
    assert phase(engine) == Phase.final
    late = run(engine, approvals.approve_final, "1", KARI)
    assert late.refusal.reason == RefusalReason.already_final
    assert late.refusal.params["by"] == OLA_P
    with session_scope(engine) as session:
        assert approvals.final_grades(session, TEST) == {**AGREE, "104": None}
        assert approvals.locked_committees(session, TEST, KARI) == {"1": approvals.LockReason.final}
        assert approvals.approval_state(session, TEST) == approvals.ApprovalState.graded


def test_agreeing_after_the_grades_are_final_names_who_made_them_final(engine):
    make_test(engine, final_approval="one")
    both_approve(engine, DIFFER, AGREE)
    run(engine, approvals.set_agreed_grades, "1", KARI, {"103": "D"})
    run(engine, approvals.approve_final, "1", OLA)
    late = run(engine, approvals.set_agreed_grades, "1", KARI, {"103": "E"})
    assert late.refusal.reason == RefusalReason.already_final
    assert late.refusal.params["by"] == OLA_P
    with session_scope(engine) as session:
        assert approvals.final_grades(session, TEST)["103"] == "D"


def test_final_approval_by_all_waits_for_every_grader(engine):
    make_test(engine, final_approval="all")
    prompted = both_approve(engine, AGREE, AGREE)
    first = run(engine, approvals.approve_final, "1", KARI)
    assert first.changed and first.notices == []
    assert set(outcome_prompts(prompted)) == set(first.prompt_updates)
    assert phase(engine) == Phase.final_approval
    assert run(engine, approvals.approve_final, "1", KARI).refusal.reason == (
        RefusalReason.already_voted
    )
    with session_scope(engine) as session:
        ola_prompt = approvals.prompt_view(session, prompted.notices[1].prompt_id)
        assert approvals.unfinished_graders(session, TEST) == {KARI, OLA}
    assert ola_prompt.state == PromptState.open
    assert [who for who, _ in ola_prompt.approved] == [KARI_P]
    assert ola_prompt.waiting == (OLA_P.as_you(),)
    assert ola_prompt.completes, "Ola's approval is the last one"
    last = run(engine, approvals.approve_final, "1", OLA)
    assert notices(last) == [
        (KARI, NoticeKind.committee_final),
        (CONSULTANT, NoticeKind.transfer_prompt),
    ]
    assert last.notices[0].params["on_behalf"] is False
    with session_scope(engine) as session:
        assert approvals.unfinished_graders(session, TEST) == set()


def test_changing_an_agreed_grade_withdraws_final_approvals_given(engine):
    make_test(engine, final_approval="all")
    both_approve(engine, DIFFER, AGREE)
    run(engine, approvals.set_agreed_grades, "1", KARI, {"103": "D"})
    run(engine, approvals.approve_final, "1", KARI)
    changed = run(engine, approvals.set_agreed_grades, "1", OLA, {"103": "C"})
    assert notices(changed, NoticeKind.final_approval_withdrawn) == [
        (KARI, NoticeKind.final_approval_withdrawn)
    ]
    assert count(engine, FinalApprovalVote) == 0
    assert phase(engine) == Phase.final_approval


def test_final_approval_before_alignment_is_refused(engine):
    make_test(engine)
    both_approve(engine, DIFFER, AGREE)
    refused = run(engine, approvals.approve_final, "1", KARI)
    assert refused.refusal.reason == RefusalReason.wrong_phase
    assert refused.refusal.params["unresolved_count"] == 1


# -- shared marking ------------------------------------------------------------------------


def test_shared_marking_latest_grade_wins_and_goes_straight_to_final(engine):
    make_test(engine, marking_mode="shared", final_approval="all")
    assert run(engine, approvals.approve_own, KARI, "1").refusal.reason == (
        RefusalReason.shared_marking
    )
    put_grades(engine, TEST, KARI, {"101": "A", "102": "B"})
    assert run(engine, approvals.after_grades_changed, KARI).notices == []
    put_grades(engine, TEST, OLA, {"102": "C", "103": "D"})
    with session_scope(engine) as session:
        seen = approvals.visible_grades(session, TEST, KARI, "1")
    assert seen.committee_grades == {"101": "A", "102": "C", "103": "D"}
    assert seen.by_grader[OLA] == {"102": "C", "103": "D"}, "shared: all grades visible"
    prompted = run(engine, approvals.after_grades_changed, OLA)
    assert notices(prompted) == [(KARI, NoticeKind.final_prompt), (OLA, NoticeKind.final_prompt)]
    with session_scope(engine) as session:
        kari_final = approvals.prompt_view(session, prompted.notices[0].prompt_id)
    # Every candidate with the grade that becomes final; 102, which Ola changed, is marked.
    assert [(r.candidate, r.grade, r.mark) for r in kari_final.rows] == [
        ("101", "A", None),
        ("102", "C", FinalMark.changed),
        ("103", "D", None),
    ]
    assert kari_final.rows[1].given == ((KARI_P.as_you(), "B"), (OLA_P, "C"))
    assert kari_final.shared and not kari_final.completes

    run(engine, approvals.approve_final, "1", OLA)
    put_grades(engine, TEST, KARI, {"103": "B"})
    changed = run(engine, approvals.after_grades_changed, KARI)
    assert notices(changed) == [(OLA, NoticeKind.final_approval_withdrawn)]
    assert count(engine, FinalApprovalVote) == 0

    run(engine, approvals.approve_final, "1", KARI)
    run(engine, approvals.approve_final, "1", OLA)
    with session_scope(engine) as session:
        assert approvals.final_grades(session, TEST) == {
            "101": "A",
            "102": "C",
            "103": "B",
            "104": None,
        }


def test_shared_marking_final_approval_on_incomplete_grades_lists_what_is_missing(engine):
    make_test(engine, marking_mode="shared")
    put_grades(engine, TEST, KARI, {"101": "A"})
    refused = run(engine, approvals.approve_final, "1", OLA)
    assert refused.refusal.reason == RefusalReason.incomplete
    assert refused.refusal.params["missing"] == {"1": ("102", "103")}


# -- reopening ----------------------------------------------------------------------------


def test_reopen_clears_the_committee_tells_graders_and_outdates_old_prompts(engine):
    make_test(engine, final_approval="one")
    prompted = both_approve(engine, AGREE, AGREE)
    final = run(engine, approvals.approve_final, "1", KARI)
    transfer_prompt = final.notices[-1].prompt_id

    assert run(engine, approvals.reopen_committee, "1", consultant(), "  ").refusal.reason == (
        RefusalReason.no_reason
    )
    grader = Roles(KARI, None, frozenset(), False, False)
    assert run(engine, approvals.reopen_committee, "1", grader, "x").refusal.reason == (
        RefusalReason.not_consultant
    )
    assert run(engine, approvals.reopen_committee, "9", consultant(), "x").refusal.params[
        "committees"
    ] == ("1",)

    reopened = run(engine, approvals.reopen_committee, "1", consultant(), "Complaint: recount 103")
    assert notices(reopened, NoticeKind.reopened) == [
        (KARI, NoticeKind.reopened),
        (OLA, NoticeKind.reopened),
    ]
    assert reopened.notices[0].params == {
        "by": Person(consultant=True).to_params(),
        "reason": "Complaint: recount 103",
    }
    assert notices(reopened, NoticeKind.own_prompt) == [
        (KARI, NoticeKind.own_prompt),
        (OLA, NoticeKind.own_prompt),
    ], "their grading is still complete: they are asked to approve again"
    assert transfer_prompt in reopened.prompt_updates
    assert phase(engine) == Phase.grading
    for table in (OwnGradingApproval, AgreedGrade, FinalApprovalVote, CommitteeFinal):
        assert count(engine, table) == 0, table
    with session_scope(engine) as session:
        (reopening,) = session.exec(select(CommitteeReopening)).all()
        assert reopening.cleared.startswith("own approvals: kari@ntnu.no, ola@ntnu.no")
        (entry,) = audit.entries(session, action="committee_reopened")
        assert (entry.actor, entry.new_value) == (CONSULTANT, "Complaint: recount 103")
        old_final = approvals.prompt_view(session, prompted.notices[0].prompt_id)
        assert old_final.state == PromptState.out_of_date
        assert checklist_view(session, transfer_prompt).state == ChecklistState.out_of_date
        assert session.get(FsHandoff, TEST) is None, "the hand-off starts again when graded"
        assert approvals.final_grades(session, TEST) == {"104": None}

    stale = run_press(engine, approvals.press_final_approval, prompted.notices[0].prompt_id, KARI)
    assert stale.refusal.reason == RefusalReason.out_of_date
    assert run_press(engine, handoff.press_transferred, transfer_prompt, consultant()).refusal


def run_press(engine, press, prompt_id, actor) -> approvals.ApprovalOutcome:
    with session_scope(engine) as session:
        return press(session, prompt_id, actor)


def test_reopen_with_nothing_approved_or_after_transfer_is_refused(engine):
    make_test(engine, final_approval="one")
    nothing = run(engine, approvals.reopen_committee, "1", consultant(), "why")
    assert nothing.refusal.reason == RefusalReason.nothing_to_reopen
    both_approve(engine, AGREE, AGREE)
    checklist = run(engine, approvals.approve_final, "1", KARI).notices[-1].prompt_id
    with session_scope(engine) as session:
        handoff.record_trial(session, checklist, consultant(), handoff.TrialResult.fine)
    assert run_press(engine, handoff.press_transferred, checklist, consultant()).changed
    late = run(engine, approvals.reopen_committee, "1", consultant(), "why")
    assert late.refusal.reason == RefusalReason.already_transferred


def test_own_approval_prompt_is_only_for_its_grader(engine):
    make_test(engine)
    put_grades(engine, TEST, KARI, AGREE)
    put_grades(engine, TEST, OLA, AGREE)
    prompt_id = run(engine, approvals.after_grades_changed, KARI).notices[0].prompt_id
    assert run_press(engine, approvals.press_own_approval, prompt_id, OLA).refusal.reason == (
        RefusalReason.not_for_you
    )
    assert run_press(engine, approvals.press_own_approval, prompt_id, KARI).changed
    assert run_press(engine, approvals.press_own_approval, prompt_id, KARI).refusal.reason == (
        RefusalReason.already_approved
    )
    with session_scope(engine) as session:
        assert approvals.prompt_view(session, prompt_id).state == PromptState.done


# -- the export ----------------------------------------------------------------------------


def test_export_workbook_has_inspera_columns_blank_absent_and_no_formulas():
    content = inspera_workbook({"101": "A", "104": None, "=1+1": "B", "@x": "-C"})
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows == [
        ("Candidate ID", "Grade"),
        ("101", "A"),
        ("104", None),
        ("=1+1", "B"),
        ("@x", "-C"),
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# -- prompts are stored once ---------------------------------------------------------------


def test_prompt_records_are_unique_per_subject(engine):
    make_test(engine)
    put_grades(engine, TEST, KARI, AGREE)
    run(engine, approvals.after_grades_changed, KARI)
    run(engine, approvals.after_grades_changed, KARI)
    with session_scope(engine) as session:
        overview = approvals.approval_overview(session, TEST, KARI)
        (prompt,) = session.exec(select(ApprovalPrompt)).all()
    assert overview.lines[0].prompt_id == prompt.id


@pytest.mark.parametrize("word", ["committee", "all_committees"])
def test_overview_offers_own_approval_when_complete(engine, word):
    make_test(engine, {"1": (KARI, OLA), "2": (KARI, PER)}, own_approval=word)
    put_grades(engine, TEST, KARI, {**AGREE, "201": "A", "202": "B", "203": "C"})
    with session_scope(engine) as session:
        overview = approvals.approval_overview(session, TEST, KARI)
    if word == "committee":
        assert [line.action for line in overview.lines] == ["own", "own"]
        assert overview.approve_all_prompt_id is None
    else:
        assert [line.action for line in overview.lines] == [None, None]
        assert overview.approve_all_prompt_id is not None


def test_a_test_marked_in_inspera_gets_no_approval_prompts(engine):
    """Its approvals happen in Inspera: complete grades prompt nobody here."""
    make_test(engine, grading_in="inspera")
    put_grades(engine, TEST, KARI, AGREE)
    outcome = run(engine, approvals.after_grades_changed, KARI)
    assert outcome.notices == [] and outcome.prompt_updates == []
    assert count(engine, ApprovalPrompt) == 0
