"""What comes after the result is announced (universitets- og høyskoleloven §§ 11-8, 11-10;
SPEC §2.5): the student may ask for an explanation within one week (for an oral or
practical exam: at once), and then gets it within two weeks of asking; a complaint may
come within three weeks of the result, or of the explanation when one was asked for. An
oral or practical performance cannot be re-checked, and so cannot be appealed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.exams.deadlines import COMPLAINT_WITHIN, EXPLANATION_ASKED_WITHIN


@dataclass(frozen=True)
class ResultWindows:
    """The windows that open when the result is announced (`published`)."""

    published: datetime
    oral_or_practical: bool
    explanation_asked_by: datetime | None  # None: at once (oral, practical)
    complaint_by: datetime | None  # None: no complaint (oral, practical)

    def params(self) -> dict[str, Any]:
        """As a message's stored facts (plain JSON)."""
        return {
            "results_published": self.published.isoformat(),
            "oral_or_practical": self.oral_or_practical,
            "explanation_asked_by": _iso(self.explanation_asked_by),
            "complaint_by": _iso(self.complaint_by),
        }


def after_the_result(published: datetime, *, oral_or_practical: bool) -> ResultWindows:
    if oral_or_practical:
        return ResultWindows(published, True, None, None)
    return ResultWindows(
        published,
        False,
        published + EXPLANATION_ASKED_WITHIN,
        published + COMPLAINT_WITHIN,
    )


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None
