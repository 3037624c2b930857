"""The `sensorbot` command (SPEC §9.1)."""

from __future__ import annotations

import argparse
import functools
import getpass
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import Engine

from bot.i18n import t
from bot.settings import Settings
from bot.ui.local_time import local_text
from models.db import StoreUnreachable, UnsupportedStoreUrl, check_reachable, make_engine, upgrade
from models.types import utcnow

if TYPE_CHECKING:
    from bot.gradesheets.export import InsperaExport

logger = logging.getLogger("sensorbot")

Command = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Alembic announces every migration context at INFO; a consultant importing a roster
    # should see only the problems or the summary.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors():
            name = problem["loc"][0] if problem["loc"] else "?"
            print(f"sensorbot: {name}: {problem['msg']}", file=sys.stderr)
        return 2
    try:
        return args.handler(args, settings)
    except UnsupportedStoreUrl as error:
        print(_unsupported_url(settings.default_language, error), file=sys.stderr)
        return 2
    except StoreUnreachable as error:
        print(_unreachable(settings.default_language, error), file=sys.stderr)
        return 1


def _unsupported_url(lang: str, error: UnsupportedStoreUrl) -> str:
    if error.scheme is None:
        return t(lang, "cli.store.not_a_url")
    return t(lang, "cli.store.unsupported_scheme", scheme=error.scheme)


def _unreachable(lang: str, error: StoreUnreachable) -> str:
    if error.host is None:
        return t(lang, "cli.store.sqlite_unreachable", path=error.database, detail=error.detail)
    return t(
        lang,
        "cli.store.postgres_unreachable",
        host=error.host,
        port=error.port,
        database=error.database,
        detail=error.detail,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sensorbot", description="Sensorbot for Inspera grading")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("run", help="serve Slack (Socket Mode or HTTP) and run the scheduler")
    commands.choices["run"].set_defaults(handler=cmd_run)

    db = commands.add_parser("db", help="store maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(handler=cmd_db_upgrade)

    importer = commands.add_parser("import", help="import a roster workbook")
    importer.add_argument("file")
    importer.set_defaults(handler=cmd_import)

    template = commands.add_parser("roster-template", help="write an empty roster workbook")
    template.add_argument("file")
    template.set_defaults(handler=cmd_roster_template)

    export = commands.add_parser("export", help="write a test's final grades for Inspera")
    export.add_argument("test_id")
    export.add_argument("file")
    export.add_argument(
        "--complaints",
        action="store_true",
        help="the final complaint grades instead, apart from the ordinary export",
    )
    export.set_defaults(handler=cmd_export)

    tick = commands.add_parser("tick", help="run one scheduler pass (detect, enqueue, dispatch)")
    tick.add_argument("--now", help="simulated clock, ISO 8601 (local time without an offset)")
    tick.set_defaults(handler=cmd_tick)

    opener = commands.add_parser("open", help="open a test for marking")
    opener.add_argument("test_id")
    opener.add_argument("--now", help="simulated clock, ISO 8601 (local time without an offset)")
    opener.set_defaults(handler=cmd_open)

    status = commands.add_parser("status", help="tests with state, blockers, deadline, outbox")
    status.add_argument("test_id", nargs="?")
    status.add_argument("--all", action="store_true", help="also tests long past their deadline")
    status.add_argument("--now", help="simulated clock, ISO 8601 (local time without an offset)")
    status.set_defaults(handler=cmd_status)

    demo = commands.add_parser("demo", help="try Sensorbot in a browser, without Slack")
    demo.add_argument("--port", type=int, default=3000, help="the page's port on 127.0.0.1")
    demo.add_argument("--open", action="store_true", help="open the page in a browser")
    demo.add_argument("--dir", help="keep the store here (default: a temporary folder)")
    demo.set_defaults(handler=cmd_demo)
    inspera = commands.add_parser("inspera", help="the Inspera connector")
    inspera_commands = inspera.add_subparsers(dest="inspera_command", required=True)
    sync = inspera_commands.add_parser("sync", help="read tests from Inspera, report differences")
    sync.add_argument("test_ids", nargs="*", metavar="TEST_ID")
    sync.set_defaults(handler=cmd_inspera_sync)
    return parser


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    lang = settings.default_language
    missing = settings.missing_for_run()
    if missing:
        print(t(lang, "cli.run.missing", names=", ".join(missing)), file=sys.stderr)
        return 2
    from bot.app import (
        STARTUP_CHECK_TIMEOUT_SECONDS,
        SlackRefusedToken,
        SlackUnavailable,
        check_bot_token,
        create_app,
    )
    from bot.runtime import Runtime
    from bot.server import serve_http, serve_socket_mode

    try:
        check_bot_token(settings)
    except SlackRefusedToken as error:
        print(t(lang, "cli.run.token_refused", error=error.error), file=sys.stderr)
        return 2
    except SlackUnavailable as error:
        key = "cli.run.slack_error" if error.answered else "cli.run.slack_unreachable"
        seconds = STARTUP_CHECK_TIMEOUT_SECONDS
        print(t(lang, key, url=error.url, seconds=seconds, detail=error.detail), file=sys.stderr)
        return 1
    with migrated_store(settings) as engine:
        runtime = Runtime(settings, engine)
        if not settings.slack_app_token:
            serve_http(runtime)  # the scheduler runs in its work process
            return 0
        app = create_app(runtime)
        scheduler = None
        if settings.scheduler_enabled:
            from bot.scheduling.scheduler import Scheduler

            scheduler = Scheduler(runtime)
            scheduler.start()
        try:
            serve_socket_mode(app, settings.slack_app_token)
        finally:
            if scheduler is not None:
                scheduler.shutdown()
    return 0


@contextmanager
def migrated_store(settings: Settings) -> Iterator[Engine]:
    """The store at DATABASE_URL, migrated to the newest version, closed afterwards.

    Raises UnsupportedStoreUrl or StoreUnreachable, which `main` turns into one line."""
    engine = make_engine(settings.database_url)
    try:
        check_reachable(engine)
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    with migrated_store(settings):
        print(t(settings.default_language, "cli.db.upgraded"))
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.roster import RosterError, import_roster

    lang = settings.default_language
    try:
        with migrated_store(settings) as engine:
            report = import_roster(
                engine,
                args.file,
                settings.tz,
                progress=_progress_printer(lang),
                deadline_rule=settings.deadline_rule,
            )
    except RosterError as error:
        print(t(lang, "cli.import.rejected", count=len(error.problems)), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.render(lang)}", file=sys.stderr)
        for warning in error.warnings:
            print(warning.render(lang), file=sys.stderr)
        return 1
    for line in report.lines(lang):
        print(line)
    return 0


def cmd_roster_template(args: argparse.Namespace, settings: Settings) -> int:
    from bot.roster import write_roster_template

    lang = settings.default_language
    write_roster_template(args.file, lang)
    print(t(lang, "cli.template.written", path=args.file))
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.exams.which import WhichProblem, which_test
    from bot.gradesheets.export import export_complaint_grades, export_final_grades
    from models.db import session_scope

    lang = settings.default_language
    with migrated_store(settings) as engine, session_scope(engine) as session:
        query = which_test(session, args.test_id)
        if query.test is None:
            key = (
                "gradesheet.command.ambiguous_test"
                if query.problem == WhichProblem.ambiguous
                else "gradesheet.command.no_test_named"
            )
            tests = ", ".join(test.test_id for test in query.matches)
            print(t(lang, key, text=args.test_id, tests=tests), file=sys.stderr)
            return 1
        if args.complaints:
            complaints = export_complaint_grades(session, query.test.test_id)
            return _write_complaints(complaints, query.test.test_id, args.file, lang)
        export = export_final_grades(session, query.test.test_id)
    with open(args.file, "wb") as out:
        out.write(export.content)
    print(
        t(
            lang,
            "gradesheet.export.written",
            path=args.file,
            candidate_count=export.candidates,
            graded_count=export.graded,
        )
    )
    return 0


def _write_complaints(export: InsperaExport | None, test_id: str, path: str, lang: str) -> int:
    """The final complaint grades to `path`; refused, with nothing written, when none is
    final yet."""
    if export is None:
        print(t(lang, "complaints.export.none_final", test=test_id), file=sys.stderr)
        return 1
    with open(path, "wb") as out:
        out.write(export.content)
    print(t(lang, "complaints.export.written", path=path, count=export.candidates))
    return 0


def _progress_printer(lang: str) -> Callable[[str, int, int], None] | None:
    """A one-line progress indication in `lang`, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        end = "\n" if done >= total else ""
        name = t(lang, f"roster.stage.{stage}")
        sys.stderr.write(f"\r{name}: {done}/{total} ({percent}%)" + end)
        sys.stderr.flush()

    return show


def parse_now(value: str | None, settings: Settings) -> datetime:
    """`--now`: ISO 8601; without an offset it is local time in SENSORBOT_TIMEZONE."""
    if value is None:
        return utcnow()
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.tz)
    return moment.astimezone(UTC)


def _clock(args: argparse.Namespace, settings: Settings) -> datetime | None:
    try:
        return parse_now(args.now, settings)
    except ValueError:
        print(t(settings.default_language, "cli.now.invalid", value=args.now), file=sys.stderr)
        return None


def cmd_tick(args: argparse.Namespace, settings: Settings) -> int:
    lang = settings.default_language
    now = _clock(args, settings)
    if now is None:
        return 2
    if not settings.slack_bot_token:
        print(t(lang, "cli.tick.missing"), file=sys.stderr)
        return 2
    from bot.runtime import Runtime
    from bot.scheduling.scheduler import Scheduler

    with migrated_store(settings) as engine:
        report = Scheduler(Runtime(settings, engine)).run_pass(now)
    for line in tick_lines(report, settings):
        print(line)
    return 0 if report.ok else 1


def tick_lines(report, settings: Settings) -> list[str]:
    lang = settings.default_language
    steps = ", ".join(f"{name} {count}" for name, count in report.enqueued.items())
    lines = [
        t(lang, "cli.tick.pass", now=local_text(report.now, settings.tz)),
        t(lang, "cli.tick.enqueued", count=sum(report.enqueued.values()), steps=steps),
        t(
            lang,
            "cli.tick.dispatched",
            **{
                outcome: report.total(outcome)
                for outcome in (
                    "sent",
                    "rate_limited",
                    "retrying",
                    "failed",
                    "undeliverable",
                    "reclaimed",
                )
            },
        ),
    ]
    if report.failed_steps:
        lines.append(t(lang, "cli.tick.failed_steps", steps=", ".join(report.failed_steps)))
    return lines


def cmd_open(args: argparse.Namespace, settings: Settings) -> int:
    from bot.opening.service import AlreadyOpen, Opened, open_test
    from bot.ui.opening import refusal_lines
    from models.db import session_scope
    from models.tables import Test

    lang = settings.default_language
    now = _clock(args, settings)
    if now is None:
        return 2
    with migrated_store(settings) as engine, session_scope(engine) as session:
        test = session.get(Test, args.test_id.strip())
        if test is None:
            print(t(lang, "cli.open.unknown_test", test=args.test_id), file=sys.stderr)
            return 1
        result = open_test(session, test, f"cli:{getpass.getuser()}", now)
        match result:
            case Opened(graders=graders):
                print(t(lang, "open.opened", test=test.test_id, grader_count=graders))
                return 0
            case AlreadyOpen(opened_at=opened_at):
                when = local_text(opened_at, settings.tz)
                print(t(lang, "open.already_open", test=test.test_id, when=when))
                return 0
        plain = functools.partial(local_text, tz=settings.tz)
        for line in refusal_lines(lang, test, result.readiness, plain):
            print(line, file=sys.stderr)
        return 1


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.inspera.terminal import status_lines as inspera_status_lines
    from bot.scheduling.status import status_report
    from bot.scheduling.status_text import status_lines
    from models.db import session_scope
    from models.tables import Test

    lang = settings.default_language
    now = _clock(args, settings)
    if now is None:
        return 2
    with migrated_store(settings) as engine, session_scope(engine) as session:
        test = None
        if args.test_id:
            test = session.get(Test, args.test_id.strip())
            if test is None:
                print(t(lang, "cli.status.unknown_test", test=args.test_id), file=sys.stderr)
                return 1
        report = status_report(session, now, test=test, everything=args.all)
        lines = status_lines(report, settings, now, detailed=test is not None)
        if test is not None:  # after the test's own lines, before the outbox's
            end = lines.index("") if "" in lines else len(lines)
            lines[end:end] = inspera_status_lines(session, test, settings)
    for line in lines:
        print(line)
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from bot.demo import run_demo

    folder = Path(args.dir).expanduser().resolve() if args.dir else None
    try:
        return run_demo(settings, args.port, folder=folder, open_browser=args.open)
    except OSError as error:
        detail = error.strerror or str(error)
        message = t(settings.default_language, "demo.cli.port_taken", port=args.port, detail=detail)
        print(message, file=sys.stderr)
        return 1


def cmd_inspera_sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.inspera.terminal import run_sync

    missing = settings.missing_for_inspera()
    if missing:
        names = ", ".join(missing)
        print(
            t(settings.default_language, "inspera.cli.not_configured", names=names), file=sys.stderr
        )
        return 2
    with migrated_store(settings) as engine:
        return run_sync(engine, settings, args.test_ids, utcnow(), sys.stdout, sys.stderr)
