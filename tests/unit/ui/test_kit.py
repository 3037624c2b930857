"""The kit: outside text escaped on every road into mrkdwn, Slack's limits kept, and text
shortened without breaking an escape or a `<…>` token."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.ui import kit
from bot.ui.kit import Mrkdwn

HOSTILE = "<!channel> Mallory <https://evil.example|click> & *bold* `code` ~x~"


def test_escape_leaves_no_mention_link_or_formatting():
    escaped = kit.escape(HOSTILE)
    assert escaped == (
        "&lt;!channel&gt; Mallory &lt;https://evil.example|click&gt; &amp; "
        "\u2217bold\u2217 'code' \u223cx\u223c"
    )
    assert isinstance(escaped, Mrkdwn)


def test_underscores_stay_for_test_ids_and_addresses():
    assert kit.escape("ola_n@ntnu.no TDT_4100") == "ola_n@ntnu.no TDT_4100"


def test_mrkdwn_is_not_escaped_twice_and_str_joined_to_it_is_escaped():
    date = kit.mention("U2")
    assert kit.as_mrkdwn(date) is date
    joined = kit.bold("A & B") + " <@U1> " + date
    assert joined == f"*A &amp; B* &lt;@U1&gt; {date}"
    assert isinstance(joined, Mrkdwn)
    assert isinstance("<!here> " + kit.escape("x"), Mrkdwn)
    assert "<!here>" not in "<!here> " + kit.escape("x")


def test_catalog_text_keeps_its_markup_and_escapes_its_parameters():
    text = kit.md("en", "escalation.channel.text", grader=HOSTILE, test="A-1")
    assert "*A-1*" in text  # the catalog's own bold
    assert "<!channel>" not in text and "<https://" not in text
    assert "&lt;!channel&gt; Mallory" in text
    mention = kit.md("en", "escalation.channel.text", grader=kit.mention("UOLA"), test="A-1")
    assert "<@UOLA>" in mention


def test_a_mention_is_only_made_of_a_user_id():
    assert kit.mention("U012ABC") == "<@U012ABC>"
    assert kit.mention("U1> <!channel") == "U1&gt; &lt;!channel"


def test_joins_escape_their_parts():
    assert kit.join(", ", ["<a>", Mrkdwn("*b*")]) == "&lt;a&gt;, *b*"
    assert kit.bullets(["<x>", kit.code("y")]) == "• &lt;x&gt;\n• `y`"


def test_sections_and_contexts_escape_raw_text_that_slips_through():
    raw = "<!here> *x*"
    section = kit.section(raw).to_dict()  # type: ignore[arg-type]  # the road mypy refuses
    assert section["text"] == {"type": "mrkdwn", "text": "&lt;!here&gt; \u2217x\u2217"}
    context = kit.context(raw).to_dict()  # type: ignore[arg-type]
    assert context["elements"][0]["text"] == "&lt;!here&gt; \u2217x\u2217"


def test_truncate_never_cuts_an_escape_or_a_token():
    text = kit.escape("a" * 10 + "&") + kit.mention("U0123ABC") + kit.escape("<x>")
    for limit in range(1, len(text) + 1):
        cut = kit.truncate(text, limit)
        assert len(cut) <= limit
        if cut != text:
            assert cut.endswith(kit.ELLIPSIS)
            body = cut[: -len(kit.ELLIPSIS)]
            assert text.startswith(body)
            assert body.count("<") == body.count(">")  # no half date token
            assert not body.endswith(("&", "&a", "&am", "&amp"))  # no half escape
    assert kit.truncate(text, len(text)) is text


def test_a_long_section_keeps_to_slacks_limit():
    text = kit.escape("<" * 2000)  # 8,000 characters escaped
    shown = kit.section(text).to_dict()["text"]["text"]
    assert len(shown) <= kit.SECTION_TEXT
    assert shown.endswith("&lt;" + kit.ELLIPSIS)


def test_chunks_fill_sections_up_to_the_limit():
    lines = [kit.escape("x" * 1000) for _ in range(7)]
    chunks = kit.chunks(lines)
    assert [len(c) for c in chunks] == [2001, 2001, 2001, 1000]
    assert len(kit.chunks([kit.escape("y" * 5000)])[0]) == kit.SECTION_TEXT


def test_plain_texts_are_shown_as_typed_and_cut_to_their_field():
    assert kit.header("<!here> " + "h" * 200).to_dict()["text"]["text"].startswith("<!here> ")
    assert len(kit.header("h" * 200).to_dict()["text"]["text"]) == kit.HEADER_TEXT
    label = kit.button("b" * 100, "act", "1").to_dict()["text"]["text"]
    assert len(label) == kit.BUTTON_TEXT and label.endswith(kit.ELLIPSIS)
    assert len(kit.option("o" * 100, "v").to_dict()["text"]["text"]) == kit.OPTION_TEXT


def test_values_beyond_slacks_limits_are_refused_not_cut():
    with pytest.raises(ValueError, match="2001 characters in a button value.*2000"):
        kit.button("b", "act", "v" * 2001)
    with pytest.raises(ValueError, match="151 characters in an option value"):
        kit.option("o", "v" * 151)
    with pytest.raises(ValueError, match="26 buttons"):
        kit.actions(*[kit.button("b", f"a{n}", "v") for n in range(26)])
    with pytest.raises(ValueError, match="11 context elements"):
        kit.context(*[Mrkdwn("x")] * 11)


def test_a_message_is_text_first_and_keeps_to_fifty_blocks():
    message = kit.message(kit.escape("<hi>"), [kit.divider()])
    text, blocks = message
    assert text == message.text == "&lt;hi&gt;" and blocks == [{"type": "divider"}]
    with pytest.raises(ValueError, match="51 blocks in a message"):
        kit.message(Mrkdwn("x"), [kit.divider()] * 51)


def test_dates_need_a_time_zone_and_are_escaped_words():
    with pytest.raises(ValueError):
        kit.date("nb", datetime(2026, 1, 1), ZoneInfo("UTC"))
    assert "kl. 09.00" in kit.date(
        "nb", datetime(2026, 1, 1, 8, tzinfo=UTC), ZoneInfo("Europe/Oslo")
    )


def test_an_irreversible_button_carries_a_confirm_dialog():
    dialog = kit.confirmation("Sure?", kit.escape("<b>"), "Yes", "No", danger=True)
    button = kit.button("Go", "act", "v", style="danger", confirm=dialog).to_dict()
    assert button["confirm"]["title"]["text"] == "Sure?"
    assert button["confirm"]["text"] == {"type": "mrkdwn", "text": "&lt;b&gt;"}
    assert button["confirm"]["style"] == "danger"
