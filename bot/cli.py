"""The `sensorbot` command (SPEC §9.1)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from bot.i18n import t
from bot.settings import Settings
from models.db import make_engine, upgrade

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
    return args.handler(args, settings)


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
    export.set_defaults(handler=cmd_export)
    return parser


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    missing = settings.missing_for_run()
    if missing:
        lang = settings.default_language
        print(t(lang, "cli.run.missing", names=", ".join(missing)), file=sys.stderr)
        return 2
    from bot.app import create_app
    from bot.runtime import Runtime
    from bot.server import serve_http, serve_socket_mode

    engine = make_engine(settings.database_url)
    upgrade(engine)
    runtime = Runtime(settings, engine)
    app = create_app(runtime)
    try:
        if settings.slack_app_token:
            serve_socket_mode(app, settings.slack_app_token)
        else:
            serve_http(app, runtime)
    finally:
        engine.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    upgrade(make_engine(settings.database_url))
    print(t(settings.default_language, "cli.db.upgraded"))
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.roster import RosterError, import_roster

    lang = settings.default_language
    engine = make_engine(settings.database_url)
    upgrade(engine)
    try:
        report = import_roster(engine, args.file, settings.tz, progress=_progress_printer(lang))
    except RosterError as error:
        print(t(lang, "cli.import.rejected", count=len(error.problems)), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.render(lang)}", file=sys.stderr)
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
    from bot.exams import find_test
    from bot.gradesheets.export import export_final_grades
    from models.db import session_scope

    lang = settings.default_language
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with session_scope(engine) as session:
        query = find_test(session, args.test_id)
        if query.test is None:
            key = (
                "gradesheet.command.ambiguous_test"
                if query.ambiguous
                else "gradesheet.command.no_test_named"
            )
            tests = ", ".join(test.test_id for test in query.matches)
            print(t(lang, key, text=args.test_id, tests=tests), file=sys.stderr)
            return 1
        export = export_final_grades(session, query.test.test_id)
    with open(args.file, "wb") as out:
        out.write(export.content)
    print(
        t(
            lang,
            "gradesheet.export.written",
            path=args.file,
            candidates=export.candidates,
            graded=export.graded,
        )
    )
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
