"""The demo page renders whatever Block Kit the bot sends, and sends what Slack would.

The demo runs in this process; messages are posted to its local workspace through the Web
API as the bot posts them, so the renderer is checked on Block Kit's general shape, not on
today's messages: text formatting, fields, buttons with styles and confirm dialogs, static
selects, overflow menus, ephemeral messages, chat.update in place and shared files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from slack_sdk import WebClient

from bot.demo.page import PageServer
from bot.demo.roster import GRADER, WRITTEN_TEST
from bot.demo.workspace import DemoWorkspace
from bot.i18n import t
from bot.settings import Settings
from bot.ui.outgoing import WHY_ACTION
from tests.support.browser import launch_chromium
from tests.support.harness import http_request

DM = f"D{GRADER.user_id}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[DemoWorkspace]:
    settings = Settings(_env_file=None, SENSORBOT_DEFAULT_LANGUAGE="en")  # type: ignore[call-arg]
    workspace = DemoWorkspace(settings, tmp_path_factory.mktemp("demo"))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def site(demo) -> Iterator[PageServer]:
    page_server = PageServer(demo, 0)
    yield page_server
    page_server.close()


@pytest.fixture(scope="module")
def bot(demo) -> WebClient:
    """The bot's own Web API client against the demo's workspace."""
    return WebClient(base_url=demo.slack.api_url, token=demo.settings.slack_bot_token)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser, site) -> Iterator:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url)
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    yield page
    context.close()
    assert not errors, errors


def kitchen_sink(test_id: str) -> list[dict]:
    mrkdwn = (
        "*bold* _italic_ ~struck~ `code` <https://example.org/a?b=1&amp;c=2|a link> "
        "<@UJOHN> :white_check_mark:\n• first\n• second\n1. one\n2. two\n&gt; quoted\n"
        "Escaped: &lt;b&gt;not bold&lt;/b&gt; &amp; more"
    )
    return [
        {"type": "header", "text": {"type": "plain_text", "text": "Kitchen sink"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": "*Committee:* K1"},
                {"type": "mrkdwn", "text": "*Deadline:* <!date^1797840000^{date_num}|fallback>"},
            ],
            "accessory": {
                "type": "static_select",
                "action_id": "demo.select",
                "placeholder": {"type": "plain_text", "text": "Pick a grade"},
                "options": [
                    {"text": {"type": "plain_text", "text": "A"}, "value": "a"},
                    {"text": {"type": "plain_text", "text": "B"}, "value": "b"},
                ],
            },
        },
        {"type": "divider"},
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": "context *text*"},
                {"type": "plain_text", "text": "plain *text*"},
            ],
        },
        {
            "type": "actions",
            "block_id": "sink_actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": "demo.go",
                    "style": "primary",
                    "value": "go",
                    "text": {"type": "plain_text", "text": "Go"},
                },
                {
                    "type": "button",
                    "action_id": WHY_ACTION,
                    "style": "danger",
                    "value": test_id,
                    "text": {"type": "plain_text", "text": "Ask why"},
                    "confirm": {
                        "title": {"type": "plain_text", "text": "Really?"},
                        "text": {"type": "mrkdwn", "text": "This asks *why*."},
                        "confirm": {"type": "plain_text", "text": "Yes, ask"},
                        "deny": {"type": "plain_text", "text": "No"},
                        "style": "danger",
                    },
                },
                {
                    "type": "overflow",
                    "action_id": "demo.more",
                    "options": [
                        {"text": {"type": "plain_text", "text": "First"}, "value": "first"},
                        {"text": {"type": "plain_text", "text": "Second"}, "value": "second"},
                    ],
                },
            ],
        },
    ]


def actions_sent(demo: DemoWorkspace) -> list[str]:
    return [a.detail for a in demo.answers if a.kind == "block_actions"]


def test_block_kit_is_rendered_and_its_elements_send_signed_block_actions(page, demo, bot):
    posted = bot.chat_postMessage(
        channel=GRADER.user_id, text="sink", blocks=kitchen_sink(WRITTEN_TEST)
    )
    item = page.locator(f'li.message[data-ts="{posted["ts"]}"]')

    expect(item.locator(".block-header")).to_have_text("Kitchen sink")
    expect(item.locator("strong", has_text="bold").first).to_be_visible()
    expect(item.locator("em")).to_have_text("italic")
    expect(item.locator("del")).to_have_text("struck")
    expect(item.locator("code")).to_have_text("code")
    link = item.get_by_role("link", name="a link")
    expect(link).to_have_attribute("href", "https://example.org/a?b=1&c=2")
    expect(item.locator(".mention")).to_have_text("@John Smith")
    expect(item.locator(".section-text ul li")).to_have_text(["first", "second"])
    expect(item.locator(".section-text ol li")).to_have_text(["one", "two"])
    expect(item.locator("blockquote")).to_have_text("quoted")
    expect(item).to_contain_text("✅")
    expect(item).to_contain_text("Escaped: <b>not bold</b> & more")
    expect(item.locator(".fields .field")).to_have_text(["Committee: K1", "Deadline: 2026-12-21"])
    expect(item.locator("hr.block-divider")).to_have_count(1)
    expect(item.locator(".block-context")).to_contain_text("context text")
    expect(item.locator(".block-context")).to_contain_text("plain *text*")
    expect(item.get_by_role("button", name="Go")).to_have_class("button primary")
    ask = item.get_by_role("button", name="Ask why")
    expect(ask).to_have_class("button danger")

    # The confirm dialog: "No" sends nothing, "Yes" sends the press.
    before = len(actions_sent(demo))
    ask.click()
    dialog = page.locator("#confirm")
    expect(dialog.locator("#confirm-title")).to_have_text("Really?")
    expect(dialog.locator("#confirm-text strong")).to_have_text("why")
    dialog.get_by_role("button", name="No").click()
    expect(dialog).to_be_hidden()
    assert len(actions_sent(demo)) == before
    ask.click()
    dialog.get_by_role("button", name="Yes, ask").click()
    answer = page.locator("li.message.ephemeral", has_text=t("nb", "why.title"))
    expect(answer).to_contain_text(WRITTEN_TEST)
    assert actions_sent(demo)[before:] == [f"{WHY_ACTION}={WRITTEN_TEST}"]

    # A static select and an overflow menu send the option chosen.
    item.locator("select").select_option("b")
    item.locator(".overflow-toggle").click()
    item.get_by_role("menuitem", name="Second").click()
    item.get_by_role("button", name="Go").click()
    expected = ["demo.select=b", "demo.more=second", "demo.go=go"]
    expect(page.locator("#requests")).to_contain_text("demo.go=go")
    assert actions_sent(demo)[-3:] == expected


def test_ephemeral_updates_and_files_show_as_in_slack(page, demo, bot, site):
    posted = bot.chat_postMessage(channel=GRADER.user_id, text="Before the update")
    item = page.locator(f'li.message[data-ts="{posted["ts"]}"]')
    expect(item).to_contain_text("Before the update")
    count = page.locator("li.message").count()
    bot.chat_update(
        channel=posted["channel"],
        ts=posted["ts"],
        text="After",
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "*Changed* in place"}}],
    )
    expect(item).to_contain_text("Changed in place")
    expect(page.locator("li.message")).to_have_count(count)

    bot.chat_postEphemeral(channel=DM, user=GRADER.user_id, text="Just for you")
    ephemeral = page.locator("li.message.ephemeral", has_text="Just for you")
    expect(ephemeral.locator(".ephemeral-note")).to_have_text(t("en", "demo.page.only_you"))

    bot.files_upload_v2(
        channel=DM, content=b"hello", filename="notes.txt", initial_comment="A file"
    )
    card = page.locator("li.message", has_text="A file").locator("[data-testid=file]")
    expect(card).to_contain_text("notes.txt")
    href = card.get_by_role("link", name=t("en", "demo.page.download")).get_attribute("href")
    download = page.request.get(site.url.rstrip("/") + href)
    assert download.body() == b"hello"
    assert "attachment" in download.headers["content-disposition"]


def test_the_app_behind_the_demo_checks_slack_signatures(demo):
    answer = http_request(
        demo.app_url + "/slack/events",
        data=b'{"type": "event_callback"}',
        headers={"Content-Type": "application/json", "X-Slack-Signature": "v0=forged"},
    )
    assert answer.status == 401


def test_the_page_refuses_requests_another_site_could_make(site):
    send = site.url + "api/send"
    body = b'{"user": "UKARI", "text": "/sensur help"}'
    # A form or a no-cors fetch from another page can only send simple content types.
    assert http_request(send, data=body, headers={"Content-Type": "text/plain"}).status == 415
    rebound = {"Content-Type": "application/json", "Host": "attacker.example:80"}
    assert http_request(send, data=body, headers=rebound).status == 403
    assert http_request(site.url, headers={"Host": "attacker.example"}).status == 403
    own = http_request(send, data=body, headers={"Content-Type": "application/json"})
    assert own.status == 200 and own.json()["kind"] == "slash_command"
