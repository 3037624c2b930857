"""The demo's sample roster: NTNU-like tests, graders and a consultant, dated from today.

Written as a roster workbook (SPEC §9.4) and imported through the same import a consultant
uses, so the demo shows the product as it is, not a store filled by hand:

- TDT4100 (written, marked in Inspera), opened for marking yesterday: an internal and an
  external grader in two committees;
- TDT4145 (oral, a registration-only test whose grades are set in Sensorbot), opened:
  the same two graders in one committee, shared marking, one final approval for all;
- TDT4120, whose submission deadline is still ahead;
- TDT4160, whose deadline has passed but which cannot open: candidates without a committee,
  and one still open for redelivery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import Engine

from bot.i18n import Language
from bot.roster import ImportReport, import_roster


@dataclass(frozen=True)
class DemoPerson:
    """Someone the page can show the workspace as: their Slack user and their role."""

    user_id: str
    name: str
    email: str
    locale: str
    role_key: str  # the catalog text naming their role
    chosen_language: Language | None = None  # as if they had pressed "In English"


GRADER = DemoPerson("UKARI", "Kari Nordmann", "kari.nordmann@ntnu.no", "nb-NO", "demo.role.grader")
# The external grader reads English: he has chosen it, as a Slack locale alone would not.
EXTERNAL = DemoPerson(
    "UJOHN", "John Smith", "john.smith@uib.no", "en-GB", "demo.role.external", "en"
)
CONSULTANT = DemoPerson(
    "UINGRID", "Ingrid Berg", "ingrid.berg@ntnu.no", "nb-NO", "demo.role.consultant"
)
PEOPLE: tuple[DemoPerson, ...] = (GRADER, EXTERNAL, CONSULTANT)

WRITTEN_TEST = "TDT4100-2026H"
ORAL_TEST = "TDT4145-2026H-M"
UPCOMING_TEST = "TDT4120-2026H"
BLOCKED_TEST = "TDT4160-2026H"

# The oral test's candidates: two attended, one did not.
ORAL_CANDIDATES = ("30101", "30102")
ORAL_ABSENT = "30103"

Row = Sequence[object]


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _tests(now: datetime) -> list[Row]:
    today = now.replace(hour=9, minute=0, second=0, microsecond=0)
    consultant = CONSULTANT.email
    header = (
        "test_id",
        "course_code",
        "title",
        "department",
        "consultant_emails",
        "submission_deadline",
        "grade_scale",
        "marking_mode",
        "final_approval",
        "opened_for_marking",
        "guideline_published",
        "registration_only",
        "oral_or_practical",
        "grading_in",
    )
    return [
        header,
        (
            WRITTEN_TEST,
            "TDT4100",
            "Objektorientert programmering",
            "IDI",
            consultant,
            _when(today - timedelta(days=3)),
            "letter",
            "private",
            "all",
            _when(today - timedelta(days=1)),
            "yes",
            "no",
            "no",
            "inspera",
        ),
        (
            ORAL_TEST,
            "TDT4145",
            "Datamodellering, muntlig eksamen",
            "IDI",
            consultant,
            _when(today - timedelta(days=2)),
            "letter",
            "shared",
            "one",
            _when(today - timedelta(days=1)),
            "yes",
            "yes",
            "yes",
            "sensorbot",
        ),
        (
            UPCOMING_TEST,
            "TDT4120",
            "Algoritmer og datastrukturer",
            "IDI",
            consultant,
            _when(today + timedelta(days=5)),
            "letter",
            "private",
            "all",
            "",
            "",
            "no",
            "no",
            "",
        ),
        (
            BLOCKED_TEST,
            "TDT4160",
            "Datamaskiner og digitalteknikk",
            "IDI",
            consultant,
            _when(today - timedelta(days=2)),
            "passfail",
            "private",
            "all",
            "",
            "no",
            "no",
            "no",
            "",
        ),
    ]


def _graders() -> list[Row]:
    return [
        (
            "email",
            "name",
            "kind",
            "appointed",
            "access_agreement",
            "norwegian_id",
            "university_user_activated",
        ),
        (GRADER.email, GRADER.name, "internal", "", "", "yes", "yes"),
        (EXTERNAL.email, EXTERNAL.name, "external", "yes", "yes", "no", "yes"),
    ]


def _committees() -> list[Row]:
    return [
        ("test_id", "committee", "grader_email"),
        (WRITTEN_TEST, "K1", GRADER.email),
        (WRITTEN_TEST, "K1", EXTERNAL.email),
        (WRITTEN_TEST, "K2", GRADER.email),
        (WRITTEN_TEST, "K2", EXTERNAL.email),
        (ORAL_TEST, "K1", GRADER.email),
        (ORAL_TEST, "K1", EXTERNAL.email),
        (UPCOMING_TEST, "K1", GRADER.email),
        (BLOCKED_TEST, "K1", GRADER.email),
    ]


def _candidates() -> list[Row]:
    rows: list[Row] = [("test_id", "candidate_id", "committee", "status")]
    rows += [(WRITTEN_TEST, str(10201 + i), "K1", "submitted") for i in range(4)]
    rows += [(WRITTEN_TEST, str(10301 + i), "K2", "submitted") for i in range(3)]
    rows += [(WRITTEN_TEST, "10304", "K2", "absent")]
    rows += [(ORAL_TEST, candidate, "K1", "submitted") for candidate in ORAL_CANDIDATES]
    rows += [(ORAL_TEST, ORAL_ABSENT, "K1", "absent")]
    rows += [(UPCOMING_TEST, str(20101 + i), "K1", "submitted") for i in range(3)]
    rows += [(BLOCKED_TEST, "40101", "K1", "submitted")]
    rows += [(BLOCKED_TEST, str(40102 + i), "", "submitted") for i in range(2)]
    rows += [(BLOCKED_TEST, "40104", "K1", "redelivery")]
    return rows


def write_sample_roster(path: Path, now: datetime, tz: ZoneInfo) -> Path:
    """The sample roster as a workbook at `path`, its dates around `now` (local in `tz`)."""
    local_now = now.astimezone(tz)
    sheets: Iterable[tuple[str, list[Row]]] = (
        ("Tests", _tests(local_now)),
        ("Graders", _graders()),
        ("Committees", _committees()),
        ("Candidates", _candidates()),
    )
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def import_sample_roster(engine: Engine, folder: Path, now: datetime, tz: ZoneInfo) -> ImportReport:
    """Write the sample roster into `folder` and import it, as `sensorbot import` would."""
    path = write_sample_roster(folder / "demo-roster.xlsx", now, tz)
    return import_roster(engine, path, tz)
