"""Helpers listeners share to reach the runtime and the person asking."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.runtime import Asker, Runtime


def runtime_of(context: BoltContext) -> Runtime:
    return context["runtime"]


def asker_of(context: BoltContext, client: WebClient, user_id: str) -> Asker:
    return runtime_of(context).asker(client, user_id)
