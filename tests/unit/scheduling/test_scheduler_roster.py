"""A roster import that fills in `opened_for_marking` opens the test: the next scheduler
pass tells its graders, with no call from the importer, and re-imports tell nobody twice."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from bot.roster import import_roster
from tests.support.factories import choose_language
from tests.support.scheduling import OSLO, delivered_keys, oslo, run_passes, scheduler_for

TEST_ID = "TDT4100-2026H"


def _roster(path: Path, opened: datetime | None, committees: dict[str, str]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheets = {
        "Tests": [
            ["test_id", "course_code", "department", "consultant_emails",
             "submission_deadline", "grade_scale", "opened_for_marking"],
            [TEST_ID, "TDT4100", "IDI", "konsulent@ntnu.no", "2026-12-10 09:00", "letter",
             opened],
        ],
        "Graders": [
            ["email", "name", "kind"],
            *[[email, email.split("@")[0].title(), "internal"] for email in committees],
        ],
        "Committees": [
            ["test_id", "committee", "grader_email"],
            *[[TEST_ID, committee, email] for email, committee in committees.items()],
        ],
        "Candidates": [
            ["test_id", "candidate_id", "committee", "status"],
            *[[TEST_ID, f"{n}01", c, "submitted"] for n, c in enumerate(set(committees.values()))],
        ],
    }  # fmt: skip
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def people(engine, fake_slack):
    fake_slack.add_user("UOLA", email="ola@ntnu.no", locale="nb-NO")
    fake_slack.add_user("UKARI", email="kari@ntnu.no", locale="en-GB")
    choose_language(engine, "UKARI", "en")
    fake_slack.add_user("UKONS", email="konsulent@ntnu.no", locale="nb-NO")


def _opened_notices(fake_slack) -> Counter:
    return Counter(k for k in delivered_keys(fake_slack) if k.startswith("opened:"))


def test_an_import_that_opens_a_test_gets_its_graders_told_once(
    engine, store_url, fake_slack, people, tmp_path
):
    committees = {"ola@ntnu.no": "1", "kari@ntnu.no": "2"}
    import_roster(engine, _roster(tmp_path / "1.xlsx", None, committees), OSLO)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(oslo(2026, 12, 11, 9, 0))
    assert not _opened_notices(fake_slack)

    opened_at = datetime(2026, 12, 11, 10, 0)  # read in Oslo time, as consultants write it
    report = import_roster(engine, _roster(tmp_path / "2.xlsx", opened_at, committees), OSLO)
    assert report.newly_opened == [TEST_ID]
    scheduler.run_pass(oslo(2026, 12, 11, 10, 5))
    assert _opened_notices(fake_slack) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
    }

    # Re-imports, the committees rewritten (the sheet is the whole truth for the test).
    moved = {"ola@ntnu.no": "2", "kari@ntnu.no": "1"}
    import_roster(engine, _roster(tmp_path / "3.xlsx", opened_at, moved), OSLO)
    import_roster(engine, _roster(tmp_path / "4.xlsx", opened_at, committees), OSLO)
    scheduler_for(fake_slack, store_url, engine).run_pass(oslo(2026, 12, 11, 11, 0))
    assert set(_opened_notices(fake_slack).values()) == {1}


def test_a_grader_added_to_an_open_test_by_a_reimport_is_told_and_nobody_else_again(
    engine, store_url, fake_slack, people, tmp_path
):
    fake_slack.add_user("UPER", email="per@ntnu.no", locale="nb-NO")
    opened_at = datetime(2026, 12, 11, 10, 0)
    committees = {"ola@ntnu.no": "1", "kari@ntnu.no": "2"}
    import_roster(engine, _roster(tmp_path / "1.xlsx", opened_at, committees), OSLO)
    scheduler = scheduler_for(fake_slack, store_url, engine)
    scheduler.run_pass(oslo(2026, 12, 11, 10, 5))

    more = {**committees, "per@ntnu.no": "1", "nobody@ntnu.no": "2"}
    import_roster(engine, _roster(tmp_path / "2.xlsx", opened_at, more), OSLO)
    run_passes(scheduler, oslo(2026, 12, 12, 10, 0), oslo(2026, 12, 12, 10, 1))

    assert _opened_notices(fake_slack) == {
        f"opened:{TEST_ID}:ola@ntnu.no": 1,
        f"opened:{TEST_ID}:kari@ntnu.no": 1,
        f"opened:{TEST_ID}:per@ntnu.no": 1,
    }
    # The grader Slack does not know is reported to the consultant on their own.
    (report,) = [m for m in fake_slack.messages_to("UKONS") if "nobody@ntnu.no" in str(m)]
    assert "ola@ntnu.no" not in str(report["blocks"])
