"""The road from outside text into mrkdwn without escaping is a type error: mypy refuses a
plain `str` where the kit takes `Mrkdwn`, and accepts the escaped roads."""

from __future__ import annotations

from pathlib import Path

from mypy import api

SNIPPET = """
from bot.i18n import t
from bot.ui import kit

name: str = input()
kit.section(name)
kit.context(f"*{name}*")
kit.message(t("en", "why.title"), [])
kit.section(kit.escape(name))
kit.section(kit.md("en", "escalation.channel.text", grader=name, test="A-1"))
kit.section(kit.bold(name) + " and " + name)
"""


def test_mypy_refuses_raw_text_as_mrkdwn_and_accepts_the_kits_roads(tmp_path: Path):
    module = tmp_path / "snippet.py"
    module.write_text(SNIPPET)
    out, _, status = api.run(
        [str(module), "--cache-dir", str(tmp_path / "cache"), "--follow-imports", "silent"]
    )
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [line.split(":")[1] for line in errors] == ["6", "7", "8"], out
    assert all('expected "Mrkdwn"' in line for line in errors), out
