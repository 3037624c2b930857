"""The help of `/sensur help`, the DM greeting and the Home tab's Help button, by the reader's
roles: a grader sees the grader's commands, a study consultant the consultant's, someone
who is both sees both. Someone the store knows in neither role (a grader whose setup is not
there yet, most likely) sees the grader's, which are the ones that tell them what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.exams.people import Roles
from bot.i18n import t
from bot.settings import HelpContacts
from bot.ui import kit
from bot.ui.kit import Mrkdwn, md

GRADER_COMMANDS = ("status", "why", "template", "approve", "done")
CONSULTANT_COMMANDS = ("consultant_status", "open", "export", "reopen")
COMMON_COMMANDS = ("language", "help")
COMMAND_KEYS = GRADER_COMMANDS + CONSULTANT_COMMANDS + COMMON_COMMANDS


@dataclass(frozen=True)
class Audience:
    """Which commands a reader is shown."""

    grader: bool
    consultant: bool

    @classmethod
    def of(cls, roles: Roles) -> Audience:
        consultant = roles.is_consultant or roles.is_admin
        return cls(grader=roles.grader is not None or not consultant, consultant=consultant)


def help_contacts_lines(lang: str, contacts: HelpContacts) -> list[Mrkdwn]:
    params = {
        "login_name": contacts.login_name,
        "login_phone": contacts.login_phone,
        "login_email": contacts.login_email,
        "exam_office": contacts.exam_office,
    }
    keys = ("login", "department", "guidance", "compensation")
    return [md(lang, f"help.contacts.{key}", **params) for key in keys]


def _commands(lang: str, keys: tuple[str, ...]) -> Mrkdwn:
    return kit.bullets(md(lang, f"help.cmd.{key}") for key in keys)


def help_blocks(
    lang: str, contacts: HelpContacts, audience: Audience, lead: Mrkdwn | None = None
) -> list[Block]:
    blocks: list[Block] = []
    if lead:
        blocks.append(kit.section(lead))
    blocks += [kit.header(t(lang, "help.title")), kit.section(md(lang, "help.intro"))]
    both = audience.grader and audience.consultant
    if audience.grader:
        commands = _commands(lang, GRADER_COMMANDS)
        if both:
            commands = kit.lines([kit.bold(md(lang, "help.grader.title")), commands])
        blocks += [kit.section(commands), kit.context(md(lang, "help.grade_sheets"))]
    if audience.consultant:
        commands = _commands(lang, CONSULTANT_COMMANDS)
        if both:
            commands = kit.lines([kit.bold(md(lang, "help.consultant.title")), commands])
        blocks.append(kit.section(commands))
    contact_lines = kit.bullets(help_contacts_lines(lang, contacts))
    blocks += [
        kit.section(_commands(lang, COMMON_COMMANDS)),
        kit.divider(),
        kit.section(kit.lines([kit.bold(md(lang, "help.contacts.title")), contact_lines])),
    ]
    return blocks


def help_message_blocks(
    lang: str, contacts: HelpContacts, audience: Audience, lead: Mrkdwn | None = None
) -> list[dict]:
    """The help as Block Kit dicts, built once per language, audience and lead."""
    return _help_message_blocks(lang, contacts, audience, lead)


@lru_cache(maxsize=64)
def _help_message_blocks(
    lang: str, contacts: HelpContacts, audience: Audience, lead: Mrkdwn | None
) -> list[dict]:
    return [block.to_dict() for block in help_blocks(lang, contacts, audience, lead)]


def help_fallback_text(lang: str) -> str:
    return t(lang, "help.title")


def help_modal(lang: str, contacts: HelpContacts, audience: Audience) -> View:
    """The help in a modal, for the Home tab's Help button."""
    return View(
        type="modal",
        title=kit.plain(t(lang, "help.modal_title"), kit.MODAL_TITLE),
        close=kit.plain(t(lang, "help.close"), kit.MODAL_TITLE),
        blocks=help_blocks(lang, contacts, audience),
    )
