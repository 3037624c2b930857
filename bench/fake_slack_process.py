"""The tests' fake Slack Web API as a separate process, so it does not share the measured
servers' CPU time slices in-process.

    python -m bench.fake_slack_process [USERS] [--rate-limit] [--answer-ms MS] [--report]
                                       [--email-prefix user]

Users `U0…` have the e-mails `user0@ntnu.no…` (`--email-prefix`). `--rate-limit` limits
`chat.postMessage` as Slack does (`FakeSlack.rate_limit`'s defaults: one a second per
conversation, a workspace burst of 50, then 2 a second). `--answer-ms` makes every answer
take that long. `--report` prints, on SIGTERM (and, going on, on SIGUSR1), one line
`REPORT {json}` counting the posts: the calls, the first and the last accepted, the longest
pauses between two, the 429s, the outbox keys of the accepted posts (duplicates included),
and when each `response_url` key first arrived.
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
from collections import Counter

from bench.common import BOT_TOKEN
from tests.support.fake_slack import FakeSlack
from tests.support.slow_slack import SlowSlack


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
        "responses": response_times(fake),
    }


def response_times(fake: FakeSlack) -> dict[str, float]:
    """`response_url` key → when its first post arrived (`time.monotonic()`)."""
    first: dict[str, float] = {}
    for call in fake.calls("response_url"):
        first.setdefault(call.params["_key"], call.time)
    return first


def print_report(fake: FakeSlack) -> None:
    print("REPORT " + json.dumps(post_report(fake)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("users", type=int, nargs="?", default=100)
    parser.add_argument("--rate-limit", action="store_true")
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--answer-ms", type=float, default=0.0)
    parser.add_argument("--email-prefix", default="user", help="users U<n> are <prefix><n>@ntnu.no")
    args = parser.parse_args()
    fake = SlowSlack(args.answer_ms / 1000, bot_token=BOT_TOKEN)
    for index in range(args.users):
        locale = "nb-NO" if index % 2 else "en-US"
        fake.add_user(
            f"U{index}",
            email=f"{args.email_prefix}{index}@ntnu.no",
            locale=locale,
            name=f"U {index}",
        )
    if args.rate_limit:
        fake.rate_limit("chat.postMessage")
    print(f"READY {fake.base_url.rsplit(':', 1)[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if args.report:  # SIGUSR1: a report now, and the fake goes on
        signal.signal(signal.SIGUSR1, lambda *_: print_report(fake))
    stop.wait()
    if args.report:
        print_report(fake)
    fake.close()


if __name__ == "__main__":
    main()
