"""The preview message: counts, the first 20 changes and errors, buttons, Slack's limits."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.gradesheets.reading import read_grade_sheet
from bot.gradesheets.uploads import UploadOutcome
from bot.gradesheets.validation import GraderRoster, RosterCandidate, validate_sheet
from bot.ui.gradesheets import outcome_text, preview_message
from models.tables import GradeScale
from models.tables import Test as ExamTest
from tests.support.workbooks import workbook

TEST = ExamTest(test_id="TDT4100-2026H", grade_scale=GradeScale.letter)


def preview_for(rows, candidates=60):
    ids = [str(10000 + n) for n in range(candidates)]
    roster = GraderRoster(
        TEST.test_id,
        GradeScale.letter,
        {c: RosterCandidate(c, "1", "submitted") for c in ids},
        frozenset({"1"}),
    )
    sheet = read_grade_sheet(workbook([["Candidate ID", "Grade", "Points"], *rows]), "k.xlsx")
    return sheet, validate_sheet(sheet, roster, {})


def text_of(blocks) -> str:
    return "\n".join(str(b.get("text", {}).get("text", "")) for b in blocks) + str(blocks)


def action_ids(blocks) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_first_twenty_changes_then_how_many_more():
    sheet, preview = preview_for([[10000 + n, "B", None] for n in range(25)])
    fallback, blocks = preview_message("en", TEST, sheet, preview, 7)
    text = text_of(blocks)
    assert "Row 21, candidate 10019" in text and "Row 22," not in text
    assert "… and 5 more" in text
    assert action_ids(blocks) == ["gradesheet_apply", "gradesheet_cancel"]
    assert fallback == "Grade sheet for TDT4100-2026H: 25 new · 0 changed · 0 errors"
    # Where the grades go, in one line next to Apply (SPEC §2.6).
    assert (
        "These grades are collected here in Sensorbot and are not in Inspera yet: once the "
        "committee has approved the final grades, the study consultant puts them into Inspera."
    ) in text


def test_errors_first_twenty_with_count_and_no_apply_within_slacks_limits():
    long_value = "x" * 300
    rows = [[90000 + n, long_value, None] for n in range(45)]
    sheet, preview = preview_for(rows)
    _, blocks = preview_message("nb", TEST, sheet, preview, 7)
    text = text_of(blocks)
    assert "*45 feil*" in text and "… og 25 til" in text
    assert action_ids(blocks) == []
    assert len(blocks) <= 50
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)


def test_points_suggestions_get_their_own_button():
    sheet, preview = preview_for([[10000, "A", 95], [10001, None, 80]])
    _, blocks = preview_message("en", TEST, sheet, preview, 7)
    assert "Row 3, candidate 10001: 80 points → `B`" in text_of(blocks)
    assert action_ids(blocks) == [
        "gradesheet_apply",
        "gradesheet_apply_suggested",
        "gradesheet_cancel",
    ]


def test_cell_contents_cannot_inject_mentions_or_links():
    sheet, preview = preview_for([[10000, "<!channel> <http://x|y>", None]])
    _, blocks = preview_message("en", TEST, sheet, preview, 7)
    assert "<!channel>" not in str(blocks) and "&lt;!channel&gt;" in str(blocks)


def test_times_are_shown_in_the_readers_zone():
    from datetime import UTC, datetime

    from models.tables import GradeUpload

    upload = GradeUpload(
        id=3,
        test_id=TEST.test_id,
        grader_email="k@ntnu.no",
        slack_user_id="U",
        filename="k.xlsx",
        created_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        applied_at=datetime(2026, 12, 1, 10, 30, tzinfo=UTC),
    )
    text = outcome_text("en", UploadOutcome("already_applied", upload), ZoneInfo("Europe/Oslo"))
    assert "1 December" in text and "at 11:30" in text  # 10:30 UTC, in Oslo
