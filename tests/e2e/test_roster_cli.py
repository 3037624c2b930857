"""`sensorbot import FILE.xlsx` and `sensorbot roster-template FILE.xlsx` as a consultant
runs them, in Norwegian and in English."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import t
from bot.roster import RosterError, import_roster
from models.db import make_engine
from tests.e2e.test_cli import run_cli
from tests.unit.roster.test_roster_after_results import TESTS_HEADER, after_results_sheets
from tests.unit.roster.test_roster_import import (
    BROKEN_PROBLEMS,
    INSTRUCTIONS_FIRST_LINE,
    INSTRUCTIONS_HEADER,
    INSTRUCTIONS_TITLE,
    broken_sheets,
    good_sheets,
    read_instructions,
    snapshot,
    write_workbook,
)

OSLO = ZoneInfo("Europe/Oslo")

SUMMARY = {
    "nb": [
        "Tests, kolonne O `notes`: ikke en kolonne Sensorbot kjenner; den ble ikke lest.",
        "Tests: 3 opprettet, 0 endret, 0 uendret",
        "Graders: 3 opprettet, 0 endret, 0 uendret",
        "Committees: 5 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Candidates: 7 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Departments: 2 opprettet, 0 endret, 0 uendret",
        "Explanations: 0 opprettet, 0 endret, 0 uendret; av de nye og endrede kom 0 for sent",
        "Complaints: 0 opprettet, 0 endret, 0 uendret; av de nye og endrede kom 0 for sent",
        "Åpnet for sensur ved denne importen: EXPH0300-2026H",
    ],
    "en": [
        "Tests, column O `notes`: not a column Sensorbot knows; it was not read.",
        "Tests: 3 created, 0 updated, 0 unchanged",
        "Graders: 3 created, 0 updated, 0 unchanged",
        "Committees: 5 created, 0 updated, 0 unchanged, 0 removed",
        "Candidates: 7 created, 0 updated, 0 unchanged, 0 removed",
        "Departments: 2 created, 0 updated, 0 unchanged",
        "Explanations: 0 created, 0 updated, 0 unchanged; of the new and updated, 0 came late",
        "Complaints: 0 created, 0 updated, 0 unchanged; of the new and updated, 0 came late",
        "Opened for marking by this import: EXPH0300-2026H",
    ],
}

STATUS_PROBLEM = {
    "nb": "  Candidates rad 2, kolonne status: 'sumbitted' — "
    "tillatt: submitted, absent, redelivery",
    "en": "  Candidates row 2, column status: 'sumbitted' — allowed: submitted, absent, redelivery",
}


def import_cli(path: Path, database: Path, lang: str):
    return run_cli(
        "import",
        str(path),
        cwd=path.parent,
        env={"DATABASE_URL": f"sqlite:///{database}", "SENSORBOT_DEFAULT_LANGUAGE": lang},
    )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_good_workbook_exits_0_with_the_counts(tmp_path: Path, lang: str) -> None:
    path = write_workbook(tmp_path / "roster.xlsx", good_sheets())

    result = import_cli(path, tmp_path / "s.db", lang)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == SUMMARY[lang]
    assert result.stderr == ""  # no migration chatter from Alembic


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_broken_workbook_exits_non_zero_listing_every_problem_and_stores_nothing(
    tmp_path: Path, lang: str
) -> None:
    database = tmp_path / "s.db"
    good = import_cli(write_workbook(tmp_path / "good.xlsx", good_sheets()), database, lang)
    assert good.returncode == 0, good.stderr
    engine = make_engine(f"sqlite:///{database}")
    before = snapshot(engine)
    broken = write_workbook(tmp_path / "broken.xlsx", broken_sheets())

    result = import_cli(broken, database, lang)

    assert result.returncode == 1
    assert result.stdout == ""
    assert snapshot(engine) == before
    heading, *problem_lines = result.stderr.splitlines()
    assert heading == t(lang, "cli.import.rejected", count=len(BROKEN_PROBLEMS))
    assert STATUS_PROBLEM[lang] in problem_lines
    # The same problems, in the same order and the chosen language, as the import names.
    with pytest.raises(RosterError) as error:
        import_roster(engine, broken, OSLO)
    assert problem_lines == [f"  {p.render(lang)}" for p in error.value.problems]
    assert len(problem_lines) == len(BROKEN_PROBLEMS)
    engine.dispose()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_roster_template_writes_its_instructions_in_the_default_language(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "roster.xlsx"

    result = run_cli(
        "roster-template",
        str(path),
        cwd=tmp_path,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}", "SENSORBOT_DEFAULT_LANGUAGE": lang},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == t(lang, "cli.template.written", path=path)
    title, general, header, _ = read_instructions(path)
    assert (title, general[0], header) == (
        INSTRUCTIONS_TITLE[lang],
        INSTRUCTIONS_FIRST_LINE[lang],
        INSTRUCTIONS_HEADER[lang],
    )


def test_a_workbook_with_explanations_and_complaints_imports_then_one_breaking_11_11_is_refused(
    tmp_path: Path,
) -> None:
    database = tmp_path / "s.db"
    sheets = after_results_sheets()
    sheets["Tests"][0] = [*TESTS_HEADER, "grading_deadlne"]  # misspelt: a warning, not a problem

    good = import_cli(write_workbook(tmp_path / "good.xlsx", sheets), database, "en")

    assert good.returncode == 0, good.stderr
    lines = good.stdout.splitlines()
    assert lines[0] == (
        "Tests, column L `grading_deadlne`: not a column Sensorbot knows — did you mean "
        "`grading_deadline`? It was not read, so grading_deadline took its default."
    )
    assert (
        "Explanations: 2 created, 0 updated, 0 unchanged; of the new and updated, 1 came late"
        in (lines)
    )
    assert "Complaints: 2 created, 0 updated, 0 unchanged; of the new and updated, 0 came late" in (
        lines
    )
    engine = make_engine(f"sqlite:///{database}")
    before = snapshot(engine)
    # Kari, the complaint committee's external grader, gives way to an internal one.
    broken = after_results_sheets()
    broken["Committees"][3][2] = "per@ntnu.no"
    broken["Tests"][0] = [*TESTS_HEADER, "grading_deadlne"]  # named beside the problems too

    result = import_cli(write_workbook(tmp_path / "broken.xlsx", broken), database, "nb")

    assert result.returncode == 1
    assert result.stdout == ""
    heading, *problem_lines, warning = result.stderr.splitlines()
    assert heading == t("nb", "cli.import.rejected", count=1)
    assert warning.startswith("Tests, kolonne L `grading_deadlne`") and "`grading_deadline`" in (
        warning
    )
    assert problem_lines == [
        "  Committees rad 4, kolonne committee: 'KL1' — klagekommisjonen KL1 har ingen ekstern "
        "sensor; ved klagesensur skal minst én av sensorene være ekstern (universitets- og "
        "høyskoleloven § 11-11)"
    ]
    assert snapshot(engine) == before
    engine.dispose()
