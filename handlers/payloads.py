"""Reading the raw value of the control a person used; the codecs in `bot/ui` decode it."""

from __future__ import annotations


def action_value(body: dict) -> str:
    """The pressed button's value ("" when there is none)."""
    return str(_action(body).get("value") or "")


def selected_value(body: dict) -> str:
    """The chosen option's value of a menu ("" when there is none)."""
    return str((_action(body).get("selected_option") or {}).get("value") or "")


def typed_value(view: dict, block_id: str, action_id: str) -> str:
    """What was typed into a modal's input ("" when nothing was)."""
    values = (view.get("state") or {}).get("values") or {}
    return str((values.get(block_id) or {}).get(action_id, {}).get("value") or "")


def _action(body: dict) -> dict:
    actions = body.get("actions") or [{}]
    return actions[0] if isinstance(actions[0], dict) else {}
