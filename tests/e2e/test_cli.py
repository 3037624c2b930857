"""The `sensorbot` console script as a consultant runs it."""

import os
import subprocess
import sys
import time


def run_cli(*args, env=None, cwd=None, timeout=30):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
    )


def test_run_without_tokens_fails_fast_naming_every_missing_variable(tmp_path):
    result = run_cli("run", cwd=tmp_path, env={"SENSORBOT_DEFAULT_LANGUAGE": "en"})
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "SLACK_SIGNING_SECRET" in result.stderr
    assert "Create the Slack app" in result.stderr
    # It stops before anything slow: no store is opened or created.
    assert not (tmp_path / "sensorbot.db").exists()


def test_bad_setting_is_named(tmp_path):
    result = run_cli("db", "upgrade", cwd=tmp_path, env={"SENSORBOT_SCHEDULER": "sometimes"})
    assert result.returncode == 2
    assert "SENSORBOT_SCHEDULER" in result.stderr


def test_db_upgrade_creates_the_store(tmp_path):
    db = tmp_path / "s.db"
    result = run_cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{db}"})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_run_serves_slack_over_http_and_stops_cleanly_on_sigterm(tmp_path, fake_slack):
    """`sensorbot run` as an operator starts it: migrations, HTTP, signed help, SIGTERM."""
    import signal
    import socket

    from tests.support.harness import BOT_TOKEN, SIGNING_SECRET, SlackDriver, http_request

    fake_slack.add_user("U1", email="kari@ntnu.no", locale="en-US")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    environment.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}",
        PORT=str(port),
        SENSORBOT_SCHEDULER="off",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if http_request(base + "/healthz").status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "sensorbot run did not start serving"
            time.sleep(0.05)
        answer = SlackDriver(base).command("U1", "help", response_url=fake_slack.response_url("r"))
        assert answer.status == 200
        reply = fake_slack.wait_for_call("response_url", timeout=10).params
        # An English Slack locale and no choice: Norwegian, the default language.
        assert "/sensur hvorfor [PRØVE]" in str(reply["blocks"])
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
    assert code == 0, process.stdout.read()
