"""The one rendering of "which test do you mean?" refusals (`bot.exams.which`)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.exams.which import WhichProblem, WhichTest
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md

LISTED_TESTS = 20


def test_list(test_ids: Iterable[str]) -> Mrkdwn:
    """Test ids as code, at most `LISTED_TESTS` of them; "–" for none."""
    ids = list(test_ids)
    if not ids:
        return Mrkdwn("–")
    shown = kit.join(", ", (kit.code(test_id) for test_id in ids[:LISTED_TESTS]))
    more = len(ids) - LISTED_TESTS
    return shown + Mrkdwn(f", … (+{more})") if more > 0 else shown


def which_refusal_text(lang: str, which: WhichTest) -> Mrkdwn:
    """Why `which` names no test of the person's: unknown, not theirs (with their tests
    listed), or ambiguous (with the candidates listed)."""
    problem = which.problem
    if problem == WhichProblem.ambiguous:
        tests = test_list(m.test_id for m in which.matches)
        return md(lang, "which.ambiguous", text=which.text, tests=tests)
    key = "which.not_yours" if problem == WhichProblem.not_yours else "which.unknown"
    refusal = md(lang, key, text=which.text)
    if not which.own:
        return refusal
    return refusal + Mrkdwn(" ") + md(lang, "which.yours", tests=test_list(sorted(which.own)))
