"""Slash-command ack latency: the real Sensorbot vs a bare Bolt app that only acks, served
the same way (waitress + Bolt's WSGI adapter), measured side by side in one run.

    python -m bench.ack_latency [--requests 600] [--concurrency 1,20]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

from bench.common import (
    KeepAliveClient,
    pin_to_cpu,
    server_env,
    signed_command,
    start_process,
    stop_process,
    summary,
)

USERS = 100


def measure(port: int, response_url: str, requests: int, concurrency: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = max(1, requests // concurrency)

    def client_loop(client_index: int) -> None:
        client = KeepAliveClient(port)
        for i in range(per_client):
            user = f"U{(client_index * per_client + i) % USERS}"
            body, headers = signed_command(user, "help", response_url)
            status, seconds = client.post(body, headers)
            if status != 200:
                raise RuntimeError(f"status {status}")
            with lock:
                latencies.append(seconds)

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client_loop, range(concurrency)))
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", default="1,20")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    # Servers on CPU 0; this load generator and the fake Slack on CPU 1.
    pin_to_cpu(os.getpid(), 1)
    fake, fake_port = start_process(["-m", "bench.fake_slack_process", str(USERS)], {}, cpu=1)
    api_url = f"http://127.0.0.1:{fake_port}/api/"
    response_url = f"http://127.0.0.1:{fake_port}/response/bench"
    servers = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(api_url, f"sqlite:///{tmp}/bench.db")
        try:
            for kind in ("bare", "sensorbot"):
                servers[kind] = start_process(["-m", "bench.serve", kind], env, cpu=0)
            print(f"{'clients':>7} {'app':>10} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}")
            for concurrency in [int(c) for c in args.concurrency.split(",")]:
                results: dict[str, list[float]] = {kind: [] for kind in servers}
                for _, port in servers.values():  # warm-up
                    measure(port, response_url, 50, concurrency)
                for _ in range(args.rounds):  # interleave so noise hits both alike
                    for kind, (_, port) in servers.items():
                        results[kind] += measure(
                            port, response_url, args.requests // args.rounds, concurrency
                        )
                stats = {kind: summary(values) for kind, values in results.items()}
                for kind, s in stats.items():
                    print(
                        f"{concurrency:>7} {kind:>10} {s['n']:>6} "
                        f"{s['p50'] * 1000:>8.2f} {s['p99'] * 1000:>8.2f}"
                    )
                ratio = stats["sensorbot"]["p99"] / stats["bare"]["p99"]
                ratio50 = stats["sensorbot"]["p50"] / stats["bare"]["p50"]
                print(f"{concurrency:>7} {'ratio':>10} {'':>6} {ratio50:>8.2f} {ratio:>8.2f}")
        finally:
            for process, _ in servers.values():
                stop_process(process)
            stop_process(fake)


if __name__ == "__main__":
    main()
