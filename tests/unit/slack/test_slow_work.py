"""The listeners' slow-work pool: bounded, refusing what does not fit, yielding the CPU to
requests being answered."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from bot.slack.slow_work import SlowWork


@pytest.fixture
def pool():
    work = SlowWork(workers=2, queue=1)
    yield work
    work.shutdown()


def blocked_jobs(pool: SlowWork, count: int, release: threading.Event) -> list[bool]:
    return [pool.submit(lambda: release.wait(10)) for _ in range(count)]


def test_it_takes_workers_plus_queue_jobs_and_refuses_the_next(pool):
    release = threading.Event()
    assert blocked_jobs(pool, 4, release) == [True, True, True, False]
    assert pool.taken == 3
    release.set()
    assert pool.wait_idle(5)
    assert pool.submit(lambda: None)  # room again


def test_a_job_that_must_start_now_needs_a_free_worker(pool):
    release = threading.Event()
    assert pool.submit(lambda: release.wait(10))
    assert pool.submit(lambda: None, start_now=True)  # the second worker
    assert pool.wait_idle(0.01) is False
    blocked_jobs(pool, 1, release)
    assert pool.submit(lambda: None, start_now=True) is False  # both busy, one waiting
    release.set()
    assert pool.wait_idle(5)


def test_a_failing_job_is_logged_and_frees_its_place(pool, caplog):
    def fail() -> None:
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="bot.slack.slow_work"):
        assert pool.submit(fail)
        assert pool.wait_idle(5)
    assert "a job failed" in caplog.text and "boom" in caplog.text
    assert pool.taken == 0


def spin(seconds: float) -> None:
    """Use `seconds` of this thread's CPU."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def ten_jobs_of_10_ms(work: SlowWork) -> float:
    """How long (clock) ten jobs of 10 ms CPU each take in `work`."""
    began = time.monotonic()
    for _ in range(10):
        assert work.submit(lambda: spin(0.01))
    assert work.wait_idle(10)
    return time.monotonic() - began


def test_while_requests_are_answered_jobs_keep_to_their_cpu_share():
    work = SlowWork(workers=4, queue=100, cpu_share=0.05, cpu_burst=0.01)
    try:
        with work.answering():
            took = ten_jobs_of_10_ms(work)
        # 0.1 s of CPU at a twentieth of the clock takes about 2 s, not 0.1 s.
        assert took >= 1.5, took
    finally:
        work.shutdown()


def test_without_requests_jobs_use_the_cpu_freely():
    work = SlowWork(workers=4, queue=100, cpu_share=0.05, cpu_burst=0.01)
    try:
        with work.answering():
            pass
        time.sleep(0.15)  # no request for a while
        assert ten_jobs_of_10_ms(work) < 1.0
    finally:
        work.shutdown()


def test_while_another_process_answers_requests_jobs_keep_to_their_cpu_share():
    rushed = threading.Event()
    rushed.set()
    work = SlowWork(
        workers=4, queue=100, cpu_share=0.05, cpu_burst=0.01, answering_elsewhere=rushed.is_set
    )
    try:
        assert ten_jobs_of_10_ms(work) >= 1.5  # as above
        rushed.clear()
        assert ten_jobs_of_10_ms(work) < 1.0
    finally:
        work.shutdown()
