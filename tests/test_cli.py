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
    start = time.monotonic()
    result = run_cli("run", cwd=tmp_path, env={"SENSORBOT_DEFAULT_LANGUAGE": "en"})
    elapsed = time.monotonic() - start
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "SLACK_SIGNING_SECRET" in result.stderr
    assert "Create the Slack app" in result.stderr
    assert elapsed < 5  # interpreter start included; the check itself is immediate


def test_bad_setting_is_named(tmp_path):
    result = run_cli("db", "upgrade", cwd=tmp_path, env={"SENSORBOT_SCHEDULER": "sometimes"})
    assert result.returncode == 2
    assert "SENSORBOT_SCHEDULER" in result.stderr


def test_db_upgrade_creates_the_store(tmp_path):
    db = tmp_path / "s.db"
    result = run_cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{db}"})
    assert result.returncode == 0, result.stderr
    assert db.exists()
