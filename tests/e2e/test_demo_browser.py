"""`sensorbot demo` in a real browser: the command started as an operator starts it, the page
driven by Playwright in Debian's Chromium (never a downloaded browser), the real app and
scheduler behind it. The screenshots in README.md are written by this test."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from playwright.sync_api import expect

from bot.demo.roster import BLOCKED_TEST, CONSULTANT, EXTERNAL, GRADER, ORAL_TEST, WRITTEN_TEST
from bot.i18n import t
from models import tables
from models.db import make_engine, session_scope
from tests.support.browser import XLSX, launch_chromium
from tests.support.harness import http_request
from tests.support.processes import free_port

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
STARTUP_LIMIT_SECONDS = 5.0
OSLO = ZoneInfo("Europe/Oslo")


def nb(key: str, **params: object) -> str:
    """A catalog text as the Norwegian readers of the demo (Kari, Ingrid) see it."""
    return t("nb", key, **params)


def sheet(rows: list[tuple[str, str | None]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Kandidat-ID", "Karakter"])
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class DemoProcess:
    """`python -m bot demo --port P --dir D`, timed from start until the page is served."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        environment = {
            k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SENSORBOT_"))
        }
        environment.pop("DATABASE_URL", None)
        self.log_path = folder / "demo.log"
        self._log = self.log_path.open("w")
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "demo", "--port", str(self.port), "--dir", str(folder)],
            cwd=folder,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.startup_seconds = self._wait_for_page(started)

    def _wait_for_page(self, started: float, limit: float = 60) -> float:
        while time.monotonic() - started < limit:
            try:
                if http_request(self.url).status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            assert self.process.poll() is None, self.output
            time.sleep(0.02)  # polling for the port to open, not timing anything
        raise AssertionError(f"the demo page was not served within {limit} s:\n{self.output}")

    def wait_for_output(self, line: str, limit: float = 10) -> None:
        """Until the command has printed `line` (it prints once the page is served)."""
        deadline = time.monotonic() + limit
        while line not in self.output:
            assert time.monotonic() < deadline, f"never printed {line!r}:\n{self.output}"
            time.sleep(0.02)  # polling a log file, not timing anything

    def wait_for_app_port(self) -> str:
        pattern = re.compile(r"serves Slack's requests at http://127\.0\.0\.1:(\d+)/slack/events")
        self.wait_for_output("/slack/events")
        found = pattern.search(self.output)
        assert found, self.output
        return found.group(1)

    @property
    def output(self) -> str:
        return self.log_path.read_text()

    def state(self, user: str) -> dict:
        return http_request(f"{self.url}api/state?user={user}&after=-1").json()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=20)
        finally:
            self._log.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[DemoProcess]:
    process = DemoProcess(tmp_path_factory.mktemp("demo"))
    yield process
    process.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def test_the_page_is_served_within_five_seconds_of_starting_the_command(demo):
    assert demo.startup_seconds < STARTUP_LIMIT_SECONDS, demo.output
    demo.wait_for_output(nb("demo.cli.serving", url=demo.url))
    assert nb("demo.cli.local_only") in demo.output


def listening_addresses(port: int) -> set[str]:
    """The IPv4 and IPv6 addresses something listens on at `port` (Linux's /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, _, hexport = local.partition(":")
                if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                    found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_the_page_and_the_app_listen_on_127_0_0_1_only(demo):
    loopback = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
    assert listening_addresses(demo.port) == {loopback}
    app_port = int(demo.wait_for_app_port())
    assert listening_addresses(app_port) == {loopback}


def message(page, containing: str):
    return page.locator("li.message", has_text=containing)


def same_message(page, item):
    """The message `item` finds now, found by its ts from then on (its text may change)."""
    return page.locator(f'li.message[data-ts="{item.get_attribute("data-ts")}"]')


def share(page, content: bytes, name: str = "TDT4145-karakterer.xlsx") -> None:
    """Share a file in the DM from the page, as a person picks one."""
    page.locator("#upload").set_input_files([{"name": name, "mimeType": XLSX, "buffer": content}])


def grading_deadline(demo: DemoProcess, test_id: str) -> datetime:
    engine = make_engine(f"sqlite:///{demo.folder / 'sensorbot.db'}")
    try:
        with session_scope(engine) as session:
            test = session.get(tables.Test, test_id)
            assert test is not None and test.grading_deadline is not None
            return test.grading_deadline
    finally:
        engine.dispose()


def final_approve_has_confirm(demo: DemoProcess) -> bool:
    for item in demo.state(GRADER.user_id)["conversation"]:
        for block in item.get("blocks") or []:
            for element in block.get("elements") or []:
                if element.get("type") == "button" and element["text"]["text"] == nb(
                    "approvals.final.button"
                ):
                    return "confirm" in element
    raise AssertionError("no final approval prompt in the grader's DM")


def test_a_grader_and_a_consultant_try_sensorbot(page, demo):
    page.goto(demo.url)
    expect(page.locator("#local-only")).to_contain_text("127.0.0.1")

    # As the grader: "why can't I see it?" on the opened-for-marking notice.
    why = nb("notice.opened.button.why")
    notice = message(page, f"{WRITTEN_TEST} er åpnet for vurdering").first
    notice.get_by_role("button", name=why).click()
    diagnosis = page.locator("li.message.ephemeral", has_text=nb("why.title"))
    expect(diagnosis).to_contain_text("Prøven er åpnet for vurdering")
    expect(diagnosis.locator(".ephemeral-note")).to_contain_text(nb("demo.page.only_you"))

    # A grade sheet with one error: the preview names the row, nothing can be saved.
    upload = page.locator("#upload")
    name = "TDT4145-karakterer.xlsx"
    upload.set_input_files(
        [{"name": name, "mimeType": XLSX, "buffer": sheet([("30101", "B"), ("30102", "G")])}]
    )
    refused = same_message(page, message(page, "Rad 3, kandidat 30102: G").last)
    expect(refused).to_contain_text("1 feil – ingenting kan lagres før den er rettet")
    expect(refused.get_by_role("button", name=nb("gradesheet.button.apply"))).to_have_count(0)

    # A clean one: saved with the preview's button, the preview replaced in place.
    upload.set_input_files(
        [{"name": name, "mimeType": XLSX, "buffer": sheet([("30101", "B"), ("30102", "C")])}]
    )
    preview = same_message(page, message(page, "Rad 3, kandidat 30102: C").last)
    preview.get_by_role("button", name=nb("gradesheet.button.apply")).click()
    saved = preview
    expect(saved).to_contain_text(f"2 karakterer oppdatert for {ORAL_TEST}")
    expect(saved.get_by_role("button", name=nb("gradesheet.button.apply"))).to_have_count(0)

    # "Reset one candidate" opens a modal; the app's answer to a wrong number shows in it.
    saved.get_by_role("button", name=nb("gradesheet.button.reset")).click()
    modal = page.locator("#modal")
    expect(modal.locator("#modal-title")).to_have_text(nb("gradesheet.reset.title"))
    modal.locator("input").fill("99999")
    modal.locator("#modal-submit").click()
    unknown = nb("gradesheet.reset.unknown_candidate", candidate="99999", test=ORAL_TEST)
    expect(modal.locator(".input-error")).to_have_text(unknown)
    modal.locator("#modal-close").click()
    expect(modal).to_be_hidden()

    # Final approval, through Slack's confirm dialog when the button carries one.
    prompt = same_message(page, message(page, nb("approvals.final.title")).last)
    prompt.get_by_role("button", name=nb("approvals.final.button")).click()
    dialog = page.locator("#confirm")
    if final_approve_has_confirm(demo):
        expect(dialog).to_be_visible()
        dialog.locator("#confirm-yes").click()
    else:
        expect(dialog).to_be_hidden()
    expect(prompt).to_contain_text("Endelig: godkjent av")

    # The blocked test: the diagnosis offers to send the case to the consultant.
    page.locator("#compose").fill(f"/sensur hvorfor {BLOCKED_TEST}")
    page.locator("#compose").press("Enter")
    blocked = page.locator("li.message.ephemeral", has_text=BLOCKED_TEST).last
    expect(blocked.locator(".ephemeral-note")).to_contain_text(f"/sensur hvorfor {BLOCKED_TEST}")
    blocked.get_by_role("button", name=nb("why.escalate.button")).click()
    expect(page.locator("li.message", has_text=CONSULTANT.name).last).to_be_visible()

    # Time travel to a week before the written test's grading deadline: a reminder.
    local_deadline = grading_deadline(demo, WRITTEN_TEST).astimezone(OSLO)
    week_before = (local_deadline - timedelta(days=7)).replace(hour=9, minute=5)
    page.locator("#time-travel-at").fill(week_before.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#time-travel-run").click()
    # A whole scheduler pass, its sends included: more than the default five seconds at times.
    expect(page.locator("#time-travel-result")).to_contain_text("09:05", timeout=20_000)
    expect(message(page, f"Påminnelse: sensurfristen for {WRITTEN_TEST}")).to_have_count(1)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    refused.evaluate("item => item.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SCREENSHOTS / "grader-dm.png"))

    # As the consultant: the case, the test ready for FS with its export, the Home tab.
    page.locator("#person").select_option(CONSULTANT.user_id)
    case = message(page, f"En sensor trenger hjelp: {BLOCKED_TEST}").first
    expect(case).to_contain_text(GRADER.name)
    expect(case.get_by_role("button", name=nb("escalation.button.acknowledge"))).to_be_visible()
    ready = message(page, nb("handoff.title")).last
    expect(ready).to_contain_text(ORAL_TEST)
    export = page.locator("li.message [data-testid=file]", has_text=ORAL_TEST).last
    with page.expect_download() as download:
        export.get_by_role("link", name=nb("demo.page.download")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    content = io.BytesIO(Path(download.value.path()).read_bytes())
    rows = list(openpyxl.load_workbook(content).active.iter_rows(values_only=True))
    assert ("30101", "B") in [tuple(str(v) for v in row[:2]) for row in rows]

    page.locator("#tab-home").click()
    home = page.locator("#home")
    expect(home).to_contain_text(nb("home.consultant.title"))
    expect(home).to_contain_text(BLOCKED_TEST)
    page.screenshot(path=str(SCREENSHOTS / "consultant-home.png"), full_page=True)


def test_a_person_switches_language_as_in_slack(page, demo):
    page.goto(demo.url)
    page.locator("#person").select_option(EXTERNAL.user_id)
    compose = page.locator("#compose")
    compose.fill("/sensur help")  # John chose English when the demo started
    compose.press("Enter")
    expect(page.locator("li.message.ephemeral", has_text="/sensur help").last).to_contain_text(
        t("en", "help.title")
    )
    compose.fill("/sensur språk nb")
    compose.press("Enter")
    # Each command is worked on its own, as in Slack: the next waits for the choice.
    expect(page.locator("li.message.ephemeral", has_text="/sensur språk nb").last).to_contain_text(
        "Fra nå av skriver jeg til deg på norsk"
    )
    compose.fill("/sensur hjelp")
    compose.press("Enter")
    expect(page.locator("li.message.ephemeral", has_text="/sensur hjelp").last).to_contain_text(
        nb("help.title")
    )
    compose.fill("/sensur language en")  # as he was, for the tests after this one
    compose.press("Enter")
    expect(
        page.locator("li.message.ephemeral", has_text="/sensur language en").last
    ).to_contain_text("From now on I'll write to you in English")
    compose.fill("/sensur help")
    compose.press("Enter")
    expect(page.locator("li.message.ephemeral", has_text="/sensur help")).to_have_count(2)
    expect(page.locator("li.message.ephemeral", has_text="/sensur help").last).to_contain_text(
        t("en", "help.title")
    )


def test_the_home_tab_and_dm_follow_the_person_shown(page, demo):
    page.goto(demo.url)
    page.locator("#person").select_option(EXTERNAL.user_id)
    expect(message(page, f"{WRITTEN_TEST} is open for marking")).to_have_count(1)
    page.locator("#tab-home").click()
    expect(page.locator("#home")).to_contain_text(t("en", "home.grader.title"))
    expect(page.locator("#home")).not_to_contain_text(BLOCKED_TEST)
    body = json.dumps(demo.state(EXTERNAL.user_id)["conversation"])
    assert BLOCKED_TEST not in body  # only the grader of that test asked about it


def test_started_again_with_the_same_dir_the_demo_keeps_the_store_and_the_dms(demo):
    """Last in this module: it stops the module's demo and starts it again."""
    before = demo.state(GRADER.user_id)["conversation"]
    assert before
    assert demo.stop() == 0  # SIGTERM: a clean stop, the workspace saved
    again = DemoProcess(demo.folder)
    try:
        after = again.state(GRADER.user_id)["conversation"]
        assert [m["ts"] for m in after[: len(before)]] == [m["ts"] for m in before]
        opened = [m for m in after if f"{WRITTEN_TEST} er åpnet for vurdering" in m["text"]]
        assert len(opened) == 1  # the store remembers the notice was sent
    finally:
        again.stop()
