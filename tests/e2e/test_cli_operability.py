"""`sensorbot` as a new operator meets it: a store or a Slack that cannot be reached, a
wrong URL or token, a test that does not exist. Each gets one line saying what to check."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.support.harness import BOT_TOKEN
from tests.support.processes import (
    RunningProcess,
    free_port,
    run_cli,
    said,
    sensorbot_environment,
)
from tests.support.stores import migrated_engine

# Every command that opens the store (`run` after its Slack check).
STORE_COMMANDS = [
    ["run"],
    ["db", "upgrade"],
    ["import", "roster.xlsx"],
    ["status"],
    ["status", "TDT4100-2026H"],
    ["tick"],
    ["open", "TDT4100-2026H"],
    ["export", "TDT4100-2026H", "out.xlsx"],
]


def _ids(command: list[str]) -> str:
    return " ".join(command)


def _only_line(output: str) -> str:
    lines = said(output)
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=_ids)
def test_an_unreachable_postgresql_is_one_line_naming_the_host(command, tmp_path, fake_slack):
    port = free_port()  # nothing listens there once the probe is closed
    url = f"postgresql://postgres@127.0.0.1:{port}/sensorbot"
    result = run_cli(command, sensorbot_environment(fake_slack, url), tmp_path)
    assert result.returncode == 1, result.stderr
    line = _only_line(result.stderr)
    assert line.startswith(f"sensorbot cannot reach PostgreSQL at 127.0.0.1:{port}"), line
    assert "(database sensorbot): Connection refused" in line
    assert "Check that the server is running" in line
    assert result.stdout == ""


def test_an_unreachable_postgresql_is_said_in_norwegian_too(tmp_path, fake_slack):
    port = free_port()
    url = f"postgresql://postgres@127.0.0.1:{port}/sensorbot"
    environment = sensorbot_environment(fake_slack, url, SENSORBOT_DEFAULT_LANGUAGE="nb")
    result = run_cli(["status"], environment, tmp_path)
    assert result.returncode == 1
    line = _only_line(result.stderr)
    assert line.startswith(f"sensorbot når ikke PostgreSQL på 127.0.0.1:{port}"), line
    assert "Sjekk at serveren kjører" in line


def test_a_sqlite_file_that_cannot_be_created_is_one_line_naming_it(tmp_path, fake_slack):
    path = tmp_path / "no such folder" / "sensorbot.db"
    result = run_cli(
        ["db", "upgrade"], sensorbot_environment(fake_slack, f"sqlite:///{path}"), tmp_path
    )
    assert result.returncode == 1
    line = _only_line(result.stderr)
    assert line.startswith(f"sensorbot cannot open the SQLite store {path}:"), line
    assert "Check that the folder exists" in line
    assert not path.parent.exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://sensorbot:secret@db.example/sensorbot", "DATABASE_URL starts with mysql://"),
        ("postgresql+asyncpg://db.example/sensorbot", "starts with postgresql+asyncpg://"),
        ("sensorbot.db", "DATABASE_URL is not a database URL"),
    ],
)
@pytest.mark.parametrize("command", [["db", "upgrade"], ["status"], ["run"]], ids=_ids)
def test_an_unsupported_database_url_gets_the_projects_own_message(
    command, url, expected, tmp_path, fake_slack
):
    result = run_cli(command, sensorbot_environment(fake_slack, url), tmp_path)
    assert result.returncode == 2
    line = _only_line(result.stderr)
    assert expected in line
    assert "sqlite:///sensorbot.db or postgresql://user@host:5432/sensorbot" in line
    assert "secret" not in result.stderr  # a password in the URL is never repeated


def _sqlite(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'sensorbot.db'}"
    migrated_engine(url).dispose()
    return url


def _start(tmp_path, fake_slack, **extra: str) -> tuple[subprocess.CompletedProcess, float]:
    """`sensorbot run` on a migrated SQLite store, and how long it took to end."""
    environment = sensorbot_environment(fake_slack, _sqlite(tmp_path), **extra)
    start = time.monotonic()
    result = run_cli(["run"], environment, tmp_path, timeout=40)
    return result, time.monotonic() - start


def test_run_with_a_wrong_bot_token_stops_at_once_naming_it(tmp_path, fake_slack):
    wrong = "xoxb-not-the-installed-token"
    result, elapsed = _start(tmp_path, fake_slack, SLACK_BOT_TOKEN=wrong)
    assert result.returncode == 2, result.stderr
    line = _only_line(result.stderr)
    assert "Slack does not accept SLACK_BOT_TOKEN (invalid_auth)" in line
    assert "Create the Slack app" in line
    assert wrong not in result.stderr  # the variable is named, the secret is not shown
    assert [request.method for request in fake_slack.requests] == ["auth.test"]
    # Before the check, run served on with the wrong token until killed. The bound is
    # loose because starting the interpreter alone can take seconds on a loaded machine.
    assert elapsed < 20


def test_run_says_so_when_slack_cannot_be_reached(tmp_path, fake_slack):
    api = f"http://127.0.0.1:{free_port()}/api/"
    result, _ = _start(tmp_path, fake_slack, SLACK_API_URL=api)
    assert result.returncode == 1, result.stderr
    line = _only_line(result.stderr)
    assert line.startswith(f"sensorbot run cannot start: no answer from Slack at {api}"), line
    assert "Connection refused" in line


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/api/"


def test_run_does_not_hang_on_a_slack_that_never_answers(tmp_path, fake_slack, silent_server):
    result, elapsed = _start(tmp_path, fake_slack, SLACK_API_URL=silent_server)
    assert result.returncode == 1, result.stderr
    line = _only_line(result.stderr)
    assert "no answer from Slack" in line and "waited up to 10 seconds" in line
    assert elapsed < 30  # the check's 10 s and the start-up; a hang is killed at 40 s


def test_run_does_not_warn_that_the_token_will_be_unused(tmp_path, fake_slack):
    """SLACK_BOT_TOKEN in the environment, as every operator sets it."""
    environment = sensorbot_environment(fake_slack, _sqlite(tmp_path), SENSORBOT_SCHEDULER="off")
    assert environment["SLACK_BOT_TOKEN"] == BOT_TOKEN
    process = RunningProcess(environment, tmp_path)
    try:
        process.wait_until_serving()
    finally:
        code = process.stop()
    assert code == 0, process.output
    assert "WARNING" not in process.output
    assert "will be unused" not in process.output


def test_status_of_an_unknown_test_says_it_is_not_known(tmp_path, fake_slack):
    environment = sensorbot_environment(fake_slack, _sqlite(tmp_path))
    result = run_cli(["status", "NOPE"], environment, tmp_path)
    assert result.returncode == 1
    line = _only_line(result.stderr)
    assert line == "There is no test with id NOPE. `sensorbot status --all` lists every test."
    assert "changed" not in result.stderr


def test_run_says_so_when_slack_api_url_answers_with_a_web_page(tmp_path, fake_slack):
    api = fake_slack.api_url.rstrip("/").removesuffix("/api") + "/not-the-api/"
    result, _ = _start(tmp_path, fake_slack, SLACK_API_URL=api)
    assert result.returncode == 1, result.stderr
    line = said(result.stderr)[-1]
    assert line.startswith(f"sensorbot run cannot start: Slack at {api} answered auth.test"), line
    assert "Check SLACK_API_URL" in line
