"""Readiness findings as consultants read them: counts with their plural forms, and the
graders, committees and candidates a finding names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ui.opening import finding_lines

WHEN = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def _lines(lang: str, *found: dict) -> list[str]:
    return finding_lines(
        lang, list(found), prefix="blocker", submission_deadline=WHEN, format_date=str
    )


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("nb", 1, "Innlevert kandidat uten kommisjon: 1"),
        ("nb", 2, "Innleverte kandidater uten kommisjon: 2"),
        ("en", 1, "Submitted candidate in no committee: 1"),
        ("en", 12000, "Submitted candidates in no committee: 12,000"),
    ],
)
def test_counts_take_their_plural_form(lang, count, expected):
    assert _lines(lang, {"kind": "candidates_without_committee", "count": count}) == [expected]


def test_named_candidates_are_listed_and_the_rest_counted():
    found = {"kind": "candidates_without_committee", "count": 12, "candidates": ["9", "10004"]}
    assert _lines("nb", found) == ["Innleverte kandidater uten kommisjon: 12 (9, 10004 og 10 til)"]
    assert _lines("en", found) == [
        "Submitted candidates in no committee: 12 (9, 10004, and 10 more)"
    ]


def test_committees_are_counted_in_words_or_listed_by_name():
    counted = {"kind": "candidates_without_grader", "count": 3, "committees": 1}
    assert _lines("nb", counted) == ["Innleverte kandidater i en kommisjon uten sensor: 3"]
    named = {**counted, "committees": 2, "committee_names": ["4", "5"]}
    assert _lines("nb", named) == ["Innleverte kandidater i kommisjon 4 og 5 uten sensor: 3"]
    assert _lines("en", named) == ["Submitted candidates in committees 4 and 5 without a grader: 3"]


def test_outside_text_in_names_is_shown_inert():
    found = {"kind": "graders_without_committee", "count": 1, "graders": ["<!channel> *Eve*"]}
    (line,) = _lines("en", found)
    assert "<!channel>" not in line and "&lt;!channel&gt;" in line
