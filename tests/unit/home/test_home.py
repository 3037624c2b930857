"""What the Home tab shows a grader and a consultant (`bot.home.overview`), on both stores, and
that its Block Kit stays within Slack's limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.approvals import Phase
from bot.diagnosis.access import Finding, FindingKind
from bot.escalations import cases as escalations
from bot.exams.people import Roles, find_grader
from bot.exams.phase import TestState
from bot.home.overview import home_overview
from bot.opening.readiness import BlockerKind
from bot.ui.help import Audience
from bot.ui.home import home_blocks
from models.db import session_scope
from tests.support.factories import (
    T0,
    add_candidates,
    add_grader,
    add_membership,
    add_test,
    put_grades,
)
from tests.support.harness import make_settings

OLA = "ola@ntnu.no"
KARI = "kari@ntnu.no"
CONSULTANT = "konsulent@ntnu.no"
NOW = T0 + timedelta(days=2)


def roles(session, email: str, *, admin: bool = False, consultant_of=()) -> Roles:
    return Roles(email, find_grader(session, email), frozenset(consultant_of), admin, False)


def overview_of(engine, email: str, **kwargs):
    limit = kwargs.pop("limit", None)
    with session_scope(engine) as session:
        who = roles(session, email, **kwargs)
        if limit is None:
            return home_overview(session, who, NOW)
        return home_overview(session, who, NOW, limit=limit)


def texts(engine, email: str, lang: str = "en", **kwargs) -> str:
    with session_scope(engine) as session:
        who = roles(session, email, **kwargs)
        overview = home_overview(session, who, NOW)
        settings = make_settings("http://127.0.0.1:1", "sqlite://")
        blocks = home_blocks(lang, overview, settings.tz, Audience.of(who))
    assert len(blocks) <= 100
    return str([block.to_dict() for block in blocks])


@pytest.fixture
def two_tests(engine):
    """A-1 is open with Ola and Kari in committee 1; B-1 has not reached its deadline."""
    add_test(engine, "B-1", submission_deadline=T0 + timedelta(days=10), title="Later")
    add_test(engine, "A-1", opened_for_marking=T0 + timedelta(days=1), title="Programming")
    add_grader(engine, OLA)
    add_grader(engine, KARI)
    for grader in (OLA, KARI):
        add_membership(engine, "A-1", grader, "1")
    add_membership(engine, "B-1", OLA, "2")
    add_candidates(engine, "A-1", "1", ["101", "102", "103"])
    add_candidates(engine, "A-1", "1", ["104"], status="absent")
    add_candidates(engine, "B-1", "2", ["201"])
    put_grades(engine, "A-1", OLA, {"101": "A", "102": "B"})
    put_grades(engine, "A-1", KARI, {"101": "C"})


def test_grader_sees_open_tests_first_with_own_progress(engine, two_tests):
    overview = overview_of(engine, OLA)
    assert [g.test.test_id for g in overview.grader_tests] == ["A-1", "B-1"]
    opened, waiting = overview.grader_tests
    assert opened.state == TestState.open
    assert waiting.state == TestState.awaiting_deadline
    (progress,) = opened.committees
    assert (progress.committee, progress.graded, progress.submitted) == ("1", 2, 3)
    assert progress.phase == Phase.grading and not progress.own_approved
    assert waiting.committees[0].phase is None  # no phase before the test opens
    assert not overview.consultant_tests and overview.more_grader_tests == 0


def test_grader_never_sees_a_co_graders_progress(engine, two_tests):
    ola, kari = overview_of(engine, OLA), overview_of(engine, KARI)
    assert ola.grader_tests[0].committees[0].graded == 2
    assert kari.grader_tests[0].committees[0].graded == 1
    assert [g.test.test_id for g in kari.grader_tests] == ["A-1"]
    ola_text = texts(engine, OLA)
    assert "you have graded 2 of 3" in ola_text
    assert "1 of 3" not in ola_text and KARI not in ola_text
    kari_text = texts(engine, KARI)
    assert "you have graded 1 of 3" in kari_text and "2 of 3" not in kari_text


def test_grader_text_in_norwegian_with_norwegian_dates(engine, two_tests):
    text = texts(engine, OLA, "nb")
    assert "Åpen for vurdering" in text and "du har satt karakter på 2 av 3" in text
    assert "Sensurfrist" in text and "<!date" not in text
    assert "31. desember" in text  # the grading deadline as a date, in Norwegian words
    # Short help at the bottom, for a grader
    assert text.index("A-1") < text.index("Send meg karakterarket ditt")
    assert "/sensur åpne" not in text


def test_consultant_sees_blockers_phases_and_unresolved_escalations(engine, two_tests):
    add_test(engine, "C-1", title="Blocked")  # deadline passed, not opened
    add_membership(engine, "C-1", OLA, None)  # a grader in no committee blocks opening
    with session_scope(engine) as session:
        # Two cases: graders escalating the same blockers would share one.
        for grader, kind in ((OLA, FindingKind.no_committee), (KARI, FindingKind.not_on_test)):
            escalations.create_or_existing(
                session,
                test_id="C-1",
                grader_email=grader,
                grader_slack_user="U" + grader[:3],
                grader_name=None,
                findings=(Finding(kind),),
                now=NOW,
            )
        resolved = escalations.create_or_existing(
            session,
            test_id="A-1",
            grader_email=OLA,
            grader_slack_user="UOLA",
            grader_name=None,
            findings=(Finding(FindingKind.no_committee),),
            now=NOW,
        )
        escalations.resolve(session, resolved.escalation.id, actor=CONSULTANT, now=NOW)

    overview = overview_of(engine, CONSULTANT, consultant_of=("A-1", "C-1"))
    assert not overview.grader_tests
    by_id = {c.test.test_id: c for c in overview.consultant_tests}
    assert [c.test.test_id for c in overview.consultant_tests] == ["A-1", "C-1"]
    blocked = by_id["C-1"]
    assert blocked.state == TestState.awaiting_admin
    assert [b.kind for b in blocked.readiness.blockers] == [BlockerKind.graders_without_committee]
    assert blocked.unresolved_escalations == 2
    opened = by_id["A-1"]
    assert opened.readiness is None and opened.unresolved_escalations == 0
    assert [(c.committee, c.phase) for c in opened.committees] == [("1", Phase.grading)]

    text = texts(engine, CONSULTANT, consultant_of=("A-1", "C-1"))
    assert "Grader in no committee: 1" in text
    assert "2 escalations from graders are not resolved yet" in text
    assert "Committee 1: grading" in text
    assert "you have graded" not in text  # a consultant sees no one's grading counts


def test_admin_sees_only_their_own_consultant_tests(engine, two_tests):
    add_grader(engine, "admin@ntnu.no")
    overview = overview_of(engine, "admin@ntnu.no", admin=True)
    assert overview.empty
    assert "not listed as a grader" in texts(engine, "admin@ntnu.no", admin=True)


def test_long_lists_are_capped_and_point_to_status(engine):
    add_grader(engine, OLA)
    ids = [f"T{n:02}-1" for n in range(14)]
    for number, test_id in enumerate(ids):
        add_test(engine, test_id, grading_deadline=T0 + timedelta(days=30 + number))
        add_membership(engine, test_id, OLA, "1")
    overview = overview_of(engine, OLA, consultant_of=ids)
    assert [g.test.test_id for g in overview.grader_tests] == ids[:10]
    assert overview.more_grader_tests == 4 and overview.more_consultant_tests == 4
    text = texts(engine, OLA, consultant_of=ids)
    assert text.count("and 4 more tests – type `/sensur status`") == 2
