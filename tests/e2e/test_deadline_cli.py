"""The default grading deadline of the 2024 act, through a real `sensorbot import` and
`sensorbot status` as a consultant runs them: an exam on Tuesday 15 December 2026 is due on
Thursday 7 January 2027, and on 14 January when the institution closes for Christmas."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.test_cli import run_cli
from tests.unit.roster.test_roster_import import write_workbook

TESTS_HEADER = ["test_id", "course_code", "department", "consultant_emails",
                "submission_deadline", "grading_deadline", "grade_scale"]  # fmt: skip


def _roster(path: Path, grading_deadline: object = None) -> Path:
    return write_workbook(
        path,
        {
            "Tests": [
                TESTS_HEADER,
                [
                    "IT2805-2026H",
                    "IT2805",
                    "IDI",
                    "kari@ntnu.no",
                    datetime(2026, 12, 15, 9, 0),
                    grading_deadline,
                    "letter",
                ],
            ],  # fmt: skip
            "Graders": [["email", "kind"], ["ola@ntnu.no", "internal"]],
            "Committees": [
                ["test_id", "committee", "grader_email"],
                ["IT2805-2026H", "1", "ola@ntnu.no"],
            ],  # fmt: skip
            "Candidates": [
                ["test_id", "candidate_id", "committee", "status"],
                ["IT2805-2026H", "10001", "1", "submitted"],
            ],  # fmt: skip
        },
    )


def _status_after_import(tmp_path: Path, lang: str, **env: str) -> str:
    environment = {"DATABASE_URL": f"sqlite:///{tmp_path / 'sensorbot.db'}",
                   "SENSORBOT_DEFAULT_LANGUAGE": lang, **env}  # fmt: skip
    imported = run_cli("import", str(_roster(tmp_path / "roster.xlsx")), cwd=tmp_path,
                       env=environment)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    status = run_cli("status", "IT2805-2026H", cwd=tmp_path, env=environment)
    assert status.returncode == 0, status.stderr
    return status.stdout


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nb", "Sensurfrist: torsdag 7. januar 2027 (innen kl. 23.59)"),
        ("en", "Grading deadline: Thursday 7 January 2027 (by 23:59)"),
    ],
)
def test_fifteen_working_days_without_the_christmas_holidays(tmp_path, lang, line):
    assert line in _status_after_import(tmp_path, lang)


def test_closed_days_over_christmas_move_it_a_week(tmp_path):
    status = _status_after_import(tmp_path, "en", SENSORBOT_CLOSED_DAYS="12-24..12-31")
    assert "Grading deadline: Thursday 14 January 2027 (by 23:59)" in status


def test_a_re_import_under_new_closed_days_says_the_deadline_moved(tmp_path):
    environment = {"DATABASE_URL": f"sqlite:///{tmp_path / 'sensorbot.db'}",
                   "SENSORBOT_DEFAULT_LANGUAGE": "en"}  # fmt: skip
    roster = str(_roster(tmp_path / "roster.xlsx"))
    first = run_cli("import", roster, cwd=tmp_path, env=environment)
    assert first.returncode == 0, first.stderr
    assert "worked out again" not in first.stdout
    again = run_cli("import", roster, cwd=tmp_path,
                    env={**environment, "SENSORBOT_CLOSED_DAYS": "12-24..12-31"})  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert (
        "The grading deadline of IT2805-2026H was worked out again by today's rules: "
        "Thursday 14 January 2027 (by 23:59); it was Thursday 7 January 2027 (by 23:59)."
    ) in again.stdout
    unchanged = run_cli("import", roster, cwd=tmp_path,
                        env={**environment, "SENSORBOT_CLOSED_DAYS": "12-24..12-31"})  # fmt: skip
    assert "worked out again" not in unchanged.stdout
