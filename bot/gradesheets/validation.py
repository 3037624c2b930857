"""Checking a grade sheet against the roster and the test's scale (SPEC §2.4).

Plain values in, a `GradeSheetPreview` out: what would be new, changed, unchanged and left
blank, grades offered from points, and every error with its row, candidate, what is wrong
and how to fix it (catalog keys `gradesheet.what.<kind>` and `gradesheet.fix.<kind>`).
Nothing here touches the store or Slack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal, NamedTuple

from bot.gradesheets.reading import CANDIDATE, GRADE, POINTS, GradeSheet, SheetRow
from bot.gradesheets.scale import GradeReading, percentage_method_grade, read_grade
from bot.spreadsheets import collection_paused
from models.tables import CandidateStatus, GradeScale

SHOWN_VALUE_LENGTH = 40


class RosterCandidate(NamedTuple):  # a tuple: a roster holds one per candidate, 20,000
    candidate_id: str
    committee: str | None
    status: str


@dataclass(frozen=True)
class GraderRoster:
    """What a grader may grade on one test."""

    test_id: str
    scale: GradeScale
    candidates: Mapping[str, RosterCandidate]
    grader_committees: frozenset[str]
    # Committees whose grades this grader may no longer change, and why (catalog
    # `approvals.locked.<reason>`): a row that would change one of them is an error.
    locked: Mapping[str, str] = field(default_factory=dict)
    # A sheet of agreed grades: the committees (aligning) whose agreed grades it sets. Empty
    # for a sheet of the grader's own grades.
    agreeing: frozenset[str] = frozenset()


class CurrentGrade(NamedTuple):  # a tuple: one per graded candidate, 20,000 of them
    value: str | None
    points: float | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class RowProblem:
    """One error: where (sheet row and column letter), whose, and the catalog `kind`."""

    row: int
    column: str | None
    candidate: str | None
    kind: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def what_key(self) -> str:
        return f"gradesheet.what.{self.kind}"

    @property
    def fix_key(self) -> str:
        if self.kind == "locked":
            return f"approvals.locked.{self.params['reason']}"
        return f"gradesheet.fix.{self.kind}"


class GradeChange(NamedTuple):  # a tuple: a preview makes one per row, 20,000 of them
    """A grade the sheet sets. `points`/`explanation` None: the sheet leaves them as they are."""

    row: int
    candidate_id: str
    old: str | None
    new: str
    points: float | None = None
    explanation: str | None = None
    suggested: bool = False  # offered from points by the percentage method


_row_of = itemgetter(0)  # GradeChange.row


@dataclass
class GradeSheetPreview:
    test_id: str
    scale: GradeScale
    new: list[GradeChange] = field(default_factory=list)
    changed: list[GradeChange] = field(default_factory=list)
    unchanged: int = 0
    blank: int = 0
    suggestions: list[GradeChange] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    # A sheet of agreed grades for these committees (empty: the grader's own grades).
    agreeing: tuple[str, ...] = ()
    # Locked committees (→ reason) the sheet tried to change.
    locked: dict[str, str] = field(default_factory=dict)

    @property
    def changes(self) -> list[GradeChange]:
        return sorted(self.new + self.changed, key=_row_of)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "blank": self.blank,
            "errors": len(self.errors),
        }

    @property
    def appliable(self) -> bool:
        return not self.errors and bool(self.new or self.changed or self.suggestions)


def normalise_candidate(value: object) -> str | None:
    """A candidate number as text: `10412.0` (a number cell, or text from a CSV) → `10412`."""
    if value.__class__ is float and value.is_integer():
        return str(int(value))
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".", 1)[0]
    return text or None


def validate_sheet(
    sheet: GradeSheet, roster: GraderRoster, current: Mapping[str, CurrentGrade]
) -> GradeSheetPreview:
    preview = GradeSheetPreview(
        test_id=roster.test_id, scale=roster.scale, agreeing=tuple(sorted(roster.agreeing))
    )
    checker = _RowChecker(sheet, roster, current, preview)
    with collection_paused():  # a preview of 20,000 changes: see collection_paused
        for row in sheet.rows:
            checker.check(row)
    return preview


class _RowChecker:
    def __init__(
        self,
        sheet: GradeSheet,
        roster: GraderRoster,
        current: Mapping[str, CurrentGrade],
        preview: GradeSheetPreview,
    ) -> None:
        self.sheet = sheet
        self.roster = roster
        self.current = current
        self.preview = preview
        self.first_row: dict[str, int] = {}
        self.letters = {role: sheet.column_letter(role) for role in (CANDIDATE, GRADE, POINTS)}
        self.has_points = POINTS in sheet.columns
        self.has_explanations = "explanation" in sheet.columns
        # How each grade as written reads (a sheet holds a handful of distinct grades),
        # keyed with the type when not text, as True == 1.0.
        self.readings: dict[object, GradeReading] = {}
        self.may_be_refused = bool(roster.locked or roster.agreeing)
        self.agreeing = bool(roster.agreeing)
        self.candidates = roster.candidates
        self.committees = roster.grader_committees

    def error(self, row: SheetRow, role: str, candidate: str | None, kind: str, **params) -> None:
        self.preview.errors.append(
            RowProblem(row.number, self.letters.get(role), candidate, kind, params)
        )

    def check(self, row: SheetRow) -> None:
        value = row.candidate
        # The usual candidate cell first (a number), as `normalise_candidate` reads it.
        if value.__class__ is float and value.is_integer():
            candidate: str | None = str(int(value))
        elif value.__class__ is int:
            candidate = str(value)
        else:
            candidate = normalise_candidate(value)
        if row.formulas_without_value:
            for role in sorted(row.formulas_without_value):
                header = self.sheet.headers.get(role, role)
                self.error(row, role, candidate, "formula_without_value", column=header)
            return
        grade, points = row.grade, row.points
        # As `_blank`, written out: two cells a row.
        has_grade = grade is not None and not (
            isinstance(grade, str) and (not grade or grade.isspace())
        )
        has_points = points is not None and not (
            isinstance(points, str) and (not points or points.isspace())
        )
        if candidate is None:
            if has_grade or has_points:
                self.error(row, CANDIDATE, None, "missing_candidate", value=_shown(row.grade))
            return
        if not has_grade and not has_points:
            self.preview.blank += 1
            return
        if candidate in self.first_row:
            self.error(row, CANDIDATE, candidate, "duplicate", first_row=self.first_row[candidate])
            return
        self.first_row[candidate] = row.number
        entry = self.candidates.get(candidate)
        if entry is None or entry.status in _NOT_GRADED or entry.committee not in self.committees:
            self._may_grade(row, candidate, has_grade)  # says why not
            return
        reading = self.readings.get(grade if grade.__class__ is str else (grade.__class__, grade))
        if (
            reading is not None
            and reading.grade is not None
            and (points.__class__ is float or points.__class__ is int)
            and 0 <= points <= 100
        ):
            # The usual row: a grade read before, and points as a number within the range.
            self._compare(row, candidate, reading.grade, float(points))
            return
        grade, read_points = self._read_cells(row, candidate, has_grade, has_points)
        if grade is False:
            return
        if grade is None:
            self._offer_from_points(row, candidate, read_points)
            return
        self._compare(row, candidate, grade, read_points)

    def _may_grade(self, row: SheetRow, candidate: str, has_grade: bool) -> bool:
        entry = self.roster.candidates.get(candidate)
        if entry is None:
            self.error(row, CANDIDATE, candidate, "unknown_candidate", test=self.roster.test_id)
            return False
        if entry.status == CandidateStatus.absent:
            value = _shown(row.grade if has_grade else row.points)
            self.error(row, GRADE if has_grade else POINTS, candidate, "absent", value=value)
            return False
        if entry.status == CandidateStatus.redelivery:
            value = _shown(row.grade if has_grade else row.points)
            self.error(row, GRADE if has_grade else POINTS, candidate, "redelivery", value=value)
            return False
        if entry.committee is None:
            self.error(row, CANDIDATE, candidate, "no_committee")
            return False
        if entry.committee not in self.roster.grader_committees:
            self.error(row, CANDIDATE, candidate, "other_committee", committee=entry.committee)
            return False
        return True

    def _refused_as_locked(
        self, row: SheetRow, change: GradeChange, old: CurrentGrade | None
    ) -> bool:
        """A change the grader may not make here is an error: to a locked committee's grade
        (naming the lock), or, on a sheet of agreed grades, to a committee not agreeing now.
        A row that repeats the grade as it stands (a filled-in template) passes."""
        if not self.may_be_refused:
            return False
        committee = self.roster.candidates[change.candidate_id].committee or ""
        reason = self.roster.locked.get(committee)
        outside = bool(self.roster.agreeing) and committee not in self.roster.agreeing
        if (reason is None and not outside) or (old is not None and not differs(old, change)):
            return False
        if reason is None:
            self.error(row, GRADE, change.candidate_id, "not_agreeing", committee=committee)
            return True
        self.preview.locked[committee] = reason
        self.error(
            row,
            GRADE,
            change.candidate_id,
            "locked",
            committee=committee,
            reason=reason,
            value=change.new,
        )
        return True

    def _read_cells(
        self, row: SheetRow, candidate: str, has_grade: bool, has_points: bool
    ) -> tuple[str | None | Literal[False], float | None]:
        """(grade, points); grade is False when the row has an error."""
        ok = True
        grade = None
        if has_grade:
            raw = row.grade
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            reading = self.readings.get(key)
            if reading is None:
                reading = self.readings[key] = read_grade(raw, self.roster.scale)
            if reading.grade is None:
                ok = False
                self.error(
                    row,
                    GRADE,
                    candidate,
                    reading.problem or "not_a_letter",
                    value=_shown(row.grade),
                    suggestion=reading.suggestion or "",
                    test=self.roster.test_id,
                )
            grade = reading.grade
        points = None
        if has_points:
            points, kind = _read_points(row.points)
            if kind:
                ok = False
                self.error(row, POINTS, candidate, kind, value=_shown(row.points))
        return (grade if ok else False), points

    def _offer_from_points(self, row: SheetRow, candidate: str, points: float | None) -> None:
        if points is None or self.roster.scale != GradeScale.letter:
            self.preview.blank += 1
            return
        old = self.current.get(candidate)
        change = GradeChange(
            row=row.number,
            candidate_id=candidate,
            old=old.value if old else None,
            new=percentage_method_grade(points),
            points=self._kept(points),
            explanation=self._explanation(row),
            suggested=True,
        )
        if not self._refused_as_locked(row, change, old):
            self.preview.suggestions.append(change)

    def _compare(self, row: SheetRow, candidate: str, grade: str, points: float | None) -> None:
        old = self.current.get(candidate)
        kept = None if self.agreeing else points
        explanation = self._explanation(row) if self.has_explanations else None
        # GradeChange's fields, without its constructor's cost (a change a row).
        change = _make(
            GradeChange,
            (row.number, candidate, old.value if old else None, grade, kept, explanation, False),
        )
        if self.may_be_refused and self._refused_as_locked(row, change, old):
            return
        if old is None or old.value is None:
            self.preview.new.append(change)
        elif differs(old, change):
            self.preview.changed.append(change)
        else:
            self.preview.unchanged += 1

    def _kept(self, points: float | None) -> float | None:
        """Points are kept with a grader's own grades; an agreed grade is a grade only."""
        return None if self.roster.agreeing else points

    def _explanation(self, row: SheetRow) -> str | None:
        if self.roster.agreeing or not self.has_explanations or _blank(row.explanation):
            return None
        return str(row.explanation).strip()


_make = tuple.__new__
_NOT_GRADED = frozenset({CandidateStatus.absent, CandidateStatus.redelivery})


def graded_candidates(sheet: GradeSheet) -> set[str]:
    """The candidates of rows with a grade or points: what the sheet would set."""
    return {
        candidate
        for row in sheet.rows
        if not (_blank(row.grade) and _blank(row.points))
        and (candidate := normalise_candidate(row.candidate)) is not None
    }


def differs(old: CurrentGrade, change: GradeChange) -> bool:
    """Whether applying `change` would alter `old` (blank points/explanations keep theirs)."""
    if old.value != change.new:
        return True
    if change.points is not None and old.points != change.points:
        return True
    return change.explanation is not None and old.explanation != change.explanation


def _read_points(value: object) -> tuple[float | None, str | None]:
    if isinstance(value, bool):
        return None, "points_not_number"
    if isinstance(value, int | float):
        points = float(value)
    else:
        try:
            points = float(str(value).strip().replace(",", "."))
        except ValueError:
            return None, "points_not_number"
    if not 0 <= points <= 100:
        return None, "points_range"
    return points, None


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\n", " ")
    if len(text) > SHOWN_VALUE_LENGTH:
        text = text[: SHOWN_VALUE_LENGTH - 1] + "…"
    return text


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and _blank_text(value))


def _blank_text(text: str) -> bool:
    return not text or text.isspace()
