"""The open explanation requests as the Home tab and `/sensur status` show them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.explanations.requests import OpenExplanations, OpenRequest
from bot.ui.explanations import ExplanationButton, explanation_blocks
from bot.ui.payloads import PayloadError

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2027, 5, 11, 8, 0, tzinfo=UTC)


def _request(candidate: str, due: datetime, *, late: bool = False) -> OpenRequest:
    return OpenRequest(1, "TDT4100-2026H", None, candidate, due, late)


def _texts(blocks) -> list[str]:
    return [block.to_dict()["text"]["text"] for block in blocks]


def test_overdue_and_late_requests_are_marked_and_the_rest_counted():
    overview = OpenExplanations(
        NOW,
        as_grader=(
            _request("101", datetime(2027, 5, 10, 21, 59, tzinfo=UTC), late=True),
            _request("102", NOW + timedelta(days=2)),
        ),
        more_as_grader=1,
    )

    header, section = _texts(explanation_blocks("nb", overview, OSLO))

    assert header == "Begrunnelser du skal gi"
    lines = section.split("\n")
    assert lines[0] == (
        "• Kandidat 101 på TDT4100-2026H – frist mandag 10. mai 2027 (innen kl. 23.59)"
        " · *over fristen* · ba om den for sent"
    )
    assert lines[1].startswith("• Kandidat 102 på TDT4100-2026H – frist torsdag 13. mai 2027")
    assert lines[2] == "• … og 1 til"


def test_nothing_open_shows_nothing():
    assert explanation_blocks("en", OpenExplanations(NOW), OSLO) == []


def test_the_button_value_is_a_request_id_and_nothing_else():
    assert ExplanationButton.decode(ExplanationButton(17).encode()) == ExplanationButton(17)
    for forged in ("", "17 ", "-1", "17;drop", "abc"):
        try:
            ExplanationButton.decode(forged)
        except PayloadError:
            continue
        raise AssertionError(f"{forged!r} was accepted")
