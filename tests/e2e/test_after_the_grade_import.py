"""From the consultant's workbook to the graders' DMs: explanation requests and complaints
imported by `import_roster` (the Explanations and Complaints sheets), then told by the
scheduler's passes through the fake Slack, as they would be after `sensorbot import`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.roster import import_roster
from bot.scheduling.scheduler import Scheduler
from models.db import session_scope
from models.tables import Complaint, ExplanationRequest
from tests.support.blocks import visible_text
from tests.support.scheduling import OSLO, oslo, posts_to
from tests.unit.roster.test_roster_after_results import after_results_sheets
from tests.unit.roster.test_roster_import import write_workbook

CONSULTANT = "kari.k@ntnu.no"


@pytest.fixture
def imported(running_bot, fake_slack, tmp_path: Path):
    """TDT4100-2026H, marked in Inspera and announced 5 January 2027: Ola and Eva graded
    committee K1; 101 asked in time, 102 more than a week after the announcement."""
    for user, email in (
        ("UOLA", "ola@ntnu.no"),
        ("UEVA", "eva@uio.no"),
        ("UPER", "per@ntnu.no"),
        ("UKARIK", "kari@uib.no"),
        ("UNILS", "nils@ntnu.no"),
        ("UKONS", CONSULTANT),
    ):
        fake_slack.add_user(user, email=email, locale="nb-NO")
    sheets = after_results_sheets()
    sheets["Tests"][0] = [*sheets["Tests"][0], "opened_for_marking"]
    for row in sheets["Tests"][1:]:
        row.append("2026-12-04 12:00")
    path = write_workbook(tmp_path / "roster.xlsx", sheets)
    report = import_roster(running_bot.runtime.engine, path, OSLO)
    assert report.explanations.created == 2
    return running_bot


def _about(fake_slack, user: str, candidate: str) -> list[dict]:
    return [m for m in posts_to(fake_slack, user) if f"Kandidat {candidate} " in visible_text(m)]


def test_imported_requests_reach_the_committee_once_and_a_late_one_is_flagged(imported, fake_slack):
    with session_scope(imported.runtime.engine) as session:
        late = {r.candidate_id: r.late for r in session.exec(select(ExplanationRequest))}
    assert late == {"101": False, "102": True}
    scheduler = Scheduler(imported.runtime)
    scheduler.run_pass(oslo(2027, 1, 13, 11, 0))
    scheduler.run_pass(oslo(2027, 1, 13, 11, 5))

    for user in ("UOLA", "UEVA"):
        assert len(_about(fake_slack, user, "101")) == 1
        assert len(_about(fake_slack, user, "102")) == 1
    assert not _about(fake_slack, "UPER", "101")
    flags = [m for m in posts_to(fake_slack, "UKONS") if "102" in visible_text(m)]
    assert len(flags) == 1 and "begrunnelse" in visible_text(flags[0])
    assert not [m for m in posts_to(fake_slack, "UKONS") if "Kandidat 101 " in visible_text(m)]


def test_an_imported_complaint_reaches_its_complaint_committee_only(imported, fake_slack):
    with session_scope(imported.runtime.engine) as session:
        committees = {
            c.candidate_id: c.complaint_committee for c in session.exec(select(Complaint))
        }
    assert committees["101"] == "KL1"
    Scheduler(imported.runtime).run_pass(oslo(2027, 1, 20, 11, 0))

    for user in ("UKARIK", "UNILS"):
        notices = [m for m in posts_to(fake_slack, user) if "klagekommisjon" in visible_text(m)]
        assert notices, f"{user} hears of the complaint"
        assert "101" in visible_text(notices[0])
    assert not [m for m in posts_to(fake_slack, "UOLA") if "klagekommisjon" in visible_text(m)]
