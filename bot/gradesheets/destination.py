"""Where a test's grades are set (SPEC §2.6): in Inspera, or collected in Sensorbot for the
study consultant to put into Inspera. Every message about a sheet's grades says which."""

from __future__ import annotations

from enum import StrEnum

from models.tables import Test


class GradesGoTo(StrEnum):
    sensorbot = "sensorbot"  # collected and approved here; the consultant imports the export
    inspera = "inspera"  # set in Inspera; a checked sheet comes back to import there


def where_grades_go(test: Test) -> GradesGoTo:
    """The test's `grading_in`."""
    return GradesGoTo(test.grading_in)
