"""Grading scales as Inspera writes them (SPEC §2.4, §2.5), and how near-misses are read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.tables import GradeScale

LETTER_GRADES = ("A", "B", "C", "D", "E", "F")
PASS, NOT_PASS = "Pass", "NotPass"
PASSFAIL_GRADES = (PASS, NOT_PASS)

# NTNU's percentage method (guideline bands): the lowest percentage for each grade.
PERCENTAGE_BANDS = ((89, "A"), (77, "B"), (65, "C"), (53, "D"), (41, "E"), (0, "F"))

# Ways people write pass/fail, after `_word_key`, and what Inspera wants instead.
_PASSFAIL_WORDS = {
    "pass": PASS,
    "passed": PASS,
    "bestått": PASS,
    "bestatt": PASS,
    "godkjent": PASS,
    "notpass": NOT_PASS,
    "notpassed": NOT_PASS,
    "fail": NOT_PASS,
    "failed": NOT_PASS,
    "ikkebestått": NOT_PASS,
    "ikkebestatt": NOT_PASS,
    "ikkjebestått": NOT_PASS,
    "ikkegodkjent": NOT_PASS,
    "ikkjegodkjent": NOT_PASS,
    "underkjent": NOT_PASS,
}


def valid_grades(scale: GradeScale | str) -> tuple[str, ...]:
    return LETTER_GRADES if GradeScale(scale) == GradeScale.letter else PASSFAIL_GRADES


def percentage_method_grade(points: float) -> str:
    """The NTNU percentage-method grade for a score out of 100."""
    for lowest, grade in PERCENTAGE_BANDS:
        if points >= lowest:
            return grade
    return "F"


@dataclass(frozen=True)
class GradeReading:
    """A grade cell read against a scale: the grade, or what is wrong and a suggestion."""

    grade: str | None
    problem: str | None = None  # a validation problem kind, see `validation.PROBLEMS`
    suggestion: str | None = None


def read_grade(value: object, scale: GradeScale | str) -> GradeReading:
    if GradeScale(scale) == GradeScale.letter:
        return _read_letter(value)
    return _read_passfail(value)


def _word_key(text: str) -> str:
    return re.sub(r"[\s\-_]+", "", text.casefold())


def _read_letter(value: object) -> GradeReading:
    if isinstance(value, str) and value in LETTER_GRADES:
        return GradeReading(value)
    text = _as_text(value)
    stripped = text.strip()
    upper = stripped.upper()
    if upper in LETTER_GRADES:
        kind = "letter_case" if stripped != upper else "whitespace"
        return GradeReading(None, kind, upper)
    if re.fullmatch(r"[A-F]\s*[+\-−]", upper):
        return GradeReading(None, "plus_minus", upper[0])
    passfail = _PASSFAIL_WORDS.get(_word_key(stripped))
    if passfail or stripped in PASSFAIL_GRADES:
        return GradeReading(None, "passfail_on_letter_test")
    return GradeReading(None, "not_a_letter")


def _read_passfail(value: object) -> GradeReading:
    if isinstance(value, str) and value in PASSFAIL_GRADES:
        return GradeReading(value)
    text = _as_text(value)
    stripped = text.strip()
    if stripped in PASSFAIL_GRADES:
        return GradeReading(None, "whitespace", stripped)
    word = _PASSFAIL_WORDS.get(_word_key(stripped))
    if word:
        return GradeReading(None, "passfail_word", word)
    if stripped.upper() in LETTER_GRADES:
        return GradeReading(None, "letter_on_passfail_test")
    return GradeReading(None, "not_passfail")


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
