"""The consultants' message about differences, in both languages: plural forms, committees
in words, addresses masked, outside text escaped."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.ui.outgoing import render

OSLO = ZoneInfo("Europe/Oslo")


def params(*differences):
    return {
        "test": {"test_id": "TDT4100-2026H", "course_code": "TDT4100", "title": "Objekt <b>"},
        "inspera_test_id": "35199862",
        "differences": list(differences),
    }


MISSING = {
    "kind": "missing_in_inspera",
    "name": "Ola Nordmann",
    "address": None,
    "roster_committees": ["1", "2"],
    "inspera_committees": [],
}
OTHER_EMAIL = {
    "kind": "other_email",
    "name": "Kari *Nordmann*",
    "address": "k…@hotmail.com",
    "roster_committees": [],
    "inspera_committees": [],
}


def text_of(message) -> str:
    return "\n".join(
        block.get("text", {}).get("text", "")
        if block["type"] != "context"
        else " ".join(e["text"] for e in block["elements"])
        for block in message.blocks
    )


def test_the_english_message_names_both_differences():
    message = render("inspera_differences", params(MISSING, OTHER_EMAIL), "en", OSLO)
    text = text_of(message)
    assert message.text == "Inspera and the grader list differ for TDT4100-2026H: 2 differences."
    assert "found 2 differences from the grader list" in text
    assert "*Ola Nordmann* is a grader in the grader list (committee 1 and committee 2)" in text
    assert "under an e-mail address (k…@hotmail.com) the grader list does not have" in text
    assert "Kari \u2217Nordmann\u2217" in text  # a name cannot make itself bold
    assert "Objekt &lt;b&gt;" in text


def test_the_norwegian_message_says_one_difference():
    message = render("inspera_differences", params(MISSING), "nb", OSLO)
    text = text_of(message)
    assert "fant én forskjell fra sensoroversikten" in text
    assert "(kommisjon 1 og kommisjon 2), men ikke på prøven i Inspera" in text
    assert message.text.endswith("én forskjell.")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_many_differences_stay_within_slack_s_limits(lang):
    many = [dict(MISSING, name=f"Sensor {n}") for n in range(150)]
    message = render("inspera_differences", params(*many), lang, OSLO)
    assert len(message.blocks) <= 50
    assert ("90 forskjeller til" if lang == "nb" else "90 more differences") in text_of(message)
