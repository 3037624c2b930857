"""Reading Block Kit messages in tests: their visible text and their buttons."""

from __future__ import annotations

from typing import Any


def visible_text(message: dict[str, Any]) -> str:
    """Every text a reader sees in a message (blocks and fallback), one per line."""
    parts = [str(message.get("text") or "")]
    for block in message.get("blocks") or []:
        parts += _texts(block)
    return "\n".join(parts)


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        for key, value in node.items():
            if key != "text" or not isinstance(value, str):
                found += _texts(value)
        return found
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(action_id, value) of every button in the message."""
    found = []
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found.append((element["action_id"], element.get("value", "")))
        accessory = block.get("accessory") or {}
        if accessory.get("type") == "button":
            found.append((accessory["action_id"], accessory.get("value", "")))
    return found


FIRST_DM_SWITCH = "first_dm_language"  # bot.ui.language.with_language_switch's block


def message_blocks(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The message's own blocks: without the language switch the first DM a person ever
    gets from the bot carries under it."""
    return [b for b in message.get("blocks") or [] if b.get("block_id") != FIRST_DM_SWITCH]
