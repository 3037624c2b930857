"""The tests' fake Slack Web API as a separate process, so it does not share the measured
servers' CPU time slices in-process."""

from __future__ import annotations

import signal
import sys
import threading

from bench.common import BOT_TOKEN
from tests.support.fake_slack import FakeSlack


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    fake = FakeSlack(bot_token=BOT_TOKEN)
    for index in range(users):
        locale = "nb-NO" if index % 2 else "en-US"
        fake.add_user(f"U{index}", email=f"user{index}@ntnu.no", locale=locale, name=f"U {index}")
    print(f"READY {fake.base_url.rsplit(':', 1)[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    fake.close()


if __name__ == "__main__":
    main()
