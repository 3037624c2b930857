"""The help message of `/sensur help`, the DM greeting and the Home tab's help section."""

from __future__ import annotations

from functools import lru_cache

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

from bot.i18n import t
from bot.settings import HelpContacts

COMMAND_KEYS = ("help", "status", "why", "template", "approve", "open", "export", "reopen")


def help_contacts_lines(lang: str, contacts: HelpContacts) -> list[str]:
    params = {
        "login_name": contacts.login_name,
        "login_phone": contacts.login_phone,
        "login_email": contacts.login_email,
        "exam_office": contacts.exam_office,
    }
    keys = ("login", "department", "guidance", "compensation")
    return [t(lang, f"help.contacts.{key}", **params) for key in keys]


def help_blocks(lang: str, contacts: HelpContacts, lead: str | None = None) -> list[Block]:
    blocks: list[Block] = []
    if lead:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=lead)))
    commands = "\n".join(f"• {t(lang, f'help.cmd.{key}')}" for key in COMMAND_KEYS)
    contact_lines = "\n".join(f"• {line}" for line in help_contacts_lines(lang, contacts))
    blocks += [
        HeaderBlock(text=t(lang, "help.title")),
        SectionBlock(text=MarkdownTextObject(text=t(lang, "help.intro"))),
        SectionBlock(text=MarkdownTextObject(text=commands)),
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "help.grade_sheets"))]),
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(text=f"*{t(lang, 'help.contacts.title')}*\n{contact_lines}")
        ),
    ]
    return blocks


@lru_cache(maxsize=64)
def help_message_blocks(lang: str, contacts: HelpContacts, lead: str | None = None) -> list[dict]:
    """The help as Block Kit dicts, built once per language and lead."""
    return [block.to_dict() for block in help_blocks(lang, contacts, lead)]


def help_fallback_text(lang: str) -> str:
    return t(lang, "help.title")
