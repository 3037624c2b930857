"""The connector on the consultant's terminal: `sensorbot inspera sync [TEST_ID …]` and
the Inspera lines of `sensorbot status TEST`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from sqlalchemy import Engine
from sqlmodel import Session

from bot.i18n import t
from bot.inspera.client import shared_client
from bot.inspera.differences import Difference, DifferenceKind, committees_text
from bot.inspera.failures import FailureKind, InsperaFailure
from bot.inspera.stored import final_grades_confirmed
from bot.inspera.sync import SyncResult, sync_state, sync_test, syncable_tests
from bot.settings import Settings
from bot.ui.local_time import local_text
from models.db import session_scope
from models.tables import Test

_DIFFERENCE_KEYS = {
    DifferenceKind.missing_in_inspera: "inspera.cli.missing_in_inspera",
    DifferenceKind.missing_in_roster: "inspera.cli.missing_in_roster",
    DifferenceKind.other_email: "inspera.cli.other_email",
    DifferenceKind.other_committee: "inspera.cli.other_committee",
}
_FAILURE_KEYS = {
    FailureKind.unreachable: "inspera.failure.unreachable",
    FailureKind.timeout: "inspera.failure.timeout",
    FailureKind.wrong_key: "inspera.failure.wrong_key",
    FailureKind.busy: "inspera.failure.busy",
    FailureKind.server_error: "inspera.failure.server_error",
    FailureKind.refused: "inspera.failure.refused",
    FailureKind.not_found: "inspera.failure.not_found",
    FailureKind.not_json: "inspera.failure.not_json",
    FailureKind.reported_errors: "inspera.failure.reported_errors",
    FailureKind.malformed: "inspera.failure.malformed",
}


def failure_text(lang: str, kind: str, detail: str | None, inspera_id: str | None) -> str:
    key = _FAILURE_KEYS[FailureKind(kind)]
    return t(lang, key, detail=detail or "", inspera_id=inspera_id)


def run_sync(
    engine: Engine,
    settings: Settings,
    test_ids: Sequence[str],
    now: datetime,
    out: TextIO,
    err: TextIO,
) -> int:
    """Read the named tests (or every test with an Inspera id not yet transferred) and
    print what was found; 0 when every reading succeeded. Named tests that do not exist or
    have no Inspera id are refused before anything is read."""
    lang = settings.default_language
    with session_scope(engine) as session:
        wanted, problems = _named_tests(session, test_ids, lang)
        if not test_ids:
            wanted = syncable_tests(session)
        inspera_ids = {test_id: session.get(Test, test_id) for test_id in wanted}
    if problems:
        for line in problems:
            print(line, file=err)
        return 1
    if not wanted:
        print(t(lang, "inspera.cli.nothing"), file=out)
        return 0
    client = shared_client(settings)
    failed = False
    for number, test_id in enumerate(wanted):
        result = sync_test(engine, client, test_id, now, settings)
        test = inspera_ids[test_id]
        inspera_id = test.inspera_test_id if test else None
        _print_result(result, lang, inspera_id, out, err)
        failed = failed or not result.ok
        if (
            result.failure is not None
            and result.failure.connector_wide
            and number + 1 < len(wanted)
        ):
            reason = _reason(lang, result.failure, inspera_id)
            print(
                t(lang, "inspera.cli.stopped", reason=reason, count=len(wanted) - number - 1),
                file=err,
            )
            return 1
    return 1 if failed else 0


def _named_tests(
    session: Session, test_ids: Sequence[str], lang: str
) -> tuple[list[str], list[str]]:
    wanted: list[str] = []
    problems: list[str] = []
    for text in test_ids:
        test = session.get(Test, text.strip())
        if test is None:
            problems.append(t(lang, "inspera.cli.unknown_test", test=text))
        elif not test.inspera_test_id:
            problems.append(t(lang, "inspera.cli.no_inspera_id", test=test.test_id))
        elif test.test_id not in wanted:
            wanted.append(test.test_id)
    return wanted, problems


def _reason(lang: str, failure: InsperaFailure, inspera_id: str | None) -> str:
    return failure_text(lang, failure.kind.value, failure.detail, inspera_id)


def _print_result(
    result: SyncResult, lang: str, inspera_id: str | None, out: TextIO, err: TextIO
) -> None:
    if result.failure is not None:
        reason = _reason(lang, result.failure, inspera_id)
        print(t(lang, "inspera.cli.failed", test=result.test_id, reason=reason), file=err)
        return
    print(t(lang, "inspera.cli.read", test=result.test_id, count=len(result.current)), file=out)
    for difference in result.current:
        print(terminal_line(lang, difference), file=out)
    if result.current:
        print(t(lang, "inspera.cli.told", count=len(result.told)), file=out)


def status_lines(session: Session, test: Test, settings: Settings) -> list[str]:
    """What `sensorbot status TEST` says about Inspera: nothing for a test without an
    Inspera id; else the last reading, its differences or its error, and whether Inspera
    confirmed the final grades."""
    if not test.inspera_test_id:
        return []
    lang = settings.default_language
    tz = settings.tz
    state = sync_state(session, test.test_id)
    lines: list[str] = []
    if state is None:
        lines.append(t(lang, "inspera.status.never", inspera_id=test.inspera_test_id))
    if state is not None and state.error_kind is not None and state.error_at is not None:
        reason = failure_text(lang, state.error_kind, state.error_detail, test.inspera_test_id)
        lines.append(
            t(lang, "inspera.status.failed", when=local_text(state.error_at, tz), reason=reason)
        )
    if state is not None and state.synced_at is not None:
        count = len(state.differences)
        when = local_text(state.synced_at, tz)
        lines.append(t(lang, "inspera.status.read", when=when, count=count))
        lines += [terminal_line(lang, difference) for difference in state.differences]
    confirmed = final_grades_confirmed(session, test.test_id)
    if confirmed is not None:
        lines.append(t(lang, "inspera.status.final_confirmed", when=local_text(confirmed, tz)))
    return lines


def terminal_line(lang: str, difference: Difference) -> str:
    """A difference for the consultant's terminal, addresses in full (their roster's)."""
    key = _DIFFERENCE_KEYS[difference.kind]
    return t(
        lang,
        key,
        name=difference.name or "?",
        email=difference.grader_email or difference.inspera_email or "?",
        user_id=difference.inspera_user_id or "?",
        inspera_email=difference.inspera_email or t(lang, "inspera.address.none"),
        committees=committees_text(
            lang, difference.roster_committees or difference.inspera_committees
        ),
        roster=committees_text(lang, difference.roster_committees),
        inspera=committees_text(lang, difference.inspera_committees),
    )
