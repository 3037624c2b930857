"""The one rendering of "which test do you mean?" refusals (`bot.exams.which`)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.exams.which import WhichProblem, WhichTest
from bot.i18n import t
from bot.ui.gradesheets import escape

LISTED_TESTS = 20


def test_list(test_ids: Iterable[str]) -> str:
    """Test ids as code, at most `LISTED_TESTS` of them; "–" for none."""
    ids = list(test_ids)
    shown = ", ".join(f"`{escape(test_id)}`" for test_id in ids[:LISTED_TESTS])
    more = len(ids) - LISTED_TESTS
    return (shown + (f", … (+{more})" if more > 0 else "")) or "–"


def which_refusal_text(lang: str, which: WhichTest) -> str:
    """Why `which` names no test of the person's: unknown, not theirs (with their tests
    listed), or ambiguous (with the candidates listed)."""
    problem = which.problem
    text = escape(which.text)
    if problem == WhichProblem.ambiguous:
        tests = test_list(m.test_id for m in which.matches)
        return t(lang, "which.ambiguous", text=text, tests=tests)
    key = "which.not_yours" if problem == WhichProblem.not_yours else "which.unknown"
    lines = [t(lang, key, text=text)]
    if which.own:
        lines.append(t(lang, "which.yours", tests=test_list(sorted(which.own))))
    return " ".join(lines)
