"""Roster import and template (SPEC §3.1, §9.4): tests, graders, committees, candidates."""

from bot.roster.importer import ImportReport, SheetCounts, import_roster
from bot.roster.reader import RosterError, RosterProblem
from bot.roster.template import write_roster_template

__all__ = [
    "ImportReport",
    "RosterError",
    "RosterProblem",
    "SheetCounts",
    "import_roster",
    "write_roster_template",
]
