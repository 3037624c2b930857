"""The help message of `/sensur help`, the DM greeting and the Home tab's help section."""

from __future__ import annotations

from functools import lru_cache

from slack_sdk.models.blocks import Block

from bot.i18n import t
from bot.settings import HelpContacts
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md

COMMAND_KEYS = ("help", "status", "why", "template", "approve", "open", "export", "reopen")


def help_contacts_lines(lang: str, contacts: HelpContacts) -> list[Mrkdwn]:
    params = {
        "login_name": contacts.login_name,
        "login_phone": contacts.login_phone,
        "login_email": contacts.login_email,
        "exam_office": contacts.exam_office,
    }
    keys = ("login", "department", "guidance", "compensation")
    return [md(lang, f"help.contacts.{key}", **params) for key in keys]


def help_blocks(lang: str, contacts: HelpContacts, lead: Mrkdwn | None = None) -> list[Block]:
    blocks: list[Block] = []
    if lead:
        blocks.append(kit.section(lead))
    commands = kit.bullets(md(lang, f"help.cmd.{key}") for key in COMMAND_KEYS)
    contact_lines = kit.bullets(help_contacts_lines(lang, contacts))
    blocks += [
        kit.header(t(lang, "help.title")),
        kit.section(md(lang, "help.intro")),
        kit.section(commands),
        kit.context(md(lang, "help.grade_sheets")),
        kit.divider(),
        kit.section(kit.lines([kit.bold(md(lang, "help.contacts.title")), contact_lines])),
    ]
    return blocks


def help_message_blocks(
    lang: str, contacts: HelpContacts, lead: Mrkdwn | None = None
) -> list[dict]:
    """The help as Block Kit dicts, built once per language and lead."""
    return _help_message_blocks(lang, contacts, lead)


@lru_cache(maxsize=64)
def _help_message_blocks(lang: str, contacts: HelpContacts, lead: Mrkdwn | None) -> list[dict]:
    return [block.to_dict() for block in help_blocks(lang, contacts, lead)]


def help_fallback_text(lang: str) -> str:
    return t(lang, "help.title")
