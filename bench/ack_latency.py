"""`/sensur why` ack and full-reply latency under concurrent load, beside a bare Bolt app
that only acks, both served the same way (waitress + Bolt's WSGI adapter), side by side in
one run: 1, 20 and 100 concurrent clients, with the fake Slack answering every Web API
call and `response_url` post in 0, 100 and 200 ms.

    python -m bench.ack_latency [--requests 900] [--rounds 3] [--clients 1,20,100]
                                [--answer-ms 0,100,200]

Each client sends signed `/sensur why` commands one after the other, each as soon as the
previous one was acknowledged (it does not wait for the reply), so both apps get as many
requests as they can acknowledge. Ack: from sending the request until its HTTP answer.
Full reply (Sensorbot): from sending until the reply reached the fake Slack's
`response_url`; a request answered "busy, try again" in its ack has none and is counted.
The servers run on CPU 0, Sensorbot's work process with them (it keeps the answering
process's CPU); this load generator and the fake Slack (its own process) on CPU 1.
Sensorbot's store: 200 tests, 2,000 graders, 20,000 candidates; the askers are 100 of those
graders (and Slack's users.info, asked on each person's first command, answers
as slowly as the rest).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bench.common import (
    KeepAliveClient,
    figure,
    percentile,
    pin_to_cpu,
    print_figures,
    server_env,
    signed_command,
    start_process,
    stop_process,
)
from bench.large_store import StoreSize, build_large_store
from models.db import make_engine, upgrade

USERS = 100
STORE = StoreSize(tests=200, graders=2_000, candidates=20_000)
TARGET_RATIO = 1.5  # ack p99 against the bare app's
TARGET_MAX_S = 1.0  # no ack slower
BUSY = ("very busy", "mye å gjøre")
REPLY_WAIT_SECONDS = 60


@dataclass
class Sample:
    acks: list[float] = field(default_factory=list)
    sent: dict[str, float] = field(default_factory=dict)  # response_url key → monotonic
    busy: int = 0


def measure(port: int, response_base: str, tag: str, requests: int, clients: int) -> Sample:
    sample = Sample()
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def client_loop(client_index: int) -> None:
        client = KeepAliveClient(port)
        for i in range(per_client):
            key = f"{tag}-{client_index}-{i}"
            user = f"U{(client_index * per_client + i) % USERS}"
            body, headers = signed_command(user, "why", f"{response_base}/{key}")
            sent = time.monotonic()
            status, seconds, answer = client.post_reading(body, headers)
            if status != 200:
                raise RuntimeError(f"status {status}")
            busy = bool(answer) and any(word in json.loads(answer)["text"] for word in BUSY)
            with lock:
                sample.acks.append(seconds)
                if busy:
                    sample.busy += 1
                else:
                    sample.sent[key] = sent

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client_loop, range(clients)))
    return sample


@dataclass
class Cell:
    clients: int
    answer_ms: int
    bare: Sample
    bot: Sample
    replies: list[float]


def run_answer_time(
    answer_ms: int, store_url: str, clients_list: list[int], requests: int, rounds: int
) -> list[Cell]:
    fake, fake_port = start_process(
        [
            "-m",
            "bench.fake_slack_process",
            str(USERS),
            "--report",
            "--answer-ms",
            str(answer_ms),
            "--email-prefix",
            "grader",
        ],
        {},
        cpu=1,
    )
    env = server_env(f"http://127.0.0.1:{fake_port}/api/", store_url)
    response_base = f"http://127.0.0.1:{fake_port}/response"
    servers = {}
    cells: list[tuple[int, Sample, Sample]] = []
    try:
        for kind in ("bare", "sensorbot"):
            servers[kind] = start_process(["-m", "bench.serve", kind], env, cpu=0)
        for clients in clients_list:
            bare, bot = Sample(), Sample()
            for kind, (_, port) in servers.items():  # warm-up: Slack's auth.test, caches
                measure(port, response_base, f"warm{kind}{clients}", 2 * clients, clients)
            time.sleep(1 + answer_ms / 50)  # the warm-up's replies, not waited for
            for round_ in range(rounds):  # interleaved, so noise hits both alike
                for kind, (_, port) in servers.items():
                    tag = f"{kind}{clients}r{round_}"
                    got = measure(port, response_base, tag, requests // rounds, clients)
                    into = bot if kind == "sensorbot" else bare
                    into.acks += got.acks
                    into.sent.update(got.sent)
                    into.busy += got.busy
                _wait_for_replies(fake, bot.sent)
            cells.append((clients, bare, bot))
        arrived = _responses(fake)
    finally:
        for process, _ in servers.values():
            stop_process(process)
        stop_process(fake)
    return [
        Cell(clients, answer_ms, bare, bot, _replies(bot, arrived)) for clients, bare, bot in cells
    ]


def _responses(fake: subprocess.Popen) -> dict[str, float]:
    """What the fake Slack's `response_url` received so far: key → arrival."""
    assert fake.stdout is not None
    for _ in range(5):
        fake.send_signal(signal.SIGUSR1)
        if select.select([fake.stdout], [], [], 10)[0]:
            line = fake.stdout.readline()
            if line.startswith("REPORT "):
                return json.loads(line.removeprefix("REPORT "))["responses"]
    raise RuntimeError("the fake Slack does not report")


def _wait_for_replies(fake: subprocess.Popen, sent: dict[str, float]) -> None:
    """Until every request taken has its reply (or a minute passed: those are lost)."""
    deadline = time.monotonic() + REPLY_WAIT_SECONDS
    while time.monotonic() < deadline and not set(sent) <= set(_responses(fake)):
        time.sleep(0.5)


def _replies(sample: Sample, arrived: dict[str, float]) -> list[float]:
    return [arrived[key] - sent for key, sent in sample.sent.items() if key in arrived]


def cell_figures(cell: Cell) -> list[dict[str, object]]:
    where = f"{cell.clients} clients, Slack {cell.answer_ms} ms"
    bare_p99 = percentile(cell.bare.acks, 99)
    bot_p99 = percentile(cell.bot.acks, 99)
    slowest = max(cell.bot.acks)
    replies = cell.replies
    unanswered = len(cell.bot.sent) - len(replies)
    answered = f"{len(replies)} replies, {cell.bot.busy} busy, {unanswered} lost"
    return [
        figure(
            f"ack p99, {where} (bare Bolt {bare_p99 * 1000:.1f} ms)",
            f"≤ {TARGET_RATIO}× bare",
            f"{bot_p99 * 1000:.1f} ms",
            bot_p99 / bare_p99,
            bot_p99 <= TARGET_RATIO * bare_p99,
        ),
        figure(
            f"slowest ack, {where}",
            f"≤ {TARGET_MAX_S * 1000:.0f} ms",
            f"{slowest * 1000:.1f} ms",
            slowest / TARGET_MAX_S,
            slowest <= TARGET_MAX_S,
        ),
        figure(
            f"why full reply p50 / p99, {where} ({answered})",
            "every request answered",
            f"{percentile(replies, 50) * 1000:.0f} / {percentile(replies, 99) * 1000:.0f} ms",
            None,
            unanswered == 0,
        ),
    ]


def figures(
    requests: int = 900,
    rounds: int = 3,
    clients: tuple[int, ...] = (1, 20, 100),
    answer_ms: tuple[int, ...] = (0, 100, 200),
) -> list[dict[str, object]]:
    pin_to_cpu(os.getpid(), 1)
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store_url = f"sqlite:///{tmp}/bench.db"
        engine = make_engine(store_url)
        upgrade(engine)
        build_large_store(engine, datetime.now(UTC), STORE)
        engine.dispose()
        for ms in answer_ms:
            for cell in run_answer_time(ms, store_url, list(clients), requests, rounds):
                results += cell_figures(cell)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=900, help="per app and cell")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", default="1,20,100")
    parser.add_argument("--answer-ms", default="0,100,200")
    args = parser.parse_args()
    print_figures(
        figures(
            args.requests,
            args.rounds,
            tuple(int(c) for c in args.clients.split(",")),
            tuple(int(ms) for ms in args.answer_ms.split(",")),
        )
    )


if __name__ == "__main__":
    main()
