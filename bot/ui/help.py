"""The help message of `/sensur help`, the DM greeting and the Home tab's help section."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

from bot.i18n import t
from bot.settings import Settings

COMMAND_KEYS = ("help", "status", "why", "template", "approve", "open", "export")


def help_contacts_lines(lang: str, settings: Settings) -> list[str]:
    params = {
        "login_name": settings.login_help_name,
        "login_phone": settings.login_help_phone,
        "login_email": settings.login_help_email,
        "exam_office": settings.exam_office_name,
    }
    keys = ("login", "department", "guidance", "compensation")
    return [t(lang, f"help.contacts.{key}", **params) for key in keys]


def help_blocks(lang: str, settings: Settings, lead: str | None = None) -> list[Block]:
    blocks: list[Block] = []
    if lead:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=lead)))
    commands = "\n".join(f"• {t(lang, f'help.cmd.{key}')}" for key in COMMAND_KEYS)
    contacts = "\n".join(f"• {line}" for line in help_contacts_lines(lang, settings))
    blocks += [
        HeaderBlock(text=t(lang, "help.title")),
        SectionBlock(text=MarkdownTextObject(text=t(lang, "help.intro"))),
        SectionBlock(text=MarkdownTextObject(text=commands)),
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "help.grade_sheets"))]),
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(text=f"*{t(lang, 'help.contacts.title')}*\n{contacts}")
        ),
    ]
    return blocks


def help_fallback_text(lang: str) -> str:
    return t(lang, "help.title")
