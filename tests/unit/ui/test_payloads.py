"""Button values: each codec reads what its builder writes, the formats already posted in
Slack, and refuses junk with a clear error."""

import pytest

from bot.ui.approvals import AgreeChoice, PromptButton
from bot.ui.diagnosis import EscalationTarget
from bot.ui.escalations import EscalationButton
from bot.ui.gradesheets import TestChoiceButton as ChoiceButton
from bot.ui.gradesheets import UploadButton
from bot.ui.outgoing import NoticeButton
from bot.ui.payloads import PayloadError

ROUND_TRIPS = [
    PromptButton(12),
    AgreeChoice(12, "10412", "A"),
    AgreeChoice(12, "a|b", "B"),  # a candidate id with the separator in it
    EscalationTarget("TDT4100-2026H"),
    EscalationTarget(None),
    EscalationButton(7),
    UploadButton(3),
    ChoiceButton(3, "TDT4100-2026H"),
    NoticeButton("TDT4100-2026H"),
]


@pytest.mark.parametrize("payload", ROUND_TRIPS, ids=repr)
def test_what_a_builder_writes_its_listener_reads(payload):
    assert type(payload).decode(payload.encode()) == payload


def test_the_strings_already_posted_in_slack_still_read():
    assert PromptButton.decode("12") == PromptButton(12)
    assert AgreeChoice.decode("12|10412|A") == AgreeChoice(12, "10412", "A")
    assert EscalationTarget.decode("test:A-1") == EscalationTarget("A-1")
    assert EscalationTarget.decode("exam_office") == EscalationTarget(None)
    assert EscalationButton.decode("7") == EscalationButton(7)
    assert UploadButton.decode("3") == UploadButton(3)
    assert UploadButton.decode("3|TDT4100-2026H") == UploadButton(3)  # older previews
    assert ChoiceButton.decode("3|TDT4100-2026H") == ChoiceButton(3, "TDT4100-2026H")
    assert NoticeButton.decode("TDT4100-2026H") == NoticeButton("TDT4100-2026H")


JUNK = [
    (PromptButton, ""),
    (PromptButton, "None"),
    (PromptButton, "0"),
    (PromptButton, "-1"),
    (PromptButton, "١٢"),  # digits, but not ASCII ones
    (AgreeChoice, "12|A"),
    (AgreeChoice, "x|10412|A"),
    (AgreeChoice, "12||A"),
    (EscalationTarget, "test:"),
    (EscalationTarget, "exam_office "),
    (EscalationTarget, "12"),
    (EscalationButton, "12a"),
    (UploadButton, "|3"),
    (ChoiceButton, "3"),
    (ChoiceButton, "x|A-1"),
    (NoticeButton, ""),
    (NoticeButton, "A-1 B-2"),
]


@pytest.mark.parametrize(("codec", "value"), JUNK, ids=repr)
def test_junk_is_refused_with_an_error_naming_the_value(codec, value):
    with pytest.raises(PayloadError, match="not a .* value"):
        codec.decode(value)
