"""The tests' fake Slack Web API as a separate process, so it does not share the measured
servers' CPU time slices in-process.

    python -m bench.fake_slack_process [USERS] [--rate-limit] [--report]

Users `U0…` have the e-mails `user0@ntnu.no…`. `--rate-limit` limits `chat.postMessage` as
Slack does (`FakeSlack.rate_limit`'s defaults: one a second per conversation, a workspace
burst of 50, then 2 a second). `--report` prints, on SIGTERM, one line `REPORT {json}`
counting the posts: the calls, the first and the last accepted, the longest pauses
between two, the 429s, and the outbox keys of the accepted posts (duplicates included).
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
from collections import Counter

from bench.common import BOT_TOKEN
from tests.support.fake_slack import FakeSlack


def post_report(fake: FakeSlack) -> dict[str, object]:
    """What the fake saw of `chat.postMessage`: times are `time.monotonic()`, which every
    process on the machine shares."""
    posts = fake.calls("chat.postMessage")
    accepted = [call for call in posts if call.ok]
    keys = Counter(
        ((call.params.get("metadata") or {}).get("event_payload") or {}).get("key")
        for call in accepted
    )
    times = [call.time for call in posts]
    gaps = sorted(
        ((after - before, before) for before, after in zip(times, times[1:], strict=False)),
        reverse=True,
    )
    return {
        "calls": len(posts),
        # The longest pauses between two posts: (seconds, when it began).
        "longest_gaps": gaps[:3],
        "rate_limited": sum(1 for call in posts if call.status == 429),
        "first_call": min((call.time for call in posts), default=None),
        "last_accepted": max((call.time for call in accepted), default=None),
        "keys": dict(keys),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("users", type=int, nargs="?", default=100)
    parser.add_argument("--rate-limit", action="store_true")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    fake = FakeSlack(bot_token=BOT_TOKEN)
    for index in range(args.users):
        locale = "nb-NO" if index % 2 else "en-US"
        fake.add_user(f"U{index}", email=f"user{index}@ntnu.no", locale=locale, name=f"U {index}")
    if args.rate_limit:
        fake.rate_limit("chat.postMessage")
    print(f"READY {fake.base_url.rsplit(':', 1)[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    if args.report:
        print("REPORT " + json.dumps(post_report(fake)), flush=True)
    fake.close()


if __name__ == "__main__":
    main()
