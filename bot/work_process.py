"""The work process: where `sensorbot run` (HTTP) does the slow part of Slack's requests and
runs the scheduler, apart from the process that answers Slack.

Python runs one thread of a process at a time. In one process, a request's acknowledgement
waited each time the listeners' slow work (the store, rendering, the garbage collector)
held the interpreter; with one person sending command after command, one ack in fifty took
several times as long as a bare app's. Apart, the answering process only reads, checks and
acknowledges, and the work process, at a lower CPU priority, has the CPU whenever the
answering process does not need it; while requests come in a rush it also steps aside
(`_Rush`).

The answering process hands each acknowledged request over as Slack sent it (body and
headers, the signature already checked), and counts what it handed over; the work process
dispatches it again, to the same listeners, which now do their work after the
acknowledgement, and says when each is done. At most `SENSORBOT_WORK_THREADS` +
`SENSORBOT_WORK_QUEUE` requests are handed over and not yet done; beyond that, the person is
told "busy, try again", as in one process.

The work process stops when the answering process tells it to, after the last request was
answered: what it was handed is worked first. It also stops when the answering process is
gone. When it ends on its own (killed, crashed), it is started again, and the requests it had
not finished are logged as lost.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

from slack_bolt import BoltRequest
from sqlalchemy import event

from bot.settings import Settings
from bot.slack.identity import Learnt
from bot.slack.slow_work import SlowWork

logger = logging.getLogger(__name__)

# How long the work process may take to start (import, connect to the store) or to finish
# what it was handed when told to stop.
START_SECONDS = 60.0
STOP_SECONDS = 60.0
# How often the answering process looks whether the work process is still there.
LOOK_SECONDS = 1.0
# What the pipe to the work process holds before a request thread would wait for it to read:
# enough for every request it may be handed at once, which are a few kilobytes each.
PIPE_BYTES = 2**20
# Slack's requests in a rush: more than this many a second (a whole university's graders at
# work send a few). Meanwhile the jobs start within this share of the CPU, so that the CPU is
# free for the acknowledgements: at the lowest priority the work still slowed them, one in
# fifty several times as long as a bare app's (bench.ack_latency, one client).
RUSH_PER_SECOND = 500
RUSH_SECONDS = 0.1  # after the last request, the rush is over
# A rush is known from this many requests in a row at its rate: the first moments of a burst
# are when the work process starts the most jobs. (A moving average of the time between two
# requests took twenty requests to forget a quiet minute, and those acks were the slowest.)
RUSH_REQUESTS = 4
RUSH_PAUSE_SECONDS = 1.0
RUSH_LOOK_SECONDS = 0.005
RUSH_CPU_SHARE = 0.01
# Where SCHED_IDLE does not exist (not Linux): the niceness of the work process instead.
WORK_NICENESS = 10
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# A request handed over: its body as Slack sent it, and its headers.
Job = tuple[str, dict[str, str | Sequence[str]]]


class WorkProcessFailed(Exception):
    """The work process could not start: `detail` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the work process did not start: {detail}")
        self.detail = detail


@dataclass
class _Link:
    """One work process, and what joins the answering process to it."""

    process: SpawnProcess
    jobs: Connection  # the requests handed over, written by the answering process
    news: Connection  # what the work process tells: ready, people learnt, stopped
    finished: Any  # a shared counter: requests the work process is done with
    handed: int = field(default=0)  # requests handed over (under WorkProcess._lock)

    @property
    def taken(self) -> int:
        return self.handed - self.finished.value


class WorkProcess:
    """The answering process's side: hands requests over, and knows how many are not done.

    Nothing is sent back per request: the work process counts what it finished in shared
    memory, which the answering process reads when it hands the next one over. Only what
    it learnt of people comes back by message, and only when it changed.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.capacity = settings.work_threads + settings.work_queue
        # Told what the work process learnt of a person (the answering process says "busy"
        # in their language), and called about every LOOK_SECONDS.
        self.on_learnt: Callable[[Learnt], None] = lambda _learnt: None
        self.on_look: Callable[[], None] = lambda: None
        self._spawn = multiprocessing.get_context("spawn")
        # When the last RUSH_REQUESTS requests here began, and how many began (see `_Rush`).
        self._arrivals = self._spawn.RawArray(ctypes.c_double, RUSH_REQUESTS + 1)
        self._lock = threading.Lock()  # the link, its count handed over, its pipe
        self._link: _Link | None = None
        self._stopping = False
        self._collector: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        link = self._link
        return link.process.pid if link is not None else None

    def start(self) -> None:
        """Start the work process and wait until it is ready; WorkProcessFailed if not."""
        self._link = self._launch()
        self._collector = threading.Thread(target=self._collect, name="work-process", daemon=True)
        self._collector.start()

    def submit(self, body: str, headers: Mapping[str, Sequence[str] | str]) -> bool:
        """Hand a request over; False (and nothing is handed over) when full or stopping."""
        job = pickle.dumps((body, dict(headers)))
        with self._lock:
            link = self._link
            if self._stopping or link is None or link.taken >= self.capacity:
                return False
            try:
                link.jobs.send_bytes(job)
            except OSError as error:  # it ended; the collector starts another
                logger.warning("could not hand a request to the work process: %s", error)
                return False
            link.handed += 1
        return True

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Marks a request being answered here (see `_Rush`), without a lock: two request
        threads writing at once leave a figure a little off, which is no matter."""
        arrivals = self._arrivals
        began = int(arrivals[RUSH_REQUESTS])
        arrivals[began % RUSH_REQUESTS] = time.monotonic()
        arrivals[RUSH_REQUESTS] = began + 1
        yield

    def stop(self) -> None:
        """Let the work process finish what it was handed, then end it."""
        with self._lock:
            self._stopping = True
            link = self._link
            if link is not None:
                try:
                    link.jobs.send_bytes(pickle.dumps(None))
                except OSError as error:
                    logger.warning("could not tell the work process to stop: %s", error)
        if link is None:
            return
        if self._collector is not None:
            self._collector.join(STOP_SECONDS)
        link.process.join(STOP_SECONDS)
        if link.process.is_alive():
            logger.error("the work process did not stop within %.0f s; ending it", STOP_SECONDS)
            link.process.terminate()
            link.process.join(STOP_SECONDS)
        link.jobs.close()
        link.news.close()

    def _launch(self) -> _Link:
        jobs_out, jobs_in = self._spawn.Pipe(duplex=False)
        news_out, news_in = self._spawn.Pipe(duplex=False)
        _widen(jobs_in)
        finished = self._spawn.RawValue(ctypes.c_longlong, 0)
        process = self._spawn.Process(
            target=work,
            args=(
                self._settings,
                jobs_out,
                news_in,
                finished,
                self._arrivals,
                logging.getLogger().level,
            ),
            name="sensorbot-work",
            daemon=True,  # never outlives this process, whatever ends it
        )
        process.start()
        # Its ends are its own now: a pipe it no longer holds reads as ended.
        jobs_out.close()
        news_in.close()
        deadline = time.monotonic() + START_SECONDS
        try:
            while not news_out.poll(LOOK_SECONDS):
                if not process.is_alive():
                    raise WorkProcessFailed(f"it ended with exit code {process.exitcode}")
                if time.monotonic() > deadline:
                    raise WorkProcessFailed(f"not ready after {START_SECONDS:.0f} s")
            message = news_out.recv()
        except EOFError:
            message = ("failed", f"it ended with exit code {process.exitcode}")
        except WorkProcessFailed:
            process.terminate()
            raise
        if message[0] != "ready":
            process.join(STOP_SECONDS)
            raise WorkProcessFailed(str(message[1]))
        logger.info("the work process (pid %s) is ready", process.pid)
        return _Link(process, jobs_in, news_out, finished)

    def _collect(self) -> None:
        """Takes in what the work process tells; starts it again when it ended on its own."""
        while True:
            link = self._link
            assert link is not None
            self.on_look()
            try:
                if not link.news.poll(LOOK_SECONDS):
                    if link.process.is_alive():
                        continue
                    raise EOFError
                message = link.news.recv()
            except EOFError:
                if self._stopping:
                    return
                self._replace(link)
                continue
            if message[0] == "stopped":
                return
            if message[0] == "learnt":
                self.on_learnt(message[1])

    def _replace(self, ended: _Link) -> None:
        """After the work process ended on its own: what it had not done is logged as
        lost, and a new one is started (until one starts); meanwhile requests are busy."""
        with self._lock:
            self._link = None
        ended.process.join(STOP_SECONDS)
        logger.error(
            "the work process ended (exit code %s); requests handed to it and not done: %d, "
            "lost; starting it again",
            ended.process.exitcode,
            ended.taken,
        )
        ended.jobs.close()
        ended.news.close()
        while not self._stopping:
            try:
                link = self._launch()
            except WorkProcessFailed as error:
                logger.error("%s; trying again in %.0f s", error, LOOK_SECONDS * 5)
                time.sleep(LOOK_SECONDS * 5)
                continue
            with self._lock:
                self._link = link
            return


def _widen(pipe: Connection) -> None:
    """Room for every request handed over at once, so that a request thread does not wait
    for the work process to read (Linux; elsewhere the pipe keeps its size)."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), set_size, PIPE_BYTES)
    except OSError as error:  # above /proc/sys/fs/pipe-max-size
        logger.info("the pipe to the work process keeps its size: %s", error)


def _lower_priority() -> None:
    """Below the answering process for the CPU. SCHED_IDLE: the kernel gives the CPU to a
    waking thread of the answering process at once, and to this process whenever nothing
    else in its own container or service wants it (the CPU is shared out between those
    first). Elsewhere, a niceness."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    else:
        os.nice(WORK_NICENESS)


class _Rush:
    """Whether the answering process is taking requests in a rush: its last RUSH_REQUESTS
    requests came less than 1/RUSH_PER_SECOND apart, and the last one a moment ago
    (`arrivals`: when each of those began, in turn, and how many began in all, kept by the
    answering process)."""

    def __init__(self, arrivals: Any) -> None:
        self._arrivals = arrivals

    def __call__(self) -> bool:
        arrivals = self._arrivals
        began = int(arrivals[RUSH_REQUESTS])
        if began < RUSH_REQUESTS:
            return False
        newest = arrivals[(began - 1) % RUSH_REQUESTS]
        oldest = arrivals[began % RUSH_REQUESTS]
        return (
            time.monotonic() - newest < RUSH_SECONDS
            and newest - oldest < (RUSH_REQUESTS - 1) / RUSH_PER_SECOND
        )


def _give_way_at_statements(engine: Any, rush: Callable[[], bool]) -> None:
    """Jobs under way pause before their next store statement while requests come in a
    rush, for at most RUSH_PAUSE_SECONDS each time: a job started before the rush takes
    tens of milliseconds of CPU, and eight of them the CPU of the whole rush."""

    def give_way(*_args: Any) -> None:
        until = time.monotonic() + RUSH_PAUSE_SECONDS
        while rush() and time.monotonic() < until:
            time.sleep(RUSH_LOOK_SECONDS)

    event.listen(engine, "before_cursor_execute", give_way)


class _News:
    """What the work process tells the answering process, from any of its threads; what
    it learnt of a person only when it changed, or when the answering process is about
    to forget it."""

    def __init__(self, pipe: Connection, ttl_seconds: float) -> None:
        self._pipe = pipe
        self._lock = threading.Lock()
        self._told: dict[str, tuple[float, Learnt]] = {}
        self._again_after = ttl_seconds / 2

    def tell(self, *message: Any) -> None:
        with self._lock:
            self._pipe.send(message)

    def learnt(self, learnt: Learnt) -> None:
        user_id = learnt[0].user_id
        now = time.monotonic()
        with self._lock:
            told = self._told.get(user_id)
            if told is not None and told[1] == learnt and now - told[0] < self._again_after:
                return
            self._told[user_id] = (now, learnt)
            self._pipe.send(("learnt", learnt))


def work(
    settings: Settings,
    jobs: Connection,
    news_pipe: Connection,
    finished: Any,
    arrivals: Any,
    log_level: int = logging.INFO,
) -> None:
    """The work process: the listeners' slow work for each request handed over, in
    `SENSORBOT_WORK_THREADS` threads, and the scheduler (unless SENSORBOT_SCHEDULER=off)."""
    # Ctrl-C and SIGTERM are for the answering process, which then tells this one to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=log_level, format=LOG_FORMAT, stream=sys.stderr)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    _lower_priority()  # before any thread starts: they keep it
    try:
        from bot.app import create_working_app
        from bot.runtime import Runtime
        from bot.scheduling.scheduler import Scheduler
        from models.db import make_engine

        engine = make_engine(settings.database_url)
        runtime = Runtime(settings, engine)
        app = create_working_app(runtime)
        scheduler = Scheduler(runtime) if settings.scheduler_enabled else None
        if scheduler is not None:
            scheduler.start()
    except Exception as error:
        logger.exception("the work process cannot start")
        news_pipe.send(("failed", f"{type(error).__name__}: {error}"))
        sys.exit(1)
    news = _News(news_pipe, runtime.identities.ttl_seconds)
    counting = threading.Lock()

    def work_one(job: Job) -> None:
        body, headers = job
        request = BoltRequest(body=body, headers=headers)
        try:
            app.dispatch(request)
            user_id = request.context.user_id
            learnt = runtime.identities.learnt(user_id) if user_id else None
            if learnt is not None:
                news.learnt(learnt)
        except Exception:
            # The listeners report their own failures to the person; this is the last line.
            logger.exception("a request's slow work failed")
        finally:
            with counting:
                finished.value += 1

    rush = _Rush(arrivals)
    pool = SlowWork(
        settings.work_threads,
        settings.work_queue,
        cpu_share=RUSH_CPU_SHARE,
        answering_elsewhere=rush,
    )
    _give_way_at_statements(engine, rush)

    def take(job: Job) -> None:
        # The answering process hands over no more than the pool takes.
        if not pool.submit(lambda: work_one(job)):
            logger.error("the work process had no room for a request handed to it")
            with counting:
                finished.value += 1

    gc.collect()
    gc.freeze()  # what start-up made lives as long as the process
    news.tell("ready")
    try:
        _take_jobs(jobs, take)
    finally:
        pool.shutdown()  # finishes what it was handed
        if scheduler is not None:
            scheduler.shutdown()
        engine.dispose()
        news.tell("stopped")


def _take_jobs(jobs: Connection, take: Callable[[Job], None]) -> None:
    """Until told to stop, or the answering process is gone (its end of the pipe closed)."""
    while True:
        try:
            job = pickle.loads(jobs.recv_bytes())
        except EOFError:
            logger.warning("the answering process is gone; the work process stops")
            return
        if job is None:
            return
        take(job)
