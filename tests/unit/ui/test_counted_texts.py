"""The approvals' and grade sheets' counted texts read right for 0, 1 and 2 in both
languages: no "1 kandidater", "1 candidates", "alle 1", "alle 2 kommisjonene"."""

from __future__ import annotations

import re
import string

import pytest

from bot.i18n import LANGUAGES, is_count, messages, t
from bot.i18n.catalog import approvals, gradesheets

OURS = sorted({*approvals.MESSAGES, *gradesheets.MESSAGES})

WRONG = re.compile(
    r"\b1 (kandidater|candidates|karakterer|grades|errors|omforente|sensorene|graders|"
    r"timer|hours|kommisjonene|committees|differences|nye|tomme|passes|fails)\b"
    r"|\b(alle|all) [012]\b|\bbegge 2\b|\bboth 2\b|\b[02] (kandidat|candidate|karakter|grade|"
    r"error|time|hour)\b(?! ID)"
)


def _fields(key: str) -> set[str]:
    entry = messages()[key]
    texts = [entry["nb"]] if isinstance(entry["nb"], str) else list(entry["nb"].values())
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_number_of_things_in_our_texts_has_plural_forms():
    """A parameter that is a number of things is named as a count, so the catalog loader
    insists on its plural forms."""
    plain_numbers = {"row", "header_row", "first_row", "line", "part", "parts"}  # positions
    limits = {"limit", "limit_mb", "cells", "rows"}  # a file limit: never one
    for key in OURS:
        for name in _fields(key) - plain_numbers - limits:
            looks_counted = name in {"errors", "graded", "total", "hours", "committees_count"}
            assert not looks_counted or is_count(name), f"{key}: {{{name}}} is a number"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_counted_texts_agree_with_their_number(lang, n):
    wrong = []
    for key in OURS:
        fields = _fields(key)
        counts = [name for name in fields if is_count(name)]
        if not counts:
            continue
        params = {name: (n if is_count(name) else "x") for name in fields}
        text = t(lang, key, **params)
        if WRONG.search(text):
            wrong.append(f"{key} ({n}): {text}")
    assert not wrong, "\n".join(wrong)


def test_two_graders_are_both_and_one_is_the_grader():
    two = t("nb", "handoff.confirm.text", test="T", count=2)
    assert two.startswith("Begge sensorene på T får beskjed")
    one = t("en", "handoff.confirm.text", test="T", count=1)
    assert one.startswith("The grader of T is told")
