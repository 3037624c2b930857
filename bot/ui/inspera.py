"""What the Inspera connector tells consultants, as Block Kit: the differences between the
grader list and Inspera that a reading found (`MessageKind.inspera_differences`), rendered
at send time from the facts stored with the message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from slack_sdk.models.blocks import Block

from bot.i18n import t
from bot.inspera.differences import DifferenceKind, committees_text
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md

# Lines listed in one message; the rest are counted (`sensorbot status TEST` has them all).
MAX_LISTED = 60

_SLACK_KEYS = {
    DifferenceKind.missing_in_inspera: "inspera.difference.missing_in_inspera",
    DifferenceKind.missing_in_roster: "inspera.difference.missing_in_roster",
    DifferenceKind.other_email: "inspera.difference.other_email",
    DifferenceKind.other_committee: "inspera.difference.other_committee",
}


class Facts(Protocol):
    """A message's params with the renderer's helpers (`bot.ui.outgoing`'s facts)."""

    params: Mapping[str, Any]
    lang: str

    def t(self, key: str, **params: object) -> Mrkdwn: ...

    def plain(self, key: str, **params: object) -> str: ...


def difference_line(lang: str, item: Mapping[str, Any]) -> Mrkdwn:
    """One difference as a message carries it (`bot.inspera.sync.message_facts`)."""
    kind = DifferenceKind(item["kind"])
    if kind == DifferenceKind.other_email and not item.get("address"):
        return md(lang, "inspera.difference.no_email", name=item["name"])
    key = _SLACK_KEYS[kind]
    return md(
        lang,
        key,
        name=item["name"],
        address=item.get("address") or t(lang, "inspera.address.none"),
        committees=committees_text(lang, item["roster_committees"] or item["inspera_committees"]),
        roster=committees_text(lang, item["roster_committees"]),
        inspera=committees_text(lang, item["inspera_committees"]),
    )


def inspera_differences(f: Facts) -> tuple[Mrkdwn, list[Block]]:
    items = f.params["differences"]
    lines = [Mrkdwn("• ") + difference_line(f.lang, item) for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(md(f.lang, "inspera.differences.more", count=len(items) - MAX_LISTED))
    blocks: list[Block] = [
        kit.header(f.plain("inspera.differences.header")),
        kit.section(f.t("inspera.differences.intro", count=len(items))),
        *kit.sections(lines),
        kit.context(md(f.lang, "inspera.differences.advice")),
    ]
    return f.t("inspera.differences.fallback", count=len(items)), blocks
