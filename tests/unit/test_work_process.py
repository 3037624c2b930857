"""The work process's side of "acks first": it knows a rush of requests in the answering
process from two figures that process keeps, and its jobs pause at the store meanwhile."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from bot.work_process import (
    RUSH_PER_SECOND,
    RUSH_REQUESTS,
    RUSH_SECONDS,
    WorkProcess,
    _give_way_at_statements,
    _Rush,
)
from models.db import make_engine
from tests.support.harness import make_settings


def _arrivals(work: WorkProcess, requests: int, apart: float) -> None:
    for _ in range(requests):
        with work.answering():
            pass
        time.sleep(apart)  # the time between two requests is what is measured


def test_requests_closer_than_the_rush_rate_are_a_rush_until_they_stop(tmp_path):
    work = WorkProcess(make_settings("http://127.0.0.1:1/api/", f"sqlite:///{tmp_path}/x.db"))
    rush = _Rush(work._arrivals)
    assert not rush()  # none yet
    _arrivals(work, RUSH_REQUESTS - 1, 0.0)
    assert not rush()  # not yet enough of them
    _arrivals(work, 1, 0.0)
    assert rush()
    time.sleep(RUSH_SECONDS * 1.5)
    assert not rush()  # none for a while


def test_requests_at_a_human_pace_are_no_rush(tmp_path):
    work = WorkProcess(make_settings("http://127.0.0.1:1/api/", f"sqlite:///{tmp_path}/x.db"))
    rush = _Rush(work._arrivals)
    _arrivals(work, 10, 2 / RUSH_PER_SECOND)
    assert not rush()


def test_a_burst_after_a_quiet_while_is_a_rush_from_its_first_few_requests(tmp_path):
    work = WorkProcess(make_settings("http://127.0.0.1:1/api/", f"sqlite:///{tmp_path}/x.db"))
    rush = _Rush(work._arrivals)
    _arrivals(work, 10, 2 / RUSH_PER_SECOND)
    time.sleep(RUSH_SECONDS * 1.5)
    _arrivals(work, RUSH_REQUESTS, 0.0)
    assert rush()


def test_a_job_pauses_before_its_next_statement_while_requests_rush(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/x.db")
    rushing = threading.Event()
    rushing.set()
    _give_way_at_statements(engine, rushing.is_set)
    threading.Timer(0.3, rushing.clear).start()
    began = time.monotonic()
    with engine.connect() as connection:
        assert connection.execute(text("select 1")).scalar() == 1
    assert time.monotonic() - began >= 0.3
    began = time.monotonic()
    with engine.connect() as connection:
        connection.execute(text("select 1"))
    assert time.monotonic() - began < 0.2
    engine.dispose()
