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
        "Tests: 3 opprettet, 0 endret, 0 uendret",
        "Graders: 3 opprettet, 0 endret, 0 uendret",
        "Committees: 5 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Candidates: 7 opprettet, 0 endret, 0 uendret, 0 fjernet",
        "Departments: 2 opprettet, 0 endret, 0 uendret",
        "Åpnet for sensur ved denne importen: EXPH0300-2026H",
    ],
    "en": [
        "Tests: 3 created, 0 updated, 0 unchanged",
        "Graders: 3 created, 0 updated, 0 unchanged",
        "Committees: 5 created, 0 updated, 0 unchanged, 0 removed",
        "Candidates: 7 created, 0 updated, 0 unchanged, 0 removed",
        "Departments: 2 created, 0 updated, 0 unchanged",
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
