"""The local workspace's side of a person: what they write, what only they see, what a
response_url does to a conversation, and the DM as they see it."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.workspace.web_api import LocalSlack, ResponseTarget

TOKEN = "xoxb-local"
DM = "DU1"


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    with LocalSlack(bot_token=TOKEN) as slack:
        slack.add_user("U1", email="kari@ntnu.no", locale="nb-NO", real_name="Kari Nordmann")
        yield slack


@pytest.fixture
def bot(slack: LocalSlack) -> WebClient:
    return WebClient(base_url=slack.api_url, token=TOKEN)


def post_json(url: str, document: dict) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(document).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status


def texts(slack: LocalSlack) -> list[tuple[str, bool]]:
    return [(m.get("text", ""), m["ephemeral"]) for m in slack.conversation("U1")]


def test_the_dm_holds_the_persons_messages_the_bots_and_files_in_order(slack, bot):
    slack.post_as_user("U1", "hei")
    bot.chat_postMessage(channel="U1", text="hello")
    bot.files_upload_v2(channel=DM, content=b"x", filename="a.xlsx", initial_comment="here")
    conversation = slack.conversation("U1")
    assert [m["text"] for m in conversation] == ["hei", "hello", "here"]
    assert conversation[0]["from_user"] is True
    assert conversation[2]["files"][0]["name"] == "a.xlsx"
    assert [m["text"] for m in slack.messages_to("U1")] == ["hello"]  # the bot's posts only


def test_the_persons_own_message_reads_as_theirs_in_the_history(slack, bot):
    slack.post_as_user("U1", "hei")
    history = bot.conversations_history(channel=DM)["messages"]
    assert history[0]["user"] == "U1" and "bot_id" not in history[0]


def test_a_bound_response_url_adds_a_message_only_the_person_sees(slack):
    target = ResponseTarget(DM, "U1", command="/sensur hjelp")
    url = slack.bind_response_url("k1", target)
    assert post_json(url, {"text": "svar", "response_type": "ephemeral"}) == 200
    [message] = slack.conversation("U1")
    assert (message["text"], message["ephemeral"], message["command"]) == (
        "svar",
        True,
        "/sensur hjelp",
    )


def test_replace_and_delete_original_act_on_the_message_pressed(slack, bot):
    posted = bot.chat_postMessage(channel="U1", text="first", blocks=[{"type": "divider"}])
    url = slack.bind_response_url("k2", ResponseTarget(DM, "U1", message_ts=posted["ts"]))
    post_json(url, {"text": "replaced", "replace_original": True})
    assert texts(slack) == [("replaced", False)]
    assert "blocks" not in slack.conversation("U1")[0]  # replaced whole, as Slack does
    post_json(url, {"delete_original": True})
    assert texts(slack) == []


def test_an_unbound_response_url_is_only_recorded(slack):
    post_json(slack.response_url("loose"), {"text": "nowhere"})
    assert slack.conversation("U1") == []
    assert slack.calls("response_url")[0].params["text"] == "nowhere"


def test_respond_shows_a_commands_own_answer_like_a_response_url_post(slack):
    slack.respond(ResponseTarget(DM, "U1", command="/sensur"), {"text": "hjelp"})
    assert texts(slack) == [("hjelp", True)]


def test_message_ts_rise_strictly(slack, bot):
    stamps = [bot.chat_postMessage(channel="U1", text=str(i))["ts"] for i in range(20)]
    as_numbers = [tuple(map(int, ts.split("."))) for ts in stamps]
    assert as_numbers == sorted(set(as_numbers))


def test_waiting_for_a_change_returns_once_something_changed(slack):
    seen = slack.version
    threading.Timer(0.05, slack.post_as_user, args=("U1", "hei")).start()
    assert slack.wait_for_change(seen, timeout=5) > seen
    assert slack.wait_for_change(slack.version, timeout=0.05) == slack.version


def test_the_home_tab_is_the_last_view_published_for_the_person(slack, bot):
    assert slack.home_view("U1") is None
    bot.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    bot.views_publish(user_id="U1", view={"type": "home", "blocks": [{"type": "divider"}]})
    assert slack.home_view("U1")["blocks"] == [{"type": "divider"}]


def test_a_snapshot_restored_in_another_workspace_keeps_conversations_views_and_files(slack, bot):
    slack.post_as_user("U1", "hei")
    bot.chat_postMessage(channel="U1", text="hello")
    bot.views_publish(user_id="U1", view={"type": "home", "blocks": [{"type": "divider"}]})
    bot.files_upload_v2(channel=DM, content=b"grades", filename="a.xlsx", initial_comment="x")
    snapshot = json.loads(json.dumps(slack.snapshot()))
    with LocalSlack(bot_token=TOKEN) as later:
        later.add_user("U1", email="kari@ntnu.no", locale="nb-NO")
        later.restore(snapshot)
        assert later.conversation("U1") == [
            {**m, "files": [later.file(m["files"][0]["id"])[0]]} if "files" in m else m
            for m in slack.conversation("U1")
        ]
        assert later.home_view("U1") == slack.home_view("U1")
        [upload] = later.uploads
        info, content = later.file(upload.file_id)
        assert content == b"grades" and info["url_private"].startswith(later.base_url)
        again = WebClient(base_url=later.api_url, token=TOKEN)
        new = again.files_upload_v2(channel=DM, content=b"2", filename="b.xlsx")
        assert new["file"]["id"] != upload.file_id
