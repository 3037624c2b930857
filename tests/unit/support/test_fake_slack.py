"""The fake Slack, exercised through the real slack_sdk WebClient over real HTTP."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from tests.support import fake_slack as fake_slack_module
from tests.support.fake_slack import FakeSlack

TOKEN = "xoxb-test"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(bot_token=TOKEN) as fake:
        fake.add_user("U1", email="Ola.Nordmann@NTNU.no", locale="nb-NO", name="Ola")
        fake.add_user("U2", email="john@example.org", locale="en-GB", name="John")
        yield fake


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(base_url=fake.api_url, token=TOKEN)


def _error_of(call) -> SlackApiError:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status, answer.headers["Content-Type"], answer.read()


def _post(url: str, body: bytes, content_type: str) -> dict:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


def test_serves_on_a_free_local_port(fake: FakeSlack):
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.api_url == fake.base_url + "/api/"
    assert not fake.base_url.endswith(":0")


def test_auth_test_names_the_bot(client: WebClient):
    answer = client.auth_test()
    assert (answer["user_id"], answer["team_id"], answer["bot_id"]) == ("UBOT", "T1", "B1")


def test_users_info_gives_locale_only_when_asked(client: WebClient):
    with_locale = client.users_info(user="U1", include_locale=True)["user"]
    assert with_locale["locale"] == "nb-NO"
    assert with_locale["profile"]["email"] == "Ola.Nordmann@NTNU.no"
    assert with_locale["tz"] == "Europe/Oslo"
    assert "locale" not in client.users_info(user="U1")["user"]


def test_users_info_unknown_user(client: WebClient):
    error = _error_of(lambda: client.users_info(user="UNOBODY"))
    assert error.response["error"] == "user_not_found"


def test_lookup_by_email_ignores_case(client: WebClient):
    assert client.users_lookupByEmail(email="ola.nordmann@ntnu.no")["user"]["id"] == "U1"
    assert client.users_lookupByEmail(email="JOHN@EXAMPLE.ORG")["user"]["id"] == "U2"
    error = _error_of(lambda: client.users_lookupByEmail(email="kari@ntnu.no"))
    assert error.response["error"] == "users_not_found"


def test_post_to_a_user_lands_in_their_stable_dm(fake: FakeSlack, client: WebClient):
    dm = client.conversations_open(users="U1")["channel"]["id"]
    first = client.chat_postMessage(channel="U1", text="one")
    second = client.chat_postMessage(channel=dm, text="two")
    assert first["channel"] == second["channel"] == dm == "DU1"
    assert float(second["ts"]) > float(first["ts"])
    assert [m["text"] for m in fake.messages_to("U1")] == ["one", "two"]
    assert [m["text"] for m in fake.messages_to(dm)] == ["one", "two"]
    assert fake.messages_to("U2") == []


def test_post_to_an_unknown_user_is_channel_not_found(client: WebClient):
    error = _error_of(lambda: client.chat_postMessage(channel="UNOBODY", text="hi"))
    assert error.response["error"] == "channel_not_found"


def test_update_changes_the_stored_message(fake: FakeSlack, client: WebClient):
    posted = client.chat_postMessage(channel="U1", text="Waiting for approval")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Approved*"}}]
    updated = client.chat_update(
        channel=posted["channel"], ts=posted["ts"], text="Approved", blocks=blocks
    )
    assert updated["ts"] == posted["ts"]
    [message] = fake.messages_to("U1")
    assert message["text"] == "Approved"
    assert message["blocks"] == blocks
    assert message["ts"] == posted["ts"]


def test_update_of_a_missing_message_is_refused(client: WebClient):
    posted = client.chat_postMessage(channel="U1", text="hi")
    error = _error_of(
        lambda: client.chat_update(channel=posted["channel"], ts="1.000000", text="x")
    )
    assert error.response["error"] == "message_not_found"
    error = _error_of(lambda: client.chat_update(channel="DU2", ts=posted["ts"], text="x"))
    assert error.response["error"] == "message_not_found"


def test_delete_removes_the_message(fake: FakeSlack, client: WebClient):
    posted = client.chat_postMessage(channel="U1", text="hi")
    client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    assert fake.messages_to("U1") == []


def test_ephemeral_message_is_addressed_to_its_user(fake: FakeSlack, client: WebClient):
    answer = client.chat_postEphemeral(channel="C1", user="U2", text="only you")
    assert answer["message_ts"]
    [message] = fake.messages_to("U2")
    assert (message["channel"], message["ephemeral"], message["text"]) == ("C1", True, "only you")
    assert fake.messages_to("C1") == [message]


def test_message_without_content_is_no_text(client: WebClient):
    error = _error_of(lambda: client.api_call("chat.postMessage", json={"channel": "U1"}))
    assert error.response["error"] == "no_text"


def test_blocks_over_slack_limits_are_invalid_blocks(client: WebClient):
    too_long = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    error = _error_of(lambda: client.chat_postMessage(channel="U1", text="t", blocks=too_long))
    assert error.response["error"] == "invalid_blocks"
    assert "/blocks/0/text/text" in error.response["response_metadata"]["messages"][0]
    too_many = [{"type": "divider"}] * 51
    error = _error_of(lambda: client.chat_postMessage(channel="U1", text="t", blocks=too_many))
    assert error.response["error"] == "invalid_blocks"


def test_form_encoded_arguments_and_token_parameter(fake: FakeSlack):
    blocks = [{"type": "section", "text": {"type": "plain_text", "text": "hei"}}]
    form = {"token": TOKEN, "channel": "U1", "text": "hei", "blocks": json.dumps(blocks)}
    answer = _post(
        fake.api_url + "chat.postMessage",
        urllib.parse.urlencode(form).encode(),
        "application/x-www-form-urlencoded",
    )
    assert answer["ok"] is True
    [call] = fake.calls("chat.postMessage")
    assert call.params["blocks"] == blocks
    assert call.http_method == "POST"
    assert call.path == "/api/chat.postMessage"
    assert b"hei" in call.body


def test_wrong_or_missing_token_is_refused(fake: FakeSlack):
    wrong = WebClient(base_url=fake.api_url, token="xoxb-wrong")
    assert _error_of(wrong.auth_test).response["error"] == "invalid_auth"
    anonymous = WebClient(base_url=fake.api_url)
    assert _error_of(anonymous.auth_test).response["error"] == "not_authed"
    assert [c.status for c in fake.calls("auth.test")] == [200, 200]
    assert fake.calls("auth.test")[0].header("authorization") == "Bearer xoxb-wrong"


def test_unknown_method_is_answered_and_recorded(fake: FakeSlack, client: WebClient):
    error = _error_of(lambda: client.api_call("chat.scheduleMessage", json={"channel": "U1"}))
    assert error.response["error"] == "unknown_method"
    assert fake.calls("chat.scheduleMessage")[0].params == {"channel": "U1"}


def test_views_publish_open_and_update(fake: FakeSlack, client: WebClient):
    home = {"type": "home", "blocks": [{"type": "divider"}]}
    first = client.views_publish(user_id="U1", view=home)["view"]
    again = client.views_publish(user_id="U1", view=home)["view"]
    assert first["id"] == again["id"]
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Approve"}, "blocks": []}
    opened = client.views_open(trigger_id="t-1", view=modal)["view"]
    error = _error_of(lambda: client.views_update(view_id=opened["id"], hash="stale", view=modal))
    assert error.response["error"] == "hash_conflict"
    changed = {**modal, "title": {"type": "plain_text", "text": "Approved"}}
    client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)
    assert fake.views[opened["id"]]["title"]["text"] == "Approved"
    assert _error_of(lambda: client.views_open(view=modal)).response["error"] == (
        "invalid_arguments"
    )


def test_files_upload_v2_round_trip(fake: FakeSlack, client: WebClient):
    content = bytes(range(256)) * 40 + b"\r\n--not-a-boundary\r\n"
    dm = client.conversations_open(users="U2")["channel"]["id"]
    answer = client.files_upload_v2(
        channel=dm,
        filename="karakterer.xlsx",
        title="Grade sheet",
        content=content,
        initial_comment="Here is the template",
    )
    [upload] = fake.uploads
    assert upload.content == content
    assert (upload.filename, upload.title, upload.channel) == ("karakterer.xlsx", "Grade sheet", dm)
    assert upload.initial_comment == "Here is the template"
    assert fake.uploads_to("U2") == [upload]
    assert answer["file"]["id"] == upload.file_id
    info = client.files_info(file=upload.file_id)["file"]
    assert info["size"] == len(content)
    status, _, served = _get(info["url_private_download"], {"Authorization": f"Bearer {TOKEN}"})
    assert (status, served) == (200, content)
    assert [c.method for c in fake.requests] == [
        "conversations.open",
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
        "files.info",
        "url_private_download",
    ]


def test_upload_url_accepts_a_multipart_body(fake: FakeSlack, client: WebClient):
    content = b"PK\x03\x04 workbook bytes"
    step1 = client.files_getUploadURLExternal(filename="mal.xlsx", length=len(content))
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="mal.xlsx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        step1["upload_url"],
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200
    client.files_completeUploadExternal(files=[{"id": step1["file_id"]}], channel_id="C1")
    [upload] = fake.uploads
    assert (upload.content, upload.channels, upload.title) == (content, ["C1"], "mal.xlsx")


def test_completing_an_upload_that_never_arrived_fails(client: WebClient):
    step1 = client.files_getUploadURLExternal(filename="mal.xlsx", length=3)
    error = _error_of(lambda: client.files_completeUploadExternal(files=[{"id": step1["file_id"]}]))
    assert error.response["error"] == "file_not_found"


def test_files_info_and_download_behind_the_bot_token(fake: FakeSlack, client: WebClient):
    content = b"PK\x03\x04 sheet"
    added = fake.add_file("F1", "INF1000 karakterer.xlsx", content, user="U1", channel="DU1")
    info = client.files_info(file="F1")["file"]
    assert info == added
    assert (info["size"], info["user"], info["filetype"]) == (len(content), "U1", "xlsx")
    assert info["mimetype"].endswith("spreadsheetml.sheet")
    url = info["url_private_download"]
    assert _get(url, {"Authorization": f"Bearer {TOKEN}"})[::2] == (200, content)
    status, content_type, page = _get(url)
    assert (status, content_type.split(";")[0]) == (200, "text/html")
    assert page.lstrip().lower().startswith(b"<!doctype html")
    assert _get(url, {"Authorization": "Bearer xoxb-other"})[1].startswith("text/html")
    assert [c.params["file_id"] for c in fake.calls("url_private_download")] == ["F1"] * 3


def test_serve_html_answers_html_even_to_the_bot_token(fake: FakeSlack):
    info = fake.add_file("F2", "sheet.xlsx", b"PK", serve_html=True)
    status, content_type, _ = _get(
        info["url_private_download"], {"Authorization": f"Bearer {TOKEN}"}
    )
    assert (status, content_type.split(";")[0]) == (200, "text/html")


def test_files_info_unknown_file(client: WebClient):
    assert _error_of(lambda: client.files_info(file="FNONE")).response["error"] == "file_not_found"


def test_injected_429_reaches_the_client_with_retry_after(fake: FakeSlack, client: WebClient):
    fake.fail_next("chat.postMessage", status=429, retry_after=7)
    error = _error_of(lambda: client.chat_postMessage(channel="U1", text="hi"))
    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] == "7"
    assert error.response["error"] == "ratelimited"
    assert fake.messages_to("U1") == []
    assert client.chat_postMessage(channel="U1", text="hi")["ok"]


def test_rate_limit_retry_handler_gets_through(fake: FakeSlack):
    client = WebClient(
        base_url=fake.api_url, token=TOKEN, retry_handlers=[RateLimitErrorRetryHandler()]
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    assert client.chat_postMessage(channel="U1", text="once")["ok"]
    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]
    assert [m["text"] for m in fake.messages_to("U1")] == ["once"]
    delivered = fake.wait_for_call("chat.postMessage", succeeded=True, timeout=0)
    assert delivered is fake.calls("chat.postMessage")[1]


def test_injected_errors_and_server_failures(fake: FakeSlack, client: WebClient):
    fake.fail_next("chat.postMessage", error="channel_not_found")
    fake.fail_next("users.info", status=500, count=2)
    post = _error_of(lambda: client.chat_postMessage(channel="U1", text="hi"))
    assert (post.response.status_code, post.response["error"]) == (200, "channel_not_found")
    for _ in range(2):
        assert _error_of(lambda: client.users_info(user="U1")).response.status_code == 500
    assert client.users_info(user="U1")["ok"]


def test_fail_ratio_is_repeatable_for_a_seed():
    def outcomes(seed: int) -> list[int]:
        with FakeSlack(bot_token=TOKEN) as fake:
            fake.fail_ratio("auth.test", ratio=0.3, seed=seed)
            client = WebClient(base_url=fake.api_url, token=TOKEN)
            for _ in range(40):
                try:
                    client.auth_test()
                except SlackApiError as error:
                    assert error.response.status_code == 429
            return [c.status for c in fake.calls("auth.test")]

    first = outcomes(seed=1)
    assert first == outcomes(seed=1)
    assert 0 < first.count(429) < 40
    assert first != outcomes(seed=2)


def test_response_url_posts_are_recorded_with_their_key(fake: FakeSlack):
    url = fake.response_url("help-1")
    answer = _post(
        url,
        json.dumps({"text": "Hjelp", "response_type": "ephemeral"}).encode(),
        "application/json",
    )
    assert answer == {"ok": True}
    call = fake.wait_for_call("response_url", match=lambda a: a["_key"] == "help-1")
    assert call.params == {"text": "Hjelp", "response_type": "ephemeral", "_key": "help-1"}


def test_wait_for_sees_a_call_from_another_thread(fake: FakeSlack, client: WebClient):
    worker = threading.Thread(target=lambda: client.chat_postMessage(channel="U2", text="later"))
    worker.start()
    call = fake.wait_for_call("chat.postMessage", match=lambda a: a["text"] == "later")
    worker.join()
    assert call.params["channel"] == "U2"
    assert fake.wait_for("chat.postMessage") == [call]


def test_wait_for_timeout_explains_what_was_seen(fake: FakeSlack, client: WebClient):
    client.chat_postMessage(channel="U1", text="Din karakterliste er mottatt")
    with pytest.raises(AssertionError) as raised:
        fake.wait_for_call("chat.postMessage", match=lambda a: a["channel"] == "U2", timeout=0.2)
    message = str(raised.value)
    assert "Timed out after 0.2s waiting for a call to chat.postMessage matching" in message
    assert "Recorded requests" in message and "(1)" in message
    assert "chat.postMessage -> 200 ok" in message
    assert "Din karakterliste er mottatt" in message
    assert TOKEN not in message


def test_a_crash_inside_the_fake_fails_close(monkeypatch: pytest.MonkeyPatch):
    def broken(workspace, args):
        raise RuntimeError("handler bug")

    monkeypatch.setitem(fake_slack_module.WEB_API_METHODS, "auth.test", broken)
    fake = FakeSlack(bot_token=TOKEN)
    client = WebClient(base_url=fake.api_url, token=TOKEN, retry_handlers=[])
    with pytest.raises(OSError):
        client.auth_test()
    with pytest.raises(AssertionError, match="handler bug"):
        fake.close()


def test_rate_limit_answers_429_beyond_the_workspace_burst_and_takes_no_token(fake, client):
    fake.rate_limit("chat.postMessage", per_conversation=1.0, burst=2, rate=0.01)
    assert client.chat_postMessage(channel="U1", text="1")["ok"]
    assert client.chat_postMessage(channel="U2", text="2")["ok"]
    refused = _error_of(lambda: client.chat_postMessage(channel="C1", text="3"))
    assert refused.response.status_code == 429
    assert int(refused.response.headers["Retry-After"]) >= 1
    assert [m["text"] for m in fake.messages_to("C1")] == []


def test_rate_limit_buckets_refill_per_conversation_and_workspace():
    limit = fake_slack_module._RateLimit(
        1.0, 3, 2.0, fake_slack_module._Bucket(3, 2.0, 3, now := 100.0)
    )
    assert limit.retry_after("DU1", now) is None
    assert limit.retry_after("DU1", now + 0.5) == 1  # one a second to a conversation
    assert limit.retry_after("DU1", now + 1.0) is None
    assert limit.retry_after("DU2", now + 1.0) is None
    assert limit.retry_after("DU3", now + 1.0) is None  # refilled, but never beyond 3
    assert limit.retry_after("DU4", now + 1.0) == 1  # the workspace bucket is empty
    assert limit.retry_after("DU4", now + 1.5) is None  # refilled at 2 a second
