"""Validating grade sheets against the roster and the scale: every rule of SPEC §2.4."""

from __future__ import annotations

import pytest

from bot.gradesheets.reading import read_grade_sheet
from bot.gradesheets.scale import percentage_method_grade
from bot.gradesheets.texts import problem_line, problem_text
from bot.gradesheets.validation import (
    CurrentGrade,
    GraderRoster,
    RosterCandidate,
    normalise_candidate,
    validate_sheet,
)
from models.tables import GradeScale
from tests.support.workbooks import Formula, NumberText, csv_bytes, excel_workbook, workbook

HEADER = ["Candidate ID", "Grade"]


def roster(scale: str = "letter") -> GraderRoster:
    candidates = [
        RosterCandidate("10412", "1", "submitted"),
        RosterCandidate("10413", "1", "submitted"),
        RosterCandidate("10414", "1", "submitted"),
        RosterCandidate("10415", "1", "absent"),
        RosterCandidate("10416", "1", "redelivery"),
        RosterCandidate("20001", "2", "submitted"),
        RosterCandidate("30001", None, "submitted"),
    ]
    return GraderRoster(
        test_id="TDT4100-2026H",
        scale=GradeScale(scale),
        candidates={c.candidate_id: c for c in candidates},
        grader_committees=frozenset({"1"}),
    )


def check(rows, scale="letter", current=None, content=None, filename="k.xlsx"):
    sheet = read_grade_sheet(content or workbook(rows), filename)
    return validate_sheet(sheet, roster(scale), current or {})


def kinds(preview) -> list[tuple[int, str | None, str]]:
    return [(e.row, e.candidate, e.kind) for e in preview.errors]


def test_new_changed_unchanged_and_blank_are_counted():
    current = {"10412": CurrentGrade("B"), "10413": CurrentGrade("C")}
    preview = check(
        [HEADER, [10412, "B"], [10413, "D"], [10414, "A"], [10415, None]], current=current
    )
    assert preview.counts == {"new": 1, "changed": 1, "unchanged": 1, "blank": 1, "errors": 0}
    assert [(c.candidate_id, c.old, c.new) for c in preview.changes] == [
        ("10413", "C", "D"),
        ("10414", None, "A"),
    ]
    assert preview.appliable


def test_empty_grade_cell_changes_nothing_even_over_an_existing_grade():
    preview = check([HEADER, [10412, None], [10413, "  "]], current={"10412": CurrentGrade("B")})
    assert preview.counts["blank"] == 2 and not preview.changes and not preview.appliable


@pytest.mark.parametrize(
    ("written", "kind", "suggestion"),
    [
        ("b", "letter_case", "B"),
        (" B ", "whitespace", "B"),
        ("B+", "plus_minus", "B"),
        ("c-", "plus_minus", "C"),
        ("G", "not_a_letter", ""),
        (7, "not_a_letter", ""),
        ("Pass", "passfail_on_letter_test", ""),
        ("Bestått", "passfail_on_letter_test", ""),
    ],
)
def test_letter_grades_must_be_capital_a_to_f(written, kind, suggestion):
    preview = check([HEADER, [10412, written]])
    (error,) = preview.errors
    assert (error.row, error.column, error.candidate, error.kind) == (2, "B", "10412", kind)
    assert error.params["suggestion"] == suggestion
    assert not preview.changes


def test_lower_case_message_names_row_candidate_value_and_fix():
    (error,) = check([HEADER, [10412, "b"]]).errors
    assert problem_line("en", error) == (
        "Row 2, candidate 10412: `b` is in lower case — write grades in capitals: `B`"
    )
    assert problem_line("nb", error).startswith("Rad 2, kandidat 10412: `b`")
    assert "`" not in problem_text("en", error)


@pytest.mark.parametrize(
    ("written", "kind", "suggestion"),
    [
        ("Bestått", "passfail_word", "Pass"),
        ("bestått", "passfail_word", "Pass"),
        ("Godkjent", "passfail_word", "Pass"),
        ("pass", "passfail_word", "Pass"),
        ("PASSED", "passfail_word", "Pass"),
        ("Ikke bestått", "passfail_word", "NotPass"),
        ("Ikkje bestått", "passfail_word", "NotPass"),
        ("ikke-godkjent", "passfail_word", "NotPass"),
        ("Not Pass", "passfail_word", "NotPass"),
        ("fail", "passfail_word", "NotPass"),
        (" Pass", "whitespace", "Pass"),
        ("B", "letter_on_passfail_test", ""),
        ("Kanskje", "not_passfail", ""),
    ],
)
def test_pass_fail_must_be_written_pass_or_notpass(written, kind, suggestion):
    (error,) = check([HEADER, [10412, written]], scale="passfail").errors
    assert (error.kind, error.params["suggestion"]) == (kind, suggestion)


def test_pass_and_notpass_are_accepted():
    preview = check([HEADER, [10412, "Pass"], [10413, "NotPass"]], scale="passfail")
    assert [c.new for c in preview.new] == ["Pass", "NotPass"] and not preview.errors


def test_unknown_candidate():
    assert kinds(check([HEADER, [99999, "A"]])) == [(2, "99999", "unknown_candidate")]


def test_candidate_in_another_committee_or_in_none():
    preview = check([HEADER, [20001, "A"], [30001, "B"]])
    assert kinds(preview) == [(2, "20001", "other_committee"), (3, "30001", "no_committee")]
    assert preview.errors[0].params["committee"] == "2"


def test_absent_candidate_with_a_grade_is_told_to_leave_it_empty():
    preview = check([HEADER, [10415, "F"]])
    (error,) = preview.errors
    assert (error.kind, error.column) == ("absent", "B")
    assert problem_line("en", error).endswith("— leave it empty")


def test_candidate_open_for_redelivery_with_a_grade():
    assert kinds(check([HEADER, [10416, "C"]])) == [(2, "10416", "redelivery")]


def test_duplicate_rows_name_the_first_row():
    preview = check([HEADER, [10412, "A"], [10413, "B"], ["10412", "A"]])
    (error,) = preview.errors
    assert (error.row, error.kind, error.params["first_row"]) == (4, "duplicate", 2)


def test_grade_without_candidate():
    assert kinds(check([HEADER, [None, "A"]])) == [(2, None, "missing_candidate")]


def test_numbers_as_floats_and_float_text_are_candidate_numbers():
    content = excel_workbook([HEADER, [NumberText("10412.0"), "A"], [10413.0, "B"]])
    assert [c.candidate_id for c in check(None, content=content).new] == ["10412", "10413"]
    csv_content = csv_bytes([HEADER, ["10414.0", "C"]])
    preview = check(None, content=csv_content, filename="k.csv")
    assert [c.candidate_id for c in preview.new] == ["10414"]
    assert normalise_candidate(10412.5) == "10412.5"


def test_formula_without_a_value_says_to_paste_values():
    content = excel_workbook(
        [
            ["Candidate ID", "Karakter"],
            [10412, Formula('IF(A2>1,"A","B")')],
            [10413, Formula('UPPER("b")', cached="B")],
        ]
    )
    preview = check(None, content=content)
    (error,) = preview.errors
    assert (error.row, error.column, error.kind) == (2, "B", "formula_without_value")
    assert "Paste Special → Values" in problem_line("en", error)
    assert "Karakter" in problem_line("en", error)
    assert [(c.candidate_id, c.new) for c in preview.new] == [("10413", "B")]


def test_points_must_be_between_0_and_100():
    preview = check([["Candidate ID", "Grade", "Points"], [10412, "A", 101], [10413, "B", "mye"]])
    assert [e.kind for e in preview.errors] == ["points_range", "points_not_number"]
    assert {e.column for e in preview.errors} == {"C"}


def test_points_without_grade_offer_the_percentage_method_grade():
    preview = check(
        [
            ["Candidate ID", "Grade", "Points"],
            [10412, None, 89],
            [10413, None, "88,5"],
            [10414, "C", 70],
        ]
    )
    assert [(s.candidate_id, s.new, s.points) for s in preview.suggestions] == [
        ("10412", "A", 89.0),
        ("10413", "B", 88.5),
    ]
    assert [(c.candidate_id, c.new, c.points) for c in preview.new] == [("10414", "C", 70.0)]
    assert preview.counts["blank"] == 0


def test_points_only_on_a_pass_fail_test_are_left_blank():
    preview = check([["Candidate ID", "Grade", "Points"], [10412, None, 80]], scale="passfail")
    assert preview.counts["blank"] == 1 and not preview.suggestions


@pytest.mark.parametrize(
    ("points", "grade"),
    [
        (100, "A"),
        (89, "A"),
        (88.9, "B"),
        (77, "B"),
        (76, "C"),
        (65, "C"),
        (64, "D"),
        (53, "D"),
        (52, "E"),
        (41, "E"),
        (40.9, "F"),
        (0, "F"),
    ],
)
def test_ntnu_percentage_method_bands(points, grade):
    assert percentage_method_grade(points) == grade


def test_explanations_change_a_grade_row_and_blank_explanations_do_not():
    current = {
        "10412": CurrentGrade("B", explanation="Old"),
        "10413": CurrentGrade("C", explanation="x"),
    }
    preview = check(
        [["Candidate ID", "Grade", "Explanations"], [10412, "B", "New text"], [10413, "C", None]],
        current=current,
    )
    assert [c.candidate_id for c in preview.changed] == ["10412"]
    assert preview.unchanged == 1
