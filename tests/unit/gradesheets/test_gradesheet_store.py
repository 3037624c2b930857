"""Grade uploads in the store: preview, apply all-or-nothing, cancel, undo, reset, and who
may do what (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.exams import audit
from bot.gradesheets.applying import apply_upload, cancel_upload, undo_upload
from bot.gradesheets.grader_view import complete_committees, current_grades
from bot.gradesheets.previews import record_preview
from bot.gradesheets.reading import read_grade_sheet
from bot.gradesheets.reset import reset_grade
from bot.gradesheets.sheet_test import SheetTestGuess, choose_test
from bot.gradesheets.uploads import PREVIEW_LIFETIME, UploadStatus
from models.db import session_scope
from models.tables import Candidate, Grade, GradeUpload
from models.tables import Test as ExamTest
from models.types import utcnow
from tests.support.factories import T0, add_candidates, add_grader, add_membership, add_test
from tests.support.workbooks import workbook

TEST = "TDT4100-2026H"
KARI = "kari@ntnu.no"
OLA = "ola@ntnu.no"


@pytest.fixture
def roster(engine):
    add_test(engine, TEST)
    add_grader(engine, KARI)
    add_grader(engine, OLA)
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, OLA, "2")
    add_candidates(engine, TEST, "1", ["10412", "10413", "10414"])
    add_candidates(engine, TEST, "1", ["10415"], status="absent")
    add_candidates(engine, TEST, "2", ["20001"])
    return engine


def preview(engine, rows, grader=KARI, test_id=TEST):
    sheet = read_grade_sheet(workbook([["Candidate ID", "Grade"], *rows]), "k.xlsx")
    with session_scope(engine) as session:
        test = session.get(ExamTest, test_id)
        result = record_preview(
            session,
            grader_email=grader,
            slack_user_id="U1",
            slack_file_id="F1",
            test=test,
            sheet=sheet,
        )
    return result.upload.id, result.preview


def grades(engine, grader=KARI) -> dict[str, str | None]:
    with session_scope(engine) as session:
        rows = session.exec(select(Grade).where(Grade.grader_email == grader)).all()
        return {row.candidate_id: row.value for row in rows}


def status(engine, upload_id) -> str:
    with session_scope(engine) as session:
        return session.get(GradeUpload, upload_id).status


def act(engine, operation, *args, **kwargs):
    with session_scope(engine) as session:
        return operation(session, *args, **kwargs)


def test_apply_stores_every_grade_audits_each_and_reports_completion(roster):
    upload_id, shown = preview(roster, [[10412, "A"], [10413, "B"], [10414, "C"], [10415, None]])
    assert shown.counts["new"] == 3 and grades(roster) == {}
    outcome = act(roster, apply_upload, upload_id, KARI)
    assert (outcome.status, outcome.updated, outcome.complete_committees) == ("applied", 3, ["1"])
    assert grades(roster) == {"10412": "A", "10413": "B", "10414": "C"}
    with session_scope(roster) as session:
        entries = audit.entries(session, test_id=TEST, action="grade.upload")
        assert [(e.actor, e.subject, e.old_value, e.new_value) for e in entries] == [
            (KARI, f"candidate 10412, upload {upload_id}", None, "A"),
            (KARI, f"candidate 10413, upload {upload_id}", None, "B"),
            (KARI, f"candidate 10414, upload {upload_id}", None, "C"),
        ]


def test_incomplete_committee_is_not_reported(roster):
    upload_id, _ = preview(roster, [[10412, "A"]])
    assert act(roster, apply_upload, upload_id, KARI).complete_committees == []


def test_apply_twice_changes_nothing_the_second_time(roster):
    upload_id, _ = preview(roster, [[10412, "A"]])
    act(roster, apply_upload, upload_id, KARI)
    second = act(roster, apply_upload, upload_id, KARI)
    assert (second.status, second.updated, second.at is not None) == ("already_applied", 0, True)
    with session_scope(roster) as session:
        assert len(audit.entries(session, action="grade.upload")) == 1


def test_only_the_uploading_grader_may_apply_cancel_or_undo(roster):
    upload_id, _ = preview(roster, [[10412, "A"]])
    for operation in (apply_upload, cancel_upload, undo_upload):
        assert act(roster, operation, upload_id, OLA).status == "not_yours"
        assert act(roster, operation, upload_id, "stranger@example.org").status == "not_yours"
        assert act(roster, operation, upload_id, None).status == "not_yours"
    assert grades(roster) == {} and status(roster, upload_id) == "preview"


def test_grader_found_by_inspera_email_may_apply(roster):
    add_grader(roster, "per@ntnu.no", inspera_email="per.hansen@ntnu.no")
    add_membership(roster, TEST, "per@ntnu.no", "1")
    upload_id, _ = preview(roster, [[10412, "A"]], grader="per@ntnu.no")
    assert act(roster, apply_upload, upload_id, "Per.Hansen@NTNU.no").status == "applied"


def test_sheet_with_errors_cannot_be_applied(roster):
    upload_id, shown = preview(roster, [[10412, "A"], [10413, "b"]])
    assert shown.errors and status(roster, upload_id) == UploadStatus.invalid
    assert act(roster, apply_upload, upload_id, KARI).status == "has_errors"
    assert grades(roster) == {}


def test_cancelled_expired_and_superseded_previews_are_not_applied(roster):
    cancelled, _ = preview(roster, [[10412, "A"]])
    assert act(roster, cancel_upload, cancelled, KARI).status == "cancelled_now"
    assert act(roster, cancel_upload, cancelled, KARI).status == "cancelled"
    assert act(roster, apply_upload, cancelled, KARI).status == "cancelled"

    old, _ = preview(roster, [[10412, "B"]])
    newer, _ = preview(roster, [[10412, "C"]])
    assert act(roster, apply_upload, old, KARI).status == "superseded"

    later = utcnow() + PREVIEW_LIFETIME + timedelta(minutes=1)
    assert act(roster, apply_upload, newer, KARI, now=later).status == "expired"
    assert status(roster, newer) == "expired"
    assert grades(roster) == {}


def test_roster_change_between_preview_and_apply_stores_nothing(roster):
    upload_id, _ = preview(roster, [[10412, "A"], [10413, "B"]])
    with session_scope(roster) as session:
        moved = session.exec(select(Candidate).where(Candidate.candidate_id == "10413")).one()
        moved.committee = "2"
        session.add(moved)
    outcome = act(roster, apply_upload, upload_id, KARI)
    assert (outcome.status, outcome.candidates) == ("roster_changed", ["10413"])
    assert grades(roster) == {} and status(roster, upload_id) == "preview"


def test_apply_is_all_or_nothing(roster, monkeypatch):
    upload_id, _ = preview(roster, [[10412, "A"], [10413, "B"]])
    original = audit.record
    calls = []

    def failing_record(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the store failed half-way")
        return original(*args, **kwargs)

    monkeypatch.setattr(audit, "record", failing_record)
    with pytest.raises(RuntimeError):
        act(roster, apply_upload, upload_id, KARI)
    assert grades(roster) == {} and status(roster, upload_id) == "preview"
    monkeypatch.setattr(audit, "record", original)
    assert act(roster, apply_upload, upload_id, KARI).updated == 2


def test_new_upload_overwrites_and_undo_restores_exactly_the_previous_values(roster):
    first, _ = preview(roster, [[10412, "A"], [10413, "B"]])
    act(roster, apply_upload, first, KARI)
    second, shown = preview(roster, [[10412, "C"], [10413, "B"], [10414, "D"]])
    assert (shown.counts["changed"], shown.counts["unchanged"], shown.counts["new"]) == (1, 1, 1)
    assert act(roster, apply_upload, second, KARI).updated == 2
    assert grades(roster) == {"10412": "C", "10413": "B", "10414": "D"}

    blocked = act(roster, undo_upload, first, KARI)
    assert (blocked.status, blocked.candidates) == ("undo_blocked", ["10412"])

    undone = act(roster, undo_upload, second, KARI)
    assert (undone.status, undone.updated) == ("undone", 2)
    assert grades(roster) == {"10412": "A", "10413": "B"}
    with session_scope(roster) as session:
        row = session.exec(select(Grade).where(Grade.candidate_id == "10412")).one()
        assert row.upload_id == first
        assert [
            (e.subject, e.old_value, e.new_value)
            for e in audit.entries(session, action="grade.undo")
        ] == [
            (f"candidate 10412, upload {second}", "C", "A"),
            (f"candidate 10414, upload {second}", "D", None),
        ]
    assert act(roster, undo_upload, second, KARI).status == "already_undone"
    assert act(roster, undo_upload, first, KARI).status == "undone"
    assert grades(roster) == {}


def test_undo_before_apply_changes_nothing(roster):
    upload_id, _ = preview(roster, [[10412, "A"]])
    assert act(roster, undo_upload, upload_id, KARI).status == "not_applied"


def test_reset_one_candidate_and_undo_is_then_blocked_for_it(roster):
    upload_id, _ = preview(roster, [[10412, "A"], [10413, "B"]])
    act(roster, apply_upload, upload_id, KARI)
    result = act(roster, reset_grade, TEST, KARI, "10412.0")
    assert (result.status, result.candidate, result.old) == ("reset", "10412", "A")
    assert grades(roster) == {"10412": None, "10413": "B"}
    assert act(roster, reset_grade, TEST, KARI, "10412").status == "no_grade"
    assert act(roster, reset_grade, TEST, KARI, "20001").status == "other_committee"
    assert act(roster, reset_grade, TEST, KARI, "99999").status == "unknown_candidate"
    assert act(roster, reset_grade, TEST, OLA, "10413").status == "other_committee"
    blocked = act(roster, undo_upload, upload_id, KARI)
    assert (blocked.status, blocked.candidates) == ("undo_blocked", ["10412"])
    with session_scope(roster) as session:
        (entry,) = audit.entries(session, action="grade.reset")
        assert (entry.actor, entry.subject, entry.old_value, entry.new_value) == (
            KARI,
            "candidate 10412",
            "A",
            None,
        )


def test_apply_with_points_suggestions_only_when_chosen(roster):
    sheet = read_grade_sheet(
        workbook([["Candidate ID", "Grade", "Points"], [10412, "A", 95], [10413, None, 80]]),
        "k.xlsx",
    )
    with session_scope(roster) as session:
        result = record_preview(
            session,
            grader_email=KARI,
            slack_user_id="U1",
            slack_file_id="F1",
            test=session.get(ExamTest, TEST),
            sheet=sheet,
        )
    upload_id = result.upload.id
    assert act(roster, apply_upload, upload_id, KARI, with_suggestions=True).updated == 2
    assert grades(roster) == {"10412": "A", "10413": "B"}
    with session_scope(roster) as session:
        points = {g.candidate_id: g.points for g in session.exec(select(Grade)).all()}
    assert points == {"10412": 95.0, "10413": 80.0}


def test_shared_marking_current_grade_is_the_committees_latest(engine):
    add_test(engine, TEST, marking_mode="shared")
    add_grader(engine, KARI)
    add_grader(engine, OLA)
    add_membership(engine, TEST, KARI, "1")
    add_membership(engine, TEST, OLA, "1")
    add_candidates(engine, TEST, "1", ["10412", "10413"])
    kari_upload, _ = preview(engine, [[10412, "A"], [10413, "B"]])
    act(engine, apply_upload, kari_upload, KARI)
    ola_upload, shown = preview(engine, [[10412, "C"], [10413, "B"]], grader=OLA)
    assert (shown.counts["changed"], shown.counts["unchanged"]) == (1, 1)
    act(engine, apply_upload, ola_upload, OLA)
    with session_scope(engine) as session:
        test = session.get(ExamTest, TEST)
        assert {c: g.value for c, g in current_grades(session, test, KARI).items()} == {
            "10412": "C",
            "10413": "B",
        }
        assert complete_committees(session, test, OLA) == ["1"]
    blocked = act(engine, undo_upload, kari_upload, KARI)
    assert (blocked.status, blocked.candidates) == ("undo_blocked", ["10412"])


def test_which_test_a_sheet_is_for(engine):
    add_grader(engine, KARI)
    add_test(engine, "TDT4100-2026H", opened_for_marking=T0)
    add_test(engine, "TMA4100-2026H", opened_for_marking=T0)
    add_test(engine, "TDT4120-2026H")
    for test_id in ("TDT4100-2026H", "TMA4100-2026H", "TDT4120-2026H"):
        add_membership(engine, test_id, KARI, "1")
    with session_scope(engine) as session:
        assert choose_test(session, KARI, "TMA4100 karakterer.xlsx").test.test_id == "TMA4100-2026H"
        assert choose_test(session, KARI, "tdt4120-2026h.xlsx").test.test_id == "TDT4120-2026H"
        asked = choose_test(session, KARI, "karakterer.xlsx")
        assert asked.test is None
        assert {t.test_id for t in asked.options} == {"TDT4100-2026H", "TMA4100-2026H"}
        assert choose_test(session, "nobody@ntnu.no", "x.xlsx") == SheetTestGuess(None, ())


def test_the_only_open_test_wins(engine):
    add_grader(engine, KARI)
    add_test(engine, "TDT4100-2026H", opened_for_marking=T0)
    add_test(engine, "TDT4120-2026H")
    add_membership(engine, "TDT4100-2026H", KARI, "1")
    add_membership(engine, "TDT4120-2026H", KARI, "1")
    with session_scope(engine) as session:
        assert choose_test(session, KARI, "TDT4120.xlsx").test.test_id == "TDT4100-2026H"


def test_store_errors_keep_grades_out_of_messages(roster):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as caught, session_scope(roster) as session:
        for _ in range(2):
            session.add(
                Grade(
                    test_id=TEST,
                    candidate_id="10412",
                    grader_email=KARI,
                    value="B",
                    explanation="Svak drøfting av oppgave 3",
                )
            )
            session.flush()
    assert "Svak drøfting" not in str(caught.value)
    assert "parameters hidden" in str(caught.value)
