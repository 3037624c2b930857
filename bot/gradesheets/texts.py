"""Grade sheet problems as sentences in the reader's language (plain text or Slack mrkdwn)."""

from __future__ import annotations

from bot.gradesheets.validation import RowProblem
from bot.i18n import t


def problem_params(problem: RowProblem, escape=None) -> dict[str, object]:
    params = {"row": problem.row, "candidate": problem.candidate or "", **problem.params}
    if escape is None:
        return params
    return {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}


def problem_text(lang: str, problem: RowProblem) -> str:
    """What is wrong and how to fix it, for a cell comment (no Slack formatting)."""
    params = problem_params(problem)
    what = t(lang, problem.what_key, **params)
    fix = t(lang, problem.fix_key, **params)
    return f"{what} — {fix}".replace("`", "")


def problem_line(lang: str, problem: RowProblem, escape=None) -> str:
    """Row, candidate, what is wrong and the fix, for the preview message."""
    params = problem_params(problem, escape)
    where_key = "gradesheet.where.row_candidate" if problem.candidate else "gradesheet.where.row"
    where = t(lang, where_key, **params)
    return f"{where}: {t(lang, problem.what_key, **params)} — {t(lang, problem.fix_key, **params)}"
