"""The pool where the slow part of every Slack listener runs, after the acknowledgement.

Bounded twice: at most `workers` jobs run at once and at most `queue` more wait. A job that
does not fit is refused at once, so that a listener can answer "busy, try again" instead
of letting the wait grow without limit.

Acknowledgements come first for the CPU too. Python runs one thread at a time, so slow
work that computes (the store, rendering) takes turns with the threads answering Slack.
While a request is being answered (`answering()`), or one came a moment ago, a job starts
only while the jobs' CPU time stays within `cpu_share` of the clock; the rest wait, and
what does not fit in the queue is refused. When no request is waiting the jobs use the CPU
freely. Marking a request takes no lock: the request threads never wait for the jobs'
bookkeeping.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

logger = logging.getLogger(__name__)

# The CPU the jobs may take while requests wait for their answer: a tenth of the clock, in
# turns of at most 10 ms. Measured (bench.ack_latency): a quarter let 100 clients' acks take
# twice as long as a bare app's (a job's thread also delays the others each time it takes
# the interpreter back after waiting on the store or Slack), and 50 ms turns let the jobs
# started by the first requests of a burst delay the rest of it.
CPU_SHARE = 0.1
CPU_BURST_SECONDS = 0.01
# A request this recent counts as one being answered (see `_requests_waiting`).
RECENT_SECONDS = 0.1


class SlowWork:
    def __init__(
        self,
        workers: int,
        queue: int,
        name: str = "slack-work",
        *,
        cpu_share: float = CPU_SHARE,
        cpu_burst: float = CPU_BURST_SECONDS,
        answering_elsewhere: Callable[[], bool] = lambda: False,
    ) -> None:
        """`answering_elsewhere`: whether another process is answering requests now, for
        a pool whose requests are answered there."""
        if workers < 1 or queue < 0:
            raise ValueError(f"{name}: at least one worker and no negative queue")
        self.workers = workers
        self.queue = queue
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._name = name
        self._taken = 0  # running and waiting
        # One entry per request being answered now: appending and popping a list need no
        # lock (one bytecode each), and a lock here was one the workers held in turn.
        self._answering: list[None] = []
        self._last_request = -RECENT_SECONDS
        self._answering_elsewhere = answering_elsewhere
        self._share = cpu_share
        self._burst = cpu_burst
        self._cpu_credit = cpu_burst  # CPU seconds the jobs may still take, refilled
        self._refilled = time.monotonic()
        self._typical_cpu = 0.01  # a job's CPU seconds, a moving average (a guess at first)
        self._changed = threading.Condition()
        self._turn = threading.Lock()  # held by the one job waiting for CPU credit

    @property
    def taken(self) -> int:
        with self._changed:
            return self._taken

    def submit(self, job: Callable[[], None], *, start_now: bool = False) -> bool:
        """Run `job` in the pool; False (and nothing runs) when it is full. `start_now`
        takes only a worker that is free now, and does not wait for its turn: for a job
        whose caller is an answer waiting for it."""
        limit = self.workers if start_now else self.workers + self.queue
        with self._changed:
            if self._taken >= limit:
                return False
            self._taken += 1
        try:
            self._executor.submit(self._run, job, start_now)
        except RuntimeError:  # shut down
            self._release(0.0, 0.0)
            return False
        return True

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Marks a request being answered: jobs yield the CPU to it. A job waiting for
        its turn looks again when its CPU credit has come back, so nothing is notified."""
        self._answering.append(None)
        self._last_request = time.monotonic()
        try:
            yield
        finally:
            self._answering.pop()

    def _run(self, job: Callable[[], None], without_turn: bool) -> None:
        reserved = 0.0 if without_turn else self._wait_turn()
        started = time.thread_time()
        try:
            job()
        except Exception:
            # The jobs report their own failures to the person; this is the last line.
            logger.exception("%s: a job failed", self._name)
        finally:
            self._release(time.thread_time() - started, reserved)

    def _wait_turn(self) -> float:
        """Wait while requests are answered and the jobs used their CPU share; returns the
        CPU reserved for the job (what a job has been taking), so that jobs starting
        together do not overdraw the share. One job waits for the credit at a time, the
        others for it, without waking: eight workers waking together each time the
        credit comes back took the interpreter from the threads answering Slack."""
        with self._turn:
            while True:
                with self._changed:
                    if not (self._requests_waiting() and self._credit() <= 0):
                        reserved = self._typical_cpu
                        self._cpu_credit -= reserved
                        return reserved
                    delay = -self._cpu_credit / self._share + 0.001
                time.sleep(delay)

    def _requests_waiting(self) -> bool:
        """A request is being answered, or one came a moment ago: more are likely on their
        way, still being read by the server's one reading thread, which must not starve."""
        return (
            bool(self._answering)
            or time.monotonic() - self._last_request < RECENT_SECONDS
            or self._answering_elsewhere()
        )

    def _credit(self) -> float:
        """The CPU credit now (call with the lock held)."""
        now = time.monotonic()
        refill = (now - self._refilled) * self._share
        self._cpu_credit = min(self._burst, self._cpu_credit + refill)
        self._refilled = now
        return self._cpu_credit

    def _release(self, cpu_seconds: float, reserved: float) -> None:
        with self._changed:
            self._taken -= 1
            self._typical_cpu += (cpu_seconds - self._typical_cpu) / 8
            # A long job spent freely delays the next ones by at most one turn.
            self._cpu_credit = max(-self._burst, self._credit() + reserved - cpu_seconds)
            self._changed.notify_all()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """True once nothing runs or waits (tests, shutdown); False after `timeout`."""
        with self._changed:
            return self._changed.wait_for(lambda: self._taken == 0, timeout=timeout)

    def shutdown(self) -> None:
        """Finish what was taken, refuse the rest."""
        self._executor.shutdown(wait=True)
