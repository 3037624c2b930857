"""manifest.yml declares everything the handlers listen to (SPEC §9.3)."""

from pathlib import Path

import yaml

MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[2] / "manifest.yml").read_text())


def test_slash_command_and_request_urls():
    commands = MANIFEST["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/sensur"]
    assert commands[0]["url"].endswith("/slack/events")
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["request_url"].endswith("/slack/events")
    assert MANIFEST["settings"]["event_subscriptions"]["request_url"].endswith("/slack/events")


def test_events_and_scopes():
    events = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_home_opened", "file_shared", "message.im"} <= events
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "im:write",
        "im:history",
        "users:read",
        "users:read.email",
        "files:read",
        "files:write",
    } <= scopes


def test_home_tab_and_socket_mode_switch():
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert "socket_mode_enabled" in MANIFEST["settings"]
