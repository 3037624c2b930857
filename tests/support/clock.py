"""A clock that moves only when slept on: pacing tested without waiting."""

from __future__ import annotations


class FakeTime:
    """`monotonic()` and `sleep()` for `bot.scheduling.pacing.Pacer`; `slept` lists each
    sleep, so a test can see what was waited for."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"asked to sleep {seconds} s"
        self.slept.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds
